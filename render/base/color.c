/* color: see color.h. */
#include "base/color.h"

#include <math.h>

br_color br_color_rgb(double r, double g, double b, double alpha)
{
    br_color c = {0};
    c.space = BR_SPACE_RGB;
    c.r = r;
    c.g = g;
    c.b = b;
    c.a = alpha;
    return c;
}

br_color br_rgba(uint32_t rgb, double alpha)
{
    return br_color_rgb(((rgb >> 16) & 0xff) / 255.0, ((rgb >> 8) & 0xff) / 255.0, (rgb & 0xff) / 255.0, alpha);
}

br_color br_rgb(uint32_t rgb)
{
    return br_rgba(rgb, 1.0);
}

static double linear(double v)
{
    return v <= 0.04045 ? v / 12.92 : pow((v + 0.055) / 1.055, 2.4);
}

static double encode(double v)
{
    return v <= 0.0031308 ? v * 12.92 : 1.055 * pow(v, 1 / 2.4) - 0.055;
}

double br_color_luminance(br_color c)
{
    if (c.space == BR_SPACE_GRAY)
        return linear(c.gray);
    if (c.space == BR_SPACE_CMYK)
        c = br_color_convert(c, BR_SPACE_RGB);
    return 0.2126 * linear(c.r) + 0.7152 * linear(c.g) + 0.0722 * linear(c.b);
}

double br_color_lightness(br_color c)
{
    double y = br_color_luminance(c);
    return y > 216.0 / 24389 ? 116 * cbrt(y) - 16 : y * 24389.0 / 27;
}

double br_color_contrast(br_color a, br_color b)
{
    double la = br_color_luminance(a), lb = br_color_luminance(b);
    return (fmax(la, lb) + 0.05) / (fmin(la, lb) + 0.05);
}

bool br_color_same(br_color a, br_color b)
{
    if (a.space != b.space)
        return false;
    int n = a.space == BR_SPACE_GRAY ? 1 : a.space == BR_SPACE_RGB ? 3 : 4;
    for (int i = 0; i < n; i++)
        if (a.v[i] != b.v[i])
            return false;
    return true;
}

br_color br_color_mix(br_color a, br_color b, double t)
{
    a = br_color_convert(a, BR_SPACE_RGB);
    b = br_color_convert(b, BR_SPACE_RGB);
    return br_color_rgb(a.r + (b.r - a.r) * t, a.g + (b.g - a.g) * t, a.b + (b.b - a.b) * t, a.a);
}

static double clamp01(double v)
{
    return v < 0 ? 0 : v > 1 ? 1 : v;
}

br_color br_color_convert(br_color c, br_colorspace to)
{
    if (c.space == to)
        return c;
    br_color out = {0};
    out.a = c.a;
    out.space = to;
    /* Through RGB: every space converts to and from it. */
    double r, g, b;
    switch (c.space) {
    case BR_SPACE_GRAY: r = g = b = c.gray; break;
    case BR_SPACE_CMYK:
        r = (1 - c.c) * (1 - c.k);
        g = (1 - c.m) * (1 - c.k);
        b = (1 - c.y) * (1 - c.k);
        break;
    case BR_SPACE_RGB:
    default: r = c.r, g = c.g, b = c.b; break;
    }
    switch (to) {
    case BR_SPACE_RGB: out.r = r, out.g = g, out.b = b; break;
    case BR_SPACE_GRAY:
        /* The gray of equal luminance, so what differs in lightness on
         * screen differs on paper. */
        out.gray = clamp01(encode(0.2126 * linear(r) + 0.7152 * linear(g) + 0.0722 * linear(b)));
        break;
    case BR_SPACE_CMYK: {
        double k = 1 - fmax(r, fmax(g, b));
        out.k = k;
        if (k < 1) {
            out.c = clamp01((1 - r - k) / (1 - k));
            out.m = clamp01((1 - g - k) / (1 - k));
            out.y = clamp01((1 - b - k) / (1 - k));
        }
        break;
    }
    }
    return out;
}
