/* test_reader: the indicator-set reader (json_in, validate, model).
 *
 * Checks what the renderer relies on in the model (counts, lookups,
 * defaults, period ends, qualifiers, CSV rows), the value rules one by one,
 * and that every allocation failure while loading gives a clean
 * BR_ERR_NOMEM (run under ASan or valgrind to see leaks).  Files are found
 * through $SRCDIR (the source root). */
#include <glib.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "io/json_in.h"
#include "model/model.h"
#include "tap.h"
#include "model/validate.h"

static char *spec_path(const char *rel)
{
    const char *root = getenv("SRCDIR");
    return g_build_filename(root ? root : ".", "tests", "spec", rel, NULL);
}

/* Loads a set; on failure prints the diagnostics as TAP comments. */
static const br_set *load(const char *rel, br_arena *arena)
{
    char *path = spec_path(rel);
    br_diag *diag = br_diag_new(0);
    const br_set *set = NULL;
    br_status st = br_set_load(path, rel, arena, diag, &set);
    for (size_t i = 0; i < br_diag_count(diag); i++) {
        char *line = br_diag_format(br_diag_item_at(diag, i));
        printf("# %s\n", line);
        g_free(line);
    }
    ok(st == BR_OK && set, "%s loads", rel);
    br_diag_free(diag);
    g_free(path);
    return st == BR_OK ? set : NULL;
}

static size_t count_observations(const br_set *set)
{
    size_t n = 0;
    for (size_t i = 0; i < set->n_indicators; i++)
        n += set->indicators[i].n_observations;
    return n;
}

static void test_sample_set(void)
{
    br_arena *arena = br_arena_new();
    const br_set *set = load("valid/cn-provinces-2026.json", arena);
    if (!set) {
        br_arena_free(arena);
        return;
    }
    ok(set->n_entities == 36, "36 entities (%zu)", set->n_entities);
    ok(set->n_indicators == 16, "16 indicators (%zu)", set->n_indicators);
    ok(set->n_sources == 21, "21 sources (%zu)", set->n_sources);
    ok(count_observations(set) == 111, "111 observations (%zu)", count_observations(set));
    ok(!strcmp(set->id, "cn-provinces-2026"), "set id");
    ok(!strcmp(set->language, "en"), "language en");
    ok(!strcmp(set->date, "2026-03-02"), "date");
    ok(set->n_translations == 1 && !strcmp(set->translations[0].lang, "zh") &&
           set->translations[0].title,
       "one translation, zh");
    ok(!strcmp(set->file, "valid/cn-provinces-2026.json"), "file as given");

    const br_entity *bj = br_set_lookup_entity(set, "BJ");
    ok(bj && !strcmp(bj->name, "Beijing"), "lookup entity BJ");
    ok(bj && bj->kind == BR_ENTITY_MUNICIPALITY && br_entity_is_compared(bj), "BJ is a municipality, a region");
    ok(bj && bj->n_groups == 1 && !strcmp(bj->groups[0]->id, "BTH") && bj->groups[0]->kind == BR_ENTITY_GROUP,
       "BJ belongs to the group BTH");
    ok(bj && bj->has_tile && bj->tile_col == 5 && bj->tile_row == 2, "BJ tile [5, 2]");
    ok(bj && !strcmp(bj->short_label, "BJ"), "short label defaults to the id");
    ok(bj && bj->n_names == 2 && !strcmp(bj->names[0].lang, "zh"), "names in file order");
    ok(bj && bj->source && !strcmp(bj->source->id, "cgtn-2026"), "entity source resolved");
    ok(bj && &set->entities[bj->index] == bj, "index is the position in entities");
    const br_entity *cn = br_set_lookup_entity(set, "CN");
    ok(cn && !br_entity_is_compared(cn) && !cn->has_tile, "CN is not a region, has no tile");
    ok(!br_set_lookup_entity(set, "XX") && !br_set_lookup_indicator(set, "XX") &&
           !br_set_lookup_source(set, "XX"),
       "absent ids give NULL");
    ok(br_set_lookup_source(set, "cgtn-2026") == bj->source, "lookup source");

    /* Every observation is resolved and its period end is consistent. */
    size_t bad = 0, over = 0;
    for (size_t i = 0; i < set->n_indicators; i++) {
        const br_indicator *ind = &set->indicators[i];
        if (br_set_lookup_indicator(set, ind->id) != ind)
            bad++;
        for (size_t k = 0; k < ind->n_observations; k++) {
            const br_observation *o = &ind->observations[k];
            int end;
            if (!o->entity || !o->period || !br_validate_period(o->period, &end) || end != o->period_end ||
                !isfinite(o->value))
                bad++;
            if (o->qualifier == BR_QUALIFIER_OVER)
                over++;
            if (!strcmp(ind->unit, "percent") && (o->value < 0 || o->value > 100))
                bad++;
        }
    }
    ok(bad == 0, "indicators look up to themselves, observations resolved (%zu bad)", bad);
    ok(over == 9, "9 observations qualified \"over\" (%zu)", over);
    br_arena_free(arena);
}

