/* Identical calendars share one core. Policies loaded with one time zone
 * database share through its registry: a calendar whose definition and
 * zone equal one already loaded takes a reference to that core instead of
 * keeping its own. Cores are freed when their last reference goes, so
 * freeing a policy never invalidates another's calendars. */
#ifndef SLATE_CALENDAR_SHARE_H
#define SLATE_CALENDAR_SHARE_H

#include "calendar_impl.h"

typedef struct cal_registry cal_registry;

/* The registry kept with db, made on first use; NULL when out of memory
 * (calendars are then not shared). */
cal_registry *slate__cal_registry(slate_tzdb *db);

/* Takes a reference to k; returns k. Thread-safe. */
cal_core *slate__core_retain(cal_core *k);

/* Drops a reference; the last frees the core (and its parts' references). */
void slate__core_release(cal_core *k);

/* Replaces *k (just built, one reference) by an equal core already in the
 * registry, or enters it there. */
void slate__core_share(cal_registry *r, cal_core **k);

/* Frees a core with no references left. */
void slate__core_destroy(cal_core *k);

#endif /* SLATE_CALENDAR_SHARE_H */
