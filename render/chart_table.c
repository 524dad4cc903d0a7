/* chart_table: regions x indicators, split across pages (to be built; issue 4/5). */
#include "chart_common.h"

struct br_table {
    int unused;
};

br_status br_table_new(br_chart_ctx *c, const br_chart_spec *spec, double width, br_table **out)
{
    *out = NULL;
    return BR_OK;
}
void br_table_free(br_table *table) {}
size_t br_table_rows(const br_table *table) { return 0; }
double br_table_head_height(const br_table *table) { return 0; }
double br_table_row_height(const br_table *table, size_t row) { return 0; }
double br_table_foot_height(const br_table *table) { return 0; }
double br_table_draw(const br_table *table, br_device *dev, double x, double y, size_t first, size_t end,
                     bool title, bool foot)
{
    return 0;
}
