/* diag: see diag.h. */
#include "base/diag.h"

#include <glib.h>
#include <stdarg.h>
#include <string.h>

struct br_diag {
    GPtrArray *items; /* of br_diag_item * */
    size_t max_errors;
    size_t errors; /* all errors, including those beyond the cap */
};

const char *br_status_str(br_status status)
{
    switch (status) {
    case BR_OK: return "ok";
    case BR_ERR_NOMEM: return "out of memory";
    case BR_ERR_IO: return "input/output error";
    case BR_ERR_JSON: return "invalid JSON";
    case BR_ERR_SPEC: return "invalid indicator set";
    case BR_ERR_LAYOUT: return "invalid layout";
    case BR_ERR_FONT: return "font error";
    case BR_ERR_BACKEND: return "output back end error";
    case BR_ERR_UNSUPPORTED: return "unsupported operation";
    case BR_ERR_USAGE: return "usage error";
    case BR_ERR_RANGE: return "a number to draw is not finite (a value too large for the chart)";
    }
    return "unknown error";
}

br_status br_error_set(br_status status)
{
    return status; /* set a breakpoint here to catch every error */
}

static void item_free(gpointer p)
{
    br_diag_item *it = p;
    g_free(it->file);
    g_free(it->path);
    g_free(it->message);
    g_free(it);
}

br_diag *br_diag_new(size_t max_errors)
{
    br_diag *d = g_new0(br_diag, 1);
    d->items = g_ptr_array_new_with_free_func(item_free);
    d->max_errors = max_errors ? max_errors : 50;
    return d;
}

void br_diag_free(br_diag *diag)
{
    if (!diag)
        return;
    g_ptr_array_free(diag->items, TRUE);
    g_free(diag);
}

/* Escapes what a terminal would act on rather than show.  Messages quote
 * values from the user's files (ids, names, file names), and a newline in
 * an id must not forge a second diagnostic line, nor an ESC colour the
 * terminal: so every item is escaped once, here, as it is stored. */
char *br_escape_text(const char *text)
{
    if (!text)
        return NULL;
    GString *out = g_string_sized_new(strlen(text));
    const char *p = text, *end = text + strlen(text);
    while (p < end) {
        unsigned char b = (unsigned char)*p;
        if (b < 0x80) {
            if (b == '\n')
                g_string_append(out, "\\n");
            else if (b == '\r')
                g_string_append(out, "\\r");
            else if (b == '\t')
                g_string_append(out, "\\t");
            else if (b < 0x20 || b == 0x7F)
                g_string_append_printf(out, "\\x%02x", b);
            else
                g_string_append_c(out, (char)b);
            p++;
            continue;
        }
        gunichar u = g_utf8_get_char_validated(p, end - p);
        if (u == (gunichar)-1 || u == (gunichar)-2) {
            g_string_append_printf(out, "\\x%02x", b); /* invalid UTF-8: the byte */
            p++;
        } else {
            const char *next = g_utf8_next_char(p);
            if (u >= 0x80 && u <= 0x9F) /* C1 controls (U+0085 is a line break) */
                g_string_append_printf(out, "\\u%04x", (unsigned)u);
            else
                g_string_append_len(out, p, next - p);
            p = next;
        }
    }
    return g_string_free(out, FALSE);
}

static void diag_vadd(br_diag *diag, br_severity sev, const char *file, int line,
                      int col, const char *path, const char *fmt, va_list ap)
{
    if (sev == BR_SEV_ERROR) {
        diag->errors++;
        if (diag->errors > diag->max_errors)
            return;
    }
    br_diag_item *it = g_new0(br_diag_item, 1);
    it->severity = sev;
    it->file = br_escape_text(file);
    it->line = line;
    it->col = col;
    it->path = br_escape_text(path);
    char *raw = g_strdup_vprintf(fmt, ap);
    it->message = br_escape_text(raw);
    g_free(raw);
    g_ptr_array_add(diag->items, it);
}

void br_diag_add(br_diag *diag, br_severity sev, const char *file, int line,
                 int col, const char *path, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    diag_vadd(diag, sev, file, line, col, path, fmt, ap);
    va_end(ap);
}

void br_diag_error(br_diag *diag, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    diag_vadd(diag, BR_SEV_ERROR, NULL, 0, 0, NULL, fmt, ap);
    va_end(ap);
}

size_t br_diag_count(const br_diag *diag)
{
    return diag->items->len;
}

size_t br_diag_error_count(const br_diag *diag)
{
    return diag->errors;
}

const br_diag_item *br_diag_item_at(const br_diag *diag, size_t i)
{
    return i < diag->items->len ? g_ptr_array_index(diag->items, i) : NULL;
}

int br_diag_full(const br_diag *diag)
{
    return diag->errors >= diag->max_errors;
}

static gint by_position(gconstpointer a, gconstpointer b)
{
    const br_diag_item *x = *(const br_diag_item *const *)a, *y = *(const br_diag_item *const *)b;
    if (x->line != y->line)
        return x->line < y->line ? -1 : 1;
    return x->col < y->col ? -1 : x->col > y->col;
}

void br_diag_sort_from(br_diag *diag, size_t from)
{
    if (from >= diag->items->len)
        return;
    /* g_ptr_array_sort is a stable merge sort since GLib 2.32. */
    GPtrArray *tail = g_ptr_array_new();
    for (guint i = (guint)from; i < diag->items->len; i++)
        g_ptr_array_add(tail, g_ptr_array_index(diag->items, i));
    g_ptr_array_sort(tail, by_position);
    for (guint i = 0; i < tail->len; i++)
        diag->items->pdata[from + i] = tail->pdata[i];
    g_ptr_array_free(tail, TRUE);
}

char *br_diag_format(const br_diag_item *item)
{
    GString *s = g_string_new(NULL);
    if (item->file) {
        g_string_append(s, item->file);
        if (item->line > 0)
            g_string_append_printf(s, ":%d:%d", item->line, item->col);
        g_string_append(s, ": ");
    }
    if (item->path)
        g_string_append_printf(s, "%s: ", item->path);
    if (item->severity == BR_SEV_WARNING)
        g_string_append(s, "warning: ");
    g_string_append(s, item->message);
    return g_string_free(s, FALSE);
}

void br_diag_clear(br_diag *diag)
{
    g_ptr_array_set_size(diag->items, 0);
    diag->errors = 0;
}

void br_free(void *p)
{
    g_free(p);
}
