/* Following a ticket's escalation chains: firing steps between events,
 * acknowledgements, new cycles, and the questions a host asks. */
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "../base/base.h"
#include "tracker.h"

#define MAX_STEPS_PER_CHAIN 64

typedef struct fire_list {
    slate_escalation *items;
    size_t count, cap;
} fire_list;

/* A lower bound of a chain's next firing, worked out at a commit from the
 * view of its target. It stays a lower bound while the target keeps its
 * course (slate__esc_view_moved) and none of the chain's steps fires:
 * business time grows no faster than wall time, so the bound only moves
 * later. */
typedef struct esc_bound {
    int valid;
    slate_time at;
} esc_bound;

struct esc_tracker {
    const escalations *e;
    esc_chain_state *chains, *chains_next; /* committed, and worked out on the side */
    esc_step_state *steps, *steps_next;
    int copied;               /* the event's firings work on the _next copies */
    esc_bound *bounds;        /* per chain */
    slate_time earliest;      /* the least bound; INT64_MIN while one is unknown */
    unsigned char *acks;      /* per chain: the event acknowledges it */
    unsigned char *ack_plain; /* per chain: its acknowledge_when reads no pseudo-field of
                                 the chains' own ("acknowledged", "state") */
    fire_list fired;          /* committed firings, then prepared ones */
    size_t committed;
    fire_list answer;    /* what a question returns */
    const char **values; /* per condition slot */
    size_t slots;
    cond_scratch scratch;
};

static int fire_push(fire_list *l, const slate_escalation *f) {
    int ok = 1;
    SLATE_GROW(l->items, l->cap, l->count + 1, ok);
    if (ok) l->items[l->count++] = *f;
    return ok;
}

static int fire_copy(fire_list *to, const fire_list *from, size_t count) {
    int ok = 1;
    SLATE_GROW(to->items, to->cap, count, ok);
    if (!ok) return 0;
    if (count > 0) memcpy(to->items, from->items, count * sizeof *to->items);
    to->count = count;
    return 1;
}

esc_tracker *slate__esc_tracker_new(const escalations *e, size_t slots) {
    esc_tracker *tr = slate__calloc(1, sizeof *tr);
    if (tr == NULL) return NULL;
    tr->e = e;
    if (e == NULL) return tr;
    size_t chains = e->count ? e->count : 1, steps = e->step_total ? e->step_total : 1;
    tr->chains = slate__calloc(chains, sizeof *tr->chains);
    tr->chains_next = slate__calloc(chains, sizeof *tr->chains_next);
    tr->steps = slate__calloc(steps, sizeof *tr->steps);
    tr->steps_next = slate__calloc(steps, sizeof *tr->steps_next);
    tr->acks = slate__calloc(chains, 1);
    tr->bounds = slate__calloc(chains, sizeof *tr->bounds);
    tr->ack_plain = slate__calloc(chains, 1);
    for (size_t i = 0; tr->ack_plain != NULL && i < e->count; i++) {
        const condition *ack = &e->chains[i].ack;
        tr->ack_plain[i] = e->chains[i].has_ack && !slate__cond_reads(ack, e->ack_slot) &&
                           !slate__cond_reads(ack, e->state_slot);
    }
    tr->slots = slots;
    tr->earliest = INT64_MIN;
    tr->values = slate__calloc(slots, sizeof *tr->values);
    if (tr->chains == NULL || tr->chains_next == NULL || tr->steps == NULL ||
        tr->steps_next == NULL || tr->acks == NULL || tr->bounds == NULL || tr->ack_plain == NULL ||
        tr->values == NULL || !slate__cond_scratch_init(&tr->scratch, slots)) {
        slate__esc_tracker_free(tr);
        return NULL;
    }
    return tr;
}

void slate__esc_tracker_free(esc_tracker *tr) {
    if (tr == NULL) return;
    slate__free(tr->chains);
    slate__free(tr->chains_next);
    slate__free(tr->steps);
    slate__free(tr->steps_next);
    slate__free(tr->acks);
    slate__free(tr->bounds);
    slate__free(tr->ack_plain);
    slate__free(tr->fired.items);
    slate__free(tr->answer.items);
    slate__free((void *)tr->values);
    if (tr->e != NULL) slate__cond_scratch_release(&tr->scratch);
    slate__free(tr);
}

void slate__esc_tracker_reset(esc_tracker *tr) {
    tr->fired.count = tr->committed = 0;
    if (tr->e == NULL) return;
    memset(tr->chains, 0, tr->e->count * sizeof *tr->chains);
    memset(tr->steps, 0, tr->e->step_total * sizeof *tr->steps);
    memset(tr->bounds, 0, tr->e->count * sizeof *tr->bounds);
    tr->earliest = INT64_MIN;
}

