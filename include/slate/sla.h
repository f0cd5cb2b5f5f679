/**
 * @file sla.h
 * @brief The SLA clock: replaying a ticket's history against the policy's
 *        SLA definitions to know, for each target, whether it runs, is
 *        paused, met or breached, how much business time is used and left,
 *        when it is due, and why.
 *
 * A ::slate_clock follows one ticket. Feed it the ticket's events in time
 * order with slate_clock_apply() and ask at any instant with
 * slate_clock_results(); replaying a whole history is the same calls in a
 * loop, so a live product and a batch job get the same answers. The exact
 * rules are in docs/guides/sla.md.
 *
 * Thread-safety: a clock is mutable and belongs to one thread at a time;
 * the policy it reads is shared and immutable. (An SLA whose calendar is
 * read in the ticket's zone makes that calendar's instance for a zone on
 * first use and keeps it with the policy; any number of clocks on any
 * threads may do so at once, and lookups take no lock.) Nothing here
 * reads the system clock: the caller passes `now`.
 *
 * Example (compiled and run by the test suite): a 4-hour response target
 * on London office hours. The ticket opens on Friday 2026-03-27 at 15:00,
 * the agent replies on Monday at 10:30 BST (09:30Z): 3.5 business hours
 * used, across the change to summer time, so the target is met.
 * @code
 * #include <string.h>
 * #include "slate.h"
 *
 * int main(void) {
 *     const char *json =
 *         "{\"calendars\": {\"desk\": {\"timezone\": \"Europe/London\","
 *         " \"weekly\": {\"mon\": [\"09:00-17:00\"], \"fri\": [\"09:00-17:00\"]}}},"
 *         " \"slas\": [{\"id\": \"support\", \"calendar\": \"desk\", \"targets\": [{\"name\":"
 *         " \"response\", \"durations\": {\"*\": \"PT4H\"},"
 *         " \"start_when\": {\"field\": \"event\", \"equals\": \"created\"},"
 *         " \"stop_when\": {\"field\": \"event\", \"equals\": \"agent_reply\"}}]}]}";
 *     slate_policy *policy;
 *     slate_clock *clock;
 *     if (slate_policy_from_json(NULL, json, strlen(json), &policy, NULL) != SLATE_OK) return 1;
 *     if (slate_clock_new(policy, &clock, NULL) != SLATE_OK) return 1;
 *     slate_event created = {0, "created", NULL, 0}, reply = {0, "agent_reply", NULL, 0};
 *     slate_time_parse("2026-03-27T15:00:00Z", &created.at, NULL);
 *     slate_time_parse("2026-03-30T09:30:00Z", &reply.at, NULL);
 *     slate_clock_apply(clock, &created, NULL);
 *     slate_clock_apply(clock, &reply, NULL);
 *     const slate_sla_result *r;
 *     size_t n;
 *     slate_clock_results(clock, reply.at, &r, &n, NULL);
 *     // Met, not breached, 3.5 business hours: 2 on Friday, 1.5 on Monday.
 *     int ok = n == 1 && r[0].state == SLATE_SLA_MET && !r[0].breached && r[0].elapsed == 12600;
 *     slate_clock_free(clock);
 *     slate_policy_free(policy);
 *     return ok ? 0 : 1;
 * }
 * @endcode
 */
#ifndef SLATE_SLA_H
#define SLATE_SLA_H

#include "slate/common.h"
#include "slate/policy.h"
#include "slate/ticket.h"

