/* A contract report's figures from what its tickets left: per month, the
 * rows with their median and 90th percentile, the availability, the credits
 * and the cap. */
#include <stdlib.h>
#include <string.h>

#include "../base/base.h"
#include "report_impl.h"
#include "slate/classify.h"

static int by_duration(const void *a, const void *b) {
    slate_duration x = *(const slate_duration *)a, y = *(const slate_duration *)b;
    return (x > y) - (x < y);
}

static int by_start(const void *a, const void *b) {
    const interval *x = a, *y = b;
    return (x->from > y->from) - (x->from < y->from);
}

static int breach_order(const void *a, const void *b) {
    const breach_acc *x = a, *y = b;
    if (x->period != y->period) return (x->period > y->period) - (x->period < y->period);
    if (x->breach.at != y->breach.at)
        return (x->breach.at > y->breach.at) - (x->breach.at < y->breach.at);
    int c =
        strcmp(x->breach.ticket ? x->breach.ticket : "", y->breach.ticket ? y->breach.ticket : "");
    if (c != 0) return c;
    c = strcmp(x->breach.target, y->breach.target);
    return c != 0 ? c : (x->breach.cycle > y->breach.cycle) - (x->breach.cycle < y->breach.cycle);
}

/* The breaches of each month in order, pointed at by the periods. */
static int place_breaches(slate_report *r) {
    slate__free(r->out_breaches);
    r->out_breaches = slate__calloc(r->breach_count ? r->breach_count : 1, sizeof *r->out_breaches);
    if (r->out_breaches == NULL) return 0;
    if (r->breach_count > 1) qsort(r->breaches, r->breach_count, sizeof *r->breaches, breach_order);
    size_t next = 0;
    for (size_t i = 0; i < r->period_count; i++) {
        slate_report_period *o = &r->out_periods[i];
        o->breaches = &r->out_breaches[next];
        for (; next < r->breach_count && r->breaches[next].period == i; next++)
            r->out_breaches[next] = r->breaches[next].breach;
        o->breach_count = (size_t)(&r->out_breaches[next] - o->breaches);
    }
    return 1;
}

/* Merges the downtime of all tickets into disjoint intervals. */
static void merge_downtime(slate_report *r) {
    if (r->down_count == 0) return;
    qsort(r->down, r->down_count, sizeof *r->down, by_start);
    size_t n = 0;
    for (size_t i = 1; i < r->down_count; i++) {
        if (r->down[i].from <= r->down[n].to) {
            if (r->down[i].to > r->down[n].to) r->down[n].to = r->down[i].to;
        } else {
            r->down[++n] = r->down[i];
        }
    }
    r->down_count = n + 1;
}

static slate_duration downtime_in(const slate_report *r, const slate_calendar *cal, slate_time a,
                                  slate_time b) {
    slate_duration total = 0;
    for (size_t i = 0; i < r->down_count; i++) {
        slate_time from = r->down[i].from > a ? r->down[i].from : a,
                   to = r->down[i].to < b ? r->down[i].to : b;
        slate_duration open = 0;
        if (from < to && slate_calendar_between(cal, from, to, &open) == SLATE_OK) total += open;
    }
    return total;
}

/* The priority names in the policy's order, then the others as seen. */
static void priority_order(const slate_report *r, const slate_policy *p, size_t *order) {
    size_t n = 0, levels = slate_policy_priority_count(p);
    for (size_t l = 0; l <= levels; l++)
        for (size_t i = 0; i < r->priority_count; i++) {
            const char *level = l < levels ? slate_policy_priority_name(p, l) : NULL;
            int known = 0;
            for (size_t j = 0; level == NULL && j < levels; j++)
                known |= strcmp(r->priorities[i], slate_policy_priority_name(p, j)) == 0;
            if (level != NULL ? strcmp(r->priorities[i], level) == 0 : !known) order[n++] = i;
        }
}

/* The rows of one month, appended at out; returns how many. */
static size_t month_rows(slate_report *r, const period_acc *p, const size_t *order,
                         slate_report_row *out) {
    size_t n = 0;
    for (size_t t = 0; p->rows != NULL && t < r->k->sla->target_count; t++)
        for (size_t i = 0; i < r->priority_count; i++) {
            row_acc *a = &p->rows[t * MAX_PRIORITY_NAMES + order[i]];
            if (a->met + a->breached + a->open == 0) continue;
            slate_report_row *row = &out[n++];
            if (a->time_count > 1) qsort(a->times, a->time_count, sizeof *a->times, by_duration);
            size_t k = a->time_count;
            *row = (slate_report_row){r->k->sla->targets[t].name,
                                      r->priorities[order[i]],
                                      a->met,
                                      a->breached,
                                      a->open,
                                      k,
                                      k ? a->times[(k + 1) / 2 - 1] : 0,
                                      k ? a->times[(9 * k + 9) / 10 - 1] : 0};
        }
    return n;
}

