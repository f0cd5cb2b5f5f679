/* Contract compliance reports: tickets replayed on the contract's SLA,
 * outcomes counted per month, target and priority, downtime merged across
 * tickets, credits per clause and the monthly cap. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "../base/base.h"
#include "../sla/clock_internal.h"
#include "report_impl.h"

/* The instant a local month starts. */
static int month_start(const slate_zone *zone, int32_t year, int month, slate_time *out) {
    if (zone == NULL) {
        *out = slate_days_from_civil(year, month, 1) * 86400;
        return 1;
    }
    slate_civil c = {year, month, 1, 0, 0, 0};
    return slate_zone_from_civil(zone, &c, SLATE_DISAMBIGUATE_COMPATIBLE, out, NULL) == SLATE_OK;
}

/* The months of [start, end) in the contract's zone. */
static slate_status make_periods(slate_report *r, slate_error *err) {
    slate_civil c = {1970, 1, 1, 0, 0, 0};
    if (r->k->zone != NULL)
        slate_zone_to_civil(r->k->zone, r->start, &c);
    else
        slate_civil_from_days(slate__floordiv(r->start, 86400), &c.year, &c.month, &c.day);
    int32_t year = c.year;
    int month = c.month;
    slate_time from;
    if (!month_start(r->k->zone, year, month, &from))
        return slate__fail(err, SLATE_ERANGE, "the period is out of range");
    if ((r->periods = slate__calloc(MAX_MONTHS, sizeof *r->periods)) == NULL)
        return slate__fail(err, SLATE_ENOMEM, "out of memory");
    while (from < r->end) {
        if (r->period_count == MAX_MONTHS)
            return slate__fail(err, SLATE_ELIMIT, "a report covers at most %d months", MAX_MONTHS);
        slate_time to;
        year += month == 12, month = month % 12 + 1;
        if (!month_start(r->k->zone, year, month, &to))
            return slate__fail(err, SLATE_ERANGE, "the period is out of range");
        period_acc *p = &r->periods[r->period_count++];
        p->start = from > r->start ? from : r->start;
        p->end = to < r->end ? to : r->end;
        p->month = to - from;
        from = to;
    }
    return SLATE_OK;
}

SLATE_API void slate_report_free(slate_report *r) {
    if (r == NULL) return;
    slate_clock_free(r->clock);
    for (size_t i = 0; r->periods != NULL && i < r->period_count; i++) {
        row_acc *rows = r->periods[i].rows;
        for (size_t j = 0; rows != NULL && j < r->k->sla->target_count * MAX_PRIORITY_NAMES; j++)
            slate__free(rows[j].times);
        slate__free(rows);
    }
    slate__free(r->periods);
    for (size_t i = 0; i < r->priority_count; i++)
        slate__free(r->priorities[i]);
    for (size_t i = 0; i < r->id_count; i++)
        slate__free(r->ids[i]);
    slate__free(r->ids);
    slate__free((void *)r->uncovered);
    slate__free(r->breaches);
    slate__free(r->outcomes);
    slate__free(r->out_breaches);
    slate__free(r->down);
    slate__free((void *)r->values);
    slate__cond_scratch_release(&r->scratch);
    slate__free(r->out_periods);
    slate__free(r->out_rows);
    slate__free(r->out_credits);
    slate__free(r);
}

/* The contract named id (NULL: the only one) into *out. */
static slate_status find_contract(const contracts *all, const char *id, const contract **out,
                                  slate_error *err) {
    if (all == NULL || all->count == 0)
        return slate__fail(err, SLATE_ENOENT, "the policy has no \"contracts\" section");
    if (id == NULL && all->count > 1)
        return slate__fail(err, SLATE_EINVAL, "the policy has %zu contracts: name one", all->count);
    for (size_t i = 0; i < all->count; i++)
        if (id == NULL || strcmp(all->items[i].id, id) == 0) {
            *out = &all->items[i];
            return SLATE_OK;
        }
    return slate__fail(err, SLATE_ENOENT, "no contract \"%.60s\"", id);
}

