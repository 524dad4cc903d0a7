/* layout: pagination and drawing of a layout; see layout.h.
 *
 * Design note.  Rendering a layout happens in three passes:
 *
 *   1. prepare: every block becomes a "flow": whole blocks (charts, key
 *      figures, headings, ...) are one unit, drawn once into a recording
 *      whose height is the block's; paragraphs are split into lines,
 *      tables into rows and lists (sources, notes, profile rows) into
 *      items, each unit with its height (list items recorded like blocks),
 *      plus the part repeated at the top of every piece (a table's header
 *      row; its title only on the first) and the part at the end (a
 *      table's source line).
 *   2. place: flows are poured down the content box page by page.  A whole
 *      block that does not fit the rest of a page moves to the next one
 *      (charts keep together); a heading moves along with the first piece
 *      of the block after it; a split flow puts as many units on a page as
 *      fit, but never leaves fewer than two lines (or rows) of it alone at
 *      the bottom or top of a page (orphans and widows).  A unit taller than
 *      a whole page goes on a page of its own and is clipped by the page,
 *      with a warning; a notes item that tall is split into its lines.
 *   3. draw: only now are pages begun, so the footer knows "Page X of Y";
 *      recordings are replayed where their pieces were placed.
 *
 * Everything is a pure function of the set, the layout and the fonts.
 */
#include "layout/layout.h"

#include <glib.h>
#include <math.h>
#include <string.h>

#include "charts/paint.h"
#include "i18n/lang.h"
#include "layout/layout_private.h"

#define GAP 10.0            /* between blocks */
#define BEFORE_HEADING 16.0 /* DESIGN.md's vertical rhythm */
#define AFTER_HEADING 4.0
#define MIN_SPLIT_UNITS 2   /* orphans and widows */

typedef struct {
    const block *b;
    br_text *text;   /* B_TEXT: split by lines */
    br_table *table; /* a table chart: split by rows */
    bool list;       /* sources, notes, profile: split by items */
    size_t n;        /* units (1 for whole blocks) */
    double *unit_h;
    br_dlist **unit; /* whole blocks and list items: their recordings */
    br_dlist *head;  /* a list's heading (first piece only) */
    double head_first, head_cont, foot;
    int cols;        /* a table flowed into this many columns (1: not) */
    double col_pitch; /* their distance */
    bool left_out;   /* dropped to keep to page.max_pages */
} flow;

typedef struct {
    size_t flow;
    int page;
    double y, h;
    size_t first, end;
} piece;

static bool is_table(const block *b)
{
    return b->type == B_CHART && b->chart.kind == BR_CHART_TABLE;
}

static void flow_clear(flow *f)
{
    br_text_free(f->text);
    br_table_free(f->table);
    g_free(f->unit_h);
    for (size_t i = 0; f->unit && i < f->n; i++)
        br_dlist_free(f->unit[i]);
    g_free(f->unit);
    br_dlist_free(f->head);
}

/* Recording jobs: a whole block, a list's heading, one list item. */
typedef struct {
    br_chart_ctx *c;
    const br_layout *l;
    const block *b;
    double w;
    size_t item;
} record_job;

static double record_block(void *data, br_device *dev)
{
    record_job *j = data;
    return br_block_draw(j->c, j->l, j->b, dev, 0, 0, j->w);
}

static double record_head(void *data, br_device *dev)
{
    record_job *j = data;
    return br_list_block_head(j->c, j->b, dev, 0, 0, j->w);
}

static double record_item(void *data, br_device *dev)
{
    record_job *j = data;
    return br_list_block_item(j->c, j->b, j->item, dev, 0, 0, j->w);
}

/* One line of a paragraph as a unit of its own. */
typedef struct {
    const br_text *text;
    int line;
    double h;
} line_job;

static double record_line(void *data, br_device *dev)
{
    line_job *j = data;
    br_text_draw_lines(j->text, dev, 0, 0, j->line, j->line + 1);
    return j->h;
}

