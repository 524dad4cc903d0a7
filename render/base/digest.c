/* digest: see digest.h. */
#include "base/digest.h"

#include <glib.h>
#include <inttypes.h>
#include <stdio.h>
#include <string.h>

struct br_digest {
    GChecksum *sum;
};

br_digest *br_digest_new(void)
{
    br_digest *d = g_new(br_digest, 1);
    d->sum = g_checksum_new(G_CHECKSUM_SHA256);
    return d;
}

/* label, NUL, the length in decimal, NUL: then the bytes. */
static void part_head(br_digest *d, const char *label, const char *len_text)
{
    g_checksum_update(d->sum, (const guchar *)label, (gssize)strlen(label) + 1);
    g_checksum_update(d->sum, (const guchar *)len_text, (gssize)strlen(len_text) + 1);
}

void br_digest_add(br_digest *d, const char *label, const void *data, size_t len)
{
    char n[32];
    snprintf(n, sizeof n, "%zu", len);
    part_head(d, label, n);
    /* g_checksum_update takes a gssize: feed huge parts in pieces. */
    const guchar *p = data;
    while (len) {
        size_t chunk = len < ((size_t)1 << 30) ? len : ((size_t)1 << 30);
        g_checksum_update(d->sum, p, (gssize)chunk);
        p += chunk;
        len -= chunk;
    }
}

void br_digest_add_string(br_digest *d, const char *label, const char *s)
{
    if (s)
        br_digest_add(d, label, s, strlen(s));
    else
        part_head(d, label, "null");
}

void br_digest_add_int(br_digest *d, const char *label, int64_t v)
{
    char n[32];
    snprintf(n, sizeof n, "%" PRId64, v);
    br_digest_add_string(d, label, n);
}

void br_digest_finish(br_digest *d, char hex[BR_DIGEST_HEX_SIZE])
{
    g_strlcpy(hex, g_checksum_get_string(d->sum), BR_DIGEST_HEX_SIZE);
    g_checksum_free(d->sum);
    g_free(d);
}
