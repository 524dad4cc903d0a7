/* digest: see digest.h. */
#include "base/digest.h"

#include <glib.h>
#include <inttypes.h>
#include <nettle/sha2.h>
#include <stdio.h>
#include <string.h>

struct br_digest {
    struct sha256_ctx sum;
};

br_digest *br_digest_new(void)
{
    br_digest *d = g_new(br_digest, 1);
    sha256_init(&d->sum);
    return d;
}

/* label, NUL, the length in decimal, NUL: then the bytes. */
static void part_head(br_digest *d, const char *label, const char *len_text)
{
    sha256_update(&d->sum, strlen(label) + 1, (const uint8_t *)label);
    sha256_update(&d->sum, strlen(len_text) + 1, (const uint8_t *)len_text);
}

void br_digest_add(br_digest *d, const char *label, const void *data, size_t len)
{
    char n[32];
    snprintf(n, sizeof n, "%zu", len);
    part_head(d, label, n);
    sha256_update(&d->sum, len, data);
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
    uint8_t bin[SHA256_DIGEST_SIZE];
    sha256_digest(&d->sum, sizeof bin, bin);
    for (size_t i = 0; i < sizeof bin; i++)
        snprintf(hex + 2 * i, 3, "%02x", bin[i]);
    g_free(d);
}