/* A list item taller than a page, as one unit per line of its paragraphs
 * (appended to hs and recs); false when the item does not split so. */
static bool split_item(br_chart_ctx *c, const block *b, size_t item, double w, GArray *hs, GPtrArray *recs)
{
    br_text *texts[2] = {NULL, NULL};
    double after = 0;
    size_t n = br_list_block_item_texts(c, b, item, w, texts, &after);
    if (n == 0)
        return false;
    bool ok = true;
    for (size_t k = 0; k < n; k++) {
        int lines = br_text_line_count(texts[k]);
        double *top = g_new0(double, (size_t)lines + 1), *bottom = g_new0(double, (size_t)lines + 1);
        br_text_line_extents(texts[k], top, bottom);
        double total = br_text_height(texts[k]);
        for (int i = 0; i < lines && ok; i++) {
            /* Each line down to the next one's top; the last to the end
             * of the paragraph, and of the item. */
            double h = i + 1 < lines ? top[i + 1] - top[i] : total - top[i];
            if (k + 1 == n && i + 1 == lines)
                h += after;
            line_job job = {texts[k], i, h};
            br_dlist *rec = NULL;
            double rh = 0;
            ok = br_record(w, record_line, &job, &rec, &rh) == BR_OK;
            if (ok) {
                g_array_append_val(hs, rh);
                g_ptr_array_add(recs, rec);
            }
        }
        g_free(top);
        g_free(bottom);
    }
    for (size_t k = 0; k < n; k++)
        br_text_free(texts[k]);
    return ok;
}

/* Pass 1. */
/* A table's flow: rows as units; a table narrow enough flows into
 * columns side by side when it is long. */
static void table_flow(flow *f, br_table *t, double w)
{
    f->table = t;
    f->cols = 1;
    f->n = br_table_rows(t);
    f->unit_h = g_new0(double, f->n + 1);
    for (size_t i = 0; i < f->n; i++)
        f->unit_h[i] = br_table_row_height(t, i);
    f->head_first = br_table_head_height(t, true);
    f->head_cont = br_table_head_height(t, false);
    f->foot = br_table_foot_height(t);
    if (f->n == 0) { /* a table without rows is still its head and foot */
        f->n = 1;
        f->unit_h[0] = 0;
    }
    const double gap = 18;
    double tw = br_table_width(t);
    int cols = tw > 0 ? (int)floor((w + gap) / (tw + gap)) : 1;
    cols = MIN(cols, 3);
    if (cols > 1 && f->n >= 20) {
        f->cols = cols;
        f->col_pitch = (w + gap) / cols;
    }
}

/* One line of a chart's notes, recorded as a unit. */
typedef struct {
    br_chart_ctx *c;
    const char *text;
    double w;
} note_job;

static double record_note(void *data, br_device *dev)
{
    note_job *j = data;
    const br_theme *t = &j->c->theme;
    br_text_style st = {t->family, t->source_size, false, false, t->source, t->source_leading, BR_ALIGN_LEFT, 0};
    return br_text_block(j->c->fonts, j->text, false, &st, j->w, dev, 0, 0, j->c->diag);
}

/* A table's notes taken out of its foot, as a list flow after it. */
static br_status note_lines_flow(br_chart_ctx *c, const block *b, GPtrArray *lines, double w, GArray *flows)
{
    flow f;
    memset(&f, 0, sizeof f);
    f.b = b;
    f.cols = 1;
    f.list = true;
    f.n = lines->len;
    f.unit_h = g_new0(double, f.n + 1);
    f.unit = g_new0(br_dlist *, f.n + 1);
    br_status st = BR_OK;
    for (size_t i = 0; i < f.n && st == BR_OK; i++) {
        note_job job = {c, g_ptr_array_index(lines, i), w};
        st = br_record(w, record_note, &job, &f.unit[i], &f.unit_h[i]);
    }
    g_array_append_val(flows, f);
    return st;
}

