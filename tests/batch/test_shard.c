/* The batch layer's pure parts: FNV-1a 64 against its published test
 * vectors (the hash is documented, so another tool can compute shards),
 * shard membership covering every key exactly once, and "K/N" parsing. */
#include <stdio.h>

#include "../unit/tap.h"
#include "batch/shard.h"

int main(void)
{
    ok(br_shard_hash("") == UINT64_C(0xcbf29ce484222325), "FNV-1a 64 of \"\"");
    ok(br_shard_hash("a") == UINT64_C(0xaf63dc4c8601ec8c), "FNV-1a 64 of \"a\"");
    ok(br_shard_hash("foobar") == UINT64_C(0x85944171f73967e8), "FNV-1a 64 of \"foobar\"");
    int once = 1;
    for (int i = 0; i < 1000; i++) {
        char key[64];
        snprintf(key, sizeof key, "set|profile||R%04d", i);
        int in = 0;
        for (unsigned k = 0; k < 7; k++)
            in += br_shard_has(key, k, 7);
        once &= in == 1;
    }
    ok(once, "each of 1000 keys is in exactly one of 7 shards");
    ok(br_shard_has("x", 0, 0) && br_shard_has("x", 0, 1), "no sharding keeps every key");
    unsigned k = 9, n = 9;
    ok(br_shard_parse("2/3", &k, &n) && k == 2 && n == 3, "2/3 parses");
    ok(br_shard_parse("0/1", &k, &n) && k == 0 && n == 1, "0/1 parses");
    const char *bad[] = {"3/3", "1/0", "-1/3", "+1/3", "1/3x", "1 /3", "/3", "1/", "", "a/b", "1/1000001"};
    int rejected = 1;
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++)
        if (br_shard_parse(bad[i], &k, &n)) {
            rejected = 0;
            printf("# accepted \"%s\"\n", bad[i]);
        }
    ok(rejected, "K >= N, N = 0, signs, spaces and trailing text are rejected");
    return done();
}