/* The availability of one month (its credit is priced with the others). */
static void month_availability(const slate_report *r, slate_report_period *out) {
    const contract *k = r->k;
    out->availability = 100, out->availability_met = 1;
    if (!k->has_availability) return;
    slate_calendar_between(k->availability_calendar, out->start, out->end, &out->committed);
    out->downtime = downtime_in(r, k->availability_calendar, out->start, out->end);
    if (out->committed <= 0) return;
    int64_t up = out->committed - out->downtime;
    out->availability = 100.0 * (double)up / (double)out->committed;
    out->availability_met = up * 10000 >= k->availability * out->committed;
}

/* Sums a month's credits and what is owed of them; SLATE_ELIMIT when a sum
 * passes INT64_MAX hundredths. */
static slate_status total_month(slate_report *r, slate_report_period *o, int64_t *owed,
                                slate_error *err) {
    for (size_t c = 0; c < o->credit_count && o->credits_due >= 0; c++)
        o->credits_due = slate__money_add(o->credits_due, o->credits[c].amount);
    o->cap = r->k->has_cap ? slate__share(o->fee, r->k->cap, 10000) : -1;
    const char *which = "of";
    if (o->credits_due >= 0) {
        o->credits_owed = o->cap >= 0 && o->credits_due > o->cap ? o->cap : o->credits_due;
        *owed = slate__money_add(*owed, o->credits_owed);
        if (*owed >= 0) return SLATE_OK;
        which = "owed up to";
    }
    char from[SLATE_TIME_TEXT_MAX];
    slate_zone_info here = {0};
    if (r->k->zone != NULL) slate_zone_lookup(r->k->zone, o->start, &here);
    slate_time_format(o->start, here.utc_offset, from, sizeof from);
    return slate__fail(err, SLATE_ELIMIT,
                       "contract \"%s\": the credits %s the period from %s pass %lld hundredths",
                       r->k->id, which, from, (long long)INT64_MAX);
}

/* The credits of each month, priced, and what is owed. */
static slate_status price_months(slate_report *r, int64_t *owed, slate_error *err) {
    size_t *first = slate__calloc(r->period_count, sizeof *first);
    int ok = 1;
    /* Never NULL, so that the periods' pointers into it are well defined. */
    SLATE_GROW(r->out_credits, r->out_credit_cap, 1, ok);
    if (first == NULL || !ok) {
        slate__free(first);
        return slate__fail(err, SLATE_ENOMEM, "out of memory");
    }
    r->out_credit_count = 0;
    slate_status st = SLATE_OK;
    for (size_t i = 0; i < r->period_count && st == SLATE_OK; i++) {
        first[i] = r->out_credit_count;
        st = slate__report_price(r, &r->out_periods[i], err);
    }
    *owed = 0;
    for (size_t i = 0; i < r->period_count && st == SLATE_OK; i++) {
        slate_report_period *o = &r->out_periods[i];
        size_t end = i + 1 < r->period_count ? first[i + 1] : r->out_credit_count;
        o->credits = r->out_credits + first[i];
        o->credit_count = end - first[i];
        st = total_month(r, o, owed, err);
    }
    slate__free(first);
    return st;
}

SLATE_API slate_status slate_report_result_get(slate_report *r, const slate_report_result **out,
                                               slate_error *err) {
    if (r == NULL || out == NULL) return slate__fail(err, SLATE_EMISUSE, "report or out is NULL");
    slate__free(r->out_periods);
    slate__free(r->out_rows);
    size_t rows =
        r->period_count * r->k->sla->target_count * (r->priority_count ? r->priority_count : 1);
    r->out_periods = slate__calloc(r->period_count, sizeof *r->out_periods);
    r->out_rows = slate__calloc(rows ? rows : 1, sizeof *r->out_rows);
    if (r->out_periods == NULL || r->out_rows == NULL)
        return slate__fail(err, SLATE_ENOMEM, "out of memory");
    merge_downtime(r);
    size_t order[MAX_PRIORITY_NAMES], row_at = 0;
    priority_order(r, r->policy, order);
    for (size_t i = 0; i < r->period_count; i++) {
        const period_acc *p = &r->periods[i];
        slate_report_period *o = &r->out_periods[i];
        o->start = p->start, o->end = p->end;
        o->fee = slate__share(r->k->fee, p->end - p->start, p->month);
        o->rows = &r->out_rows[row_at];
        o->row_count = month_rows(r, p, order, &r->out_rows[row_at]);
        row_at += o->row_count;
        month_availability(r, o);
    }
    int64_t owed = 0;
    if (!place_breaches(r)) return slate__fail(err, SLATE_ENOMEM, "out of memory");
    slate_status st = price_months(r, &owed, err);
    if (st != SLATE_OK) return st;
    const contract *k = r->k;
    r->result = (slate_report_result){
        k->id,
        k->customer,
        k->currency,
        k->sla->id,
        k->zone,
        slate_calendar_name(k->sla->calendar),
        k->has_availability ? slate_calendar_name(k->availability_calendar) : NULL,
        (double)k->availability / 100.0,
        r->start,
        r->end,
        r->tickets,
        r->uncovered_count,
        r->uncovered,
        owed,
        r->period_count,
        r->out_periods};
    *out = &r->result;
    return SLATE_OK;
}
