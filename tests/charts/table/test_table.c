/* chart_table: the br_table API the layout engine splits across pages.
 * Heights add up exactly, the header repeats on every slice, numbers are
 * right-aligned, no two text boxes overlap, 3,000 rows are handled. */
#include <glib.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "br_config.h"
#include "charts/chart.h"
#include "device/dev_bbox.h"
#include "charts/frame.h"
#include "device/dev_trace.h"
#include "tap.h"

#define WIDTH 493.2 /* A4 less 18 mm margins */

typedef struct {
    double x0, y0, x1, y1;
    char *text;
} box;

static const char *src_root(void)
{
    const char *s = getenv("SRCDIR");
    return s ? s : BR_SOURCE_ROOT;
}

/* The text boxes of a trace ("text FILE size S #rrggbb box x0 y0 x1 y1 "..."). */
static GArray *text_boxes(const char *trace)
{
    GArray *boxes = g_array_new(FALSE, FALSE, sizeof(box));
    char **lines = g_strsplit(trace, "\n", -1);
    for (int i = 0; lines[i]; i++) {
        if (strncmp(lines[i], "text ", 5) != 0)
            continue;
        const char *b = strstr(lines[i], " box ");
        box bx;
        int used = 0;
        if (!b || sscanf(b, " box %lf %lf %lf %lf %n", &bx.x0, &bx.y0, &bx.x1, &bx.y1, &used) != 4)
            continue;
        const char *q = b + used;
        if (*q == '"')
            q++;
        bx.text = g_strndup(q, strlen(q) > 0 ? strlen(q) - 1 : 0);
        g_array_append_val(boxes, bx);
    }
    g_strfreev(lines);
    return boxes;
}

static void boxes_free(GArray *boxes)
{
    for (guint i = 0; i < boxes->len; i++)
        g_free(g_array_index(boxes, box, i).text);
    g_array_free(boxes, TRUE);
}

/* Pairs of text boxes that overlap by more than 0.01 pt both ways. */
static int overlaps(GArray *boxes, GString *first)
{
    int n = 0;
    for (guint i = 0; i < boxes->len; i++) {
        const box *a = &g_array_index(boxes, box, i);
        for (guint j = i + 1; j < boxes->len; j++) {
            const box *b = &g_array_index(boxes, box, j);
            if (a->x0 < b->x1 - 0.01 && b->x0 < a->x1 - 0.01 && a->y0 < b->y1 - 0.01 && b->y0 < a->y1 - 0.01) {
                if (n++ == 0)
                    g_string_printf(first, "\"%s\" and \"%s\"", a->text, b->text);
            }
        }
    }
    return n;
}

/* A number as a table cell shows it (digits, separators, qualifier signs,
 * U+2212 minus), or the en dash of a missing value. */
static bool numeric(const char *s)
{
    if (!*s)
        return false;
    if (strcmp(s, "–") == 0)
        return true;
    bool digit = false;
    for (const char *p = s; *p; p = g_utf8_next_char(p)) {
        gunichar ch = g_utf8_get_char(p);
        if (g_unichar_isdigit(ch))
            digit = true;
        else if (!strchr(",.><~ ", (int)ch) && ch != 0xA0 && ch != 0x2212)
            return false;
    }
    return digit;
}

/* Numeric cells below y_min clustered by right edge (clusters further
 * apart than 4 pt); returns the number of clusters, and the largest spread
 * of right edges within one. */
static int right_edge_clusters(GArray *boxes, double y_min, double *spread, int *n_numbers)
{
    GArray *edges = g_array_new(FALSE, FALSE, sizeof(double));
    for (guint i = 0; i < boxes->len; i++) {
        const box *b = &g_array_index(boxes, box, i);
        if (b->y0 < y_min || !numeric(b->text))
            continue;
        /* A run that continues another (CJK text falls back to another
         * font mid-string: "(2025" "年" "3" "月)") is not a cell. */
        bool continues = false;
        for (guint j = 0; j < boxes->len; j++) {
            const box *o = &g_array_index(boxes, box, j);
            continues |= j != i && fabs(o->x1 - b->x0) < 0.02 && o->y0 < b->y1 && b->y0 < o->y1;
        }
        if (!continues)
            g_array_append_val(edges, b->x1);
    }
    *n_numbers = (int)edges->len;
    /* insertion sort: small arrays */
    double *e = (double *)(void *)edges->data;
    for (guint i = 1; i < edges->len; i++)
        for (guint j = i; j > 0 && e[j - 1] > e[j]; j--) {
            double tmp = e[j];
            e[j] = e[j - 1];
            e[j - 1] = tmp;
        }
    int clusters = 0;
    *spread = 0;
    double start = 0;
    for (guint i = 0; i < edges->len; i++) {
        if (i == 0 || e[i] - e[i - 1] > 4) {
            clusters++;
            start = e[i];
        }
        *spread = fmax(*spread, e[i] - start);
    }
    g_array_free(edges, TRUE);
    return clusters;
}

