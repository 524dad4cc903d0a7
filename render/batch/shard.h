/* shard: which shard a job belongs to, with no coordinator.  A job is in
 * shard K of N when FNV-1a 64 of its key (jobs.h), taken mod N, is K, so N
 * processes given the same command line and K = 0..N-1 together run every
 * job exactly once.  FNV-1a 64: h = 14695981039346656037; for each byte b
 * of the key's UTF-8, h = (h ^ b) * 1099511628211 mod 2^64.
 *
 * May include: briefing.h only.
 */
#ifndef BR_BATCH_SHARD_H
#define BR_BATCH_SHARD_H

#include <stddef.h>
#include <stdint.h>

/* FNV-1a 64 of the NUL-terminated s.  Never fails. */
uint64_t br_shard_hash(const char *s);

/* True when key is in shard k of n (n 0 or 1: always). */
int br_shard_has(const char *key, unsigned k, unsigned n);

/* Parses "K/N" (0 <= K < N, 1 <= N <= 1000000).  OUT: *k, *n.  Returns 0
 * when s is not of that form. */
int br_shard_parse(const char *s, unsigned *k, unsigned *n);

#endif
