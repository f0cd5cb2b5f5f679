/**
 * @file oncall.h
 * @brief On-call schedules: who is on call at an instant, across time
 *        zones and daylight saving time, by layers, rotations,
 *        restrictions and overrides.
 *
 * A policy's `oncall` section defines schedules. A schedule has layers,
 * the first listed winning wherever it has someone on call; a layer
 * rotates its members every few days or weeks (or by a shift pattern of
 * whole days, such as 2-2-3), handing off at a local time
 * of the schedule's zone (a 09:00 handoff stays at 09:00 on both sides of a
 * DST change: the shift that spans the change is an hour longer or
 * shorter), and may be restricted to the open time of a calendar of the
 * policy. Dated overrides replace everyone for a stretch.
 *
 * Thread-safety: schedules are immutable; any number of threads may ask
 * them at once. Nothing here allocates.
 */
#ifndef SLATE_ONCALL_H
#define SLATE_ONCALL_H

#include "slate/common.h"
#include "slate/policy.h"

#ifdef __cplusplus
extern "C" {
#endif

/** @brief An on-call schedule of a policy (owned by the policy). */
typedef struct slate_schedule slate_schedule;

/** @brief Who is on call at an instant, and why. */
typedef struct slate_oncall {
    const char *member; /**< Who, or NULL when nobody is. */
    const char *layer;  /**< The layer that decided, "override", or NULL with nobody. */
    const char *rule; /**< JSON Pointer of that layer or override (of the schedule with nobody). */
    slate_time until; /**< The next instant at which the answer may change (a handoff, an
                           edge of a restriction or override); #SLATE_TIME_MAX when none. */
} slate_oncall;

/**
 * @brief The schedule called name.
 * @param p The policy.
 * @param name The schedule's name.
 * @return The schedule (owned by the policy), or NULL when there is none.
 */
SLATE_API const slate_schedule *slate_policy_schedule(const slate_policy *p, const char *name);

/**
 * @brief The number of schedules in a policy.
 * @param p The policy.
 * @return The count (0 without an `oncall` section).
 */
SLATE_API size_t slate_policy_schedule_count(const slate_policy *p);

/**
 * @brief The name of schedule i, in the document's order.
 * @param p The policy.
 * @param i From 0 to slate_policy_schedule_count() - 1.
 * @return The name (owned by the policy), or NULL when i is out of range.
 */
SLATE_API const char *slate_policy_schedule_id(const slate_policy *p, size_t i);

/**
 * @brief The schedule's name.
 * @param s The schedule.
 * @return The name (owned by the policy).
 */
SLATE_API const char *slate_schedule_name(const slate_schedule *s);

/**
 * @brief The schedule's zone: its handoffs are local times there.
 * @param s The schedule.
 * @return The zone (owned by the policy's database).
 */
SLATE_API const slate_zone *slate_schedule_zone(const slate_schedule *s);

/**
 * @brief Who is on call at t: the override covering t, else the first
 *        layer with someone on call (started, and open in its restriction).
 *
 * At a handoff instant the incoming member is on call.
 * @param s The schedule.
 * @param t The instant.
 * @param[out] out Receives the answer; member NULL when nobody is on call.
 * @return ::SLATE_OK, ::SLATE_ERANGE when t is outside the supported range,
 *         ::SLATE_EMISUSE for NULL.
 */
SLATE_API slate_status slate_schedule_who(const slate_schedule *s, slate_time t, slate_oncall *out);

/**
 * @brief The first instant after t at which the person on call changes
 *        (handoffs that give the shift to the same person, and edges that
 *        change nothing, are passed over).
 * @param s The schedule.
 * @param t The instant.
 * @param[out] out Receives the instant.
 * @return ::SLATE_OK, ::SLATE_ENEVER when no change comes before 2401,
 *         ::SLATE_ERANGE, ::SLATE_EMISUSE for NULL.
 */
SLATE_API slate_status slate_schedule_next_handoff(const slate_schedule *s, slate_time t,
                                                   slate_time *out);

/** @brief One stretch of a schedule's timeline: one person (or nobody) by one rule. */
typedef struct slate_oncall_stretch {
    slate_time from;    /**< First instant of the stretch. */
    slate_time to;      /**< End of the stretch (exclusive). */
    const char *member; /**< Who, or NULL when nobody is. */
    const char *layer;  /**< The layer that decided, "override", or NULL with nobody. */
    const char *rule; /**< JSON Pointer of that layer or override (of the schedule with nobody). */
} slate_oncall_stretch;

/** @brief State of an enumeration of stretches; its members are private. */
typedef struct slate_oncall_iter {
    const slate_schedule *schedule; /**< Private. */
    slate_time next;                /**< Private: where the next stretch starts. */
    slate_time end;                 /**< Private: b. */
} slate_oncall_iter;

/**
 * @brief Starts enumerating who is on call over [a, b): the stretches in
 *        time order, clipped to the range.
 *
 * A stretch ends where the person changes or, for the same person, where
 * another layer or override takes over; edges that change neither (a
 * handoff back to the same person, a restriction reopening) are merged.
 * Nobody on call is a stretch too, with member NULL.
 * @param s The schedule.
 * @param a Start of the range.
 * @param b End of the range (exclusive); b <= a gives an empty enumeration.
 * @param[out] it Receives the enumeration state (no memory is allocated;
 *        the schedule must outlive it).
 * @return ::SLATE_OK, ::SLATE_ERANGE when a or b is outside the supported
 *         range, ::SLATE_EMISUSE for NULL.
 */
SLATE_API slate_status slate_schedule_stretches(const slate_schedule *s, slate_time a, slate_time b,
                                                slate_oncall_iter *it);

/**
 * @brief The next stretch of an enumeration.
 * @param it State from slate_schedule_stretches().
 * @param[out] out Receives the stretch.
 * @return 1 when a stretch was written, 0 when the enumeration is over.
 */
SLATE_API int slate_schedule_stretches_next(slate_oncall_iter *it, slate_oncall_stretch *out);

#ifdef __cplusplus
}
#endif

#endif /* SLATE_ONCALL_H */
