/**
 * @file contract.h
 * @brief Annual maintenance contracts (AMC): compliance reports over a
 *        period for a set of tickets, with service credits owed.
 *
 * The `contracts` section of a policy (docs/guides/contracts.md) names, per
 * contract, the SLA whose targets are the contract's response (on-site
 * arrival) and resolution times per severity. Its calendar is the
 * contract's coverage window. The section also gives the monthly fee, an
 * availability commitment with downtime measured on a chosen calendar, and
 * credit clauses (per breach, per hour late, per availability shortfall)
 * with a cap per month as a percentage of the month's fee.
 *
 * A ::slate_report accumulates tickets (their histories) for one contract
 * and one period [start, end), and then reports per calendar month of the
 * contract's zone: counts met and breached per target and priority, the
 * median and 90th percentile of business time to respond and resolve, the
 * availability achieved, and each credit owed with the clause behind it.
 * Money is in hundredths of the contract's currency unit (int64).
 *
 * Thread-safety: a report is mutable and belongs to one thread at a time;
 * the policy is shared and immutable. Nothing here reads the clock.
 *
 * Example (compiled and run by the test suite): a contract pays 50.00 for
 * each late first reply, capped at 10 % of a 1,000.00 monthly fee. A
 * ticket opened Friday 2026-03-27 15:00 in London is answered on Monday at
 * 13:00 BST, two hours after its 4-business-hour deadline (11:00 BST,
 * across the change to summer time): March owes 50.00. The month ends at
 * London's midnight, 2026-03-31T23:00:00Z.
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
 *         " \"contracts\": [{\"id\": \"amc\", \"sla\": \"support\","
 *         " \"timezone\": \"Europe/London\", \"fee\": {\"monthly\": 1000, \"currency\": \"EUR\"},"
 *         " \"credits\": [{\"id\": \"late-reply\", \"target\": \"response\","
 *         " \"per_breach\": 50}], \"cap_percent\": 10}]}";
 *     slate_policy *policy;
 *     slate_report *report;
 *     slate_time start, end;
 *     slate_event events[2] = {{0, "created", NULL, 0}, {0, "agent_reply", NULL, 0}};
 *     slate_time_parse("2026-03-27T15:00:00Z", &events[0].at, NULL);
 *     slate_time_parse("2026-03-30T12:00:00Z", &events[1].at, NULL);
 *     slate_time_parse("2026-03-01T00:00:00Z", &start, NULL);
 *     slate_time_parse("2026-03-31T23:00:00Z", &end, NULL); // April 1 00:00 BST
 *     if (slate_policy_from_json(NULL, json, strlen(json), &policy, NULL) != SLATE_OK) return 1;
 *     if (slate_report_new(policy, "amc", start, end, &report, NULL) != SLATE_OK) return 1;
 *     slate_report_add(report, "INC-1", events, 2, NULL);
 *     const slate_report_result *r;
 *     slate_report_result_get(report, &r, NULL);
 *     int ok = r->period_count == 1 && r->periods[0].fee == 100000 && // hundredths
 *              r->credits_owed == 5000;
 *     slate_report_free(report);
 *     slate_policy_free(policy);
 *     return ok ? 0 : 1;
 * }
 * @endcode
 */
#ifndef SLATE_CONTRACT_H
#define SLATE_CONTRACT_H

#include "slate/common.h"
#include "slate/policy.h"
#include "slate/sla.h"
#include "slate/tz.h"

