/* The compiled policy: a container of its calendars and of sections that
 * it does not look inside. Each section belongs to the module above that
 * defines it (classify, sla, escalate, contract), which gives it to the
 * policy with its own free function and reads it back by kind; lib/load
 * builds and fills the policy. */
#ifndef SLATE_POLICY_INTERNAL_H
#define SLATE_POLICY_INTERNAL_H

#include "slate/policy.h"

/* The sections a policy may hold, one slot each. */
typedef enum slate__section_kind {
    SLATE__SECTION_PRIORITIES,
    SLATE__SECTION_SLAS,
    SLATE__SECTION_ESCALATIONS,
    SLATE__SECTION_CONTRACTS,
    SLATE__SECTION_ONCALL,
    SLATE__SECTION_COUNT
} slate__section_kind;

/* A new, empty policy; NULL when out of memory. */
slate_policy *slate__policy_new(void);

/* The policy frees db with itself. */
void slate__policy_own_tzdb(slate_policy *p, slate_tzdb *db);

/* Adds a finished calendar; the policy owns it from here on, even on
 * failure (0: out of memory, and the calendar is freed). */
int slate__policy_add_calendar(slate_policy *p, slate_calendar *c);

/* The index of the calendar of that name, in the order they were added; -1: none. */
long slate__policy_calendar_index(const slate_policy *p, const char *name);

/* Hands a section to the policy, which frees it with free_section. */
void slate__policy_set_section(slate_policy *p, slate__section_kind kind, void *section,
                               void (*free_section)(void *));

/* Keeps a warning (a copy); 0 when out of memory. Past
 * SLATE_POLICY_WARNINGS_MAX warnings are counted only. */
int slate__policy_add_warning(slate_policy *p, const slate_error *w);

/* The section of that kind, or NULL when the document has none. */
const void *slate__policy_section(const slate_policy *p, slate__section_kind kind);

#endif /* SLATE_POLICY_INTERNAL_H */