static char *draw_trace(const br_table *t, size_t first, size_t end, bool title, bool foot, double *h)
{
    GString *out = g_string_new(NULL);
    br_trace_dev *td = br_trace_dev_new(out, 595, 100000);
    *h = br_table_draw(t, br_trace_dev_device(td), 51, 51, first, end, title, foot);
    br_trace_dev_free(td);
    return g_string_free(out, FALSE);
}

/* The head of a slice: with the title (first) or the continuation line. */
static double head(const br_table *t, bool title)
{
    return br_table_head_height(t, title);
}

/* The height br_table_draw returns, drawing into a bounds-only device. */
static double measure(const br_table *t, double x, double y, size_t first, size_t end, bool title, bool foot)
{
    br_bbox_dev *bb = br_bbox_dev_new();
    double h = br_table_draw(t, br_bbox_dev_device(bb), x, y, first, end, title, foot);
    br_bbox_dev_free(bb);
    return h;
}

static double expected_height(const br_table *t, size_t first, size_t end, bool title, bool foot)
{
    double h = head(t, title);
    for (size_t r = first; r < end; r++)
        h += br_table_row_height(t, r);
    return h + (foot ? br_table_foot_height(t) : 0);
}

static void check_slice(const br_table *t, size_t first, size_t end, bool title, bool foot, const char *what)
{
    double h = 0;
    char *trace = draw_trace(t, first, end, title, foot, &h);
    double measured = measure(t, 51, 51, first, end, title, foot);
    ok(h == expected_height(t, first, end, title, foot), "%s [%zu,%zu) title=%d foot=%d: height %.4f == head + rows + foot",
       what, first, end, title, foot, h);
    ok(measured == h, "%s [%zu,%zu): measuring (NULL device) gives the drawn height", what, first, end);
    GArray *boxes = text_boxes(trace);
    GString *pair = g_string_new(NULL);
    int n = overlaps(boxes, pair);
    ok(n == 0, "%s [%zu,%zu): no two text boxes overlap (%d; %s)", what, first, end, n, pair->str);
    double spread = 0;
    int numbers = 0;
    int clusters = right_edge_clusters(boxes, 51 + head(t, title), &spread, &numbers);
    ok(clusters >= 1 && spread <= 0.01, "%s [%zu,%zu): %d numbers right-aligned in %d columns (spread %.3f pt)",
       what, first, end, numbers, clusters, spread);
    g_string_free(pair, TRUE);
    boxes_free(boxes);
    g_free(trace);
}

static bool has_text(const char *trace, const char *s)
{
    char *q = g_strdup_printf("\"%s\"", s);
    bool found = strstr(trace, q) != NULL;
    g_free(q);
    return found;
}

typedef struct {
    br_arena *arena;
    br_diag *diag;
    br_fonts *fonts;
    const br_set *set;
    br_chart_ctx ctx;
} fixture;

static bool fixture_load(fixture *f, br_fonts *fonts, const char *path, const char *buffer, const char *lang)
{
    memset(f, 0, sizeof *f);
    f->arena = br_arena_new();
    f->diag = br_diag_new(50);
    br_status st = buffer ? br_set_load_buffer(buffer, strlen(buffer), "test.json", NULL, f->arena, f->diag, &f->set)
                          : br_set_load(path, NULL, f->arena, f->diag, &f->set);
    if (st != BR_OK) {
        for (size_t i = 0; i < br_diag_count(f->diag); i++)
            printf("# %s\n", br_diag_item_at(f->diag, i)->message);
        return false;
    }
    const char *l = lang ? lang : f->set->language;
    br_fonts_set_language(fonts, l);
    br_chart_ctx_init(&f->ctx, fonts, f->set, l, f->diag);
    return true;
}