#ifdef __cplusplus
extern "C" {
#endif

/** @brief How one target did at one priority within a month. */
typedef struct slate_report_row {
    const char *target;   /**< The target's name ("response", "resolution"). */
    const char *priority; /**< The priority, or "" when none was known. */
    size_t met;           /**< Decided in the month, on time. */
    size_t breached;      /**< Breached in the month (met late or still open). */
    size_t open;          /**< Still running at the end of the report, not breached. */
    size_t finished; /**< Met (on time or late) in the month: the ones the times below cover. */
    slate_duration median; /**< Median business seconds of the finished ones (0 when none). */
    slate_duration p90;    /**< 90th percentile (nearest rank) of the same (0 when none). */
} slate_report_row;

/** @brief One service credit owed, and why. */
typedef struct slate_report_credit {
    const char *clause;   /**< The credit clause's id. */
    const char *pointer;  /**< JSON Pointer of the clause in the policy. */
    const char *ticket;   /**< The ticket's id, or NULL for an availability credit. */
    const char *target;   /**< The target breached, or NULL. */
    const char *priority; /**< Its priority, or NULL. */
    slate_time at;        /**< The breach time (the month's start for availability). */
    slate_duration late;  /**< Business seconds beyond the target (per-hour clauses). */
    int64_t units;        /**< Breaches (1), started hours late, or 1 for availability. */
    int64_t amount;       /**< Hundredths of the currency unit. */
} slate_report_credit;

/** @brief One breach of a target in a cycle, credited or not. */
typedef struct slate_report_breach {
    const char *ticket;     /**< The ticket's id, or NULL. */
    int cycle;              /**< The cycle of the target (1 first). */
    const char *target;     /**< The target breached. */
    const char *priority;   /**< Its priority, or NULL. */
    int has_due;            /**< 1 when `due` is meaningful. */
    slate_time due;         /**< When it was due: its deadline, or its breach instant. */
    slate_time at;          /**< The breach instant. */
    slate_duration late_by; /**< Business seconds used beyond the goal (to the end of the cycle,
                                 or of the report for one still open). */
    const char *clause;     /**< The first credit clause that priced it, or NULL (no credit). */
} slate_report_breach;

/** @brief One calendar month (clipped to the report) of a contract. */
typedef struct slate_report_period {
    slate_time start;         /**< Start of the month, or of the report. */
    slate_time end;           /**< End, exclusive. */
    int64_t fee;              /**< The month's fee, prorated when clipped (hundredths). */
    slate_duration committed; /**< Open seconds of the availability calendar in the period. */
    slate_duration downtime;  /**< Of which the service was down. */
    double
        availability; /**< 100 * (committed - downtime) / committed; 100 with no committed time. */
    int availability_met;                /**< 1 when at least the commitment (or no commitment). */
    int64_t credits_due;                 /**< Sum of the credits before the cap. */
    int64_t cap;                         /**< The cap (hundredths); -1 without one. */
    int64_t credits_owed;                /**< What is owed: credits_due, at most cap. */
    size_t row_count;                    /**< Rows, by target then priority order. */
    const slate_report_row *rows;        /**< Per target and priority. */
    size_t credit_count;                 /**< Credits. */
    const slate_report_credit *credits;  /**< Each credit, in time order. */
    size_t breach_count;                 /**< Breaches decided in the month. */
    const slate_report_breach *breaches; /**< Each, in time order, credited or not. */
} slate_report_period;

/** @brief A contract's compliance report. */
typedef struct slate_report_result {
    const char *contract;               /**< The contract's id. */
    const char *customer;               /**< Its customer, or NULL. */
    const char *currency;               /**< The fee's currency code, or NULL. */
    const char *sla;                    /**< The SLA it enforces. */
    const slate_zone *zone;             /**< The zone of its months (NULL: UTC). */
    const char *coverage;               /**< The coverage window: the SLA's calendar. */
    const char *availability_calendar;  /**< The calendar downtime is measured on, or NULL. */
    double availability_target;         /**< The commitment in percent (0 without one). */
    slate_time start;                   /**< Start of the report's period (within the term). */
    slate_time end;                     /**< End of the report's period, exclusive. */
    size_t tickets;                     /**< Tickets added and covered. */
    size_t uncovered_count;             /**< Tickets added outside the contract's scope. */
    const char *const *uncovered;       /**< Their ids (NULL for a ticket without one). */
    int64_t credits_owed;               /**< Sum over the periods. */
    size_t period_count;                /**< Months. */
    const slate_report_period *periods; /**< Each month. */
} slate_report_result;

/** @brief A compliance report being built (opaque). */
typedef struct slate_report slate_report;

/**
 * @brief Starts a report for one contract over [start, end).
 * @param p The policy; it must outlive the report.
 * @param contract The contract's id, or NULL for the policy's only contract.
 * @param start Start of the period.
 * @param end End of the period, exclusive; after start, at most 100 years later.
 * @param[out] out Receives the report, freed with slate_report_free().
 * @param[out] err Optional.
 * @return ::SLATE_OK, ::SLATE_ENOENT (no such contract, or none), ::SLATE_EINVAL
 *         (NULL, empty period, or no id with several contracts), ::SLATE_ERANGE,
 *         ::SLATE_ELIMIT (more than 1,200 months), ::SLATE_ENOMEM.
 */
SLATE_API slate_status slate_report_new(const slate_policy *p, const char *contract,
                                        slate_time start, slate_time end, slate_report **out,
                                        slate_error *err);

/**
 * @brief Adds one ticket: replays its events before the report's end on
 *        the contract's SLA and notes its outcome and downtime.
 * @param r The report.
 * @param id The ticket's id (copied), or NULL.
 * @param events Its events in time order (see slate_clock_apply()).
 * @param count Their number.
 * @param[out] err Optional; errors name the event.
 * @return ::SLATE_OK; on failure (see slate_clock_apply()) the report is
 *         unchanged.
 */
SLATE_API slate_status slate_report_add(slate_report *r, const char *id, const slate_event *events,
                                        size_t count, slate_error *err);

/**
 * @brief Computes the report from the tickets added so far.
 * @param r The report; more tickets may be added afterwards and the result
 *        computed again.
 * @param[out] out Receives the result, owned by r and valid until its next call.
 * @param[out] err Optional; a limit error names the contract and the
 *        clause or period.
 * @return ::SLATE_OK, ::SLATE_ENOMEM, or ::SLATE_ELIMIT when one credit, a
 *         period's credits or the total owed would pass `INT64_MAX`
 *         hundredths (money is never saturated or wrapped).
 */
SLATE_API slate_status slate_report_result_get(slate_report *r, const slate_report_result **out,
                                               slate_error *err);

/**
 * @brief Frees a report.
 * @param r The report, or NULL.
 */
SLATE_API void slate_report_free(slate_report *r);

/**
 * @brief The number of contracts in a policy.
 * @param p The policy.
 * @return The count (0 without a `contracts` section).
 */
SLATE_API size_t slate_policy_contract_count(const slate_policy *p);

/**
 * @brief The id of a policy's i-th contract.
 * @param p The policy.
 * @param i The index, below slate_policy_contract_count().
 * @return The id, owned by the policy, or NULL when i is out of range.
 */
SLATE_API const char *slate_policy_contract_id(const slate_policy *p, size_t i);

/**
 * @brief The zone of a contract's months (its `timezone`, else its SLA's,
 *        else its coverage calendar's).
 * @param p The policy.
 * @param i The index, below slate_policy_contract_count().
 * @return The zone, owned by the policy's zone database, or NULL for UTC
 *         months (and when i is out of range).
 */
SLATE_API const slate_zone *slate_policy_contract_timezone(const slate_policy *p, size_t i);

#ifdef __cplusplus
}
#endif

#endif /* SLATE_CONTRACT_H */