SLATE_API slate_status slate_report_new(const slate_policy *p, const char *contract_id,
                                        slate_time start, slate_time end, slate_report **out,
                                        slate_error *err) {
    if (p == NULL || out == NULL) return slate__fail(err, SLATE_EMISUSE, "policy or out is NULL");
    *out = NULL;
    slate_status st = slate__check_time(start, "the period's start", err);
    if (st == SLATE_OK) st = slate__check_time(end, "the period's end", err);
    if (st != SLATE_OK) return st;
    if (end <= start) return slate__fail(err, SLATE_EINVAL, "the period ends before it starts");
    const contracts *all = slate__contracts_of(p);
    const contract *k = NULL;
    if ((st = find_contract(all, contract_id, &k, err)) != SLATE_OK) return st;
    slate_report *r = slate__calloc(1, sizeof *r);
    if (r == NULL) return slate__fail(err, SLATE_ENOMEM, "out of memory");
    /* A term clips the report; outside it nothing is billed. */
    if (k->has_term) {
        start = start > k->term_start ? start : k->term_start;
        end = end < k->term_end ? end : k->term_end;
        if (end < start) end = start;
    }
    r->policy = p, r->k = k, r->all = all, r->start = start, r->end = end;
    if (end > start) st = make_periods(r, err);
    if (st == SLATE_OK) st = slate_clock_new(p, &r->clock, err);
    r->slots = slate__slas_of(p)->fields.count;
    if (st == SLATE_OK && ((r->values = slate__calloc(r->slots, sizeof *r->values)) == NULL ||
                           !slate__cond_scratch_init(&r->scratch, r->slots)))
        st = slate__fail(err, SLATE_ENOMEM, "out of memory");
    if (st != SLATE_OK) {
        slate_report_free(r);
        return st;
    }
    *out = r;
    return SLATE_OK;
}

/* The index of a priority name, added if new; MAX_PRIORITY_NAMES when full,
 * SIZE_MAX when out of memory. */
static size_t priority_index(slate_report *r, const char *name) {
    if (name == NULL) name = "";
    for (size_t i = 0; i < r->priority_count; i++)
        if (strcmp(r->priorities[i], name) == 0) return i;
    if (r->priority_count == MAX_PRIORITY_NAMES) return MAX_PRIORITY_NAMES;
    if ((r->priorities[r->priority_count] = slate__strdup(name)) == NULL) return SIZE_MAX;
    return r->priority_count++;
}

/* The month of an instant of the report. */
static size_t period_of(const slate_report *r, slate_time t) {
    size_t i = 0;
    while (i + 1 < r->period_count && r->periods[i].end <= t)
        i++;
    return i;
}

/* The last cycle of a target as the report saw it before every cycle
 * counted ("cycles": "last"): its result, breach carried over included. */
static int last_cycle(const slate_sla_result *res, slate_sla_cycle *cy) {
    if (res->state == SLATE_SLA_NOT_STARTED || res->state == SLATE_SLA_CANCELLED) return 0;
    memset(cy, 0, sizeof *cy);
    cy->number = res->cycles;
    cy->state = res->state;
    cy->priority = res->priority;
    cy->start = res->start;
    cy->has_end = res->state == SLATE_SLA_MET;
    cy->end = cy->has_end ? res->steps[res->step_count - 1].at : 0;
    cy->target_seconds = res->target_seconds;
    cy->elapsed = res->elapsed;
    cy->breached = res->breached;
    cy->breach_time = res->breach_time;
    cy->has_due = res->has_deadline || res->breached;
    cy->due = res->has_deadline ? res->deadline : res->breach_time;
    cy->late_by = res->breached && res->elapsed > res->target_seconds
                      ? res->elapsed - res->target_seconds
                      : 0;
    cy->outcome = cy->breached  ? SLATE_CYCLE_BREACHED
                  : cy->has_end ? SLATE_CYCLE_MET
                                : SLATE_CYCLE_OPEN;
    return 1;
}

/* What one cycle means for the report; 0 when it does not count. */
static int judge_cycle(slate_report *r, const slate_sla_cycle *cy, size_t target, outcome *o) {
    slate_time at;
    if (cy->outcome == SLATE_CYCLE_CANCELLED || cy->outcome == SLATE_CYCLE_RESET) return 0;
    o->finished = cy->has_end && cy->state == SLATE_SLA_MET;
    if (cy->breached)
        o->kind = 1, at = cy->breach_time;
    else if (cy->outcome == SLATE_CYCLE_MET)
        o->kind = 0, at = cy->end;
    else
        o->kind = 2, at = r->end - 1;
    if (at < r->start || at >= r->end) return 0;
    o->period = period_of(r, at);
    o->target = target;
    o->elapsed = cy->elapsed;
    o->priority = priority_index(r, cy->priority);
    o->cycle = *cy;
    return 1;
}

