/* digest: the SHA-256 fingerprint of what went into a result, so that a
 * build can tell an output made from the same inputs (--skip-unchanged)
 * without rendering it again.
 *
 * Every part is added with a label and its length, so two different
 * sequences of parts can never give one byte stream ("ab" + "c" differs
 * from "a" + "bc", a missing part from an empty one).  Nettle does the
 * hashing (Debian's libnettle picks the CPU's SHA instructions at run
 * time: 1.5 ms a megabyte against GChecksum's 11, measured here; a
 * 3,000-region set is a megabyte, hashed for every render's digest).
 */
#ifndef BR_DIGEST_H
#define BR_DIGEST_H

#include <stddef.h>
#include <stdint.h>

/* 64 hexadecimal digits and a NUL. */
#define BR_DIGEST_HEX_SIZE 65

typedef struct br_digest br_digest;

/* A new, empty digest.  Never fails (GLib aborts when out of memory). */
br_digest *br_digest_new(void);
/* Adds len bytes at data as the part named label. */
void br_digest_add(br_digest *d, const char *label, const void *data, size_t len);
/* A string (NULL is a part of its own, unlike ""). */
void br_digest_add_string(br_digest *d, const char *label, const char *s);
void br_digest_add_int(br_digest *d, const char *label, int64_t v);
/* The digest as lowercase hex into hex; frees d. */
void br_digest_finish(br_digest *d, char hex[BR_DIGEST_HEX_SIZE]);

#endif
