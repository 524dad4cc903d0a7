/* registry: the table of chart kinds, the chart spec's defaults, and the
 * recording every chart is drawn into once (see chart.h). */
#include "charts/chart.h"

#include <glib.h>
#include <stdarg.h>
#include <string.h>

#include "charts/kinds.h"

/* In the order of br_chart_kind. */
static const br_chart_kind_def *const kinds[] = {
    &br_chart_kind_bars,    &br_chart_kind_share, &br_chart_kind_keyfigs, &br_chart_kind_grouped,
    &br_chart_kind_stacked, &br_chart_kind_parts, &br_chart_kind_line,    &br_chart_kind_tilemap,
    &br_chart_kind_mosaic,  &br_chart_kind_table,
};

size_t br_chart_n_kinds(void)
{
    return G_N_ELEMENTS(kinds);
}

const br_chart_kind_def *br_chart_kind_at(size_t i)
{
    return i < G_N_ELEMENTS(kinds) ? kinds[i] : NULL;
}

const br_chart_kind_def *br_chart_kind_named(const char *name)
{
    for (size_t i = 0; i < G_N_ELEMENTS(kinds); i++)
        if (strcmp(kinds[i]->name, name) == 0)
            return kinds[i];
    return NULL;
}

const br_chart_kind_def *br_chart_kind_of(br_chart_kind kind)
{
    for (size_t i = 0; i < G_N_ELEMENTS(kinds); i++)
        if (kinds[i]->kind == kind)
            return kinds[i];
    return kinds[0];
}

static const struct {
    const char *key;
    unsigned bit;
} option_keys[] = {
    {"indicator", BR_OPT_INDICATOR}, {"indicators", BR_OPT_INDICATORS}, {"topic", BR_OPT_TOPIC},
    {"unit", BR_OPT_UNIT}, {"title", BR_OPT_TITLE}, {"top", BR_OPT_TOP}, {"focus", BR_OPT_FOCUS},
    {"scale", BR_OPT_SCALE}, {"reference", BR_OPT_REFERENCE}, {"orientation", BR_OPT_ORIENTATION},
    {"sort", BR_OPT_SORT}, {"period", BR_OPT_PERIOD}, {"rank", BR_OPT_RANK}, {"entities", BR_OPT_ENTITIES},
    {"select", BR_OPT_SELECT},
};

unsigned br_chart_option_of(const char *key)
{
    for (size_t i = 0; i < G_N_ELEMENTS(option_keys); i++)
        if (strcmp(option_keys[i].key, key) == 0)
            return option_keys[i].bit;
    return 0;
}

void br_chart_problem(const br_chart_ctx *c, const br_chart_spec *spec, const char *key, br_severity sev,
                      const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    char *msg = g_strdup_vprintf(fmt, ap);
    va_end(ap);
    char *path = spec->path && key ? g_strconcat(spec->path, ".", key, NULL) : g_strdup(spec->path ? spec->path : key);
    br_diag_add(c->diag, sev, spec->file, spec->line, spec->col, path, "%s", msg);
    g_free(path);
    g_free(msg);
}

void br_chart_spec_init(br_chart_spec *spec)
{
    memset(spec, 0, sizeof *spec);
    spec->kind = BR_CHART_BARS;
    spec->reference = -2;
    spec->sort = BR_SORT_VALUE;
}

struct br_chart_plan {
    br_dlist *list;
    double height;
};

/* A recording page tall enough for anything a block draws; the height a
 * block reports is what counts. */
#define RECORD_HEIGHT 1e6

br_status br_record(double width, double (*fn)(void *data, br_device *dev), void *data, br_dlist **list,
                    double *height)
{
    br_dlist *l = br_dlist_new(width, RECORD_HEIGHT);
    if (!l)
        return br_error_set(BR_ERR_NOMEM);
    double h = fn(data, br_dlist_device(l));
    br_status st = br_dev_status(br_dlist_device(l));
    if (st == BR_OK && br_dlist_device(l)->clip_depth != 0)
        st = br_error_set(BR_ERR_UNSUPPORTED);
    if (st != BR_OK) {
        br_dlist_free(l);
        return st;
    }
    *list = l;
    *height = h;
    return BR_OK;
}

typedef struct {
    br_chart_ctx *c;
    const br_chart_spec *spec;
    double width;
} chart_job;

static double draw_chart(void *data, br_device *dev)
{
    chart_job *j = data;
    return br_chart_kind_of(j->spec->kind)->draw(j->c, j->spec, dev, 0, 0, j->width);
}

br_status br_chart_plan_new(br_chart_ctx *c, const br_chart_spec *spec, double width, br_chart_plan **out)
{
    chart_job job = {c, spec, width};
    br_dlist *list = NULL;
    double h = 0;
    *out = NULL;
    br_status st = br_record(width, draw_chart, &job, &list, &h);
    if (st != BR_OK)
        return st;
    if (h <= 0) {
        br_dlist_free(list);
        return BR_OK;
    }
    br_chart_plan *p = g_new0(br_chart_plan, 1);
    p->list = list;
    p->height = h;
    *out = p;
    return BR_OK;
}

void br_chart_plan_free(br_chart_plan *plan)
{
    if (!plan)
        return;
    br_dlist_free(plan->list);
    g_free(plan);
}

double br_chart_plan_height(const br_chart_plan *plan)
{
    return plan->height;
}

void br_chart_plan_draw(const br_chart_plan *plan, br_device *dev, double x, double y)
{
    br_matrix m = br_matrix_translate(x, y);
    (void)br_dlist_replay_transformed(plan->list, dev, &m);
}
