/* csv: see csv.h. */
#include "io/csv.h"

#include <string.h>

void br_csv_init(br_csv *r, const char *data, size_t len, br_arena *arena)
{
    r->p = data;
    r->end = data + len;
    r->line = 1;
    r->col = 1;
    r->arena = arena;
    r->buf = g_string_new(NULL);
    if (len >= 3 && !memcmp(data, "\xEF\xBB\xBF", 3))
        r->p += 3;
}

void br_csv_clear(br_csv *r)
{
    if (r->buf)
        g_string_free(r->buf, TRUE);
    r->buf = NULL;
}

static void advance(br_csv *r)
{
    unsigned char b = (unsigned char)*r->p++;
    if (b == '\n') {
        r->line++;
        r->col = 1;
    } else if ((b & 0xC0) != 0x80) {
        r->col++;
    }
}

void br_csv_locate(const br_csv *r, const char *at, int *line, int *col)
{
    br_csv c = *r;
    while (c.p < at && c.p < c.end)
        advance(&c);
    *line = c.line;
    *col = c.col;
}

static bool at_record_end(const br_csv *r)
{
    return *r->p == '\n' || (*r->p == '\r' && r->p + 1 < r->end && r->p[1] == '\n');
}

static br_csv_result fail(br_csv_error *err, int line, int col, const char *message)
{
    err->line = line;
    err->col = col;
    err->message = message;
    return BR_CSV_ERROR;
}

br_csv_result br_csv_next(br_csv *r, GArray *cells, br_csv_error *err)
{
    g_array_set_size(cells, 0);
    if (r->p >= r->end)
        return BR_CSV_END;
    GString *buf = r->buf;
    for (;;) {
        br_csv_cell cell = {0};
        cell.line = r->line;
        cell.col = r->col;
        g_string_truncate(buf, 0);
        if (r->p < r->end && *r->p == '"') {
            advance(r);
            for (;;) {
                if (r->p >= r->end)
                    return fail(err, cell.line, cell.col, "quoted field is not closed before the end of the file");
                if (*r->p == '"') {
                    advance(r);
                    if (r->p < r->end && *r->p == '"') {
                        g_string_append_c(buf, '"');
                        advance(r);
                        continue;
                    }
                    break;
                }
                g_string_append_c(buf, *r->p);
                advance(r);
            }
            if (r->p < r->end && *r->p != ',' && !at_record_end(r))
                return fail(err, r->line, r->col,
                            "unexpected character after a closing quote (expected ',' or the end of the line)");
        } else {
            while (r->p < r->end && *r->p != ',' && !at_record_end(r)) {
                if (*r->p == '"')
                    return fail(err, r->line, r->col,
                                "'\"' inside an unquoted field (quote the whole field and double the '\"')");
                g_string_append_c(buf, *r->p);
                advance(r);
            }
        }
        cell.text = br_arena_strndup(r->arena, buf->str, buf->len);
        if (!cell.text)
            return BR_CSV_NOMEM;
        cell.len = buf->len;
        g_array_append_val(cells, cell);
        if (r->p < r->end && *r->p == ',') {
            advance(r);
            continue;
        }
        if (r->p < r->end && *r->p == '\r')
            advance(r);
        if (r->p < r->end)
            advance(r); /* the '\n' */
        return BR_CSV_RECORD;
    }
}

bool br_csv_number(const char *s, double *out)
{
    const char *p = s;
    if (*p == '-')
        p++;
    if (!g_ascii_isdigit(*p) || (*p == '0' && g_ascii_isdigit(p[1])))
        return false;
    while (g_ascii_isdigit(*p))
        p++;
    if (*p == '.') {
        if (!g_ascii_isdigit(*++p))
            return false;
        while (g_ascii_isdigit(*p))
            p++;
    }
    if (*p == 'e' || *p == 'E') {
        p++;
        if (*p == '+' || *p == '-')
            p++;
        if (!g_ascii_isdigit(*p))
            return false;
        while (g_ascii_isdigit(*p))
            p++;
    }
    if (*p)
        return false;
    *out = g_ascii_strtod(s, NULL);
    return true;
}
