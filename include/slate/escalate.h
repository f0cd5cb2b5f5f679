/**
 * @file escalate.h
 * @brief Escalation chains: the steps that fire as an SLA target runs
 *        (at a share of the target, before or after the breach, after an
 *        elapsed time), their exact fire times, and the next wake time a
 *        host's scheduler should sleep until.
 *
 * The `escalations` section of a policy (docs/guides/escalations.md) binds
 * chains of steps to SLA targets. A ::slate_clock that follows a ticket
 * follows its chains too: slate_clock_apply() fires the steps that come due
 * before each event, and the functions below report what has fired by an
 * instant, what fires in an interval, and when the next thing can happen,
 * assuming no further event arrives before the instant asked about.
 *
 * A step fires at the first instant at which all of these hold: its target
 * is running or paused; its trigger is reached; its `when` condition holds
 * (it may read the pseudo-fields `acknowledged`, `state` and `priority`);
 * and its delivery calendar, if it has one, is open. Events at an instant
 * are applied before the steps of that instant, so a target met exactly at
 * the fire time does not fire it. A new cycle of the target (reset,
 * restart) starts the chain over and forgets the acknowledgement.
 *
 * Thread-safety: as for the clock, one thread at a time per clock.
 * Ownership: every pointer returned belongs to the clock (strings to the
 * policy) and stays valid until the clock's next call.
 *
 * Example (compiled and run by the test suite): the desk lead hears of a
 * ticket at half its 4-hour response target, and the manager at the
 * breach. Opened Friday 2026-03-27 15:00 in London, with no reply, the
 * first step fires at Friday's close (17:00) and the second at Monday
 * 11:00 BST (10:00Z), across the change to summer time.
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
 *         " \"stop_when\": {\"field\": \"event\", \"equals\": \"agent_reply\"}}]}],"
 *         " \"escalations\": [{\"id\": \"response\", \"sla\": \"support\","
 *         " \"target\": \"response\", \"steps\": ["
 *         " {\"id\": \"lead\", \"at\": {\"percent\": 50}, \"notify\": [\"desk-lead\"]},"
 *         " {\"id\": \"manager\", \"at\": {\"percent\": 100}, \"notify\": [\"manager\"]}]}]}";
 *     slate_policy *policy;
 *     slate_clock *clock;
 *     if (slate_policy_from_json(NULL, json, strlen(json), &policy, NULL) != SLATE_OK) return 1;
 *     if (slate_clock_new(policy, &clock, NULL) != SLATE_OK) return 1;
 *     slate_event created = {0, "created", NULL, 0};
 *     slate_time now;
 *     slate_time_parse("2026-03-27T15:00:00Z", &created.at, NULL);
 *     slate_time_parse("2026-03-30T12:00:00Z", &now, NULL);
 *     slate_clock_apply(clock, &created, NULL);
 *     slate_escalation_status s;
 *     slate_clock_escalations(clock, now, &s, NULL);
 *     int ok = s.fired_count == 2 && strcmp(s.fired[0].step, "lead") == 0 &&
 *              s.fired[0].at == 1774630800 && // Friday 17:00Z
 *              s.fired[1].at == 1774864800;   // Monday 10:00Z
 *     slate_clock_free(clock);
 *     slate_policy_free(policy);
 *     return ok ? 0 : 1;
 * }
 * @endcode
 */
#ifndef SLATE_ESCALATE_H
#define SLATE_ESCALATE_H

#include "slate/common.h"
#include "slate/oncall.h"
#include "slate/sla.h"

