/* table: the chart kind "table": regions x indicators, drawn whole or
 * split across pages.
 *
 * Design note.  Everything that costs text shaping happens once, in
 * br_table_new: cells are formatted, every string is measured once (the
 * shaped text is kept by string), columns are chosen and sized, the header
 * is laid out, and the heights of the title block, the header row and the
 * foot are fixed.  br_table_draw then only places: it draws the measured
 * texts in their cells (br_text_refit) and lays out only what they do not
 * give (a cut name, a bold focus row).  So the layout engine can ask for heights as often as it likes
 * (br_table_head_height, _row_height, _foot_height), and the height draw
 * returns is always head + rows + foot, to the bit.
 *
 * Columns.  Rank (optional), region name, then one column per indicator.
 * A numeric column is a number area, right-aligned (digits line up: tabular
 * figures are the font default), followed by a hanging suffix area for
 * note markers and, for a value of another period than the column's usual
 * one, that period: "27 ¹ (Apr 2024)".  Hanging the suffix keeps the digits
 * aligned.  The header names the indicator (wrapped to at most 3 lines,
 * right-aligned over the numbers) above a line with its unit and its usual
 * period.  Indicators chosen automatically are ordered by regions reported
 * (the first is the sort and rank key, so it is the most complete); when
 * they do not all fit the width, the least reported go first and the foot
 * says how many are not shown.
 *
 * Rows all have the same height (names are cut with an ellipsis, never
 * wrapped), so a page holds a predictable number of them.  Zebra stripes
 * (#f2f2f2 on every second row, counted from the table's first row so the
 * pattern runs on across pages) guide the eye in print.
 *
 * A continuation (title false) repeats the header row under one line,
 * "Title (continued)", instead of the title block: br_table_head_height
 * (t, true) is the head of the first slice, (t, false) a continuation's.
 * With a focus (the
 * block's, else the profile's) that region's row is bold, its name in the
 * highlight colour.
 *
 * The table keeps a pointer to the br_chart_ctx it was made with, which
 * must outlive it.
 */
#include <glib.h>
#include <math.h>
#include <string.h>

#include "charts/frame.h"
#include "charts/kinds.h"
#include "charts/label.h"
#include "charts/select.h"

#define ROW_H 11.0      /* body row pitch, points */
#define GAP 12.0        /* between columns */
#define SUFFIX_PAD 0.3  /* a number to its hanging suffix */
#define HEAD_LINES 3    /* header names wrap to at most this many lines */
#define HEAD_PAD 3.0    /* header text to its rule */
#define COL_MAX 96.0    /* spare width widens number columns up to this */
#define NAME_SHARE 0.3  /* the name column takes at most this share, then ellipsis */
#define FOOT_GAP 4.0    /* last row to the source line */

typedef struct column {
    const br_indicator *ind;
    const br_observation **obs; /* per region (file order); NULL: none */
    size_t n_reported;          /* among all regions */
    const char *period;         /* the usual period of the shown values (the header's) */
    const char **num;           /* per display row; NULL: missing */
    const char **suffix;        /* per display row; NULL: none */
    double num_w, suffix_w;     /* widest number; widest suffix plus its pad (0: none) */
    double head_min;            /* narrowest number area that keeps the name to HEAD_LINES */
    double unit_w;
    const char *unit_line;      /* "PFLOPS, 2025" */
    double x, w;                /* number area, relative to the table's left edge */
} column;

struct br_table {
    br_chart_ctx *c; /* borrowed: must outlive the table */
    GStringChunk *strings;
    GHashTable *measured;    /* interned string -> measured_text (regular, label size) */
    const br_entity **regions;
    size_t n_regions;
    size_t *order;           /* display row -> region index */
    size_t n_rows;
    const char **rank;       /* per display row, or NULL without a rank column */
    column *cols;
    size_t n_cols, n_hidden;
    const char **hidden; /* ids of the indicators left out (n_hidden), in priority order */
    size_t n_more;       /* hidden ones the foot counts (0 when the table continues in another) */
    double width, table_w;
    double rank_x, rank_w, name_x, name_w;
    const char *title, *subtitle;
    double title_h, header_h, foot_h;
    double cont_h;           /* the continuation's title line, with its gap */
    size_t focus_row;        /* display row of the highlighted region, or SIZE_MAX */
    double label_area_h;     /* header names above the unit line */
    br_chart_notes *notes;
    bool any_missing;
};

static const char *intern(br_table *t, const char *s)
{
    return g_string_chunk_insert_const(t->strings, s);
}

static br_text_style style(const br_chart_ctx *c, bool bold, br_color color, br_align align, int max_lines)
{
    br_text_style st = {c->theme.family, c->theme.label_size, bold, false, color, 0, align, max_lines};
    return st;
}

/* A string shaped at label size, regular, as one line: its width for the
 * column sizes, and the text itself to draw (a 3,000-row table shaped
 * every cell twice, and the fonts' memo is bounded). */
typedef struct measured_text {
    double width;
    br_text *text; /* NULL when it could not be laid out (width 0) */
} measured_text;

static void measured_free(gpointer p)
{
    measured_text *m = p;
    br_text_free(m->text);
    g_free(m);
}

/* The width of an interned string at label size, regular; measured once. */
static double width_of(br_table *t, const char *s)
{
    measured_text *m = g_hash_table_lookup(t->measured, s);
    if (m)
        return m->width;
    m = g_new0(measured_text, 1);
    br_text_style st = style(t->c, false, t->c->theme.text, BR_ALIGN_LEFT, 0);
    if (br_text_new(t->c->fonts, s, false, &st, 0, NULL, &m->text) == BR_OK)
        m->width = br_text_width(m->text);
    g_hash_table_insert(t->measured, (gpointer)s, m);
    return m->width;
}

