/* Warnings about a loaded policy: what loads but is probably not what its
 * author meant. Business days and report months that would be UTC dates
 * because a calendar names no zone; a regular expression holding a
 * backspace (JSON's "\b", meant as a word boundary); a policy that
 * defines nothing. */
#include <string.h>

#include "load.h"

static slate_status warn(loader *ld, slate_policy *p, const char *pointer, const char *fmt,
                         const char *a, const char *b) {
    slate_error note;
    memset(&note, 0, sizeof note);
    slate__json_note(&ld->src, pointer, &note, fmt, a, b);
    return slate__policy_add_warning(p, &note)
               ? SLATE_OK
               : slate__fail(ld->src.err, SLATE_ENOMEM, "out of memory");
}

/* Whether a target has an entry whose deadline is a wall time of a date. */
static int has_dated_entry(const sla_def *def) {
    for (size_t t = 0; t < def->target_count; t++)
        for (size_t i = 0; i < def->targets[t].duration_count; i++) {
            due_kind k = def->targets[t].durations[i].kind;
            if (k == DUE_BY || k == DUE_END_OF_DAY) return 1;
        }
    return 0;
}

/* A calendar an SLA with dated deadlines may use, read in UTC dates. */
static slate_status check_calendar(loader *ld, slate_policy *p, const sla_def *def,
                                   const slate_calendar *cal, const char *pointer) {
    if (def->zone.zone != NULL || slate_calendar_zone(cal) != NULL) return SLATE_OK;
    return warn(ld, p, pointer,
                "calendar \"%.60s\" names no time zone, so the \"by\" and \"end_of_business_day\" "
                "deadlines of SLA \"%.60s\" fall on UTC dates; give the calendar (or the SLA) a "
                "\"timezone\"",
                slate_calendar_name(cal), def->id);
}

static slate_status lint_slas(loader *ld, slate_policy *p) {
    const slas *s = slate__slas_of(p);
    slate_status st = SLATE_OK;
    for (size_t d = 0; s != NULL && d < s->count && st == SLATE_OK; d++) {
        const sla_def *def = &s->defs[d];
        if (!has_dated_entry(def)) continue;
        st = check_calendar(ld, p, def, def->calendar, def->calendar_pointer);
        for (size_t i = 0; i < def->choice_count && st == SLATE_OK; i++)
            st = check_calendar(ld, p, def, def->choices[i].calendar, def->choices[i].pointer);
    }
    return st;
}

static slate_status lint_contracts(loader *ld, slate_policy *p) {
    const contracts *ks = slate__contracts_of(p);
    slate_status st = SLATE_OK;
    for (size_t i = 0; ks != NULL && i < ks->count && st == SLATE_OK; i++) {
        char pointer[SLATE_JSON_POINTER_MAX];
        slate__json_pointer_index(pointer, "/contracts", i);
        if (ks->items[i].zone == NULL)
            st = warn(ld, p, pointer,
                      "contract \"%.60s\" counts UTC months: the calendar of its SLA, \"%.60s\", "
                      "names no time zone; give the contract a \"timezone\"",
                      ks->items[i].id, slate_calendar_name(ks->items[i].sla->calendar));
    }
    return st;
}

/* Every "matches" pattern in the tree: a backspace is almost always a
 * "\b" written for a word boundary, which JSON turned into U+0008. */
static slate_status lint_patterns(loader *ld, slate_policy *p, const cJSON *node,
                                  const char *pointer) {
    slate_status st = SLATE_OK;
    size_t i = 0;
    for (const cJSON *item = node->child; item != NULL && st == SLATE_OK; item = item->next, i++) {
        char at[SLATE_JSON_POINTER_MAX];
        if (cJSON_IsObject(node))
            slate__json_pointer_key(at, pointer, item->string);
        else
            slate__json_pointer_index(at, pointer, i);
        if (cJSON_IsString(item) && cJSON_IsObject(node) && strcmp(item->string, "matches") == 0 &&
            strchr(item->valuestring, '\b') != NULL)
            st = warn(ld, p, at,
                      "the pattern holds a backspace (\"\\b\" in JSON is U+0008), which matches "
                      "only that character; for a word boundary write \"\\\\b\"%s%s",
                      "", "");
        else if (cJSON_IsObject(item) || cJSON_IsArray(item))
            st = lint_patterns(ld, p, item, at);
    }
    return st;
}

/* A policy without any section loads, and does nothing. */
static slate_status lint_empty(loader *ld, slate_policy *p, const cJSON *root) {
    static const char *const sections[] = {"calendars", "priorities", "slas", "escalations",
                                           "contracts"};
    for (size_t i = 0; i < sizeof sections / sizeof sections[0]; i++)
        if (cJSON_GetObjectItemCaseSensitive(root, sections[i]) != NULL) return SLATE_OK;
    return warn(ld, p, "",
                "the policy defines nothing: no calendars, priorities, slas, escalations or "
                "contracts%s%s",
                "", "");
}

slate_status slate__load_lint(loader *ld, const cJSON *root, slate_policy *p) {
    slate_status st = lint_empty(ld, p, root);
    if (st == SLATE_OK) st = lint_patterns(ld, p, root, "");
    if (st == SLATE_OK) st = lint_slas(ld, p);
    return st == SLATE_OK ? lint_contracts(ld, p) : st;
}
