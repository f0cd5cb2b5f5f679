/**
 * @file calendar.h
 * @brief Business-hours calendars and their arithmetic: is a moment open,
 *        when does it next open or close, what is T plus N business
 *        seconds, how much business time lies between two instants.
 *
 * A calendar comes from a policy (see policy.h) and answers the same for
 * its whole life: any number of threads may use one at once without
 * locking. Every function here is exact to the second under the semantics
 * of the project's calendar guide (docs/guides/calendars.md), and costs
 * O(log n) in the holidays and DST transitions near the instants asked
 * about, plus one total per window (about 388 days) or block of 32 windows
 * in between, whatever the span.
 *
 * A calendar is compiled window by window: the first query into a window
 * compiles it (a few microseconds; published without a lock, so threads
 * never wait for each other) and it is kept until the policy is freed.
 * When memory for a window runs out, the query answers from the rules
 * instead, more slowly: no function here fails for lack of memory.
 *
 * Example (compiled and run by the test suite): four business hours from
 * Friday 2026-03-27 15:00 in London, the weekend Britain moves to summer
 * time. Two hours are left on Friday; Monday opens at 09:00 BST (08:00Z),
 * so the work is due at 11:00 BST.
 * @code
 * #include <string.h>
 * #include "slate.h"
 *
 * int main(void) {
 *     const char *json = "{\"calendars\": {\"desk\": {\"timezone\": \"Europe/London\","
 *                        " \"weekly\": {\"mon\": [\"09:00-17:00\"],"
 *                        " \"fri\": [\"09:00-17:00\"]}}}}";
 *     slate_policy *policy;
 *     slate_error err;
 *     if (slate_policy_from_json(NULL, json, strlen(json), &policy, &err) != SLATE_OK) return 1;
 *     const slate_calendar *desk = slate_policy_calendar(policy, "desk");
 *     slate_time opened, due;
 *     slate_duration open;
 *     slate_time_parse("2026-03-27T15:00:00Z", &opened, NULL); // 15:00 GMT
 *     slate_calendar_add(desk, opened, 4 * 3600, &due);        // 2026-03-30T10:00:00Z
 *     slate_calendar_between(desk, opened, due, &open);        // 14400 again
 *     slate_policy_free(policy);
 *     return due == 1774864800 && open == 4 * 3600 ? 0 : 1;
 * }
 * @endcode
 */
#ifndef SLATE_CALENDAR_H
#define SLATE_CALENDAR_H

#include "slate/common.h"
#include "slate/tz.h"