/* ---- data ----------------------------------------------------------- */

/* Each region's observation of ind: the latest, or the one of period. */
static void column_fill(column *col, const br_indicator *ind, const size_t *region_of, size_t n_regions,
                        const char *period)
{
    col->ind = ind;
    col->obs = g_new0(const br_observation *, n_regions ? n_regions : 1);
    for (size_t i = 0; i < ind->n_observations; i++) {
        const br_observation *o = &ind->observations[i];
        size_t r = region_of[o->entity->index];
        if (r == SIZE_MAX || (period && strcmp(o->period, period) != 0))
            continue;
        if (!col->obs[r] || o->period_end > col->obs[r]->period_end)
            col->obs[r] = o;
    }
    for (size_t r = 0; r < n_regions; r++)
        col->n_reported += col->obs[r] != NULL;
}

static void column_clear(column *col)
{
    g_free(col->obs);
    g_free(col->num);
    g_free(col->suffix);
}

typedef struct {
    const column *key;
    const char *const *names; /* casefolded labels, for BR_SORT_NAME */
    bool descending;          /* by_value: highest first */
} sort_ctx;

/* By the key column's value, highest or lowest first; missing values
 * last; ties in file order. */
static gint by_value(gconstpointer a, gconstpointer b, gpointer data)
{
    const sort_ctx *s = data;
    size_t x = *(const size_t *)a, y = *(const size_t *)b;
    const br_observation *ox = s->key->obs[x], *oy = s->key->obs[y];
    if (ox && oy && ox->value != oy->value)
        return (ox->value < oy->value) == s->descending ? 1 : -1;
    if (!ox != !oy)
        return ox ? -1 : 1;
    return x < y ? -1 : x > y;
}

static gint by_name(gconstpointer a, gconstpointer b, gpointer data)
{
    const sort_ctx *s = data;
    size_t x = *(const size_t *)a, y = *(const size_t *)b;
    int d = strcmp(s->names[x], s->names[y]);
    return d ? d : x < y ? -1 : x > y;
}

/* The most common period among the shown values (ties: the later one,
 * then the coarser, "2025" before "2025-12": never the row order, which a
 * split table borrows from its first part). */
static const char *usual_period(const column *col, const size_t *order, size_t n_rows)
{
    GHashTable *count = g_hash_table_new(g_str_hash, g_str_equal);
    const br_observation *best = NULL;
    size_t best_n = 0;
    for (size_t i = 0; i < n_rows; i++) {
        const br_observation *o = col->obs[order[i]];
        if (!o)
            continue;
        size_t n = GPOINTER_TO_SIZE(g_hash_table_lookup(count, o->period)) + 1;
        g_hash_table_insert(count, (gpointer)o->period, GSIZE_TO_POINTER(n));
        if (!best || n > best_n ||
            (n == best_n && (o->period_end > best->period_end ||
                             (o->period_end == best->period_end && strcmp(o->period, best->period) < 0)))) {
            best = o;
            best_n = n;
        }
    }
    g_hash_table_destroy(count);
    return best ? best->period : NULL;
}

/* Formats the cells of the shown rows; markers come from notes, which
 * numbers them in reading order (row by row, left to right). */
static void column_cells(br_table *t, column *col, size_t row, br_chart_notes *notes)
{
    br_chart_ctx *c = t->c;
    const br_observation *o = col->obs[t->order[row]];
    if (!o) {
        col->num[row] = NULL;
        col->suffix[row] = NULL;
        t->any_missing = true;
        return;
    }
    char buf[BR_NUM_BUF];
    /* The header holds the unit; a change keeps its sign and percent. */
    const char *unit = strcmp(col->ind->unit, "percent-change") == 0 ? col->ind->unit : NULL;
    br_numfmt_value(&c->nf, br_display_value(col->ind, o->value), col->ind->decimals, unit, o->qualifier, buf);
    col->num[row] = intern(t, buf);
    col->num_w = fmax(col->num_w, row == t->focus_row
                                      ? br_chart_text_width(c, col->num[row], c->theme.label_size, true)
                                      : width_of(t, col->num[row]));
    const char *marker = br_chart_notes_add(notes, o);
    bool other_period = col->period && strcmp(o->period, col->period) != 0;
    if (!*marker && !other_period) {
        col->suffix[row] = NULL;
        return;
    }
    GString *s = g_string_new(marker);
    if (other_period) {
        char *p = br_period_label(c->loc, o->period);
        g_string_append_printf(s, " (%s)", p);
        g_free(p);
    }
    col->suffix[row] = intern(t, s->str);
    col->suffix_w = fmax(col->suffix_w, SUFFIX_PAD + width_of(t, col->suffix[row]));
    g_string_free(s, TRUE);
}

/* All cells of the columns [0, n) for the shown rows, with fresh notes. */
static br_chart_notes *format_cells(br_table *t, column *cols, size_t n)
{
    br_chart_notes *notes = br_chart_notes_new();
    for (size_t k = 0; k < n; k++) {
        cols[k].num_w = cols[k].suffix_w = 0;
        g_free(cols[k].num);
        g_free(cols[k].suffix);
        cols[k].num = g_new0(const char *, t->n_rows ? t->n_rows : 1);
        cols[k].suffix = g_new0(const char *, t->n_rows ? t->n_rows : 1);
    }
    t->any_missing = false;
    for (size_t r = 0; r < t->n_rows; r++)
        for (size_t k = 0; k < n; k++)
            column_cells(t, &cols[k], r, notes);
    return notes;
}

