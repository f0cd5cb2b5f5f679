/* What the section loaders need around cJSON: the loader (the text being
 * read, where errors go, the zone database), parsing, and typed access
 * with errors that carry a JSON Pointer, line and column. */
#ifndef SLATE_LOAD_TREE_H
#define SLATE_LOAD_TREE_H

#include <cjson/cJSON.h>

#include "../base/suggest.h"
#include "../json/json.h"
#include "slate/policy.h"
#include "slate/tz.h"

typedef struct loader {
    slate__json_source src;
    slate_tzdb *db;
    /* The SLA section once loaded: escalations and contracts read the
     * ticket through its condition slots and add the fields they need. */
    struct slas *slas;
    /* Where files the policy names come from (NULL: it may name none), and
     * the directory of the policy file ("" for text). */
    const slate_policy_sources *sources;
} loader;

/* Checks the text (UTF-8, syntax, with exact positions), then parses it
 * with cJSON. */
slate_status slate__load_parse(loader *ld, cJSON **out);

/* Checks that node is an object whose keys are all in `allowed` (NULL
 * terminated) and that none repeats. */
slate_status slate__load_check_keys(loader *ld, const cJSON *node, const char *pointer,
                                    const char *const *allowed);

/* " (did you mean \"X\"?)" when the search found a near name, else "";
 * written into out (of cap bytes), which is returned. */
const char *slate__load_hint(const slate__suggestion *near, char *out, size_t cap);

/* Fails with SLATE_ENOENT: "unknown calendar", and the policy's calendar
 * it most likely meant. */
slate_status slate__load_unknown_calendar(loader *ld, const slate_policy *p, const char *pointer,
                                          const char *name);

/* The optional boolean member `key` of node: *out unchanged when absent,
 * an error at its pointer when it is not true or false. */
slate_status slate__load_bool(loader *ld, const cJSON *node, const char *pointer, const char *key,
                              int *out);

/* Type checks with errors naming what was expected. */
slate_status slate__load_expect_object(loader *ld, const cJSON *node, const char *pointer);
slate_status slate__load_expect_array(loader *ld, const cJSON *node, const char *pointer);
slate_status slate__load_expect_string(loader *ld, const cJSON *node, const char *pointer);
/* An integer in [min, max]. */
slate_status slate__load_expect_int(loader *ld, const cJSON *node, const char *pointer, long min,
                                    long max, long *out);

/* A number from 0 to max / 100 with at most two decimals, as hundredths. */
slate_status slate__load_expect_hundredths(loader *ld, const cJSON *node, const char *pointer,
                                           int64_t max, int64_t *out);

/* The string member `key` of node, copied into *out (NULL when absent and
 * not required). */
slate_status slate__load_copy_text(loader *ld, const cJSON *node, const char *pointer,
                                   const char *key, int required, char **out);

/* A string that is one of `words` (NULL-terminated); *index receives its
 * position. The error lists the words. */
slate_status slate__load_word(loader *ld, const cJSON *node, const char *pointer,
                              const char *const *words, int *index);

/* A string naming a zone of the loader's database. */
slate_status slate__load_zone(loader *ld, const cJSON *node, const char *pointer,
                              const slate_zone **out);

/* A zone that may come from the ticket: a zone's name (*field NULL), or
 * {"field": F, "default": zone, "unknown": "error" | "default"}. *field
 * points into the tree; *zone is the fixed zone or the default (NULL
 * without one, allowed unless need_default). */
slate_status slate__load_zone_rule(loader *ld, const cJSON *node, const char *pointer,
                                   int need_default, const char **field, const slate_zone **zone,
                                   int *unknown_default);

/* An array of 1 to max distinct, non-empty strings, copied into *out. */
slate_status slate__load_names(loader *ld, const cJSON *node, const char *pointer, size_t max,
                               char ***out, size_t *count);

#endif /* SLATE_LOAD_TREE_H */
