/* Pricing a contract's credit clauses month by month: each breach by the
 * clauses that apply to it (in time order, so that repeated misses climb
 * their steps), then the month's attainment and availability tiers. */
#include <string.h>

#include "../base/base.h"
#include "report_impl.h"

int64_t slate__share(int64_t amount, int64_t part, int64_t whole) {
    return amount / whole * part + ((amount % whole) * part * 2 + whole) / (2 * whole);
}

static slate_status push_credit(slate_report *r, const slate_report_credit *c, slate_error *err) {
    int ok = 1;
    if (c->amount < 0)
        return slate__fail(err, SLATE_ELIMIT,
                           "contract \"%s\": credit clause \"%s\" asks more than %lld hundredths "
                           "for one breach (late by %lld hours)",
                           r->k->id, c->clause, (long long)INT64_MAX, (long long)c->units);
    SLATE_GROW(r->out_credits, r->out_credit_cap, r->out_credit_count + 1, ok);
    if (!ok) return slate__fail(err, SLATE_ENOMEM, "out of memory pricing the credits");
    r->out_credits[r->out_credit_count++] = *c;
    return SLATE_OK;
}

/* Whether a clause covers a target at a priority ("" for none known). */
static int covers(const credit_clause *cl, const char *target, const char *priority) {
    if (cl->target != NULL && (target == NULL || strcmp(cl->target, target) != 0)) return 0;
    for (size_t i = 0; i < cl->priority_count; i++)
        if (priority != NULL && strcmp(cl->priorities[i], priority) == 0) return 1;
    return cl->priority_count == 0;
}

static int per_breach_kind(credit_kind k) {
    return k == CREDIT_PER_BREACH || k == CREDIT_PER_HOUR || k == CREDIT_FEE_PER_BREACH;
}

/* What one clause asks for one breach; `nth` counts the clause's breaches
 * in the month so far, this one included. An amount past INT64_MAX is
 * returned as -1 (amounts are never negative). */
static slate_report_credit breach_credit(const credit_clause *cl, const slate_report_breach *b,
                                         size_t nth, int64_t fee) {
    int64_t units = 1, amount;
    if (cl->kind == CREDIT_PER_HOUR) {
        units = b->late_by > 0 ? (b->late_by + 3599) / 3600 : 1;
        amount = slate__money_mul(cl->amount, units);
    } else if (cl->kind == CREDIT_FEE_PER_BREACH) {
        amount = slate__share(fee, cl->fee_share, 10000);
    } else {
        amount = cl->amounts[(nth < cl->amount_count ? nth : cl->amount_count) - 1];
    }
    return (slate_report_credit){cl->id, cl->pointer, b->ticket, b->target, b->priority,
                                 b->at,  b->late_by,  units,     amount};
}

static slate_status price_breaches(slate_report *r, slate_report_period *o, slate_error *err) {
    const contract *k = r->k;
    size_t nth[MAX_CREDIT_CLAUSES] = {0};
    slate_report_breach *breaches = (slate_report_breach *)o->breaches;
    for (size_t b = 0; b < o->breach_count; b++)
        for (size_t i = 0; i < k->credit_count; i++) {
            const credit_clause *cl = &k->credits[i];
            if (!per_breach_kind(cl->kind) || !covers(cl, breaches[b].target, breaches[b].priority))
                continue;
            slate_report_credit c = breach_credit(cl, &breaches[b], ++nth[i], o->fee);
            slate_status st = push_credit(r, &c, err);
            if (st != SLATE_OK) return st;
            if (breaches[b].clause == NULL) breaches[b].clause = cl->id;
        }
    return SLATE_OK;
}

/* Whether two tier clauses are about the same thing (same kind, target
 * and priorities), so that only the deeper of them counts. */
static int same_tier(const credit_clause *a, const credit_clause *b) {
    if (a->kind != b->kind || a->priority_count != b->priority_count) return 0;
    if ((a->target == NULL) != (b->target == NULL) ||
        (a->target != NULL && strcmp(a->target, b->target) != 0))
        return 0;
    for (size_t i = 0; i < a->priority_count; i++) {
        size_t j = 0;
        while (j < b->priority_count && strcmp(a->priorities[i], b->priorities[j]) != 0)
            j++;
        if (j == b->priority_count) return 0;
    }
    return 1;
}

/* Whether the month misses a tier clause's threshold. */
static int misses(const slate_report_period *o, const credit_clause *cl) {
    if (cl->kind == CREDIT_AVAILABILITY)
        return o->committed > 0 && (o->committed - o->downtime) * 10000 < cl->below * o->committed;
    int64_t met = 0, decided = 0;
    for (size_t i = 0; i < o->row_count; i++) {
        const slate_report_row *row = &o->rows[i];
        if (!covers(cl, row->target, row->priority[0] ? row->priority : NULL)) continue;
        met += (int64_t)row->met;
        decided += (int64_t)(row->met + row->breached);
    }
    return decided > 0 && met * 10000 < cl->below * decided;
}

/* The attainment (or availability) clauses the month misses; of the
 * clauses of one tier, only the one with the lowest threshold counts. */
static slate_status price_tiers(slate_report *r, slate_report_period *o, credit_kind kind,
                                slate_error *err) {
    const contract *k = r->k;
    for (size_t i = 0; i < k->credit_count; i++) {
        const credit_clause *cl = &k->credits[i];
        if (cl->kind != kind || !misses(o, cl)) continue;
        int deeper = 0;
        for (size_t j = 0; j < k->credit_count && !deeper; j++) {
            const credit_clause *other = &k->credits[j];
            deeper = j != i && same_tier(cl, other) && misses(o, other) &&
                     (other->below < cl->below || (other->below == cl->below && j < i));
        }
        if (deeper) continue;
        slate_report_credit c = {
            cl->id,     cl->pointer, NULL,
            cl->target, NULL,        o->start,
            0,          1,           slate__share(o->fee, cl->fee_share, 10000)};
        slate_status st = push_credit(r, &c, err);
        if (st != SLATE_OK) return st;
    }
    return SLATE_OK;
}

slate_status slate__report_price(slate_report *r, slate_report_period *out, slate_error *err) {
    slate_status st = price_breaches(r, out, err);
    if (st == SLATE_OK) st = price_tiers(r, out, CREDIT_ATTAINMENT, err);
    if (st == SLATE_OK) st = price_tiers(r, out, CREDIT_AVAILABILITY, err);
    return st;
}