/* ---- header --------------------------------------------------------- */

static br_text *header_text(const br_table *t, const column *col, double w)
{
    br_chart_ctx *c = t->c;
    br_text_style st = style(c, true, c->theme.text, BR_ALIGN_RIGHT, HEAD_LINES);
    br_text *tx = NULL;
    if (br_text_new(c->fonts, br_indicator_label(c, col->ind), false, &st, w, c->diag, &tx) != BR_OK)
        return NULL;
    return tx;
}

static int header_lines(const br_table *t, const column *col, double w)
{
    br_chart_ctx *c = t->c;
    br_text_style st = style(c, true, c->theme.text, BR_ALIGN_RIGHT, 0);
    br_text *tx = NULL;
    if (br_text_new(c->fonts, br_indicator_label(c, col->ind), false, &st, w, c->diag, &tx) != BR_OK)
        return 1;
    int n = br_text_line_count(tx);
    br_text_free(tx);
    return n;
}

/* header_lines guessed from the widths of the name's words, without a
 * layout: a line holds the words that fit, a space between them, and a
 * word wider than a line takes as many as it fills.  The
 * width searches below run on the guess and then check their answer with
 * two layouts, on both sides of it; as the line count only falls as the
 * width grows, an answer that passes is the one the search would have
 * found with a layout at every step, and one that fails is searched for
 * again with layouts.  So the guess changes how many layouts are made
 * (they were a sixth of a 31-region render), never the result. */
static int header_lines_guess(const br_table *t, const column *col, double w)
{
    br_chart_ctx *c = t->c;
    double size = c->theme.label_size;
    double space = br_chart_text_width(c, " ", size, true);
    int lines = 1;
    double line = -1; /* the width of the line so far; < 0: empty */
    for (const char *p = br_indicator_label(c, col->ind); *p;) {
        const char *end = strchr(p, ' ');
        size_t n = end ? (size_t)(end - p) : strlen(p);
        if (n > 0) {
            char *word = g_strndup(p, n);
            double ww = br_chart_text_width(c, word, size, true);
            g_free(word);
            if (line < 0) {
                line = ww;
            } else if (line + space + ww <= w) {
                line += space + ww;
            } else {
                lines++;
                line = ww;
            }
            if (line > w && w > 0) { /* a word wider than the line is broken inside */
                int more = (int)ceil(line / w) - 1;
                lines += more;
                line -= more * w;
            }
        }
        p += n + (end != NULL);
    }
    return lines;
}

static int header_lines_by(const br_table *t, const column *col, double w, bool exact)
{
    return exact ? header_lines(t, col, w) : header_lines_guess(t, col, w);
}

/* The first of steps[0..n) at which the name takes at most HEAD_LINES
 * lines, by a binary search (the last step is taken without a test). */
