/* Building a calendar, for the policy loader. A calendar is created, given
 * a kind and its rules, then finished; its definition is immutable after. */
#ifndef SLATE_CALENDAR_BUILD_H
#define SLATE_CALENDAR_BUILD_H

#include "calendar_impl.h"
#include "share.h"

slate_calendar *slate__cal_create(const char *name, const char *pointer);
void slate__cal_destroy(slate_calendar *c);

/* Registers a rule's JSON Pointer; *index receives its number. 0: no memory. */
int slate__cal_add_rule(slate_calendar *c, const char *pointer, uint32_t *index);

void slate__cal_set_leaf(slate_calendar *c, const slate_zone *zone);
void slate__cal_set_always(slate_calendar *c);
/* c takes a reference to each child's core. 0: no memory. */
int slate__cal_set_composed(slate_calendar *c, cal_kind kind, const slate_calendar **children,
                            size_t n);

/* The zone whose dates a composed calendar's business days follow. */
void slate__cal_set_zone(slate_calendar *c, const slate_zone *zone);

/* A calendar written once for many zones: the SLAs that use it read it
 * in the zone a ticket field names (its own zone without the field, and
 * for an unknown zone when unknown_default). 0: no memory. */
int slate__cal_set_zone_field(slate_calendar *c, const char *field, int unknown_default);

/* That field, or NULL; *unknown_default as set. */
const char *slate__cal_zone_field(const slate_calendar *c, int *unknown_default);

/* The calendar's JSON Pointer in its policy. */
const char *slate__cal_pointer(const slate_calendar *c);

/* weekday: 0 = Monday. end <= start: overnight into the next day. */
int slate__cal_add_weekly(slate_calendar *c, int weekday, int32_t start, int32_t end,
                          uint32_t rule);
/* Gives a date per-date hours, none so far: with no interval added after,
 * the date has no hours of its own (the night before still spills into it).
 * 0: no memory. */
int slate__cal_add_dated(slate_calendar *c, int64_t day);

/* Whether the date already has per-date hours. */
int slate__cal_has_dated(const slate_calendar *c, int64_t day);

/* Intervals of one date must be added together, in order; end > start. */
int slate__cal_add_override(slate_calendar *c, int64_t day, int32_t start, int32_t end,
                            uint32_t rule);
int slate__cal_add_holiday(slate_calendar *c, const holiday_rule *rule);

/* Records, for listings, a closed day's rule (stretch NULL) or a stretch
 * [stretch[0], stretch[1]) with its name (or NULL) and source; c copies
 * the strings. 0: no memory. */
int slate__cal_add_closure(slate_calendar *c, const holiday_rule *rule, const slate_time *stretch,
                           const char *name, const char *source);

/* Moves c's definition so far (its core, rules and zone) into a new
 * calendar of the same name and returns it, leaving c an empty calendar to
 * be composed of it and others (a calendar with closures: minus(its hours,
 * its closures)). NULL: no memory (c unchanged). */
slate_calendar *slate__cal_take_definition(slate_calendar *c);

/* Builds the day plans; windows are compiled as queries need them. With a
 * registry, an identical calendar already loaded lends its core. */
slate_status slate__cal_finish(slate_calendar *c, cal_registry *shared, slate_error *err);

/* A new core for k's definition in another zone (k must outlive it). */
cal_core *slate__core_in_zone(const cal_core *k, const slate_zone *zone);

#endif /* SLATE_CALENDAR_BUILD_H */