/* The values the conditions of chain `ch` read on ticket t: its fields
 * (resolved once per ticket, when *resolved is 0) and the pseudo-fields. */
static void resolve(esc_tracker *tr, const esc_ticket *t, const esc_chain *ch,
                    const esc_chain_state *cs, int *resolved) {
    const escalations *e = tr->e;
    if (!*resolved) memcpy((void *)tr->values, t->values, tr->slots * sizeof *tr->values);
    *resolved = 1;
    tr->values[e->ack_slot] = cs->acked ? "true" : "false";
    tr->values[e->state_slot] = t->views[ch->target].state_name;
    tr->values[e->priority_slot] = t->priority;
    tr->values[e->event_slot] = t->event;
    slate__cond_scratch_reset(&tr->scratch);
}

static slate_status step_failed(const esc_chain *ch, const esc_step *s, const cond_failure *f,
                                slate_error *err) {
    char context[160];
    snprintf(context, sizeof context, "escalation \"%.60s\" step \"%.60s\"", ch->id, s->id);
    return slate__cond_failure_report(f, context, err);
}

static slate_escalation firing(const esc_chain *ch, const esc_step *s, const esc_chain_state *cs,
                               const esc_step_state *ss, slate_time at, slate_time eligible,
                               slate_duration elapsed) {
    slate_escalation f = {ch->id,
                          s->id,
                          ch->sla,
                          ch->target_name,
                          s->rule,
                          s->pointer,
                          cs->cycle,
                          ss->fired,
                          at,
                          eligible,
                          elapsed,
                          (const char *const *)s->notify,
                          s->notify_count,
                          s->channel,
                          s->template_id,
                          s->data,
                          NULL,
                          NULL,
                          NULL};
    slate_oncall o;
    if (s->oncall != NULL && slate_schedule_who(s->oncall, at, &o) == SLATE_OK) {
        /* The person on call when the step fires: at a handoff, the incoming one. */
        f.oncall_schedule = slate_schedule_name(s->oncall);
        f.oncall_member = o.member;
        f.oncall_layer = o.layer;
    }
    return f;
}

/* One search for a chain's firings over one stretch of its target. */
typedef struct chain_run {
    esc_tracker *tr;
    const esc_chain *ch;
    const esc_chain_state *cs;
    esc_step_state *ss;
    const esc_ticket *ticket;
    const esc_view *v;
    esc_horizon h;
    int *resolved;                          /* the ticket's values are in tr->values */
    slate_status failed;                    /* a condition's failure, reported in err */
    signed char holds[MAX_STEPS_PER_CHAIN]; /* the steps' `when`: 1, 0, or -1 not judged yet */
} chain_run;

/* Whether step j's `when` holds, judged once per run: 1, 0, or -1 failed. */
static int step_holds(chain_run *run, size_t j, slate_error *err) {
    const esc_step *s = &run->ch->steps[j];
    if (run->holds[j] >= 0) return run->holds[j];
    if (!*run->resolved) resolve(run->tr, run->ticket, run->ch, run->cs, run->resolved);
    cond_failure failure;
    int r = slate__cond_eval(&s->when, run->tr->values, &run->tr->scratch, &failure);
    if (r < 0) return run->failed = step_failed(run->ch, s, &failure, err), -1;
    return run->holds[j] = (signed char)r;
}

/* The step that fires first at or after `from` (0: none; -1: a condition
 * failed). Conditions are judged only for steps that could fire by
 * `until`, or for any step when looking for a wake time. */
static int earliest(chain_run *run, slate_time from, slate_time until, int waking, size_t *which,
                    slate_time *at, slate_time *eligible, slate_error *err) {
    int found = 0;
    for (size_t j = 0; j < run->ch->step_count; j++) {
        slate_time t, e;
        if (!slate__esc_step_next(&run->ch->steps[j], &run->ss[j], run->v, &run->h, from, &t, &e))
            continue;
        if (found && t >= *at) continue;
        if (t <= until || waking) {
            int r = step_holds(run, j, err);
            if (r < 0) return -1;
            if (r == 0) continue;
        }
        *which = j, *at = t, *eligible = e, found = 1;
    }
    return found;
}

/* The earliest instant at or after `from` at which any of the chain's
 * steps could fire, without the calendar (INT64_MAX: none). */