static guint first_fitting_step(const br_table *t, const column *col, const double *steps, guint n, bool exact)
{
    guint lo = 0, hi = n - 1; /* the answer is in [lo, hi]; hi needs no test */
    while (lo < hi) {
        guint mid = lo + (hi - lo) / 2;
        if (header_lines_by(t, col, steps[mid], exact) > HEAD_LINES)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo;
}

/* The narrowest number area that holds the name in HEAD_LINES lines (not
 * over cap: beyond it the name ends in an ellipsis). */
static double header_min(br_table *t, const column *col, double cap)
{
    double natural = br_chart_text_width(t->c, br_indicator_label(t->c, col->ind), t->c->theme.label_size, true);
    if (natural <= cap && natural <= fmax(col->num_w, 1))
        return natural;
    /* The first of w0, w0 + 2, w0 + 4, ... (short of natural and cap)
     * that takes at most HEAD_LINES lines.  Lines only get fewer as the
     * width grows, so a binary search over the steps finds the one the
     * walk from w0 would stop at. */
    GArray *steps = g_array_new(FALSE, FALSE, sizeof(double));
    for (double w = fmax(natural / HEAD_LINES, 1);; w += 2) {
        g_array_append_val(steps, w);
        if (!(w < natural && w < cap))
            break; /* the walk's last step: taken without a layout */
    }
    const double *at = (const double *)(void *)steps->data;
    guint n = steps->len;
    guint k = first_fitting_step(t, col, at, n, false);
    bool checked = (k == n - 1 || header_lines(t, col, at[k]) <= HEAD_LINES) &&
                   (k == 0 || header_lines(t, col, at[k - 1]) > HEAD_LINES);
    if (!checked)
        k = first_fitting_step(t, col, at, n, true);
    double w = at[k];
    g_array_free(steps, TRUE);
    return fmin(fmin(w, natural), cap);
}

/* Bisects [*lo, *hi] down to 0.5 pt for the width at which the name
 * takes fewer than most lines: at *lo it takes most (or more), at *hi
 * fewer. */
static void bisect_fewer_lines(const br_table *t, const column *col, int most, double *lo, double *hi, bool exact)
{
    while (*hi - *lo > 0.5) {
        double mid = (*lo + *hi) / 2;
        if (header_lines_by(t, col, mid, exact) >= most)
            *lo = mid;
        else
            *hi = mid;
    }
}

/* The narrowest width in (lo, hi] to 0.5 pt at which the name takes
 * fewer than most lines, given that it takes most at lo and fewer at hi
 * (the guess checked as for header_min). */
static double fewer_lines_width(const br_table *t, const column *col, int most, double lo, double hi)
{
    double a = lo, b = hi;
    bisect_fewer_lines(t, col, most, &a, &b, false);
    if ((a == lo || header_lines(t, col, a) >= most) && (b == hi || header_lines(t, col, b) < most))
        return b;
    a = lo;
    b = hi;
    bisect_fewer_lines(t, col, most, &a, &b, true);
    return b;
}

static void unit_line(br_table *t, column *col)
{
    br_chart_ctx *c = t->c;
    char *unit = br_unit_label(c, col->ind);
    GString *s = g_string_new(unit);
    if (col->period) {
        char *p = br_period_label(c->loc, col->period);
        g_string_append(s, s->len ? c->str->comma : "");
        g_string_append(s, p);
        g_free(p);
    } else {
        g_string_append(s, s->len ? c->str->comma : "");
        g_string_append(s, c->str->no_data);
    }
    col->unit_line = intern(t, s->str);
    col->unit_w = width_of(t, col->unit_line);
    g_string_free(s, TRUE);
    g_free(unit);
}

/* ---- building ------------------------------------------------------- */

/* The title line of a continuation: "Title (continued)" on one line, the
 * title cut with an ellipsis when both do not fit.  Returns the height
 * (with the gap to the header row). */
/* The continuation line, "Title (continued)", and its height; with dev
 * NULL it measures only, when the table's heights are fixed in
 * br_table_new. */
static double continuation(const br_table *t, br_device *dev, double x, double y)
{
    br_chart_ctx *c = t->c;
    const char *suffix = c->str->table_continued;
    br_text_style st = {c->theme.family, c->theme.chart_title_size, true, false, c->theme.text, 0,
                        BR_ALIGN_LEFT, 1};
    double suffix_w = br_text_measure(c->fonts, suffix, &st);
    double title_w = br_text_measure(c->fonts, t->title, &st);
    br_text *a = NULL, *b = NULL;
    if (title_w + suffix_w <= t->width) {
        char *full = g_strconcat(t->title, suffix, NULL);
        br_status s = br_text_new(c->fonts, full, false, &st, 0, c->diag, &a);
        g_free(full);
        if (s != BR_OK)
            return 0;
    } else if (br_text_new(c->fonts, t->title, false, &st, fmax(t->width - suffix_w, 1), c->diag, &a) != BR_OK ||
               br_text_new(c->fonts, suffix, false, &st, 0, c->diag, &b) != BR_OK) {
        br_text_free(a);
        return 0;
    }
    /* Two runs share a baseline (they may come from different fonts). */
    double base = br_text_baseline(a), h = br_text_height(a);
    if (b) {
        base = fmax(base, br_text_baseline(b));
        h = fmax(base - br_text_baseline(a) + br_text_height(a), base - br_text_baseline(b) + br_text_height(b));
    }
    if (dev) {
        br_text_draw(a, dev, x, y + base - br_text_baseline(a));
        if (b)
            br_text_draw(b, dev, x + br_text_width(a), y + base - br_text_baseline(b));
    }
    br_text_free(a);
    br_text_free(b);
    return h + 6;
}

static void title_heights(br_table *t);

static void title_block(br_table *t, const br_chart_spec *spec, size_t n_reported_rows)
{
    br_chart_ctx *c = t->c;
    const br_words *wd = c->str;
    const char *title = spec->title ? spec->title
                        : t->n_cols == 1 ? br_indicator_label(c, t->cols[0].ind)
                                         : wd->table_title[c->set->noun];
    t->title = intern(t, title);

    GString *sub = g_string_new(NULL);
    char num[BR_NUM_BUF], buf[BR_NUM_BUF + 96];
    if (t->n_rows < t->n_regions) {
        br_count_phrase(c, c->str->top_of, t->n_rows, t->n_regions, buf, sizeof buf);
        g_string_append(sub, buf);
    } else {
        br_numfmt_number(&c->nf, (double)t->n_regions, 0, num);
        g_snprintf(buf, sizeof buf, wd->n_regions[t->c->set->noun], num);
        g_string_append(sub, buf);
    }
    if (spec->period) {
        char *p = br_period_label(c->loc, spec->period);
        g_string_append(sub, c->str->comma);
        g_string_append(sub, p);
        g_free(p);
    }
    if (t->n_cols == 1 && n_reported_rows < t->n_rows) {
        br_count_phrase(c, c->str->regions_reported[c->set->noun], n_reported_rows, t->n_rows, buf, sizeof buf);
        g_string_append(sub, " · ");
        g_string_append(sub, buf);
    }
    if (t->any_missing) {
        g_string_append(sub, " · ");
        g_string_append(sub, wd->table_no_data);
    }
    t->subtitle = intern(t, sub->str);
    g_string_free(sub, TRUE);

    title_heights(t);
}

static void title_heights(br_table *t)
{
    t->title_h = br_chart_header_height(t->c, t->title, t->subtitle, t->width);
    t->cont_h = continuation(t, NULL, 0, 0);
}

void br_table_set_part(br_table *table, size_t part, size_t n_parts)
{
    if (n_parts < 2)
        return;
    char a[BR_NUM_BUF], b[BR_NUM_BUF];
    br_numfmt_number(&table->c->nf, (double)part, 0, a);
    br_numfmt_number(&table->c->nf, (double)n_parts, 0, b);
    char *suffix = g_strdup_printf(table->c->str->table_part, a, b);
    char *title = g_strconcat(table->title, suffix, NULL);
    table->title = intern(table, title);
    g_free(title);
    g_free(suffix);
    title_heights(table);
}

/* Sizes the columns and the header row; cols are final. */
static void place_columns(br_table *t, double name_natural)
{
    br_chart_ctx *c = t->c;
    double fixed = t->rank_w > 0 ? t->rank_w + GAP : 0;
    double need = 0;
    for (size_t k = 0; k < t->n_cols; k++) {
        column *col = &t->cols[k];
        col->w = fmax(col->num_w, fmax(col->head_min, fmin(col->unit_w, t->width * 0.35)));
        need += GAP + col->w + col->suffix_w;
    }
    /* The name column: its natural width up to NAME_SHARE of the width
     * (longer names end in an ellipsis, so number columns stay in reach
     * of the eye), less when the numbers need it, never under 30 pt. */
    double room = t->width - fixed - need;
    double name_w = fmin(fmin(name_natural, t->width * NAME_SHARE), fmax(room, 0));
    if (name_w < fmin(name_natural, 30))
        name_w = fmin(name_natural, 30);
    t->name_w = name_w;
    double spare = t->width - fixed - name_w - need;
    /* Spare width first lowers the header row: the columns whose names
     * take the most lines widen (up to COL_MAX) until they need one line
     * less. */
    for (;;) {
        int most = 1;
        int *lines = g_new(int, t->n_cols);
        double *target = g_new(double, t->n_cols);
        for (size_t k = 0; k < t->n_cols; k++) {
            lines[k] = header_lines(t, &t->cols[k], t->cols[k].w);
            most = MAX(most, lines[k]);
        }
        double extra = 0;
        bool ok = most > 1;
        for (size_t k = 0; ok && k < t->n_cols; k++) {
            target[k] = t->cols[k].w;
            if (lines[k] < most)
                continue;
            double lo = t->cols[k].w, hi = fmin(lo + spare - extra, fmax(lo, COL_MAX));
            if (hi <= lo || header_lines(t, &t->cols[k], hi) >= most) {
                ok = false;
                break;
            }
            target[k] = fewer_lines_width(t, &t->cols[k], most, lo, hi);
            extra += target[k] - t->cols[k].w;
        }
        if (ok) {
            for (size_t k = 0; k < t->n_cols; k++)
                t->cols[k].w = target[k];
            spare -= extra;
        }
        g_free(lines);
        g_free(target);
        if (!ok)
            break;
    }
    /* Then it widens the number columns up to COL_MAX, evenly. */
    for (int pass = 0; pass < 4 && spare > 0.01; pass++) {
        size_t growable = 0;
        for (size_t k = 0; k < t->n_cols; k++)
            growable += t->cols[k].w < COL_MAX;
        if (!growable)
            break;
        double share = spare / (double)growable;
        for (size_t k = 0; k < t->n_cols; k++) {
            column *col = &t->cols[k];
            if (col->w >= COL_MAX)
                continue;
            double add = fmin(share, COL_MAX - col->w);
            col->w += add;
            spare -= add;
        }
    }
    /* Positions. */
    t->rank_x = 0;
    t->name_x = fixed;
    double x = fixed + name_w;
    for (size_t k = 0; k < t->n_cols; k++) {
        column *col = &t->cols[k];
        col->x = x + GAP;
        x = col->x + col->w + col->suffix_w;
    }
    t->table_w = x;

    /* Header: names bottom-aligned above one line of unit and period. */
    double label_h = 0, unit_h = 0;
    for (size_t k = 0; k < t->n_cols; k++) {
        br_text *tx = header_text(t, &t->cols[k], t->cols[k].w);
        if (tx) {
            label_h = fmax(label_h, br_text_height(tx));
            br_text_free(tx);
        }
    }
    br_text_style st = style(c, false, c->theme.secondary, BR_ALIGN_RIGHT, 1);
    for (size_t k = 0; k < t->n_cols; k++) {
        br_text *tx = NULL;
        if (br_text_new(c->fonts, t->cols[k].unit_line, false, &st, t->cols[k].w, c->diag, &tx) == BR_OK) {
            unit_h = fmax(unit_h, br_text_height(tx));
            br_text_free(tx);
        }
    }
    t->label_area_h = label_h;
    t->header_h = label_h + unit_h + HEAD_PAD;
}

/* "3 more indicators not shown." */
static char *more_line(const br_table *t)
{
    const br_words *wd = t->c->str;
    if (t->n_more == 1)
        return g_strdup(wd->more_indicator);
    char num[BR_NUM_BUF];
    br_numfmt_number(&t->c->nf, (double)t->n_more, 0, num);
    return g_strdup_printf(wd->more_indicators, num);
}

static void foot_measure(br_table *t)
{
    br_chart_ctx *c = t->c;
    double h = 0;
    if (t->n_more > 0) {
        char *more = more_line(t);
        h += br_chart_text_height(c, more, t->width, c->theme.source_size, c->theme.source_leading, false);
        g_free(more);
    }
    h += br_chart_notes_height(c, t->notes, t->width);
    t->foot_h = h > 0 ? FOOT_GAP + h : 0;
}

static gint by_reported(gconstpointer a, gconstpointer b)
{
    const column *x = a, *y = b;
    if (x->n_reported != y->n_reported)
        return x->n_reported < y->n_reported ? 1 : -1;
    return x->ind < y->ind ? -1 : x->ind > y->ind; /* file order */
}

/* Competition ranks ("1, 2, 2, 4") by the key column, per region: 1 is
 * the best (the lowest when lower is better). */
static void ranks(br_table *t, const column *key)
{
    br_chart_ctx *c = t->c;
    size_t *by = g_new(size_t, t->n_regions);
    const char **of_region = g_new0(const char *, t->n_regions);
    for (size_t i = 0; i < t->n_regions; i++)
        by[i] = i;
    sort_ctx sc = {key, NULL, br_select_descending(key->ind, BR_SELECT_BEST)};
    g_qsort_with_data(by, (gint)t->n_regions, sizeof *by, by_value, &sc);
    size_t rank = 0;
    for (size_t i = 0; i < t->n_regions; i++) {
        const br_observation *o = key->obs[by[i]];
        if (!o)
            break;
        if (i == 0 || o->value != key->obs[by[i - 1]]->value)
            rank = i + 1;
        char buf[BR_NUM_BUF];
        br_numfmt_number(&c->nf, (double)rank, 0, buf);
        of_region[by[i]] = intern(t, buf);
    }
    t->rank = g_new0(const char *, t->n_rows ? t->n_rows : 1);
    t->rank_w = br_chart_text_width(c, c->str->table_rank, c->theme.label_size, true);
    for (size_t r = 0; r < t->n_rows; r++) {
        t->rank[r] = of_region[t->order[r]];
        if (t->rank[r])
            t->rank_w = fmax(t->rank_w, r == t->focus_row
                                            ? br_chart_text_width(c, t->rank[r], c->theme.label_size, true)
                                            : width_of(t, t->rank[r]));
    }
    g_free(of_region);
    g_free(by);
}

/* The ranks of another table with the same rows. */
static void same_ranks(br_table *t, const br_table *like)
{
    t->rank = g_new0(const char *, t->n_rows ? t->n_rows : 1);
    for (size_t r = 0; r < t->n_rows; r++)
        t->rank[r] = like->rank[r] ? intern(t, like->rank[r]) : NULL;
    t->rank_w = like->rank_w;
}

br_status br_table_new(br_chart_ctx *c, const br_chart_spec *spec, double width, br_table **out)
{
    *out = NULL;
    const br_set *set = c->set;
    size_t *region_of = g_new(size_t, set->n_entities ? set->n_entities : 1);
    size_t n_regions = 0;
    for (size_t i = 0; i < set->n_entities; i++)
        region_of[i] = br_entity_is_compared(&set->entities[i]) ? n_regions++ : SIZE_MAX;

    /* Candidate columns, in priority order. */
    GArray *cand = g_array_new(FALSE, TRUE, sizeof(column));
    const char *one[1] = {spec->indicator};
    const char *const *ids = spec->n_indicators ? spec->indicators : spec->indicator ? one : NULL;
    size_t n_ids = spec->n_indicators ? spec->n_indicators : spec->indicator ? 1 : 0;
    size_t with_data = 0;
    for (size_t i = 0; n_regions > 0 && i < (ids ? n_ids : set->n_indicators); i++) {
        const br_indicator *ind = ids ? br_set_lookup_indicator(set, ids[i]) : &set->indicators[i];
        if (!ind)
            continue; /* a layout names ids another set may lack */
        if (!ids && ((spec->topic && strcmp(ind->topic, spec->topic) != 0) ||
                     (spec->unit && strcmp(ind->unit, spec->unit) != 0)))
            continue;
        bool dup = false;
        for (guint k = 0; k < cand->len; k++)
            dup |= g_array_index(cand, column, k).ind == ind;
        if (dup)
            continue;
        column col = {0};
        column_fill(&col, ind, region_of, n_regions, spec->period);
        if (!ids && col.n_reported == 0) {
            column_clear(&col);
            continue;
        }
        with_data += col.n_reported > 0;
        g_array_append_val(cand, col);
    }
    g_free(region_of);
    if (with_data == 0) {
        for (guint k = 0; k < cand->len; k++)
            column_clear(&g_array_index(cand, column, k));
        g_array_free(cand, TRUE);
        return BR_OK; /* nothing to show */
    }
    if (!ids)
        g_array_sort(cand, by_reported);
    column *cc = (column *)(void *)cand->data;

    br_table *t = g_new0(br_table, 1);
    t->c = c;
    t->width = width;
    t->strings = g_string_chunk_new(16384);
    t->measured = g_hash_table_new_full(g_str_hash, g_str_equal, NULL, measured_free);
    t->n_regions = n_regions;
    t->regions = g_new(const br_entity *, n_regions);
    for (size_t i = 0, r = 0; i < set->n_entities; i++)
        if (br_entity_is_compared(&set->entities[i]))
            t->regions[r++] = &set->entities[i];

    /* Rows. */
    t->order = g_new(size_t, n_regions);
    for (size_t i = 0; i < n_regions; i++)
        t->order[i] = i;
    /* Rows by the first column: best first (lowest when lower is
     * better), or the end select asks for. */
    sort_ctx sc = {&cc[0], NULL, br_select_descending(cc[0].ind, spec->select)};
    char **names = NULL;
    if (spec->sort == BR_SORT_VALUE) {
        g_qsort_with_data(t->order, (gint)n_regions, sizeof(size_t), by_value, &sc);
    } else if (spec->sort == BR_SORT_NAME) {
        names = g_new(char *, n_regions);
        for (size_t i = 0; i < n_regions; i++)
            names[i] = br_entity_sort_key(c, t->regions[i]);
        sc.names = (const char *const *)names;
        g_qsort_with_data(t->order, (gint)n_regions, sizeof(size_t), by_name, &sc);
        for (size_t i = 0; i < n_regions; i++)
            g_free(names[i]);
        g_free(names);
    }
    const br_table *like = spec->rows_like;
    if (like && like->n_regions == n_regions)
        memcpy(t->order, like->order, n_regions * sizeof *t->order);
    else
        like = NULL;
    t->n_rows = spec->top > 0 ? MIN((size_t)spec->top, n_regions) : n_regions;
    /* The highlighted region: the block's focus, else the profile's. */
    const char *focus = spec->focus ? spec->focus : c->focus ? c->focus->id : NULL;
    t->focus_row = SIZE_MAX;
    for (size_t r = 0; focus && r < t->n_rows; r++)
        if (strcmp(t->regions[t->order[r]]->id, focus) == 0)
            t->focus_row = r;
    if (spec->rank && like && like->rank && like->n_rows == t->n_rows)
        same_ranks(t, like);
    else if (spec->rank)
        ranks(t, &cc[0]);

    /* Cells of every candidate, to size them (markers are renumbered once
     * the columns are chosen; they only get fewer). */
    for (guint k = 0; k < cand->len; k++)
        cc[k].period = spec->period ? (cc[k].n_reported ? spec->period : NULL)
                                    : usual_period(&cc[k], t->order, t->n_rows);
    br_chart_notes_free(format_cells(t, cc, cand->len));
    double cap = width * 0.35;
    for (guint k = 0; k < cand->len; k++) {
        unit_line(t, &cc[k]);
        cc[k].head_min = header_min(t, &cc[k], cap);
    }
    double name_natural = br_chart_text_width(c, c->str->table_region[c->set->noun], c->theme.label_size, true);
    for (size_t r = 0; r < t->n_rows; r++) {
        const char *name = intern(t, br_entity_label(c, t->regions[t->order[r]]));
        name_natural = fmax(name_natural, r == t->focus_row ? br_chart_text_width(c, name, c->theme.label_size, true)
                                                            : width_of(t, name));
    }

    /* Columns that fit: the first always; then in priority order until one
     * does not fit (the rest are counted in the foot). */
    double avail = width - (spec->rank ? t->rank_w + GAP : 0) - fmin(name_natural, width * NAME_SHARE);
    double used = 0;
    size_t take = 0;
    for (; take < cand->len; take++) {
        const column *col = &cc[take];
        double need = GAP + fmax(col->num_w, fmax(col->head_min, fmin(col->unit_w, cap))) + col->suffix_w;
        if (take > 0 && used + need > avail)
            break;
        used += need;
    }
    t->hidden = g_new0(const char *, cand->len - take + 1);
    for (guint k = (guint)take; k < cand->len; k++) {
        t->hidden[k - take] = cc[k].ind->id;
        column_clear(&cc[k]);
    }
    t->n_cols = take;
    t->n_hidden = cand->len - take;
    /* A table that continues in another (spec->split) names no hidden
     * indicators in its foot: the next table shows them. */
    t->n_more = spec->split ? 0 : t->n_hidden;
    t->cols = g_new(column, take);
    memcpy(t->cols, cc, take * sizeof(column));
    g_array_free(cand, TRUE);

    t->notes = format_cells(t, t->cols, t->n_cols);
    size_t n_reported_rows = 0;
    for (size_t r = 0; r < t->n_rows; r++)
        n_reported_rows += t->cols[0].num[r] != NULL;
    place_columns(t, name_natural);
    title_block(t, spec, n_reported_rows);
    foot_measure(t);
    *out = t;
    return BR_OK;
}

void br_table_free(br_table *table)
{
    if (!table)
        return;
    for (size_t k = 0; k < table->n_cols; k++)
        column_clear(&table->cols[k]);
    g_free(table->cols);
    g_free(table->hidden);
    g_free(table->rank);
    g_free(table->order);
    g_free(table->regions);
    br_chart_notes_free(table->notes);
    g_hash_table_destroy(table->measured);
    g_string_chunk_free(table->strings);
    g_free(table);
}

size_t br_table_rows(const br_table *table)
{
    return table->n_rows;
}

double br_table_header_height(const br_table *table)
{
    return table->header_h;
}

size_t br_table_hidden(const br_table *table, const char *const **ids)
{
    *ids = table->hidden;
    return table->n_hidden;
}

double br_table_width(const br_table *table)
{
    return table->table_w;
}

double br_table_head_height(const br_table *table, bool title)
{
    return (title ? table->title_h : table->cont_h) + table->header_h;
}

double br_table_row_height(const br_table *table, size_t row)
{
    return ROW_H;
}

GPtrArray *br_table_take_notes(br_table *table)
{
    GPtrArray *lines = br_chart_notes_take(table->notes);
    foot_measure(table);
    return lines;
}

double br_table_foot_height(const br_table *table)
{
    return table->foot_h;
}

/* ---- drawing -------------------------------------------------------- */

/* One line of text in a box of width w (0: as wide as it is), vertically
 * centred on cy; cut with an ellipsis when it does not fit. */
static void cell(const br_table *t, br_device *dev, const char *s, double x, double cy, double w, bool bold,
                 br_color color, br_align align)
{
    br_chart_ctx *c = t->c;
    br_text_style st = style(c, bold, color, align, 1);
    const measured_text *m = g_hash_table_lookup(t->measured, s);
    br_text *tx = m && m->text ? br_text_refit(m->text, &st, w) : NULL;
    if (!tx && br_text_new(c->fonts, s, false, &st, w, c->diag, &tx) != BR_OK)
        return;
    br_text_draw(tx, dev, x, cy - br_text_height(tx) / 2);
    br_text_free(tx);
}

static void draw_header(const br_table *t, br_device *dev, double x, double y)
{
    br_chart_ctx *c = t->c;
    const br_theme *th = &c->theme;
    const br_words *wd = c->str;
    double bottom = y + t->header_h - HEAD_PAD; /* of the last header line */
    double unit_cy = (y + t->label_area_h + bottom) / 2;
    if (t->rank)
        cell(t, dev, wd->table_rank, x + t->rank_x, unit_cy, t->rank_w, true, th->text, BR_ALIGN_RIGHT);
    cell(t, dev, wd->table_region[c->set->noun], x + t->name_x, unit_cy, t->name_w, true, th->text, BR_ALIGN_LEFT);
    for (size_t k = 0; k < t->n_cols; k++) {
        const column *col = &t->cols[k];
        br_text *tx = header_text(t, col, col->w);
        if (tx) {
            br_text_draw(tx, dev, x + col->x, y + t->label_area_h - br_text_height(tx));
            br_text_free(tx);
        }
        cell(t, dev, col->unit_line, x + col->x, unit_cy, col->w, false, th->secondary, BR_ALIGN_RIGHT);
    }
    br_stroke rule = br_stroke_solid(0.75);
    double ry = y + t->header_h - 0.375;
    br_dev_line(dev, x, ry, x + t->table_w, ry, &rule, th->axis);
}

static void draw_row(const br_table *t, br_device *dev, double x, double y, size_t r)
{
    br_chart_ctx *c = t->c;
    const br_theme *th = &c->theme;
    if (r % 2 == 1)
        br_dev_fill_rect(dev, x, y, t->table_w, ROW_H, t->c->theme.stripe);
    double cy = y + ROW_H / 2;
    bool focus = r == t->focus_row; /* bold, its name in the highlight colour */
    if (t->rank && t->rank[r])
        cell(t, dev, t->rank[r], x + t->rank_x, cy, t->rank_w, focus, focus ? th->text : th->secondary,
             BR_ALIGN_RIGHT);
    cell(t, dev, br_entity_label(c, t->regions[t->order[r]]), x + t->name_x, cy, t->name_w, focus,
         focus ? th->highlight : th->text, BR_ALIGN_LEFT);
    for (size_t k = 0; k < t->n_cols; k++) {
        const column *col = &t->cols[k];
        if (!col->num[r]) {
            cell(t, dev, "–", x + col->x, cy, col->w, false, th->secondary, BR_ALIGN_RIGHT);
            continue;
        }
        cell(t, dev, col->num[r], x + col->x, cy, col->w, focus, th->text, BR_ALIGN_RIGHT);
        if (col->suffix[r])
            cell(t, dev, col->suffix[r], x + col->x + col->w + SUFFIX_PAD, cy, 0, false, th->secondary,
                 BR_ALIGN_LEFT);
    }
}

double br_table_draw(const br_table *table, br_device *dev, double x, double y, size_t first, size_t end,
                     bool title, bool foot)
{
    const br_table *t = table;
    if (end > t->n_rows)
        end = t->n_rows;
    if (first > end)
        first = end;
    double rows_h = (double)(end - first) * ROW_H;
    double head_h = title ? t->title_h : t->cont_h;
    double h = head_h + t->header_h + rows_h + (foot ? t->foot_h : 0);
    br_chart_ctx *c = t->c;
    if (title)
        br_chart_header(c, dev, t->title, t->subtitle, x, y, t->width);
    else
        continuation(t, dev, x, y);
    double hy = y + head_h;
    draw_header(t, dev, x, hy);
    double ry = hy + t->header_h;
    for (size_t r = first; r < end; r++)
        draw_row(t, dev, x, ry + (double)(r - first) * ROW_H, r);
    if (end == t->n_rows && end > first) {
        br_stroke rule = br_stroke_solid(0.5);
        double by = ry + rows_h - 0.25;
        br_dev_line(dev, x, by, x + t->table_w, by, &rule, c->theme.axis);
    }
    if (foot && t->foot_h > 0) {
        double fy = ry + rows_h + FOOT_GAP;
        if (t->n_more > 0) {
            char *more = more_line(t);
            fy += br_chart_text(c, dev, more, x, fy, t->width, c->theme.source_size, c->theme.source_leading,
                                false, c->theme.source, BR_ALIGN_LEFT);
            g_free(more);
        }
        br_chart_notes_draw(c, t->notes, dev, x, fy, t->width);
    }
    return h;
}

/* Drawn whole (inside columns, or in a trace of one chart); layout splits
 * tables across pages itself. */
static double draw(br_chart_ctx *c, const br_chart_spec *spec, br_device *dev, double x, double y, double width)
{
    br_table *t = NULL;
    if (br_table_new(c, spec, width, &t) != BR_OK || !t)
        return 0;
    double h = br_table_draw(t, dev, x, y, 0, br_table_rows(t), true, true);
    br_table_free(t);
    return h;
}

const br_chart_kind_def br_chart_kind_table = {"table", BR_CHART_TABLE, draw,
    BR_OPT_INDICATORS | BR_OPT_TOPIC | BR_OPT_UNIT | BR_OPT_TITLE | BR_OPT_TOP | BR_OPT_SORT | BR_OPT_RANK | BR_OPT_PERIOD | BR_OPT_FOCUS | BR_OPT_SELECT, 100000};

void br_table_draw_rows(const br_table *t, br_device *dev, double x, double y, size_t first, size_t end)
{
    if (end > t->n_rows)
        end = t->n_rows;
    draw_header(t, dev, x, y);
    double ry = y + t->header_h;
    for (size_t r = first; r < end; r++)
        draw_row(t, dev, x, ry + (double)(r - first) * ROW_H, r);
    if (end == t->n_rows && end > first) {
        br_stroke rule = br_stroke_solid(0.5);
        double by = ry + (double)(end - first) * ROW_H - 0.25;
        br_dev_line(dev, x, by, x + t->table_w, by, &rule, t->c->theme.axis);
    }
}