static const br_observation *find_obs(const br_indicator *ind, const char *entity, const char *period)
{
    for (size_t k = 0; ind && k < ind->n_observations; k++)
        if (!strcmp(ind->observations[k].entity->id, entity) && !strcmp(ind->observations[k].period, period))
            return &ind->observations[k];
    return NULL;
}

static void test_periods_and_defaults(void)
{
    br_arena *arena = br_arena_new();
    const br_set *set = load("valid/periods.json", arena);
    if (set) {
        const br_indicator *power = br_set_lookup_indicator(set, "power");
        const br_indicator *empty = br_set_lookup_indicator(set, "empty");
        ok(!strcmp(set->language, "de"), "language de");
        ok(power && power->decimals == 1 && power->higher_is_better && !power->source,
           "defaults: decimals 1 for a unit symbol, higher is better, no source");
        ok(empty && empty->decimals == 0 && empty->n_observations == 0, "count: decimals 0; empty observations");
        const br_observation *o;
        o = find_obs(power, "AH", "2024");
        ok(o && o->period_end == 20241231 && o->qualifier == BR_QUALIFIER_NONE, "2024 ends 2024-12-31");
        o = find_obs(power, "AH", "2024-02");
        ok(o && o->period_end == 20240229 && o->qualifier == BR_QUALIFIER_OVER, "2024-02 ends 2024-02-29, over");
        o = find_obs(power, "AH", "2024-Q3");
        ok(o && o->period_end == 20240930 && o->qualifier == BR_QUALIFIER_UNDER, "2024-Q3 ends 2024-09-30, under");
        o = find_obs(power, "AH", "2024-09");
        ok(o && o->period_end == 20240930 && o->qualifier == BR_QUALIFIER_ABOUT, "2024-09 ends 2024-09-30, about");
        o = find_obs(power, "AH", "2024-02-29");
        ok(o && o->period_end == 20240229, "a day ends on itself");
        o = find_obs(power, "AH", "2023-Q1");
        ok(o && o->period_end == 20230331, "2023-Q1 ends 2023-03-31");
        o = find_obs(power, "TW", "2024");
        ok(o && o->value == 0.000001 && !o->source && !o->note, "value, no source, no note");
    }
    br_arena_free(arena);

    arena = br_arena_new();
    set = load("valid/x-keys.json", arena);
    if (set) {
        const br_indicator *gdp = br_set_lookup_indicator(set, "gdp");
        const br_entity *w = br_set_lookup_entity(set, "W");
        const br_entity *hk = br_set_lookup_entity(set, "HK");
        ok(gdp && gdp->decimals == 2 && !gdp->higher_is_better && gdp->n_names == 1, "explicit decimals, lower is better, x- name skipped");
        ok(w && w->n_names == 3 && w->kind == BR_ENTITY_WORLD, "x- key skipped in names");
        ok(hk && hk->n_focus == 2 && !strcmp(hk->focus[1], "biotech") && hk->kind == BR_ENTITY_SAR &&
               hk->n_groups == 1 && !strcmp(hk->groups[0]->short_label, "Grp"),
           "focus, sar, group with short label");
        ok(set->n_translations == 2 && !strcmp(set->language, "zh-Hans"), "x- translation skipped");
        ok(gdp && gdp->n_observations == 1 && gdp->observations[0].value == -150 &&
               !strcmp(gdp->observations[0].note, "<not markup>"),
           "negative value of a unit symbol; plain-text note");
    }
    br_arena_free(arena);
}

static void test_csv(void)
{
    br_arena *arena = br_arena_new();
    const br_set *set = load("valid/csv-observations.json", arena);
    if (set) {
        const br_indicator *share = br_set_lookup_indicator(set, "share");
        const br_indicator *three = br_set_lookup_indicator(set, "only-three");
        ok(share && share->n_observations == 3, "CSV rows, blank line skipped");
        const br_observation *o = find_obs(share, "AH", "2024");
        ok(o && o->value == 50.5 && !o->note && o->source && !strcmp(o->source->id, "src1"),
           "empty cells are absent; indicator source inherited");
        o = find_obs(share, "BJ", "2024");
        ok(o && o->value == 93 && o->qualifier == BR_QUALIFIER_OVER && o->note &&
               !strcmp(o->note, "Grid company, \"preliminary\"") && !strcmp(o->source->id, "src2"),
           "quoted field with comma and doubled quotes; own source");
        o = find_obs(share, "AH", "2025-Q1");
        ok(o && o->value == 10 && o->note && !strcmp(o->note, "two\r\nlines") && o->period_end == 20250331,
           "quoted line break kept; 1e1");
        ok(three && three->n_observations == 2 && three->decimals == 0 &&
               find_obs(three, "BJ", "2024") && find_obs(three, "BJ", "2024")->value == 0,
           "three-column CSV with BOM and no final newline");
    }
    br_arena_free(arena);
}

