/* The state of a contract report, shared by its accumulation (report.c)
 * and its summary (summary.c). */
#ifndef SLATE_REPORT_IMPL_H
#define SLATE_REPORT_IMPL_H

#include "contracts.h"

#define MAX_MONTHS 1200
#define MAX_PRIORITY_NAMES 64

typedef struct row_acc {
    size_t met, breached, open;
    slate_duration *times; /* business seconds of the finished ones */
    size_t time_count, time_cap;
} row_acc;

typedef struct period_acc {
    slate_time start, end;
    slate_duration month; /* the whole month's length, for prorating */
    row_acc *rows;        /* target x priority name, NULL until used */
} period_acc;

typedef struct breach_acc {
    slate_report_breach breach;
    size_t period;
} breach_acc;

/* One cycle's outcome for the ticket being added. */
typedef struct outcome {
    size_t period, target, priority;
    int kind; /* 0 met, 1 breached, 2 open */
    int finished;
    slate_duration elapsed;
    slate_sla_cycle cycle; /* its figures */
} outcome;

typedef struct interval {
    slate_time from, to;
} interval;

struct slate_report {
    const slate_policy *policy;
    const contract *k;
    const contracts *all;
    slate_time start, end;
    slate_clock *clock;
    period_acc *periods;
    size_t period_count;
    char *priorities[MAX_PRIORITY_NAMES];
    size_t priority_count;
    breach_acc *breaches;
    size_t breach_count, breach_cap;
    outcome *outcomes; /* of the ticket being added */
    size_t outcome_cap;
    interval *down;
    size_t down_count, down_cap;
    char **ids; /* ticket ids that breaches and credits name */
    size_t id_count, id_cap;
    size_t tickets;
    size_t uncovered_count, uncovered_cap; /* tickets outside the scope */
    const char **uncovered;                /* their ids (into ids), NULL for none */
    const char **values;                   /* by condition slot of the SLA section */
    size_t slots;
    cond_scratch scratch;
    /* the last result */
    slate_report_result result;
    slate_report_period *out_periods;
    slate_report_row *out_rows;
    slate_report_credit *out_credits;
    size_t out_credit_count, out_credit_cap;
    slate_report_breach *out_breaches;
};

/* Money is in hundredths, never negative, and checked: a product or sum
 * past INT64_MAX is -1, which the caller turns into SLATE_ELIMIT. */
static inline int64_t slate__money_mul(int64_t a, int64_t b) {
    return a < 0 || b < 0 || (b != 0 && a > INT64_MAX / b) ? -1 : a * b;
}
static inline int64_t slate__money_add(int64_t a, int64_t b) {
    return a < 0 || b < 0 || a > INT64_MAX - b ? -1 : a + b;
}

/* Prices a period's breaches (out->breaches, in time order) by the credit
 * clauses, then its attainment and availability (out->rows, committed and
 * downtime known), into r->out_credits after what is there; sets each
 * breach's first clause. SLATE_ENOMEM, or SLATE_ELIMIT naming the clause
 * when one credit passes INT64_MAX hundredths. */
slate_status slate__report_price(slate_report *r, slate_report_period *out, slate_error *err);

#endif /* SLATE_REPORT_IMPL_H */