/* Pass 1 for one block: appends its flow to flows (a table that is too
 * wide continues in further tables, each a flow of its own, so no
 * indicator is left out). */
static br_status prepare(br_chart_ctx *c, const br_layout *l, const block *b, double w, GArray *flows,
                         GPtrArray *keep)
{
    if (is_table(b)) {
        br_chart_spec spec = b->chart;
        spec.split = true;
        GPtrArray *parts = g_ptr_array_new();
        br_status st = BR_OK;
        for (int part = 0; part < 64; part++) {
            br_table *t = NULL;
            st = br_table_new(c, &spec, w, &t);
            if (st != BR_OK || !t)
                break; /* an error, or nothing to show */
            g_ptr_array_add(parts, t);
            const char *const *hidden;
            size_t n_hidden = br_table_hidden(t, &hidden);
            if (n_hidden == 0)
                break;
            /* The rest in another table, as its own list of ids. */
            const char **ids = g_new0(const char *, n_hidden + 1);
            memcpy(ids, hidden, n_hidden * sizeof *ids);
            g_ptr_array_add(keep, ids);
            spec.indicators = ids;
            spec.n_indicators = n_hidden;
            spec.indicator = NULL;
            spec.rows_like = parts->pdata[0];
        }
        /* Each part's title says which part it is, so two tables of one
         * title never follow each other unexplained. */
        for (guint k = 0; k < parts->len; k++) {
            br_table *t = parts->pdata[k];
            if (st != BR_OK) {
                br_table_free(t);
                continue;
            }
            br_table_set_part(t, k + 1, parts->len);
            /* Notes that would make the foot taller than half a page
             * follow the table as a list of their own, split between
             * pages, instead of being cut with it. */
            GPtrArray *notes = br_table_foot_height(t) > (l->page_h - l->margin_top - l->margin_bottom) / 2
                                   ? br_table_take_notes(t)
                                   : NULL;
            flow f = {0};
            f.b = b;
            table_flow(&f, t, w);
            g_array_append_val(flows, f);
            if (notes && st == BR_OK)
                st = note_lines_flow(c, b, notes, w, flows);
            if (notes)
                g_ptr_array_free(notes, TRUE);
        }
        g_ptr_array_free(parts, TRUE);
        return st;
    }
    flow fl;
    memset(&fl, 0, sizeof fl);
    fl.cols = 1;
    flow *f = &fl;
    f->b = b;
    br_status st = BR_OK;
    if (b->type == B_TEXT) {
        const char *tmpl = br_lang_pick(b->texts, b->n_texts, c->lang, BR_LANG_ANY);
        if (!tmpl)
            goto done;
        char *text = br_layout_expand(c, tmpl, b->markup, 0, 0);
        br_text_style st = {c->theme.family, c->theme.body_size, false, false, c->theme.text,
                            c->theme.body_leading, BR_ALIGN_LEFT, 0};
        br_status s = *text ? br_text_new(c->fonts, text, b->markup, &st, w, c->diag, &f->text) : BR_OK;
        g_free(text);
        if (s != BR_OK)
            return br_error_set(BR_ERR_LAYOUT);
        if (!f->text)
            goto done;
        f->n = (size_t)br_text_line_count(f->text);
        f->unit_h = g_new0(double, f->n + 1);
        double *top = g_new0(double, f->n + 1), *bottom = g_new0(double, f->n + 1);
        br_text_line_extents(f->text, top, bottom);
        for (size_t i = 0; i < f->n; i++) {
            if (i > 0)
                f->unit_h[i - 1] = top[i] - top[i - 1];
            f->unit_h[i] = bottom[i] - top[i];
        }
        g_free(top);
        g_free(bottom);
        goto done;
    }
    record_job job = {c, l, b, w, 0};
    if (b->type == B_SOURCES || b->type == B_NOTES || b->type == B_PROFILE) {
        size_t n = br_list_block_count(c, b);
        if (n == 0)
            goto done;
        f->list = true;
        st = br_record(w, record_head, &job, &f->head, &f->head_first);
        /* Items are units; an item taller than a page is split into its
         * lines rather than cut by the page. */
        const double page_h = l->page_h - l->margin_top - l->margin_bottom;
        GArray *hs = g_array_new(FALSE, FALSE, sizeof(double));
        GPtrArray *recs = g_ptr_array_new();
        for (size_t i = 0; i < n && st == BR_OK; i++) {
            job.item = i;
            br_dlist *rec = NULL;
            double h = 0;
            st = br_record(w, record_item, &job, &rec, &h);
            if (st != BR_OK)
                break;
            if (h > page_h && split_item(c, b, i, w, hs, recs)) {
                br_dlist_free(rec);
                continue;
            }
            g_array_append_val(hs, h);
            g_ptr_array_add(recs, rec);
        }
        f->n = recs->len;
        f->unit_h = (double *)(void *)g_array_free(hs, FALSE);
        f->unit = (br_dlist **)g_ptr_array_free(recs, FALSE);
        goto done;
    }
    br_dlist *rec = NULL;
    double h = 0;
    st = br_record(w, record_block, &job, &rec, &h);
    if (st != BR_OK)
        goto done;
    if (h > 0) {
        f->n = 1;
        f->unit_h = g_new0(double, 1);
        f->unit = g_new0(br_dlist *, 1);
        f->unit_h[0] = h;
        f->unit[0] = rec;
    } else {
        br_dlist_free(rec);
    }
done:
    g_array_append_val(flows, fl);
    return st;
}