static slate_time chain_not_before(const esc_chain *ch, const esc_step_state *ss, const esc_view *v,
                                   slate_time from) {
    slate_time first = INT64_MAX;
    if (v->state != SLATE_SLA_RUNNING && v->state != SLATE_SLA_PAUSED) return first;
    for (size_t j = 0; j < ch->step_count && first > from; j++) {
        slate_time t = slate__esc_step_not_before(&ch->steps[j], &ss[j], v, from);
        if (t < first) first = t;
    }
    return first;
}

/* Fires chain ch's steps due in [from, until] into list; with `wake`, also
 * the chain's first firing after `until`. *resolved says whether the
 * ticket's fields are already in tr->values. */
static slate_status run_chain(esc_tracker *tr, const esc_chain *ch, esc_chain_state *cs,
                              esc_step_state *ss, const esc_ticket *t, slate_time from,
                              slate_time until, fire_list *list, slate_time *wake, int *has_wake,
                              int *resolved, slate_error *err) {
    const esc_view *v = &t->views[ch->target];
    if (v->state != SLATE_SLA_RUNNING && v->state != SLATE_SLA_PAUSED) return SLATE_OK;
    /* Nothing can fire by `until`: no search. */
    if (wake == NULL && chain_not_before(ch, ss, v, from) > until) return SLATE_OK;
    if (*resolved) resolve(tr, t, ch, cs, resolved); /* this chain's pseudo-fields */
    /* Without a wake time to find, business thresholds past `until` need no search. */
    chain_run run = {
        tr,       ch,       cs, ss, t, v, {wake != NULL ? INT64_MAX : -1, until, 0, 0, 0},
        resolved, SLATE_OK, {0}};
    for (size_t j = 0; j < ch->step_count; j++)
        run.holds[j] = ch->steps[j].has_when ? -1 : 1;
    size_t j;
    slate_time at, eligible;
    int found;
    while ((found = earliest(&run, from, until, wake != NULL, &j, &at, &eligible, err)) > 0) {
        if (at > until) {
            if (wake != NULL && (!*has_wake || at < *wake)) *wake = at, *has_wake = 1;
            break;
        }
        slate_escalation f =
            firing(ch, &ch->steps[j], cs, &ss[j], at, eligible, slate__esc_elapsed_at(v, at));
        if (list != NULL && !fire_push(list, &f))
            return slate__fail(err, SLATE_ENOMEM, "out of memory");
        ss[j].fired++;
        ss[j].last_at = at;
        ss[j].last_elapsed = f.elapsed;
    }
    return found < 0 ? run.failed : SLATE_OK;
}

/* Merges the ordered runs a[0..mid) and a[mid..n) into out, the first
 * run's firing first on ties. */
static void merge_runs(const slate_escalation *a, size_t mid, size_t n, slate_escalation *out) {
    size_t i = 0, j = mid, k = 0;
    while (i < mid && j < n)
        out[k++] = a[j].at < a[i].at ? a[j++] : a[i++];
    while (i < mid)
        out[k++] = a[i++];
    while (j < n)
        out[k++] = a[j++];
}

/* Orders list[from..] by instant, keeping the chains' order on ties: each
 * chain's firings come in order, so a bottom-up merge sort of the whole
 * (O(F log F)) keeps many firings cheap. 0 when out of memory. */
static int sort_from(fire_list *list, size_t from) {
    size_t n = list->count - from;
    if (n < 2) return 1; /* nothing to order (items may still be NULL) */
    slate_escalation *a = list->items + from;
    if (n <= 16) { /* the usual few: in place, no allocation */
        for (size_t i = 1; i < n; i++) {
            slate_escalation f = a[i];
            size_t k = i;
            for (; k > 0 && a[k - 1].at > f.at; k--)
                a[k] = a[k - 1];
            a[k] = f;
        }
        return 1;
    }
    slate_escalation *tmp = slate__malloc(n * sizeof *tmp);
    if (tmp == NULL) return 0;
    for (size_t width = 1; width < n; width *= 2) {
        for (size_t lo = 0; lo < n; lo += 2 * width) {
            size_t mid = lo + width < n ? lo + width : n,
                   hi = lo + 2 * width < n ? lo + 2 * width : n;
            merge_runs(a + lo, mid - lo, hi - lo, tmp + lo);
        }
        memcpy(a, tmp, n * sizeof *a);
    }
    slate__free(tmp);
    return 1;
}