static void fixture_free(fixture *f)
{
    br_chart_ctx_clear(&f->ctx);
    br_diag_free(f->diag);
    br_arena_free(f->arena);
}

static const char *label(fixture *f, const char *id)
{
    return br_entity_label(&f->ctx, br_set_lookup_entity(f->set, id));
}

static br_table *table(fixture *f, const br_chart_spec *spec)
{
    br_table *t = NULL;
    br_status st = br_table_new(&f->ctx, spec, WIDTH, &t);
    ok(st == BR_OK, "br_table_new succeeds");
    return t;
}

static void sample_tests(br_fonts *fonts, const char *file, const char *lang, const char *continued)
{
    fixture f;
    char *path = g_build_filename(src_root(), "data", file, NULL);
    if (!ok(fixture_load(&f, fonts, path, NULL, lang), "%s loads", file)) {
        g_free(path);
        return;
    }
    br_chart_spec spec;
    br_chart_spec_init(&spec);
    spec.kind = BR_CHART_TABLE;
    spec.rank = true;
    br_table *t = table(&f, &spec);
    ok(t && br_table_rows(t) == 31, "%s: all 31 regions are rows (%zu)", file, t ? br_table_rows(t) : 0);
    if (t) {
        size_t n = br_table_rows(t);
        check_slice(t, 0, n, true, true, file);
        check_slice(t, 5, 17, true, true, file);
        check_slice(t, 5, 17, false, false, file);
        check_slice(t, 17, n, false, true, file);
        double h0 = 0, h1 = 0;
        char *a = draw_trace(t, 0, 5, true, false, &h0);
        char *b = draw_trace(t, 5, 17, false, false, &h1);
        const char *region = f.ctx.loc->id == BR_LANG_DE ? "Region" : f.ctx.loc->id == BR_LANG_ZH ? "地区" : "Region";
        ok(has_text(a, region) && has_text(b, region), "%s: the header row is drawn on the first slice and repeated", file);
        ok(strstr(b, continued) != NULL, "%s: the continuation says \"%s\"", file, continued);
        ok(strstr(a, continued) == NULL, "%s: the first slice does not", file);
        ok(head(t, false) < head(t, true), "%s: a continuation's head (%.2f) is shorter than the first (%.2f)", file,
           head(t, false), head(t, true));
        /* Sorted by the first column (PCT applications): Guangdong first; row 5 is Fujian. */
        const char *gd = label(&f, "GD"), *fj = label(&f, "FJ");
        ok(has_text(a, gd) && !has_text(b, gd) && has_text(b, fj) && !has_text(a, fj),
           "%s: slices hold exactly their rows", file);
        br_table_free(t);
        g_free(a);
        g_free(b);
    }

    /* focus: that row bold, its name in the highlight colour. */
    spec.focus = "AH";
    t = table(&f, &spec);
    if (t) {
        double h = 0;
        char *a = draw_trace(t, 0, br_table_rows(t), true, true, &h);
        char *want = g_strdup_printf("#d55e00 box");
        const char *line = strstr(a, want);
        ok(line && strstr(a, label(&f, "AH")) && h == expected_height(t, 0, br_table_rows(t), true, true),
           "%s: the focus region is highlighted", file);
        g_free(want);
        g_free(a);
        br_table_free(t);
    }
    spec.focus = NULL;

    /* top, sort by name, explicit indicators. */
    spec.top = 10;
    spec.sort = BR_SORT_NAME;
    static const char *ids[] = {"computing_power", "no_such_indicator", "pct_applications"};
    spec.indicators = ids;
    spec.n_indicators = 3;
    t = table(&f, &spec);
    ok(t && br_table_rows(t) == 10, "%s: top 10 limits the rows", file);
    if (t) {
        double h = 0;
        char *a = draw_trace(t, 0, 10, true, true, &h);
        if (f.ctx.loc->id != BR_LANG_ZH)
            ok(has_text(a, label(&f, "AH")) && has_text(a, label(&f, "GD")) && !has_text(a, label(&f, "ZJ")),
               "%s: sorted by name", file);
        ok(h == expected_height(t, 0, 10, true, true), "%s: explicit columns: height adds up", file);
        g_free(a);
        br_table_free(t);
    }
    fixture_free(&f);
    g_free(path);
}