/* Height of units [first, end) of f with the head and (at the end) foot. */
static double piece_height(const flow *f, size_t first, size_t end)
{
    double h = first == 0 ? f->head_first : f->head_cont;
    if (f->cols > 1) {
        /* Rows side by side: the first (longest) column's height. */
        size_t per = (end - first + (size_t)f->cols - 1) / (size_t)f->cols;
        for (size_t i = first; i < first + per; i++)
            h += f->unit_h[i];
        if (end == f->n)
            h += f->foot;
        return h;
    }
    for (size_t i = first; i < end; i++)
        h += f->unit_h[i];
    if (end == f->n)
        h += f->foot;
    return h;
}

/* The smallest first piece of f: what a heading must keep with. */
static double min_first_piece(const flow *f)
{
    size_t k = f->n < MIN_SPLIT_UNITS ? f->n : MIN_SPLIT_UNITS;
    if (f->n <= 2 * MIN_SPLIT_UNITS - 1)
        k = f->n;
    return piece_height(f, 0, k);
}

/* How many units of f, from `first`, fit in `avail`, obeying the orphan and
 * widow rule; 0 when none may start here. */
static size_t units_that_fit(const flow *f, size_t first, double avail)
{
    size_t k = 0;
    while (first + k < f->n && piece_height(f, first, first + k + 1) <= avail + 1e-6)
        k++;
    if (first + k == f->n)
        return k;
    if (f->n == 1)
        return 0;
    /* Splitting: leave at least MIN units on each side. */
    size_t rest = f->n - first - k;
    if (rest < MIN_SPLIT_UNITS)
        k = k + rest >= 2 * MIN_SPLIT_UNITS ? k - (MIN_SPLIT_UNITS - rest) : 0;
    if (k < MIN_SPLIT_UNITS && !(first == 0 && f->n - first - k == 0))
        k = 0;
    return k;
}

static double space_before(const block *b)
{
    return b->type == B_HEADING ? BEFORE_HEADING : GAP;
}

/* True when nothing shows between heading i and the next heading of the
 * same or a higher level (or the end): its blocks had nothing to show. */