static void test_rules(void)
{
    int end = 0;
    ok(br_validate_id("AH") && br_validate_id("clean_power.share-2") && !br_validate_id("-x") &&
           !br_validate_id("") && !br_validate_id("a b") && !br_validate_id("é"),
       "id characters");
    char long_id[80];
    memset(long_id, 'a', sizeof long_id);
    long_id[64] = '\0';
    ok(br_validate_id(long_id), "64 characters are allowed");
    long_id[64] = 'a';
    long_id[65] = '\0';
    ok(!br_validate_id(long_id), "65 are not");
    ok(br_validate_slug("cn-provinces-2026") && !br_validate_slug("CN") && !br_validate_slug("") &&
           !br_validate_slug("a_b"),
       "slugs");
    ok(br_validate_date("2024-02-29", &end) && end == 20240229 && !br_validate_date("2025-02-29", NULL) &&
           !br_validate_date("2025-02-30", NULL) && !br_validate_date("1900-02-29", NULL) &&
           br_validate_date("2000-02-29", NULL) && !br_validate_date("2025-1-01", NULL) &&
           !br_validate_date("2025-04-31", NULL),
       "dates exist");
    ok(!br_validate_period("2024-Q0", &end) && !br_validate_period("2024-Q5", &end) &&
           !br_validate_period("2024-00", &end) && !br_validate_period("202", &end) &&
           !br_validate_period("2024-H1", &end) && !br_validate_period("2024 ", &end),
       "bad periods");
    ok(br_validate_period("2024-Q4", &end) && end == 20241231 && br_validate_period("2023-02", &end) &&
           end == 20230228 && br_validate_period("2024-Q1", &end) && end == 20240331,
       "period ends");
    const char *good_tags[] = {"en", "de", "zh", "zh-Hans", "zh-Hant-TW", "sr-Latn-RS", "es-419",
                               "de-CH-1996", "en-US-x-twain", "x-klingon", "zh-yue-HK", "en-a-bbb-x-a-ccc",
                               "ZH-hans"};
    const char *bad_tags[] = {"", "english_UK", "e", "en-", "-en", "en--US", "de-x", "en-a",
                              "toolongtag", "zh_CN", "en-US-a", "1en", "en-12"};
    size_t good = 0, bad = 0;
    for (size_t i = 0; i < G_N_ELEMENTS(good_tags); i++)
        good += br_validate_lang_tag(good_tags[i]) ? 1 : (printf("# rejected %s\n", good_tags[i]), 0);
    for (size_t i = 0; i < G_N_ELEMENTS(bad_tags); i++)
        bad += !br_validate_lang_tag(bad_tags[i]) ? 1 : (printf("# accepted %s\n", bad_tags[i]), 0);
    ok(good == G_N_ELEMENTS(good_tags), "well-formed BCP 47 tags accepted");
    ok(bad == G_N_ELEMENTS(bad_tags), "malformed tags rejected");
    char why[160];
    ok(br_validate_markup("a <b>b</b> <i><sup>2</sup></i> <sub>x</sub> &lt;&gt;&amp;", why, sizeof why),
       "allowed markup");
    ok(!br_validate_markup("<br>", why, sizeof why) && strstr(why, "<br>"), "other tags refused: %s", why);
    ok(!br_validate_markup("a < b", why, sizeof why), "bare < refused");
    ok(!br_validate_markup("a &nbsp; b", why, sizeof why), "other entities refused");
    ok(!br_validate_markup("<b>x", why, sizeof why) && !br_validate_markup("x</i>", why, sizeof why),
       "unbalanced tags refused");
    char num[32];
    br_json_format_number(130, num, sizeof num);
    ok(!strcmp(num, "130"), "130 (%s)", num);
    br_json_format_number(0.1, num, sizeof num);
    ok(!strcmp(num, "0.1"), "0.1 (%s)", num);
    br_json_format_number(-1200.5, num, sizeof num);
    ok(!strcmp(num, "-1200.5"), "-1200.5 (%s)", num);
    br_json_format_number(123456789012, num, sizeof num);
    ok(!strcmp(num, "123456789012"), "123456789012 (%s)", num);
    br_json_format_number(1e300, num, sizeof num);
    ok(!strcmp(num, "1e+300"), "1e+300 (%s)", num);
}