#ifdef __cplusplus
extern "C" {
#endif

/** @brief A compiled business-hours calendar (opaque, immutable). */
typedef struct slate_calendar slate_calendar;

/**
 * @brief Whether an instant is open.
 * @param c The calendar; must not be NULL.
 * @param t The instant.
 * @return 1 when t is open, 0 when closed or outside the supported range.
 */
SLATE_API int slate_calendar_is_open(const slate_calendar *c, slate_time t);

/**
 * @brief The first open instant at or after t.
 * @param c The calendar.
 * @param t The instant.
 * @param[out] out Receives t itself if t is open, else the start of the next
 *        open interval.
 * @return ::SLATE_OK, ::SLATE_ENEVER when the calendar never opens again
 *         before #SLATE_TIME_MAX, ::SLATE_ERANGE when t is outside the
 *         supported range, ::SLATE_EMISUSE for NULL.
 */
SLATE_API slate_status slate_calendar_next_open(const slate_calendar *c, slate_time t,
                                                slate_time *out);

/**
 * @brief The end of the open interval containing t, or of the next one when
 *        t is closed. Open intervals that touch (Monday 00:00-24:00 and
 *        Tuesday 00:00-24:00) are one interval.
 * @param c The calendar.
 * @param t The instant.
 * @param[out] out Receives the closing instant (the first closed second).
 * @return ::SLATE_OK, ::SLATE_ENEVER when the calendar never opens again or
 *         never closes again before #SLATE_TIME_MAX (a 24x7 calendar),
 *         ::SLATE_ERANGE, ::SLATE_EMISUSE for NULL.
 */
SLATE_API slate_status slate_calendar_next_close(const slate_calendar *c, slate_time t,
                                                 slate_time *out);

/**
 * @brief The start of the open interval containing t, or of the last one
 *        before t when t is closed: next_open's mirror.
 *
 * The interval containing t is then [prev_open(t), next_close(t)).
 * @param c The calendar.
 * @param t The instant.
 * @param[out] out Receives the opening instant (the first open second).
 * @return ::SLATE_OK, ::SLATE_ENEVER when the calendar has no open time
 *         before t, or has been open since the start of the supported range
 *         (a 24x7 calendar), ::SLATE_ERANGE, ::SLATE_EMISUSE for NULL.
 */
SLATE_API slate_status slate_calendar_prev_open(const slate_calendar *c, slate_time t,
                                                slate_time *out);

/**
 * @brief The end of the last open interval that ends at or before t:
 *        next_close's mirror.
 *
 * When t is closed, it is the close of the interval just before t (t
 * itself when t is a closing instant); when t is open, the close of the
 * interval before the one containing t.
 * @param c The calendar.
 * @param t The instant.
 * @param[out] out Receives the closing instant (the first closed second).
 * @return ::SLATE_OK, ::SLATE_ENEVER when no open interval ends at or
 *         before t within the supported range, ::SLATE_ERANGE,
 *         ::SLATE_EMISUSE for NULL.
 */
SLATE_API slate_status slate_calendar_prev_close(const slate_calendar *c, slate_time t,
                                                 slate_time *out);

/**
 * @brief Adds business days (Excel's WORKDAY, with a time): the instant of
 *        t's wall-clock time on the n-th business day after t's local date
 *        (before it for n < 0), moved to the next open instant when the
 *        calendar is closed then.
 *
 * A business day is a local date (in the calendar's zone; for a union,
 * intersection or minus, its `timezone`, else UTC) on which open time
 * starts, or which is open from its first second to its last: the days SLA
 * relative deadlines count. "Friday 15:00 plus 3 business days" on a
 * Monday-Friday calendar is Wednesday 15:00; from Friday 19:00 (after
 * hours) it is Wednesday 19:00, closed, so Thursday's opening. A wall time
 * a DST gap skips is read forward by the gap. n = 0 gives t, or the next
 * open instant. Costs the same whatever n.
 * @param c The calendar.
 * @param t The start instant.
 * @param days Business days to add; negative goes back.
 * @param[out] out Receives the result.
 * @return ::SLATE_OK, ::SLATE_ENEVER when there is no business day at all
 *         that way (or no open time after the day found),
 *         ::SLATE_ERANGE when there are too few before the supported range
 *         ends or t is outside it, ::SLATE_EMISUSE for NULL.
 */
SLATE_API slate_status slate_calendar_add_business_days(const slate_calendar *c, slate_time t,
                                                        int32_t days, slate_time *out);

/**
 * @brief Counts the business days after a's local date up to and
 *        including b's (see slate_calendar_add_business_days()); negative
 *        when b < a.
 *
 * It is the inverse of adding business days: the count from t to
 * slate_calendar_add_business_days(t, n) is n when the result falls on
 * the n-th day. Excel's NETWORKDAYS(a, b) counts a's date too: it is this
 * count plus one when a's date is a business day. Costs the same whatever
 * the span.
 * @param c The calendar.
 * @param a The start instant.
 * @param b The end instant.
 * @param[out] out Receives the count.
 * @return ::SLATE_OK, ::SLATE_ERANGE when a or b is outside the supported
 *         range, ::SLATE_EMISUSE for NULL.
 */
SLATE_API slate_status slate_calendar_business_days(const slate_calendar *c, slate_time a,
                                                    slate_time b, int32_t *out);

/** @brief One business day: its local date and the stretch it spans. */
typedef struct slate_business_day {
    int32_t year;     /**< Its local date: year, */
    int month;        /**< month 1-12, */
    int day;          /**< and day. */
    slate_time start; /**< Its first open instant (its midnight when open from the night before). */
    slate_time end;   /**< Its end: the close of the last stretch starting on it (past midnight
                           when that runs on), or midnight when that stretch covers the next
                           date whole. */
} slate_business_day;

/**
 * @brief The business day in progress at t (start <= t < end), else the
 *        next one to start after t.
 *
 * A night shift that runs past midnight belongs to the date it started on:
 * at 02:00 in a 22:00-06:00 shift the day in progress is yesterday's. Its
 * start and end are what "end of business day" deadlines use.
 * @param c The calendar.
 * @param t The instant.
 * @param[out] out Receives the business day.
 * @return ::SLATE_OK, ::SLATE_ENEVER when no business day is in progress or
 *         to come before 2401, ::SLATE_ERANGE, ::SLATE_EMISUSE for NULL.
 */
SLATE_API slate_status slate_calendar_business_day(const slate_calendar *c, slate_time t,
                                                   slate_business_day *out);

/**
 * @brief Adds business time: for d > 0 the earliest u >= t with
 *        between(t, u) = d (so a due time may equal a closing time); for
 *        d < 0 the latest u <= t with between(u, t) = -d; for d = 0, t.
 * @param c The calendar.
 * @param t The start instant.
 * @param business_seconds The business time to add, positive or negative.
 * @param[out] out Receives the result.
 * @return ::SLATE_OK, ::SLATE_ENEVER when the calendar has no open time at
 *         all after t (before t for d < 0), ::SLATE_ERANGE when t or the
 *         result is outside the supported range, ::SLATE_EMISUSE for NULL.
 */
SLATE_API slate_status slate_calendar_add(const slate_calendar *c, slate_time t,
                                          slate_duration business_seconds, slate_time *out);

/**
 * @brief The open time, in seconds, of the instants in [a, b); negative
 *        (minus that of [b, a)) when b < a.
 * @param c The calendar.
 * @param a The start instant.
 * @param b The end instant.
 * @param[out] out Receives the business seconds.
 * @return ::SLATE_OK, ::SLATE_ERANGE when a or b is outside the supported
 *         range, ::SLATE_EMISUSE for NULL.
 */
SLATE_API slate_status slate_calendar_between(const slate_calendar *c, slate_time a, slate_time b,
                                              slate_duration *out);

/** @brief Where an open interval reported by the enumerator comes from. */
typedef enum slate_interval_source {
    SLATE_SOURCE_WEEKLY = 0,   /**< The weekly hours of its own date. */
    SLATE_SOURCE_SPILL = 1,    /**< An overnight weekly interval of the day before. */
    SLATE_SOURCE_OVERRIDE = 2, /**< The per-date hours override of its date. */
    SLATE_SOURCE_ALWAYS = 3,   /**< A "24x7" calendar. */
    SLATE_SOURCE_COMPOSED = 4  /**< A union, intersection or minus of calendars. */
} slate_interval_source;

/** @brief One open stretch of a calendar, as the enumerator reports it. */
typedef struct slate_interval {
    slate_time start; /**< First open instant (UTC). */
    slate_time end;   /**< First closed instant after it (UTC). */
    int32_t year;     /**< Local date the stretch belongs to (the calendar's zone; a composed
                         calendar's stretches are split at midnight of the zone it names, UTC
                         for 24x7 and one that names none). */
    int month;        /**< Month of that date, 1 to 12. */
    int day;          /**< Day of that date, 1 to 31. */
    slate_interval_source source; /**< The kind of rule that opened it. */
    const char *rule; /**< JSON Pointer of that rule in the policy, owned by the calendar. */
} slate_interval;

/** @brief A day or a stretch a calendar is closed for, by name: what
 *         slate_calendar_closures_next() reports. */
typedef struct slate_closure {
    slate_time start;   /**< Its start: a closed day's local midnight, or a stretch's start. */
    slate_time end;     /**< Its end (exclusive): the next local midnight, or the stretch's end. */
    int whole_day;      /**< 1 for a closed day (a date or a holiday rule), 0 for a stretch. */
    int32_t year;       /**< The local date it starts on. */
    int month;          /**< Its month, 1 to 12. */
    int day;            /**< Its day of the month. */
    const char *name;   /**< Its name (a rule's `name`, an event's SUMMARY), or NULL. */
    const char *source; /**< Where it comes from: the JSON Pointer of the policy's rule, or
                             "FILE UID" of an iCalendar event. */
} slate_closure;

/**
 * @brief State of an enumeration of closures; a plain value the caller
 *        keeps. Its fields are private.
 */
typedef struct slate_closure_iter {
    const slate_calendar *calendar; /**< Private. */
    slate_time from;                /**< Private: a. */
    slate_time to;                  /**< Private: b. */
    slate_time last_start;          /**< Private: the last one reported. */
    size_t last_index;              /**< Private. */
    int started;                    /**< Private. */
} slate_closure_iter;

/**
 * @brief Starts enumerating the days and stretches a calendar's own rules
 *        close (its `closed` dates and holiday rules, observed shifts
 *        applied, and its iCalendar sources' events) that overlap [a, b),
 *        in time order, each with its name and source.
 *
 * A composed calendar has no closures of its own: its parts do. Each call
 * of slate_calendar_closures_next() reads every rule of the calendar:
 * meant for listings (`slate calendar holidays`), not for loops over
 * tickets.
 * @param c The calendar.
 * @param a Start of the range.
 * @param b End of the range (exclusive).
 * @param[out] it Receives the enumeration state.
 * @return ::SLATE_OK, ::SLATE_ERANGE when a or b is outside the supported
 *         range, ::SLATE_EMISUSE for NULL.
 */
SLATE_API slate_status slate_calendar_closures(const slate_calendar *c, slate_time a, slate_time b,
                                               slate_closure_iter *it);

/**
 * @brief The next closure of an enumeration.
 * @param it The state slate_calendar_closures() filled.
 * @param[out] out Receives the closure; its strings live as long as the
 *        calendar's policy.
 * @return 1 with *out filled, 0 at the end.
 */
SLATE_API int slate_calendar_closures_next(slate_closure_iter *it, slate_closure *out);

/**
 * @brief State of an enumeration over [a, b); a plain value the caller keeps
 *        (on the stack, say). Its fields are private.
 */
typedef struct slate_interval_iter {
    const slate_calendar *calendar; /**< Private. */
    slate_time next;                /**< Private: where the next search starts. */
    slate_time end;                 /**< Private: b. */
} slate_interval_iter;

/**
 * @brief Starts enumerating the open stretches of a calendar that overlap
 *        [a, b), clipped to it.
 *
 * Stretches are reported in time order. For a calendar with a time zone
 * each stretch lies within one local date and one rule, so two may touch
 * (an overnight shift is reported as its part before midnight, then its
 * spill after it).
 * @param c The calendar.
 * @param a Start of the range.
 * @param b End of the range (exclusive); b <= a gives an empty enumeration.
 * @param[out] it Receives the enumeration state.
 * @return ::SLATE_OK, ::SLATE_ERANGE when a or b is outside the supported
 *         range, ::SLATE_EMISUSE for NULL.
 */
SLATE_API slate_status slate_calendar_intervals(const slate_calendar *c, slate_time a, slate_time b,
                                                slate_interval_iter *it);

/**
 * @brief The next stretch of an enumeration.
 * @param it State from slate_calendar_intervals().
 * @param[out] out Receives the stretch.
 * @return 1 when a stretch was written, 0 when the enumeration is over.
 */
SLATE_API int slate_calendar_intervals_next(slate_interval_iter *it, slate_interval *out);

/**
 * @brief The calendar's name in its policy.
 * @param c The calendar.
 * @return A string owned by the calendar.
 */
SLATE_API const char *slate_calendar_name(const slate_calendar *c);

/**
 * @brief The calendar's time zone: the zone of its hours, or for a union,
 *        intersection or minus the zone named by its `timezone` (whose
 *        dates make its business days); its parts keep their own zones.
 * @param c The calendar.
 * @return The zone, or NULL for "24x7" and for a composed calendar that
 *         names none (their dates are then UTC dates).
 */
SLATE_API const slate_zone *slate_calendar_zone(const slate_calendar *c);

/**
 * @brief The memory the calendar holds now, in bytes: its rules and the
 *        windows queries have compiled so far, excluding the zone (shared
 *        through the time zone database).
 *
 * Identical calendars of policies loaded with one database share their
 * rules and windows; each of them reports the shared part in full.
 * @param c The calendar, or NULL (then 0).
 * @return Bytes.
 */
SLATE_API size_t slate_calendar_memory(const slate_calendar *c);

#ifdef __cplusplus
}
#endif

#endif /* SLATE_CALENDAR_H */
