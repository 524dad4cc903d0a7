/* validate: value rules of indicator-set/1; see validate.h. */
#include "model/validate.h"

#include <glib.h>
#include <math.h>
#include <stdio.h>
#include <string.h>

static bool is_digit(char c)
{
    return c >= '0' && c <= '9';
}

static bool is_alpha(char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

static bool is_alnum(char c)
{
    return is_alpha(c) || is_digit(c);
}

bool br_validate_id(const char *s)
{
    if (!is_alnum(s[0]))
        return false;
    size_t n = 1;
    for (; s[n]; n++)
        if (!is_alnum(s[n]) && s[n] != '_' && s[n] != '.' && s[n] != '-')
            return false;
    return n <= BR_ID_MAX;
}

bool br_validate_slug(const char *s)
{
    if (!*s)
        return false;
    for (; *s; s++)
        if (!((*s >= 'a' && *s <= 'z') || is_digit(*s) || *s == '-'))
            return false;
    return true;
}

/* n digits at s as a number, or -1. */
static int digits(const char *s, int n)
{
    int v = 0;
    for (int i = 0; i < n; i++) {
        if (!is_digit(s[i]))
            return -1;
        v = v * 10 + (s[i] - '0');
    }
    return v;
}

static int days_in_month(int year, int month)
{
    static const int days[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    bool leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
    return month == 2 && leap ? 29 : days[month - 1];
}

bool br_validate_date(const char *s, int *yyyymmdd)
{
    if (strlen(s) != 10 || s[4] != '-' || s[7] != '-')
        return false;
    int y = digits(s, 4), m = digits(s + 5, 2), d = digits(s + 8, 2);
    if (y < 0 || m < 1 || m > 12 || d < 1 || d > days_in_month(y, m))
        return false;
    if (yyyymmdd)
        *yyyymmdd = y * 10000 + m * 100 + d;
    return true;
}

bool br_validate_period(const char *s, int *end)
{
    size_t n = strlen(s);
    int y = n >= 4 ? digits(s, 4) : -1;
    if (y < 0)
        return false;
    if (n == 4) {
        *end = y * 10000 + 1231;
        return true;
    }
    /* A range of years: YYYY/YYYY (ISO 8601) or YYYY–YYYY (en dash), the
     * second after the first; it ends with its last year. */
    size_t sep = s[4] == '/' ? 1 : !strncmp(s + 4, "\xE2\x80\x93", 3) ? 3 : 0;
    if (sep && n == 4 + sep + 4) {
        int y2 = digits(s + 4 + sep, 4);
        if (y2 <= y)
            return false;
        *end = y2 * 10000 + 1231;
        return true;
    }
    if (s[4] != '-')
        return false;
    if (n == 7 && s[5] == 'Q') {
        int q = digits(s + 6, 1);
        if (q < 1 || q > 4)
            return false;
        *end = y * 10000 + q * 300 + days_in_month(y, q * 3);
        return true;
    }
    if (n == 7) {
        int m = digits(s + 5, 2);
        if (m < 1 || m > 12)
            return false;
        *end = y * 10000 + m * 100 + days_in_month(y, m);
        return true;
    }
    return br_validate_date(s, end);
}

const char *br_period_canonical(const char *s, br_arena *arena)
{
    if (strlen(s) != 11 || strncmp(s + 4, "\xE2\x80\x93", 3))
        return s;
    char slash[10];
    memcpy(slash, s, 4);
    slash[4] = '/';
    memcpy(slash + 5, s + 7, 4);
    slash[9] = '\0';
    return br_arena_strdup(arena, slash);
}

/* Language tags (RFC 5646 section 2.1), checked subtag by subtag. */
bool br_validate_lang_tag(const char *s)
{
    enum { LANG, EXTLANG, SCRIPT, REGION, VARIANT, EXTENSION, PRIVATE } state = LANG;
    int extlangs = 0;
    bool need_ext_subtag = false, need_private_subtag = false;
    const char *p = s;
    if (!*s)
        return false;
    for (;;) {
        const char *q = p;
        while (*q && *q != '-')
            q++;
        size_t n = (size_t)(q - p);
        if (n < 1 || n > 8)
            return false;
        bool alpha = true, digit = true;
        for (size_t i = 0; i < n; i++) {
            if (!is_alnum(p[i]))
                return false;
            alpha = alpha && is_alpha(p[i]);
            digit = digit && is_digit(p[i]);
        }
        if (state == PRIVATE) {
            need_private_subtag = false; /* 1..8 alphanumerics, checked above */
        } else if (state == LANG) {
            if (n == 1 && (p[0] == 'x' || p[0] == 'X')) {
                state = PRIVATE;
                need_private_subtag = true;
            } else if (alpha && (n == 2 || n == 3)) {
                state = EXTLANG;
            } else if (alpha && n >= 4) {
                state = SCRIPT;
            } else {
                return false;
            }
        } else {
            /* Optional subtags in their order; each branch falls through to
             * the next kind when the subtag is not of this one. */
            if (state == EXTENSION && n >= 2) {
                need_ext_subtag = false;
            } else if (n == 1) {
                if (need_ext_subtag)
                    return false;
                if (p[0] == 'x' || p[0] == 'X') {
                    state = PRIVATE;
                    need_private_subtag = true;
                } else {
                    state = EXTENSION;
                    need_ext_subtag = true;
                }
            } else if (state == EXTENSION) {
                return false;
            } else if (state == EXTLANG && alpha && n == 3 && extlangs < 3) {
                extlangs++;
            } else if (state <= SCRIPT && alpha && n == 4) {
                state = REGION;
            } else if (state <= REGION && ((alpha && n == 2) || (digit && n == 3))) {
                state = VARIANT;
            } else if (n >= 5 || (n == 4 && is_digit(p[0]))) {
                state = VARIANT;
            } else {
                return false;
            }
        }
        if (!*q)
            break;
        p = q + 1;
    }
    return !need_ext_subtag && !need_private_subtag;
}

static const char *const markup_tags[] = {"b", "i", "sup", "sub"};

bool br_validate_markup(const char *s, char *why, size_t size)
{
    const char *stack[32];
    int depth = 0;
    char dummy[1];
    if (!why) {
        why = dummy;
        size = sizeof dummy;
    }
    for (const char *p = s; *p; p++) {
        if (*p == '&') {
            if (strncmp(p, "&lt;", 4) && strncmp(p, "&gt;", 4) && strncmp(p, "&amp;", 5)) {
                snprintf(why, size, "'&' must start &lt;, &gt; or &amp; (write &amp; for '&')");
                return false;
            }
            continue;
        }
        if (*p == '>') {
            snprintf(why, size, "'>' outside a markup tag (write &gt;)");
            return false;
        }
        if (*p != '<')
            continue;
        const char *close = strchr(p, '>');
        bool end_tag = p[1] == '/';
        const char *name = p + 1 + end_tag;
        size_t n = close ? (size_t)(close - name) : 0;
        const char *tag = NULL;
        for (size_t i = 0; close && i < sizeof markup_tags / sizeof *markup_tags; i++)
            if (strlen(markup_tags[i]) == n && !strncmp(name, markup_tags[i], n))
                tag = markup_tags[i];
        if (!tag) {
            if (close && close - p <= 40 && !memchr(p + 1, '<', (size_t)(close - p - 1)))
                snprintf(why, size, "markup tag %.*s is not allowed (allowed: <b>, <i>, <sup>, <sub>; write &lt; for '<')",
                         (int)(close - p + 1), p);
            else
                snprintf(why, size, "'<' that does not start <b>, <i>, <sup> or <sub> (write &lt; for '<')");
            return false;
        }
        if (!end_tag) {
            if (depth == (int)(sizeof stack / sizeof *stack)) {
                snprintf(why, size, "markup nested too deeply");
                return false;
            }
            stack[depth++] = tag;
        } else if (depth == 0 || stack[depth - 1] != tag) {
            if (depth == 0)
                snprintf(why, size, "</%s> closes a tag that is not open", tag);
            else
                snprintf(why, size, "</%s> where </%s> is expected", tag, stack[depth - 1]);
            return false;
        } else {
            depth--;
        }
        p = close;
    }
    if (depth > 0) {
        snprintf(why, size, "<%s> is not closed", stack[depth - 1]);
        return false;
    }
    return true;
}

static bool breaks_words(gunichar c)
{
    switch (g_unichar_break_type(c)) {
    case G_UNICODE_BREAK_SPACE:
    case G_UNICODE_BREAK_ZERO_WIDTH_SPACE:
    case G_UNICODE_BREAK_IDEOGRAPHIC:
    case G_UNICODE_BREAK_COMPLEX_CONTEXT:
    case G_UNICODE_BREAK_HYPHEN:
    case G_UNICODE_BREAK_AFTER:
    case G_UNICODE_BREAK_BEFORE_AND_AFTER:
    case G_UNICODE_BREAK_MANDATORY:
    case G_UNICODE_BREAK_LINE_FEED:
    case G_UNICODE_BREAK_CARRIAGE_RETURN:
    case G_UNICODE_BREAK_NEXT_LINE:
    case G_UNICODE_BREAK_HANGUL_L_JAMO:
    case G_UNICODE_BREAK_HANGUL_V_JAMO:
    case G_UNICODE_BREAK_HANGUL_T_JAMO:
    case G_UNICODE_BREAK_HANGUL_LV_SYLLABLE:
    case G_UNICODE_BREAK_HANGUL_LVT_SYLLABLE:
    case G_UNICODE_BREAK_CONDITIONAL_JAPANESE_STARTER:
        return true;
    default:
        return false;
    }
}

bool br_validate_text_length(const char *s, size_t max_chars, char *why, size_t size)
{
    size_t n = 0, word = 0;
    for (const char *p = s; *p; p = g_utf8_next_char(p)) {
        if (++n > max_chars) {
            snprintf(why, size, "text longer than %zu characters", max_chars);
            return false;
        }
        gunichar c = g_utf8_get_char(p);
        word = breaks_words(c) ? 0 : word + 1;
        if (word > BR_WORD_MAX) {
            snprintf(why, size, "a word longer than %d characters", BR_WORD_MAX);
            return false;
        }
    }
    return true;
}