static void synthetic_3000(br_fonts *fonts)
{
    fixture f;
    /* Generated at build time into GENDATA (tests/data/meson.build). */
    const char *gendata = getenv("GENDATA");
    if (!ok(gendata != NULL, "GENDATA is set (run through meson test)"))
        return;
    char *path = g_build_filename(gendata, "synthetic-3000.json", NULL);
    if (!ok(fixture_load(&f, fonts, path, NULL, NULL), "synthetic-3000 loads")) {
        g_free(path);
        return;
    }
    br_chart_spec spec;
    br_chart_spec_init(&spec);
    spec.kind = BR_CHART_TABLE;
    spec.rank = true;
    br_table *t = table(&f, &spec);
    ok(t && br_table_rows(t) == 3000, "synthetic-3000: 3,000 rows");
    if (t) {
        /* Page by page as the layout engine would: ~ 60 rows a page. */
        double page = 842 - 51 - 62;
        size_t first = 0, pages = 0;
        bool exact = true;
        while (first < 3000) {
            double room = page - head(t, first == 0);
            size_t end = first;
            while (end < 3000 && room >= br_table_row_height(t, end) + (end + 1 == 3000 ? br_table_foot_height(t) : 0)) {
                room -= br_table_row_height(t, end);
                end++;
            }
            bool last = end == 3000;
            double h = measure(t, 51, 51, first, end, first == 0, last);
            exact &= h == expected_height(t, first, end, first == 0, last);
            first = end;
            pages++;
        }
        ok(exact && pages >= 40 && pages <= 60, "synthetic-3000: %zu pages, every slice's height adds up", pages);
        check_slice(t, 0, 60, true, false, "synthetic-3000");
        check_slice(t, 2940, 3000, false, true, "synthetic-3000");
        double h = 0;
        char *all = draw_trace(t, 0, 3000, true, true, &h);
        ok(h == expected_height(t, 0, 3000, true, true), "synthetic-3000: all rows drawn");
        g_free(all);
        br_table_free(t);
    }
    fixture_free(&f);
    g_free(path);
}

static const char *edge_set =
    "{\"format\": \"indicator-set/1\", \"id\": \"edge\", \"title\": \"Edge\", \"date\": \"2026-03-02\","
    " \"entities\": ["
    "  {\"id\": \"CN\", \"name\": \"China\", \"kind\": \"country\"},"
    "  {\"id\": \"A\", \"name\": \"A region with a very long name that goes on and on beyond sixty characters\", \"kind\": \"province\"},"
    "  {\"id\": \"B\", \"name\": \"Bee\", \"kind\": \"province\"},"
    "  {\"id\": \"C\", \"name\": \"Sea\", \"kind\": \"province\"}],"
    " \"indicators\": ["
    "  {\"id\": \"huge\", \"name\": \"Huge values\", \"topic\": \"t\", \"unit\": \"count\", \"observations\": ["
    "    {\"entity\": \"A\", \"period\": \"2024\", \"value\": 1e15}, {\"entity\": \"B\", \"period\": \"2023\", \"value\": 42,"
    "     \"note\": \"A note.\"}]},"
    "  {\"id\": \"neg\", \"name\": \"Negative values with a rather long indicator name to wrap\", \"topic\": \"t\","
    "   \"unit\": \"°C\", \"decimals\": 1, \"observations\": ["
    "    {\"entity\": \"C\", \"period\": \"2024-Q3\", \"value\": -3.25, \"qualifier\": \"about\"}]},"
    "  {\"id\": \"national\", \"name\": \"Only national\", \"topic\": \"t\", \"unit\": \"count\", \"observations\": ["
    "    {\"entity\": \"CN\", \"period\": \"2024\", \"value\": 5}]}]}";

