/* pages: see pages.h. */
#include "device/pages.h"

#include <glib.h>

struct br_pages {
    GPtrArray *pages;  /* br_dlist * */
    GArray *outline;   /* br_outline_entry, titles owned */
    br_dlist *current;
};

br_pages *br_pages_new(void)
{
    br_pages *p = g_new0(br_pages, 1);
    p->pages = g_ptr_array_new_with_free_func((GDestroyNotify)br_dlist_free);
    p->outline = g_array_new(FALSE, FALSE, sizeof(br_outline_entry));
    return p;
}

void br_pages_free(br_pages *p)
{
    if (!p)
        return;
    for (guint i = 0; i < p->outline->len; i++)
        g_free((char *)g_array_index(p->outline, br_outline_entry, i).title);
    g_array_free(p->outline, TRUE);
    g_ptr_array_free(p->pages, TRUE);
    br_dlist_free(p->current);
    g_free(p);
}

br_device *br_pages_begin(br_pages *p, double width, double height)
{
    br_dlist_free(p->current);
    p->current = br_dlist_new(width, height);
    return p->current ? br_dlist_device(p->current) : NULL;
}

br_status br_pages_end(br_pages *p)
{
    if (!p->current)
        return br_error_set(BR_ERR_NOMEM);
    br_status st = br_dev_status(br_dlist_device(p->current));
    if (st == BR_OK && br_dlist_device(p->current)->clip_depth != 0)
        st = br_error_set(BR_ERR_UNSUPPORTED); /* unbalanced clips */
    if (st != BR_OK)
        br_dlist_free(p->current);
    else
        g_ptr_array_add(p->pages, p->current);
    p->current = NULL;
    return st;
}

void br_pages_add_outline(br_pages *p, const char *title, int level, double y)
{
    br_outline_entry e = {g_strdup(title), level, p->pages->len, y};
    g_array_append_val(p->outline, e);
}

size_t br_pages_count(const br_pages *p)
{
    return p->pages->len;
}

const br_dlist *br_pages_at(const br_pages *p, size_t i)
{
    return g_ptr_array_index(p->pages, i);
}

size_t br_pages_n_outline(const br_pages *p)
{
    return p->outline->len;
}

const br_outline_entry *br_pages_outline_at(const br_pages *p, size_t i)
{
    return &g_array_index(p->outline, br_outline_entry, i);
}