/* Fires every chain's steps due in [from, until] with the given states. */
static slate_status run_all(esc_tracker *tr, esc_chain_state *cs, esc_step_state *ss,
                            const esc_ticket *t, slate_time from, slate_time until, fire_list *list,
                            slate_time *wake, int *has_wake, slate_error *err) {
    size_t start = list != NULL ? list->count : 0;
    int resolved = 0;
    for (size_t i = 0; tr->e != NULL && i < tr->e->count; i++) {
        const esc_chain *ch = &tr->e->chains[i];
        slate_status st = run_chain(tr, ch, &cs[i], &ss[ch->first_step], t, from, until, list, wake,
                                    has_wake, &resolved, err);
        if (st != SLATE_OK) return st;
    }
    if (list != NULL && !sort_from(list, start))
        return slate__fail(err, SLATE_ENOMEM, "out of memory");
    return SLATE_OK;
}

static void copy_states(esc_tracker *tr, esc_chain_state *cs, esc_step_state *ss) {
    memcpy(cs, tr->chains, tr->e->count * sizeof *cs);
    memcpy(ss, tr->steps, tr->e->step_total * sizeof *ss);
}

slate_status slate__esc_tracker_fire(esc_tracker *tr, const esc_ticket *before, slate_time from,
                                     slate_time until, slate_error *err) {
    const escalations *e = tr->e;
    tr->copied = 0;
    /* Nothing can fire before the least bound: no chain is looked at. */
    if (e == NULL || until <= from || until - 1 < tr->earliest) return SLATE_OK;
    size_t start = tr->fired.count, count = e->count;
    int resolved = 0;
    for (size_t i = 0; i < count; i++) {
        const esc_chain *ch = &e->chains[i];
        esc_bound *b = &tr->bounds[i];
        if (b->valid && b->at > until - 1) continue;
        if (!tr->copied) copy_states(tr, tr->chains_next, tr->steps_next);
        tr->copied = 1;
        b->valid = 0; /* its steps may fire */
        slate_status st =
            run_chain(tr, ch, &tr->chains_next[i], &tr->steps_next[ch->first_step], before, from,
                      until - 1, &tr->fired, NULL, NULL, &resolved, err);
        if (st != SLATE_OK) {
            slate__esc_tracker_discard(tr);
            return st;
        }
    }
    if (!sort_from(&tr->fired, start)) {
        slate__esc_tracker_discard(tr);
        return slate__fail(err, SLATE_ENOMEM, "out of memory");
    }
    return SLATE_OK;
}

/* The chain states the event is working out: the copies once a chain has
 * run, else the committed ones. */
static esc_chain_state *pending_chains(esc_tracker *tr) {
    return tr->copied ? tr->chains_next : tr->chains;
}

slate_status slate__esc_tracker_judge(esc_tracker *tr, const esc_ticket *with_event,
                                      slate_error *err) {
    const escalations *e = tr->e;
    int resolved = 0, fresh = 0;
    for (size_t i = 0, count = e != NULL ? e->count : 0; i < count; i++) {
        const esc_chain *ch = &e->chains[i];
        cond_failure failure;
        int r = 0;
        if (!ch->has_ack) {
            /* nothing acknowledges it */
        } else if (tr->ack_plain[i]) {
            /* The ticket's own values serve: they hold the event and priority. */
            if (!fresh) slate__cond_scratch_reset(&tr->scratch);
            fresh = 1;
            r = slate__cond_eval(&ch->ack, with_event->values, &tr->scratch, &failure);
        } else {
            resolve(tr, with_event, ch, &pending_chains(tr)[i], &resolved);
            fresh = 0;
            r = slate__cond_eval(&ch->ack, tr->values, &tr->scratch, &failure);
        }
        if (r < 0) {
            char context[96];
            snprintf(context, sizeof context, "escalation \"%.60s\" acknowledge_when", ch->id);
            slate__esc_tracker_discard(tr);
            return slate__cond_failure_report(&failure, context, err);
        }
        tr->acks[i] = r > 0;
    }
    return SLATE_OK;
}

/* Keeps the chain's new cycle and acknowledgement, and its bound (worked
 * out again when it is unknown or its target changed course). */
static void commit_chain(esc_tracker *tr, size_t i, esc_chain_state *cs, esc_step_state *steps,
                         const esc_view *v, int moved, slate_time at) {
    const esc_chain *ch = &tr->e->chains[i];
    esc_bound *b = &tr->bounds[i];
    if (moved && cs->cycle != v->cycles) {
        cs->cycle = v->cycles;
        cs->acked = 0;
        memset(&steps[ch->first_step], 0, ch->step_count * sizeof *steps);
    }
    cs->acked |= tr->acks[i];
    if (moved || !b->valid)
        *b = (esc_bound){1, chain_not_before(ch, &steps[ch->first_step], v, at)};
    if (b->at < tr->earliest) tr->earliest = b->at;
}