static void test_json_positions(void)
{
    /* A BOM, a multi-byte character before a value: columns count characters. */
    const char text[] = "\xEF\xBB\xBF{\n  \"k\xC3\xA9y\": [1, \"\xE4\xB8\xAD\", 2.5e0],\n\t\"n\": -0}";
    br_arena *arena = br_arena_new();
    br_diag *diag = br_diag_new(0);
    const br_json *root = NULL;
    br_status st = br_json_parse(text, sizeof text - 1, "t.json", arena, arena, diag, &root);
    ok(st == BR_OK && root && root->type == BR_JSON_OBJECT && root->n_items == 2, "parses");
    if (root && root->n_items == 2) {
        const br_json *a = root->items[0], *n = root->items[1];
        ok(root->line == 1 && root->col == 1, "the BOM takes no column");
        ok(a->key_line == 2 && a->key_col == 3 && a->line == 2 && a->col == 10, "key and value positions (%d:%d %d:%d)",
           a->key_line, a->key_col, a->line, a->col);
        ok(a->n_items == 3 && a->items[1]->col == 14 && a->items[2]->col == 19 && a->items[2]->number == 2.5 &&
               !a->items[2]->is_integer && a->items[0]->is_integer,
           "columns after a CJK character; is_integer");
        ok(a->items[1]->string_len == 3 && !strcmp(a->items[1]->string, "\xE4\xB8\xAD"), "string kept");
        ok(n->line == 3 && n->col == 7 && n->number == 0 && br_json_member(root, "n") == n, "tab is one column");
    }
    ok(!strcmp(br_json_type_name(BR_JSON_ARRAY), "array"), "type names");
    br_diag_free(diag);
    br_arena_free(arena);

    /* Not NUL-terminated buffers and NUL-free strings: load_buffer works on a
     * slice of a bigger buffer. */
    const char slice[] = "{\"a\": 1}GARBAGE";
    arena = br_arena_new();
    diag = br_diag_new(0);
    st = br_json_parse(slice, 8, "s.json", arena, arena, diag, &root);
    ok(st == BR_OK && root && root->n_items == 1, "parses a buffer of len bytes without a NUL");
    br_diag_free(diag);
    br_arena_free(arena);

    /* cJSON reads the caller's buffer, not a terminated copy: each kind of
     * token ends a heap buffer of exactly its length, so that a read past
     * the end is an error under AddressSanitizer. */
    static const char *const last[] = {"12345", "-0.5e-3", "\"str\\u00e9\"", "true", "false", "null", "[1,[2]]",
                                       "{\"a\":{}}"};
    int parsed = 0;
    for (size_t i = 0; i < G_N_ELEMENTS(last); i++) {
        size_t n = strlen(last[i]);
        char *exact = g_memdup2(last[i], n);
        arena = br_arena_new();
        diag = br_diag_new(0);
        parsed += br_json_parse(exact, n, "e.json", arena, arena, diag, &root) == BR_OK;
        br_diag_free(diag);
        br_arena_free(arena);
        g_free(exact);
    }
    ok(parsed == (int)G_N_ELEMENTS(last), "values that end the buffer (%d of %zu parse)", parsed,
       G_N_ELEMENTS(last));
}

/* Every allocation failure gives BR_ERR_NOMEM and an "out of memory" line,
 * never a crash; the walk ends when the load succeeds. */
static void test_nomem(const char *rel)
{
    char *path = spec_path(rel);
    size_t n, failures = 0;
    for (n = 1; n < 100000; n++) {
        br_arena *arena = br_arena_new();
        br_diag *diag = br_diag_new(0);
        const br_set *set = NULL;
        br_arena_fail_after(arena, n);
        br_status st = br_set_load(path, rel, arena, diag, &set);
        bool clean = st == BR_OK ? set != NULL
                                 : st == BR_ERR_NOMEM && !set && br_diag_count(diag) == 1 &&
                                       strstr(br_diag_item_at(diag, 0)->message, "out of memory");
        if (!clean)
            failures++;
        br_diag_free(diag);
        br_arena_free(arena);
        if (st == BR_OK)
            break;
    }
    ok(failures == 0 && n > 1, "%s: %zu allocation failures give a clean BR_ERR_NOMEM (%zu unclean)", rel, n - 1,
       failures);
    g_free(path);
}

int main(void)
{
    test_sample_set();
    test_periods_and_defaults();
    test_csv();
    test_rules();
    test_json_positions();
    test_nomem("valid/csv-observations.json");
    test_nomem("valid/x-keys.json");
    test_nomem("valid/cn-provinces-2026.json");
    return done();
}