/* Notes downtime [from, to), clipped to the report. */
static int push_down(slate_report *r, slate_time from, slate_time to) {
    if (from < r->start) from = r->start;
    if (to > r->end) to = r->end;
    if (from >= to) return 1;
    int ok = 1;
    SLATE_GROW(r->down, r->down_cap, r->down_count + 1, ok);
    if (ok) r->down[r->down_count++] = (interval){from, to};
    return ok;
}

/* Replays the events before the report's end; notes the downtime. */
static slate_status replay(slate_report *r, const slate_event *events, size_t count,
                           slate_error *err) {
    const contract *k = r->k;
    int down = 0;
    slate_time since = 0;
    slate_clock_reset(r->clock);
    for (size_t i = 0; i < count && events[i].at < r->end; i++) {
        slate_status st = slate_clock_apply(r->clock, &events[i], err);
        if (st != SLATE_OK || !k->has_down) {
            if (st != SLATE_OK) return st;
            continue;
        }
        memcpy((void *)r->values, slate__clock_values(r->clock), r->slots * sizeof *r->values);
        r->values[slate__slas_of(r->policy)->event_slot] = events[i].kind;
        slate__cond_scratch_reset(&r->scratch);
        cond_failure failure;
        int now_down = slate__cond_eval(&k->down_when, r->values, &r->scratch, &failure);
        if (now_down < 0) return slate__cond_failure_report(&failure, "down_when", err);
        if (now_down && !down) since = events[i].at;
        if (!now_down && down && !push_down(r, since, events[i].at))
            return slate__fail(err, SLATE_ENOMEM, "out of memory");
        down = now_down;
    }
    if (down && !push_down(r, since, r->end))
        return slate__fail(err, SLATE_ENOMEM, "out of memory");
    return SLATE_OK;
}

/* Whether the ticket just replayed is within the contract's scope, its
 * fields as they stood at the report's end. */
static slate_status in_scope(slate_report *r, int *covered, slate_error *err) {
    if (!r->k->has_scope) return SLATE_OK;
    memcpy((void *)r->values, slate__clock_values(r->clock), r->slots * sizeof *r->values);
    r->values[slate__slas_of(r->policy)->event_slot] = NULL;
    slate__cond_scratch_reset(&r->scratch);
    cond_failure failure;
    int holds = slate__cond_eval(&r->k->scope, r->values, &r->scratch, &failure);
    if (holds < 0) return slate__cond_failure_report(&failure, "scope", err);
    *covered = holds;
    return SLATE_OK;
}

/* A ticket outside the scope: counted and named, nothing else. */
static int keep_id(slate_report *r, const char *id, const char **kept);
static slate_status note_uncovered(slate_report *r, const char *id, slate_error *err) {
    const char *kept = NULL;
    int ok = keep_id(r, id, &kept);
    if (ok) SLATE_GROW(r->uncovered, r->uncovered_cap, r->uncovered_count + 1, ok);
    if (!ok) return slate__fail(err, SLATE_ENOMEM, "out of memory");
    r->uncovered[r->uncovered_count++] = kept;
    return SLATE_OK;
}

/* The ticket's id kept for the report's credits and breaches (NULL for
 * none); 0 when out of memory. */
static int keep_id(slate_report *r, const char *id, const char **kept) {
    int ok = 1;
    if (*kept != NULL || id == NULL) return 1;
    SLATE_GROW(r->ids, r->id_cap, r->id_count + 1, ok);
    if (!ok || (r->ids[r->id_count] = slate__strdup(id)) == NULL) return 0;
    *kept = r->ids[r->id_count++];
    return 1;
}

/* A breached cycle, listed in its month; its credits are priced with the
 * month's other breaches (credits.c). */
static int add_breach(slate_report *r, const char **ticket, const char *id, const char *target,
                      const outcome *o) {
    const char *priority = r->priorities[o->priority];
    const slate_sla_cycle *cy = &o->cycle;
    int ok = keep_id(r, id, ticket);
    SLATE_GROW(r->breaches, r->breach_cap, r->breach_count + 1, ok);
    if (!ok) return 0;
    slate_report_breach b = {
        *ticket,         cy->number,  target, priority[0] ? priority : NULL, cy->has_due, cy->due,
        cy->breach_time, cy->late_by, NULL};
    r->breaches[r->breach_count++] = (breach_acc){b, o->period};
    return 1;
}