void slate__esc_tracker_commit(esc_tracker *tr, const esc_view *after, const unsigned char *moved,
                               slate_time at) {
    const escalations *e = tr->e;
    tr->committed = tr->fired.count;
    if (e == NULL) return;
    esc_chain_state *chains = pending_chains(tr);
    esc_step_state *steps = tr->copied ? tr->steps_next : tr->steps;
    tr->earliest = INT64_MAX;
    for (size_t i = 0, count = e->count; i < count; i++) {
        size_t k = e->chains[i].target;
        commit_chain(tr, i, &chains[i], steps, &after[k], moved == NULL || moved[k], at);
    }
    if (!tr->copied) return;
    tr->copied = 0;
    tr->chains_next = tr->chains;
    tr->chains = chains;
    tr->steps_next = tr->steps;
    tr->steps = steps;
}

int slate__esc_tracker_active(const esc_tracker *tr) { return tr->e != NULL && tr->e->count > 0; }

void slate__esc_tracker_discard(esc_tracker *tr) { tr->fired.count = tr->committed; }

/* The committed firings plus those due in [from, until] into tr->answer. */
static slate_status answer(esc_tracker *tr, const esc_ticket *t, slate_time from, slate_time until,
                           slate_time *wake, int *has_wake, slate_error *err) {
    if (!fire_copy(&tr->answer, &tr->fired, tr->committed))
        return slate__fail(err, SLATE_ENOMEM, "out of memory");
    if (tr->e == NULL || until < from) return SLATE_OK;
    copy_states(tr, tr->chains_next, tr->steps_next);
    return run_all(tr, tr->chains_next, tr->steps_next, t, from, until, &tr->answer, wake, has_wake,
                   err);
}

/* The earliest due time after now of a running target that has not breached. */
static void earliest_due(const esc_ticket *t, slate_time now, slate_time *wake, int *has_wake) {
    for (size_t k = 0; k < t->target_count; k++) {
        const esc_view *v = &t->views[k];
        slate_time due;
        if (v->state != SLATE_SLA_RUNNING || v->breached || !slate__esc_view_due(v, &due) ||
            due <= now)
            continue;
        if (!*has_wake || due < *wake) *wake = due, *has_wake = 1;
    }
}

slate_status slate__esc_tracker_status(esc_tracker *tr, const esc_ticket *t, slate_time from,
                                       slate_time now, slate_escalation_status *out,
                                       slate_error *err) {
    slate_time wake = 0;
    int has_wake = 0;
    slate_status st = answer(tr, t, from, now, &wake, &has_wake, err);
    if (st != SLATE_OK) return st;
    earliest_due(t, now, &wake, &has_wake);
    out->fired = tr->answer.items;
    out->fired_count = tr->answer.count;
    out->has_next_wake = has_wake;
    out->next_wake = wake;
    return SLATE_OK;
}

slate_status slate__esc_tracker_between(esc_tracker *tr, const esc_ticket *t, slate_time from,
                                        slate_time t1, slate_time t2, const slate_escalation **out,
                                        size_t *count, slate_error *err) {
    slate_status st = answer(tr, t, from, t2 - 1, NULL, NULL, err);
    if (st != SLATE_OK) return st;
    size_t n = 0;
    for (size_t i = 0; i < tr->answer.count; i++)
        if (tr->answer.items[i].at >= t1 && tr->answer.items[i].at < t2)
            tr->answer.items[n++] = tr->answer.items[i];
    tr->answer.count = n;
    *out = tr->answer.items;
    *count = n;
    return SLATE_OK;
}

/* The index of a chain by id, or -1. */
static long find_chain(const escalations *e, const char *id) {
    for (size_t i = 0; e != NULL && i < e->count; i++)
        if (strcmp(e->chains[i].id, id) == 0) return (long)i;
    return -1;
}

void slate__esc_tracker_adopt(esc_tracker *tr, esc_tracker *old) {
    tr->earliest = INT64_MIN; /* the bounds are worked out at the next commit */
    fire_list swap = tr->fired;
    tr->fired = old->fired;
    old->fired = swap;
    tr->committed = old->committed;
    for (size_t i = 0; tr->e != NULL && i < tr->e->count; i++) {
        const esc_chain *ch = &tr->e->chains[i];
        long from = find_chain(old->e, ch->id);
        if (from < 0) continue;
        const esc_chain *was = &old->e->chains[from];
        tr->chains[i] = old->chains[from];
        for (size_t j = 0; j < ch->step_count; j++)
            for (size_t k = 0; k < was->step_count; k++)
                if (strcmp(ch->steps[j].id, was->steps[k].id) == 0)
                    tr->steps[ch->first_step + j] = old->steps[was->first_step + k];
    }
}