#ifdef __cplusplus
extern "C" {
#endif

/** @brief One firing of an escalation step. */
typedef struct slate_escalation {
    const char *chain;      /**< The chain's id. */
    const char *step;       /**< The step's id. */
    const char *sla;        /**< The SLA of the chain's target. */
    const char *target;     /**< The target's name. */
    const char *rule;       /**< The step's trigger in words, e.g. "75% of the target". */
    const char *pointer;    /**< JSON Pointer of the step in the policy. */
    int cycle;              /**< The target's cycle it fired in (1 for the first). */
    int repeat;             /**< 0 for the first firing, then 1, 2, ... for repeats. */
    slate_time at;          /**< When it fires. */
    slate_time eligible;    /**< When its trigger was reached; earlier than `at` when the delivery
                               calendar held it. */
    slate_duration elapsed; /**< The target's business seconds at `at`. */
    const char *const *notify;   /**< Whom to notify, as the policy names them ("L2-pune", ...). */
    size_t notify_count;         /**< Number of entries in `notify`. */
    const char *channel;         /**< The step's channel, or NULL. */
    const char *template_id;     /**< The step's template id, or NULL. */
    const char *data;            /**< The step's opaque `data` as compact JSON text, or NULL. */
    const char *oncall_schedule; /**< The schedule the step notifies (`{"oncall": name}` in its
                                      `notify`), or NULL. */
    const char *oncall_member;   /**< Who is on call in it at `at` (the delivery instant when a
                                      delivery calendar held the step), or NULL for nobody. */
    const char *oncall_layer;    /**< The layer (or "override") that decided, or NULL. */
} slate_escalation;

/** @brief What a clock's chains have done by an instant, and what comes next. */
typedef struct slate_escalation_status {
    const slate_escalation
        *fired;           /**< Every firing up to and including the instant, oldest first. */
    size_t fired_count;   /**< Number of firings. */
    int has_next_wake;    /**< 1 when something can still happen after the instant. */
    slate_time next_wake; /**< The earliest instant after it at which a step fires or a running
                               target falls due, if no event comes first. */
} slate_escalation_status;

/**
 * @brief The steps fired by an instant and the next wake time.
 * @param c The clock (its policy may have no `escalations`: then nothing
 *        fires, and the next wake time is the earliest due time).
 * @param now The instant, not before the clock's last event.
 * @param[out] out Receives the status; its arrays belong to the clock.
 * @param[out] err Optional.
 * @return ::SLATE_OK, ::SLATE_EINVAL (now before the last event), ::SLATE_EMISUSE (NULL),
 *         ::SLATE_ERANGE, ::SLATE_ELIMIT when a condition's pattern hits its
 *         match limit, ::SLATE_ENOMEM.
 */
SLATE_API slate_status slate_clock_escalations(slate_clock *c, slate_time now,
                                               slate_escalation_status *out, slate_error *err);

/**
 * @brief The firings with t1 <= at < t2, those already past and those to
 *        come if no event arrives before t2.
 * @param c The clock.
 * @param t1 Start of the interval (may be before the last event).
 * @param t2 End of the interval, exclusive; t2 >= t1.
 * @param[out] out Receives the firings, oldest first; they belong to the clock.
 * @param[out] count Receives their number.
 * @param[out] err Optional.
 * @return ::SLATE_OK, ::SLATE_EINVAL, ::SLATE_ERANGE, ::SLATE_ELIMIT, ::SLATE_ENOMEM.
 */
SLATE_API slate_status slate_clock_escalations_between(slate_clock *c, slate_time t1, slate_time t2,
                                                       const slate_escalation **out, size_t *count,
                                                       slate_error *err);

/**
 * @brief The number of escalation chains in a policy.
 * @param p The policy.
 * @return The count (0 without an `escalations` section).
 */
SLATE_API size_t slate_policy_escalation_count(const slate_policy *p);

/**
 * @brief The id of a policy's i-th escalation chain.
 * @param p The policy.
 * @param i The index, below slate_policy_escalation_count().
 * @return The id, owned by the policy, or NULL when i is out of range.
 */
SLATE_API const char *slate_policy_escalation_id(const slate_policy *p, size_t i);

/**
 * @brief The SLA a policy's i-th escalation chain follows.
 * @param p The policy.
 * @param i The chain's index.
 * @return The SLA's id, owned by the policy, or NULL when i is out of range.
 */
SLATE_API const char *slate_policy_escalation_sla(const slate_policy *p, size_t i);

/**
 * @brief The target of that SLA that a policy's i-th chain follows.
 * @param p The policy.
 * @param i The chain's index.
 * @return The target's name, owned by the policy, or NULL when i is out of range.
 */
SLATE_API const char *slate_policy_escalation_target(const slate_policy *p, size_t i);

/**
 * @brief How many steps a policy's i-th escalation chain has.
 * @param p The policy.
 * @param i The chain's index.
 * @return The count (0 when i is out of range).
 */
SLATE_API size_t slate_policy_escalation_step_count(const slate_policy *p, size_t i);

/**
 * @brief A policy's i-th escalation chain.
 * @deprecated Use slate_policy_escalation_id(), _sla(), _target() and
 *             _step_count(), the shape every listing has.
 * @param p The policy.
 * @param i The index, below slate_policy_escalation_count().
 * @param[out] sla Optional: receives the id of the SLA it follows.
 * @param[out] target Optional: receives the target's name.
 * @param[out] steps Optional: receives its number of steps.
 * @return The chain's id, owned by the policy, or NULL when i is out of range.
 */
SLATE_API const char *slate_policy_escalation(const slate_policy *p, size_t i, const char **sla,
                                              const char **target, size_t *steps);

#ifdef __cplusplus
}
#endif

#endif /* SLATE_ESCALATE_H */
