/* The policy container: calendars and sections, freed together. */
#include <string.h>

#include "../base/base.h"
#include "../calendar/build.h"
#include "policy.h"

typedef struct section_slot {
    void *data;
    void (*free_data)(void *);
} section_slot;

struct slate_policy {
    slate_tzdb *owned_db; /* opened by the loader when the caller gave none */
    slate_calendar **calendars;
    size_t calendar_count, calendar_cap;
    size_t *by_name; /* open addressing: index + 1 of a calendar, 0 empty */
    size_t by_name_cap;
    section_slot sections[SLATE__SECTION_COUNT];
    slate_error *warnings;
    size_t warning_count, warning_cap;
};

slate_policy *slate__policy_new(void) { return slate__calloc(1, sizeof(slate_policy)); }

void slate__policy_own_tzdb(slate_policy *p, slate_tzdb *db) { p->owned_db = db; }

/* Enters calendar i in the name table (which has room). */
static void index_name(slate_policy *p, size_t i) {
    size_t mask = p->by_name_cap - 1;
    size_t at = slate__hash_text(slate_calendar_name(p->calendars[i])) & mask;
    while (p->by_name[at] != 0)
        at = (at + 1) & mask;
    p->by_name[at] = i + 1;
}

/* Keeps the name table at most half full. 0: no memory. */
static int grow_names(slate_policy *p) {
    if (2 * (p->calendar_count + 1) <= p->by_name_cap) return 1;
    size_t cap = p->by_name_cap ? 2 * p->by_name_cap : 8;
    size_t *table = slate__calloc(cap, sizeof *table);
    if (table == NULL) return 0;
    slate__free(p->by_name);
    p->by_name = table;
    p->by_name_cap = cap;
    for (size_t i = 0; i < p->calendar_count; i++)
        index_name(p, i);
    return 1;
}

int slate__policy_add_calendar(slate_policy *p, slate_calendar *c) {
    int ok = grow_names(p);
    if (ok) SLATE_GROW(p->calendars, p->calendar_cap, p->calendar_count + 1, ok);
    if (!ok) {
        slate__cal_destroy(c);
        return 0;
    }
    p->calendars[p->calendar_count++] = c;
    index_name(p, p->calendar_count - 1);
    return 1;
}

long slate__policy_calendar_index(const slate_policy *p, const char *name) {
    if (p == NULL || name == NULL || p->by_name_cap == 0) return -1;
    size_t mask = p->by_name_cap - 1;
    for (size_t at = slate__hash_text(name) & mask; p->by_name[at] != 0; at = (at + 1) & mask) {
        size_t i = p->by_name[at] - 1;
        if (strcmp(slate_calendar_name(p->calendars[i]), name) == 0) return (long)i;
    }
    return -1;
}

void slate__policy_set_section(slate_policy *p, slate__section_kind kind, void *section,
                               void (*free_section)(void *)) {
    p->sections[kind] = (section_slot){section, free_section};
}

int slate__policy_add_warning(slate_policy *p, const slate_error *w) {
    if (p->warning_count < SLATE_POLICY_WARNINGS_MAX) {
        int ok = 1;
        SLATE_GROW(p->warnings, p->warning_cap, p->warning_count + 1, ok);
        if (!ok) return 0;
        p->warnings[p->warning_count] = *w;
    }
    p->warning_count++;
    return 1;
}

SLATE_API size_t slate_policy_warning_count(const slate_policy *p) {
    return p == NULL ? 0 : p->warning_count;
}

SLATE_API const slate_error *slate_policy_warning(const slate_policy *p, size_t i) {
    return p != NULL && i < p->warning_count && i < SLATE_POLICY_WARNINGS_MAX ? &p->warnings[i]
                                                                              : NULL;
}

const void *slate__policy_section(const slate_policy *p, slate__section_kind kind) {
    return p == NULL ? NULL : p->sections[kind].data;
}

SLATE_API void slate_policy_free(slate_policy *p) {
    if (p == NULL) return;
    /* Later sections refer to earlier ones: free them first. */
    for (int k = SLATE__SECTION_COUNT - 1; k >= 0; k--)
        if (p->sections[k].data != NULL) p->sections[k].free_data(p->sections[k].data);
    for (size_t i = 0; i < p->calendar_count; i++)
        slate__cal_destroy(p->calendars[i]);
    slate__free(p->calendars);
    slate__free(p->by_name);
    slate__free(p->warnings);
    slate_tzdb_free(p->owned_db);
    slate__free(p);
}

SLATE_API const slate_calendar *slate_policy_calendar(const slate_policy *p, const char *name) {
    long i = slate__policy_calendar_index(p, name);
    return i < 0 ? NULL : p->calendars[i];
}

SLATE_API size_t slate_policy_calendar_count(const slate_policy *p) {
    return p == NULL ? 0 : p->calendar_count;
}

SLATE_API const slate_calendar *slate_policy_calendar_at(const slate_policy *p, size_t i) {
    return p == NULL || i >= p->calendar_count ? NULL : p->calendars[i];
}

SLATE_API const char *slate_policy_calendar_id(const slate_policy *p, size_t i) {
    const slate_calendar *c = slate_policy_calendar_at(p, i);
    return c != NULL ? slate_calendar_name(c) : NULL;
}