static bool section_is_empty(const flow *flows, size_t n_flows, size_t i)
{
    for (size_t k = i + 1; k < n_flows; k++) {
        const block *b = flows[k].b;
        if (b->type == B_HEADING && b->level <= flows[i].b->level)
            return true;
        if (b->type != B_HEADING && b->type != B_PAGEBREAK && flows[k].n > 0 && !flows[k].left_out)
            return false;
    }
    return true;
}

/* Pass 2: returns the number of pages. */
static int place(const br_layout *l, const flow *flows, size_t n_flows, GArray *pieces)
{
    const double top = l->margin_top, bottom = l->page_h - l->margin_bottom, page_h = bottom - top;
    int page = 0;
    double y = top;
    bool empty = true;
    const block *prev = NULL;
    for (size_t i = 0; i < n_flows; i++) {
        const flow *f = &flows[i];
        if (f->b->type == B_PAGEBREAK) {
            if (!empty) {
                page++;
                y = top;
                empty = true;
                prev = NULL;
            }
            continue;
        }
        if (f->n == 0 || f->left_out)
            continue; /* nothing to show: left out */
        if (f->b->type == B_HEADING && section_is_empty(flows, n_flows, i))
            continue; /* a heading over nothing is left out too */
        double space = empty ? 0 : prev && prev->type == B_HEADING ? AFTER_HEADING : space_before(f->b);
        if (f->n == 1 && !f->table && !f->text && !f->list) {
            double need = f->unit_h[0];
            if (f->b->type == B_HEADING) {
                /* Keep with the first piece of the next block that shows something. */
                for (size_t k = i + 1; k < n_flows && flows[k].b->type != B_PAGEBREAK; k++) {
                    if (flows[k].n > 0 && !flows[k].left_out) {
                        /* What follows must start on the same page, as far
                         * as a page can hold it at all. */
                        need += AFTER_HEADING + fmin(min_first_piece(&flows[k]), page_h - need - AFTER_HEADING);
                        break;
                    }
                }
            }
            if (!empty && y + space + need > bottom) {
                page++;
                y = top;
                space = 0;
            }
            y += space;
            piece p = {i, page, y, f->unit_h[0], 0, 1};
            g_array_append_val(pieces, p);
            y += f->unit_h[0];
            empty = false;
            prev = f->b;
            continue;
        }
        size_t first = 0;
        while (first < f->n) {
            size_t k = units_that_fit(f, first, bottom - (y + space));
            if (k == 0 && empty) {
                /* Not even the minimum fits an empty page: take what fits,
                 * at least one unit, rather than loop forever. */
                k = units_that_fit(f, first, page_h);
                if (k == 0) {
                    k = 1;
                    while (first + k < f->n && piece_height(f, first, first + k + 1) <= page_h)
                        k++;
                }
            }
            if (k == 0) {
                page++;
                y = top;
                space = 0;
                empty = true;
                continue;
            }
            y += space;
            double h = piece_height(f, first, first + k);
            piece p = {i, page, y, h, first, first + k};
            g_array_append_val(pieces, p);
            y += h;
            first += k;
            empty = false;
            space = 0;
            if (first < f->n) {
                page++;
                y = top;
                empty = true;
            }
        }
        prev = f->b;
    }
    return page + 1;
}

/* What a block is, for the message that it was left out. */
static char *describe(const br_chart_ctx *c, const block *b)
{
    if (b->type == B_HEADING)
        return g_strdup_printf("the section \"%s\"", br_block_heading(c, b));
    if (b->type == B_CHART && b->chart.indicator) {
        const br_indicator *ind = br_set_lookup_indicator(c->set, b->chart.indicator);
        if (ind)
            return g_strdup_printf("the %s chart of \"%s\"", br_chart_kind_of(b->chart.kind)->name,
                                   br_indicator_label(c, ind));
    }
    if (b->type == B_CHART)
        return g_strdup_printf("a %s chart", br_chart_kind_of(b->chart.kind)->name);
    static const char *const names[] = {"the title", "a text", "the key figures", "a heading", "a chart",
                                        "the sources", "the notes", "an image", "the columns", "the profile",
                                        "a spacer", "a page break", "the topics"};
    return g_strdup(names[b->type]);
}