#ifdef __cplusplus
extern "C" {
#endif

/** @brief The state of one SLA target. */
typedef enum slate_sla_state {
    SLATE_SLA_NOT_STARTED = 0, /**< Its start condition has not held yet. */
    SLATE_SLA_RUNNING = 1,     /**< Counting business time. */
    SLATE_SLA_PAUSED = 2,      /**< Its pause condition holds. */
    SLATE_SLA_MET = 3,         /**< Stopped (met, or breached and met: see `breached`). */
    SLATE_SLA_CANCELLED = 4    /**< Its cancel condition held. */
} slate_sla_state;

/** @brief One transition of a target, for explanations. */
typedef struct slate_sla_step {
    slate_time at;        /**< When. */
    size_t event;         /**< Index of the event (0-based) that caused it. */
    slate_sla_state from; /**< State before. */
    slate_sla_state to;   /**< State after. */
    const char *why; /**< What caused it: "start", "pause", "resume", "stop", "reset", "cancel",
                        "restart", "calendar" (the target moved to another calendar) or
                        "breach" (its goal ran out; `from` and `to` are its state then). */
    const char *condition; /**< JSON Pointer of the rule that caused it: the condition that held,
                                the calendar or zone choice that matched, or "". */
    const char *calendar;  /**< The calendar the target counts on after the step. */
    const char *zone;      /**< Its zone's name, or NULL (UTC dates). */
    slate_time noted;      /**< When the clock learned of it: `at`, except for a breach, which
                                is known at the next event (or `now`) after it, or, after a
                                priority change, at that change. */
} slate_sla_step;

/** @brief How a cycle of a target turned out. */
typedef enum slate_cycle_outcome {
    SLATE_CYCLE_OPEN = 0,      /**< Still running or paused, not breached. */
    SLATE_CYCLE_MET = 1,       /**< Stopped within its goal. */
    SLATE_CYCLE_BREACHED = 2,  /**< Its goal ran out in it: met late, still open, or reset after. */
    SLATE_CYCLE_CANCELLED = 3, /**< Cancelled (breached or not). */
    SLATE_CYCLE_RESET = 4 /**< Replaced by a new cycle (reset) before it was met or breached. */
} slate_cycle_outcome;

/** @brief Most cycles one target keeps; applying an event that would
 *         start one more fails with ::SLATE_ELIMIT. */
#define SLATE_SLA_CYCLES_MAX 1000

/** @brief One cycle of a target, from its start to its stop, cancel or
 *         reset (a reopened ticket, a reset, a next-reply target: each is
 *         a cycle of its own). */
typedef struct slate_sla_cycle {
    int number;                    /**< 1 for the first cycle. */
    slate_sla_state state;         /**< The target's state in it (at the end once ended). */
    slate_cycle_outcome outcome;   /**< How it turned out, so far for an open one. */
    const char *priority;          /**< The priority it was counted at (the last one), or NULL. */
    slate_time start;              /**< Start of the cycle. */
    int has_end;                   /**< 1 once it stopped, was cancelled or reset. */
    slate_time end;                /**< When. */
    slate_duration target_seconds; /**< Business time its goal allowed. */
    slate_duration elapsed;        /**< Business time used (to the end, or to `now`). */
    slate_duration paused;         /**< Wall time paused. */
    int has_due;                   /**< 1 when `due` is meaningful. */
    slate_time due;                /**< When it was (or is) due: its deadline, or the instant its
                                        business time runs out while running. */
    int breached;                  /**< 1 when its goal ran out in this cycle. */
    slate_time breach_time;        /**< When (valid when breached). */
    slate_duration late_by;        /**< Business time used beyond the goal (0 unless breached; a
                                        deadline missed in closed hours is late by 0). */
} slate_sla_cycle;

/** @brief Where one target stands at an instant. Pointers belong to the clock
 *         and stay valid until its next call. */
typedef struct slate_sla_result {
    const char *sla;               /**< The SLA's id. */
    const char *target;            /**< The target's name, e.g. "response". */
    slate_sla_state state;         /**< State at the instant asked. */
    int breached;                  /**< 1 once the elapsed time reached the target in this cycle. */
    const char *priority;          /**< The ticket's priority the target uses, or NULL. */
    slate_duration target_seconds; /**< Business time allowed (0 before a priority is known). */
    slate_time start;              /**< Start of the current cycle (0 when not started). */
    slate_duration elapsed;        /**< Business seconds used in the cycle. */
    slate_duration paused;         /**< Wall seconds spent paused in the cycle. */
    slate_duration remaining;      /**< Business seconds left (0 once breached). */
    int has_due;                   /**< 1 when `due` is meaningful (running). */
    slate_time due;                /**< When the target is due if it keeps running. */
    int has_breach_time;           /**< 1 when `breach_time` is meaningful. */
    slate_time breach_time;        /**< When the elapsed time reached the target. */
    double percent;                /**< elapsed / target_seconds * 100 (0 without a target). */
    int cycles;                    /**< Cycles started (a reset or a restart begins a new one). */
    size_t step_count;             /**< Transitions so far. */
    const slate_sla_step *steps;   /**< Each transition with its event and condition. */
    int has_deadline;              /**< 1 when the cycle has a wall-clock deadline. */
    slate_time deadline;           /**< A relative entry's deadline: met at or before it. */
    const char *calendar;          /**< The calendar the target counts on (NULL: not started). */
    const char *zone;              /**< Its zone's name, or NULL (UTC dates). */
    size_t cycle_count;            /**< Cycles so far, the current one last (= `cycles`). */
    const slate_sla_cycle *cycle_list; /**< Every cycle, oldest first. */
} slate_sla_result;

/** @brief An SLA clock for one ticket (opaque). */
typedef struct slate_clock slate_clock;

/**
 * @brief Creates a clock over a policy's SLAs.
 * @param p The policy; it must outlive the clock.
 * @param[out] out Receives the clock, freed with slate_clock_free().
 * @param[out] err Optional.
 * @return ::SLATE_OK, ::SLATE_ENOENT when the policy has no `slas`,
 *         ::SLATE_ENOMEM, ::SLATE_EINVAL.
 */
SLATE_API slate_status slate_clock_new(const slate_policy *p, slate_clock **out, slate_error *err);

/**
 * @brief Frees a clock.
 * @param c The clock, or NULL.
 */
SLATE_API void slate_clock_free(slate_clock *c);

/**
 * @brief Forgets the history, for the next ticket.
 * @param c The clock.
 */
SLATE_API void slate_clock_reset(slate_clock *c);

/**
 * @brief Applies the next event of the ticket.
 *
 * All or nothing: when the call fails the clock is as it was before it.
 * @param c The clock.
 * @param e The event; its strings are copied.
 * @param[out] err Optional.
 * @return ::SLATE_OK; ::SLATE_EINVAL for an event earlier than the previous
 *         one (the message gives both instants and the event's index), or
 *         for a field an SLA reads as a time (`start_from`, a goal from a
 *         field) that holds something else; ::SLATE_ENOENT when the ticket
 *         names a time zone that does not exist for an SLA whose `timezone`
 *         comes from the ticket (unless its rule falls back to the
 *         default; the message names the field and the value);
 *         ::SLATE_EMISUSE for NULL arguments; ::SLATE_ERANGE for an instant outside 1800-2400;
 *         ::SLATE_ELIMIT when a condition's pattern hits its match limit or
 *         a calendar is used in more than 1,000 zones; ::SLATE_ENOMEM.
 */
SLATE_API slate_status slate_clock_apply(slate_clock *c, const slate_event *e, slate_error *err);

/**
 * @brief Moves a ticket's clock to another policy (a new version) at an
 *        instant: counters are brought up to `at` under the old policy,
 *        then each target continues under the new one.
 *
 * A target of the new policy with the same SLA id and target name keeps
 * its state, elapsed and paused time, breach and steps; from `at` on it
 * runs on the new SLA's calendar, conditions and durations (it takes the
 * new duration at once, keeping elapsed time, as for a priority change).
 * Targets the new policy lacks are dropped; new ones start at the next
 * event whose conditions let them. A move to a calendar of another name or
 * zone is recorded as a "calendar" step. Steps recorded before the change
 * point into the old policy: keep it until the clock is freed. All or
 * nothing.
 * @param c The clock.
 * @param p The new policy; it must outlive the clock.
 * @param at The instant of the change, not before the last event.
 * @param[out] err Optional.
 * @return ::SLATE_OK, ::SLATE_ENOENT when p has no `slas`, ::SLATE_EINVAL
 *         when `at` is before the last event, ::SLATE_ERANGE, ::SLATE_ENOMEM.
 */
SLATE_API slate_status slate_clock_set_policy(slate_clock *c, const slate_policy *p, slate_time at,
                                              slate_error *err);

/**
 * @brief Every target's standing at an instant (not before the last event).
 * @param c The clock.
 * @param now The instant asked about.
 * @param[out] out Receives an array owned by the clock, valid until its next call.
 * @param[out] count Receives the number of targets (every target of every SLA).
 * @param[out] err Optional.
 * @return ::SLATE_OK, ::SLATE_EINVAL when now is before the last event,
 *         ::SLATE_ERANGE, ::SLATE_ENOMEM.
 */
SLATE_API slate_status slate_clock_results(slate_clock *c, slate_time now,
                                           const slate_sla_result **out, size_t *count,
                                           slate_error *err);

/**
 * @brief The number of SLAs in a policy.
 * @param p The policy.
 * @return The count (0 without a `slas` section).
 */
SLATE_API size_t slate_policy_sla_count(const slate_policy *p);

/**
 * @brief The id of a policy's i-th SLA.
 * @param p The policy.
 * @param i The index, below slate_policy_sla_count().
 * @return The id, owned by the policy, or NULL when i is out of range.
 */
SLATE_API const char *slate_policy_sla_id(const slate_policy *p, size_t i);

/**
 * @brief How many targets a policy's i-th SLA has.
 * @param p The policy.
 * @param i The SLA's index, below slate_policy_sla_count().
 * @return The count (0 when i is out of range).
 */
SLATE_API size_t slate_policy_sla_target_count(const slate_policy *p, size_t i);

/**
 * @brief The name of the j-th target of a policy's i-th SLA.
 * @param p The policy.
 * @param i The SLA's index.
 * @param j The target's index, below slate_policy_sla_target_count().
 * @return The name ("response", ...), owned by the policy, or NULL when i
 *         or j is out of range.
 */
SLATE_API const char *slate_policy_sla_target_id(const slate_policy *p, size_t i, size_t j);

/**
 * @brief An SLA's targets: their number, and the name of the j-th.
 * @deprecated Use slate_policy_sla_target_count() and
 *             slate_policy_sla_target_id(), the shape every listing has.
 * @param p The policy.
 * @param i The SLA's index.
 * @param j The target's index, or SIZE_MAX to ask for the count only.
 * @param[out] count Optional: receives the number of targets of SLA i.
 * @return The name of target j, owned by the policy, or NULL when i or j is out of range.
 */
SLATE_API const char *slate_policy_sla_target(const slate_policy *p, size_t i, size_t j,
                                              size_t *count);

/**
 * @brief A state's name: "not_started", "running", "paused", "met", "cancelled".
 * @param s The state.
 * @return A static string.
 */
SLATE_API const char *slate_sla_state_name(slate_sla_state s);

#ifdef __cplusplus
}
#endif

#endif /* SLATE_SLA_H */