static const char *no_region_set =
    "{\"format\": \"indicator-set/1\", \"id\": \"none\", \"title\": \"None\", \"date\": \"2026-03-02\","
    " \"entities\": [{\"id\": \"CN\", \"name\": \"China\", \"kind\": \"country\"}, {\"id\": \"A\", \"name\": \"A\", \"kind\": \"province\"}],"
    " \"indicators\": [{\"id\": \"x\", \"name\": \"X\", \"topic\": \"t\", \"unit\": \"count\", \"observations\": ["
    "    {\"entity\": \"CN\", \"period\": \"2024\", \"value\": 5}]}]}";

static void edge_tests(br_fonts *fonts)
{
    fixture f;
    if (ok(fixture_load(&f, fonts, NULL, edge_set, NULL), "edge set loads")) {
        br_chart_spec spec;
        br_chart_spec_init(&spec);
        spec.kind = BR_CHART_TABLE;
        spec.rank = true;
        br_table *t = table(&f, &spec);
        ok(t && br_table_rows(t) == 3, "edge: 3 regions (long name, huge, negative values)");
        if (t) {
            check_slice(t, 0, 3, true, true, "edge");
            double h = 0;
            char *a = draw_trace(t, 0, 3, true, true, &h);
            ok(strstr(a, "1,000,000,000,000,000") != NULL, "edge: 1e15 in full");
            /* (U+2212, numfmt's minus, has no glyph in the project fonts yet: not checked here.) */
            ok(strstr(a, "\"~\xC2\xA0") != NULL, "edge: a negative value with its qualifier");
            /* The ellipsis glyph carries the text it stands for, so look at geometry:
             * the name's runs end within 30 % of the width, before the numbers. */
            GArray *nb = text_boxes(a);
            double name_start = 0, name_end = 0;
            for (guint i = 0; i < nb->len; i++) {
                const box *b = &g_array_index(nb, box, i);
                if (g_str_has_prefix(b->text, "A region"))
                    name_start = b->x0;
                if (g_str_has_prefix(b->text, "A region") || (name_end > 0 && fabs(b->x0 - name_end) < 0.02))
                    name_end = fmax(name_end, b->x1);
            }
            ok(name_end > name_start && name_end - name_start <= WIDTH * 0.3 + 0.01,
               "edge: the long name is cut (%.2f pt wide)", name_end - name_start);
            boxes_free(nb);
            ok(strstr(a, "Only national") == NULL, "edge: an indicator without regional data is not a column");
            GArray *boxes = text_boxes(a);
            bool inside = true;
            for (guint i = 0; i < boxes->len; i++)
                inside &= g_array_index(boxes, box, i).x0 >= 51 - 0.01 && g_array_index(boxes, box, i).x1 <= 51 + WIDTH + 0.01;
            ok(inside, "edge: every text stays within the width");
            boxes_free(boxes);
            g_free(a);
            br_table_free(t);
        }
        fixture_free(&f);
    }
    if (ok(fixture_load(&f, fonts, NULL, no_region_set, NULL), "no-region-data set loads")) {
        br_chart_spec spec;
        br_chart_spec_init(&spec);
        spec.kind = BR_CHART_TABLE;
        br_table *t = NULL;
        ok(br_table_new(&f.ctx, &spec, WIDTH, &t) == BR_OK && t == NULL, "no regional data: nothing to show (NULL)");
        br_table_free(t);
        fixture_free(&f);
    }
}

int main(void)
{
    br_diag *diag = br_diag_new(50);
    br_fontset *fontset = NULL;
    br_fonts *fonts = NULL;
    char *fonts_dir = g_build_filename(src_root(), "fonts", NULL);
    if (!ok(br_fontset_new(fonts_dir, diag, &fontset) == BR_OK && br_fonts_new(fontset, &fonts) == BR_OK,
            "fonts load")) {
        g_free(fonts_dir);
        return done();
    }
    sample_tests(fonts, "cn-provinces-2026.json", NULL, "(continued)");
    sample_tests(fonts, "cn-provinces-2026.de.json", NULL, "(Fortsetzung)");
    sample_tests(fonts, "cn-provinces-2026.json", "zh", "（续）");
    synthetic_3000(fonts);
    edge_tests(fonts);
    br_fonts_free(fonts);
    br_fontset_free(fontset);
    br_diag_free(diag);
    g_free(fonts_dir);
    return done();
}
