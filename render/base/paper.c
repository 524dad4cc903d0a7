/* paper: see paper.h. */
#include "base/paper.h"

#include <stdlib.h>
#include <string.h>

/* ISO 216 sizes rounded to the point as PDF writers print them; US sizes
 * are whole inches. */
static const struct {
    const char *name;
    double width, height;
} sizes[] = {
    {"A3", 841.89, 1190.55}, {"A4", 595.28, 841.89}, {"A5", 419.53, 595.28},
    {"Letter", 612, 792},    {"Legal", 612, 1008},   {"Tabloid", 792, 1224},
};

/* One millimetre number of WxHmm: digits, at most one '.' with digits
 * after it.  OUT: *end, just past it.  < 0 when there is none. */
static double mm_number(const char *s, const char **end)
{
    size_t digits = strspn(s, "0123456789");
    if (digits == 0 || digits > 4)
        return -1;
    const char *p = s + digits;
    if (*p == '.') {
        size_t frac = strspn(p + 1, "0123456789");
        if (frac == 0 || frac > 3)
            return -1;
        p += 1 + frac;
    }
    *end = p;
    return strtod(s, NULL); /* the digits checked above are all strtod reads */
}

bool br_paper_lookup(const char *name, double *width, double *height)
{
    if (!name)
        return false;
    for (size_t i = 0; i < sizeof sizes / sizeof sizes[0]; i++) {
        if (strcmp(name, sizes[i].name) == 0) {
            *width = sizes[i].width;
            *height = sizes[i].height;
            return true;
        }
    }
    const char *p = name;
    double w = mm_number(p, &p);
    if (w < 0 || *p != 'x')
        return false;
    double h = mm_number(p + 1, &p);
    if (h < 0 || strcmp(p, "mm") != 0)
        return false;
    if (w < 10 || w > 2000 || h < 10 || h > 2000)
        return false;
    *width = w * BR_PT_PER_MM;
    *height = h * BR_PT_PER_MM;
    return true;
}

const char *br_paper_names(void)
{
    return "A3, A4, A5, Letter, Legal, Tabloid or WxHmm (e.g. 210x297mm)";
}