/* page.max_pages: while the pages run past the limit, the first block with
 * a piece beyond it is left out whole (a heading with its section, a table
 * with the tables it was split into), and the rest placed again, so a
 * smaller block after it may still fit.  Each block left out is a warning
 * at its place in the layout.  Returns the number of pages. */
static int keep_to_max_pages(const br_chart_ctx *c, const br_layout *l, flow *flows, size_t n_flows,
                             GArray *pieces, int n_pages)
{
    while (l->max_pages > 0 && n_pages > l->max_pages) {
        size_t i = n_flows;
        for (guint k = 0; k < pieces->len; k++) {
            const piece *pc = &g_array_index(pieces, piece, k);
            if (pc->page >= l->max_pages) {
                i = pc->flow;
                break;
            }
        }
        if (i == n_flows)
            break;
        const block *b = flows[i].b;
        size_t end = i + 1;
        /* A heading's section runs to the next heading of its level or
         * higher; a topic's section (made by a topics block) no further
         * than the block's own charts. */
        if (b->type == B_HEADING)
            while (end < n_flows && !(flows[end].b->type == B_HEADING && flows[end].b->level <= b->level) &&
                   (!b->expanded || (flows[end].b->expanded && flows[end].b->path == b->path)))
                end++;
        for (size_t k = i; k < n_flows; k++)
            if (k < end || flows[k].b == b)
                flows[k].left_out = true;
        char *what = describe(c, b);
        br_diag_add(c->diag, BR_SEV_WARNING, b->chart.file, b->chart.line, b->chart.col, b->path,
                    "%s is left out: page.max_pages keeps the document to %d page%s", what, l->max_pages,
                    l->max_pages == 1 ? "" : "s");
        g_free(what);
        g_array_set_size(pieces, 0);
        n_pages = place(l, flows, n_flows, pieces);
    }
    return n_pages;
}

static void draw_furniture(br_chart_ctx *c, const br_layout *l, br_device *dev, int page, int pages)
{
    const double x = l->margin_left, w = l->page_w - l->margin_left - l->margin_right;
    const furniture *parts[2] = {&l->header, &l->footer};
    for (int k = 0; k < 2; k++) {
        const furniture *f = parts[k];
        const char *left, *right;
        if (f->present) {
            left = br_lang_pick(f->left, f->n_left, c->lang, BR_LANG_ANY);
            right = br_lang_pick(f->right, f->n_right, c->lang, BR_LANG_ANY);
        } else if (k == 1) { /* the default footer of DESIGN.md */
            left = "{publisher}";
            right = "{page}";
        } else {
            continue;
        }
        double fy = k == 0 ? l->margin_top - 20 : l->page_h - l->margin_bottom + 10;
        char *r = right ? br_layout_expand(c, right, false, page, pages) : g_strdup("");
        char *lt = left ? br_layout_expand(c, left, false, page, pages) : g_strdup("");
        br_text_style st = {c->theme.family, 7, false, false, c->theme.source, 9, BR_ALIGN_LEFT, 0};
        double rw = *r ? br_text_measure(c->fonts, r, &st) : 0;
        if (*lt)
            br_text_block(c->fonts, lt, false, &st, fmax(w - rw - 12, 10), dev, x, fy, c->diag);
        if (*r)
            br_text_block(c->fonts, r, false, &st, 0, dev, x + w - rw, fy, c->diag);
        g_free(r);
        g_free(lt);
    }
}

static void apply_theme(const br_layout *l, br_chart_ctx *c)
{
    if (l->font_family)
        c->theme.family = l->font_family;
    if (l->body_size > 0) {
        c->theme.body_leading = c->theme.body_leading * l->body_size / c->theme.body_size;
        c->theme.body_size = l->body_size;
    }
    if (l->title_size > 0)
        c->theme.title_size = l->title_size;
    if (l->has_text_color)
        c->theme.text = l->text_color;
    if (l->has_accent)
        c->theme.highlight = l->accent;
    for (int i = 0; i < l->n_categories; i++)
        c->theme.categories[i] = l->categories[i];
    br_chart_plan_theme(&c->theme, NULL, NULL);
}

