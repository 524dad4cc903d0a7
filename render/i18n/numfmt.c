/* numfmt: see numfmt.h. */
#include "i18n/numfmt.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

#include <glib.h>

#define NBSP "\xC2\xA0"

char *br_numfmt_number(const br_numfmt *f, double value, int decimals, char *buf)
{
    if (decimals < 0)
        decimals = 0;
    if (decimals > 6)
        decimals = 6;
    char raw[BR_NUM_BUF];
    double rounded = value;
    snprintf(raw, sizeof raw, "%.*f", decimals, fabs(rounded));
    /* "-0" is not a number a reader should see.  The sign is ASCII's
     * hyphen-minus: the project fonts have no U+2212, and readers search
     * for "-5". */
    int negative = value < 0 && strspn(raw, "0.") != strlen(raw);
    char *dot = strchr(raw, '.');
    size_t int_len = dot ? (size_t)(dot - raw) : strlen(raw);
    char *o = buf;
    if (negative)
        *o++ = '-';
    for (size_t i = 0; i < int_len; i++) {
        if (i > 0 && (int_len - i) % 3 == 0) {
            size_t gl = strlen(f->group);
            memcpy(o, f->group, gl);
            o += gl;
        }
        *o++ = raw[i];
    }
    if (dot) {
        size_t dl = strlen(f->decimal);
        memcpy(o, f->decimal, dl);
        o += dl;
        strcpy(o, dot + 1);
        o += strlen(dot + 1);
    }
    *o = '\0';
    return buf;
}

char *br_numfmt_percent(const br_numfmt *f, double value, int decimals, char *buf)
{
    char num[BR_NUM_BUF];
    br_numfmt_number(f, value, decimals, num);
    g_snprintf(buf, BR_NUM_BUF, "%s%s%%", num, f->percent);
    return buf;
}

static int decimals_for(double step)
{
    int d = 0;
    while (d < 6 && fabs(step * pow(10, d) - round(step * pow(10, d))) > 1e-6)
        d++;
    return d;
}

char *br_numfmt_compact(const br_numfmt *f, double value, double step, double axis_max, char *buf)
{
    static const struct { double div, from; const char *en, *de; } western[] = {
        {1e12, 1e12, "T", NBSP "Bio."}, {1e9, 1e9, "B", NBSP "Mrd."}, {1e6, 1e6, "M", NBSP "Mio."},
        {1e3, 1e4, "k", NBSP "Tsd."}};
    static const struct { double div; const char *zh; } chinese[] = {{1e8, "亿"}, {1e4, "万"}};
    double big = fabs(axis_max);
    char num[BR_NUM_BUF];
    if (f->style == BR_NUM_CHINESE) {
        for (size_t i = 0; i < sizeof chinese / sizeof *chinese; i++) {
            if (big >= chinese[i].div) {
                br_numfmt_number(f, value / chinese[i].div, decimals_for(step / chinese[i].div), num);
                g_snprintf(buf, BR_NUM_BUF, "%s%s", num, value == 0 ? "" : chinese[i].zh);
                return buf;
            }
        }
    } else {
        for (size_t i = 0; i < sizeof western / sizeof *western; i++) {
            if (big >= western[i].from) {
                br_numfmt_number(f, value / western[i].div, decimals_for(step / western[i].div), num);
                g_snprintf(buf, BR_NUM_BUF, "%s%s", num,
                           value == 0 ? "" : f->style == BR_NUM_GERMAN ? western[i].de : western[i].en);
                return buf;
            }
        }
    }
    return br_numfmt_number(f, value, decimals_for(step), buf);
}