/* Room for one more outcome of the ticket; NULL when out of memory. */
static outcome *next_outcome(slate_report *r, size_t n) {
    int ok = 1;
    SLATE_GROW(r->outcomes, r->outcome_cap, n + 1, ok);
    return ok ? &r->outcomes[n] : NULL;
}

/* One target's cycles (or its last, by the contract) into r->outcomes
 * from *n, with the credits and listings of its breaches. */
static slate_status judge_target(slate_report *r, const char *id, const char **ticket,
                                 const slate_sla_result *res, size_t target, size_t *n,
                                 slate_error *err) {
    slate_sla_cycle last;
    const slate_sla_cycle *cycles = res->cycle_list;
    size_t count = res->cycle_count;
    if (r->k->last_cycle_only) cycles = &last, count = last_cycle(res, &last);
    for (size_t c = 0; c < count; c++) {
        outcome *o = next_outcome(r, *n);
        if (o == NULL) return slate__fail(err, SLATE_ENOMEM, "out of memory");
        if (!judge_cycle(r, &cycles[c], target, o)) continue;
        if (o->priority == SIZE_MAX) return slate__fail(err, SLATE_ENOMEM, "out of memory");
        if (o->priority == MAX_PRIORITY_NAMES)
            return slate__fail(err, SLATE_ELIMIT, "a report tells at most %d priorities apart",
                               MAX_PRIORITY_NAMES);
        if (o->kind == 1 && !add_breach(r, ticket, id, res->target, o))
            return slate__fail(err, SLATE_ENOMEM, "out of memory");
        (*n)++;
    }
    return SLATE_OK;
}

/* The outcomes of the ticket just replayed, with their credits. */
static slate_status judge_ticket(slate_report *r, const char *id, size_t *n, slate_error *err) {
    const slate_sla_result *res;
    const char *ticket = NULL;
    size_t count;
    slate_status st = slate_clock_results(r->clock, r->end, &res, &count, err);
    for (size_t t = 0; st == SLATE_OK && t < r->k->sla->target_count; t++)
        st = judge_target(r, id, &ticket, &res[r->k->first_target + t], t, n, err);
    return st;
}

/* The row of an outcome, its month's rows allocated on first use. */
static row_acc *row_of(slate_report *r, const outcome *o) {
    period_acc *p = &r->periods[o->period];
    if (p->rows == NULL && (p->rows = slate__calloc(r->k->sla->target_count * MAX_PRIORITY_NAMES,
                                                    sizeof *p->rows)) == NULL)
        return NULL;
    return &p->rows[o->target * MAX_PRIORITY_NAMES + o->priority];
}

SLATE_API slate_status slate_report_add(slate_report *r, const char *id, const slate_event *events,
                                        size_t count, slate_error *err) {
    if (r == NULL || (events == NULL && count > 0))
        return slate__fail(err, SLATE_EMISUSE, "report or events is NULL");
    size_t breaches = r->breach_count, downs = r->down_count, ids = r->id_count, n = 0;
    int covered = 1;
    slate_status st = replay(r, events, count, err);
    if (st == SLATE_OK) st = in_scope(r, &covered, err);
    if (st == SLATE_OK && !covered) {
        r->down_count = downs;
        return note_uncovered(r, id, err);
    }
    if (st == SLATE_OK && count > 0 && events[0].at < r->end) st = judge_ticket(r, id, &n, err);
    outcome *o = r->outcomes;
    /* Room for the times first, so that counting cannot fail half-way. */
    for (size_t i = 0; st == SLATE_OK && i < n; i++) {
        row_acc *row = row_of(r, &o[i]);
        int ok = row != NULL;
        if (ok && o[i].finished) SLATE_GROW(row->times, row->time_cap, row->time_count + 1, ok);
        if (!ok) st = slate__fail(err, SLATE_ENOMEM, "out of memory");
    }
    if (st != SLATE_OK) {
        while (r->id_count > ids)
            slate__free(r->ids[--r->id_count]);
        r->breach_count = breaches;
        r->down_count = downs;
        return st;
    }
    for (size_t i = 0; i < n; i++) {
        row_acc *row = row_of(r, &o[i]);
        row->met += o[i].kind == 0;
        row->breached += o[i].kind == 1;
        row->open += o[i].kind == 2;
        if (o[i].finished) row->times[row->time_count++] = o[i].elapsed;
    }
    r->tickets++;
    return SLATE_OK;
}