/* Blocks whose charts say "focus": "$focus" get the --focus entity. */
static block *resolve_focus(const br_chart_ctx *c, const block *blocks, size_t n)
{
    block *copy = g_new0(block, n + 1);
    for (size_t i = 0; i < n; i++) {
        copy[i] = blocks[i];
        if (copy[i].chart.focus && strcmp(copy[i].chart.focus, "$focus") == 0)
            copy[i].chart.focus = c->focus ? c->focus->id : NULL;
        if (copy[i].n_children)
            copy[i].children = resolve_focus(c, blocks[i].children, blocks[i].n_children);
    }
    return copy;
}

static void free_resolved(block *blocks, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (blocks[i].n_children)
            free_resolved(blocks[i].children, blocks[i].n_children);
    g_free(blocks);
}

static bool blocks_need_focus(const block *blocks, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        if (blocks[i].type == B_PROFILE || (blocks[i].chart.focus && strcmp(blocks[i].chart.focus, "$focus") == 0))
            return true;
        if (blocks[i].n_children && blocks_need_focus(blocks[i].children, blocks[i].n_children))
            return true;
    }
    return false;
}

bool br_layout_uses_focus(const br_layout *layout)
{
    return blocks_need_focus(layout->blocks, layout->n_blocks);
}

br_status br_layout_render(const br_layout *layout, const br_chart_ctx *ctx, br_pages *pages)
{
    br_layout resolved = *layout;
    resolved.blocks = resolve_focus(ctx, layout->blocks, layout->n_blocks);
    const br_layout *l = &resolved;
    br_chart_ctx c = *ctx;
    apply_theme(l, &c);
    const double x = l->margin_left, w = l->page_w - l->margin_left - l->margin_right;
    /* Blocks that depend on the set (topics) become ordinary blocks. */
    GPtrArray *keep = g_ptr_array_new_with_free_func(g_free);
    GArray *blocks = g_array_new(FALSE, TRUE, sizeof(block));
    for (size_t i = 0; i < l->n_blocks; i++) {
        if (l->blocks[i].type == B_TOPICS)
            br_topics_expand(&c, &l->blocks[i], blocks, keep);
        else
            g_array_append_val(blocks, l->blocks[i]);
    }
    GArray *flow_a = g_array_new(FALSE, TRUE, sizeof(flow));
    br_status st = BR_OK;
    for (guint i = 0; i < blocks->len && st == BR_OK; i++) {
        const block *b = &g_array_index(blocks, block, i);
        size_t errors = br_diag_error_count(c.diag);
        st = prepare(&c, l, b, w, flow_a, keep);
        /* A failed drawing (a device error) is still the block's problem:
         * say which block, once. */
        if (st != BR_OK && br_diag_error_count(c.diag) == errors)
            br_diag_add(c.diag, BR_SEV_ERROR, b->chart.file ? b->chart.file : l->file, b->chart.line, b->chart.col,
                        b->path, "cannot draw the block: %s", br_status_str(st));
    }
    flow *flows = (flow *)(void *)flow_a->data;
    size_t n_flows = flow_a->len;
    GArray *pieces = g_array_new(FALSE, FALSE, sizeof(piece));
    int n_pages = st == BR_OK ? place(l, flows, n_flows, pieces) : 0;
    if (st == BR_OK)
        n_pages = keep_to_max_pages(&c, l, flows, n_flows, pieces, n_pages);

    /* Nothing is cut silently: a piece taller than the page (a block that
     * does not split, a row, a line) says so at its place in the layout. */
    const double page_h = l->page_h - l->margin_top - l->margin_bottom;
    for (guint k = 0; st == BR_OK && k < pieces->len; k++) {
        const piece *pc = &g_array_index(pieces, piece, k);
        if (pc->h <= page_h + 0.01)
            continue;
        const block *b = flows[pc->flow].b;
        char *what = describe(&c, b);
        br_diag_add(c.diag, BR_SEV_WARNING, b->chart.file, b->chart.line, b->chart.col, b->path,
                    "%s is taller than a page (%.0f of %.0f points) and is cut at the bottom margin of page %d", what,
                    pc->h, page_h, pc->page + 1);
        g_free(what);
    }

    size_t k = 0;
    for (int p = 0; p < n_pages && st == BR_OK; p++) {
        br_device *dev = br_pages_begin(pages, l->page_w, l->page_h);
        if (!dev) {
            st = br_error_set(BR_ERR_NOMEM);
            break;
        }
        /* Content never spills into the margins, even a unit taller than
         * the page. */
        br_path *clip = br_path_new();
        br_path_rect(clip, 0, l->margin_top - 4, l->page_w, l->page_h - l->margin_top - l->margin_bottom + 8);
        br_dev_clip_path(dev, clip, BR_FILL_NONZERO);
        br_path_free(clip);
        for (; k < pieces->len && g_array_index(pieces, piece, k).page == p; k++) {
            const piece *pc = &g_array_index(pieces, piece, k);
            const flow *f = &flows[pc->flow];
            /* A bookmark where the block begins (a list's first piece). */
            const char *bookmark = pc->first == 0 ? br_block_outline_title(&c, f->b) : NULL;
            if (bookmark)
                br_pages_add_outline(pages, bookmark, f->b->type == B_HEADING ? f->b->level - 1 : 0, pc->y);
            if (f->table && f->cols > 1) {
                /* Columns side by side: the first with the title (or the
                 * continuation line) and the foot, the others with the
                 * header row at the same height. */
                size_t per = (pc->end - pc->first + (size_t)f->cols - 1) / (size_t)f->cols;
                size_t end0 = MIN(pc->first + per, pc->end);
                double head = pc->first == 0 ? f->head_first : f->head_cont;
                br_table_draw(f->table, dev, x, pc->y, pc->first, end0, pc->first == 0, pc->end == f->n);
                double header_top = pc->y + head - br_table_header_height(f->table);
                for (int k = 1; k < f->cols; k++) {
                    size_t a = pc->first + (size_t)k * per, e = MIN(a + per, pc->end);
                    if (a < e)
                        br_table_draw_rows(f->table, dev, x + k * f->col_pitch, header_top, a, e);
                }
            } else if (f->table)
                br_table_draw(f->table, dev, x, pc->y, pc->first, pc->end, pc->first == 0, pc->end == f->n);
            else if (f->text)
                br_text_draw_lines(f->text, dev, x, pc->y, (int)pc->first, (int)pc->end);
            else {
                double y = pc->y;
                if (f->list && f->head && pc->first == 0) {
                    br_matrix at = br_matrix_translate(x, y);
                    (void)br_dlist_replay_transformed(f->head, dev, &at);
                    y += f->head_first;
                }
                for (size_t u = pc->first; u < pc->end; u++) {
                    br_matrix at = br_matrix_translate(x, y);
                    (void)br_dlist_replay_transformed(f->unit[u], dev, &at);
                    y += f->unit_h[u];
                }
            }
        }
        br_dev_pop_clip(dev);
        draw_furniture(&c, l, dev, p + 1, n_pages);
        st = br_pages_end(pages);
    }
    g_array_free(pieces, TRUE);
    for (size_t i = 0; i < n_flows; i++)
        flow_clear(&flows[i]);
    g_array_free(flow_a, TRUE);
    g_array_free(blocks, TRUE);
    g_ptr_array_free(keep, TRUE);
    free_resolved(resolved.blocks, resolved.n_blocks);
    return st;
}
