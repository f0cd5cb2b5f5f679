/* The SLA clock. An event is applied in two phases: first everything that
 * can fail (copies of its fields, the priority, every condition) is worked
 * out on the side; then the clock advances to the event's instant under the
 * old state and commits the new one. A failed event changes nothing. */
#include <stdio.h>
#include <string.h>

#include "../base/base.h"
#include "../classify/priorities.h"
#include "../escalate/tracker.h"
#include "clock_internal.h"
#include "slas.h"
#include "slate/classify.h"
#include "target.h"

/* Where an SLA counts for the ticket as an event leaves it. */
typedef struct where_now {
    const slate_calendar *cal;
    const char *cause, *zone_cause; /* JSON Pointers of the choice and the zone rule */
} where_now;

/* A target a chain follows: its index among the clock's targets, and its SLA. */
typedef struct chained_target {
    size_t target, def;
} chained_target;

typedef struct owned_field {
    char *name, *value; /* in the clock's text arena */
    size_t name_len;
} owned_field;

/* A field of the event being applied, as the clock finds it. */
typedef struct incoming {
    size_t name_len;
    long slot;          /* its condition slot, or -1 */
    size_t index;       /* the ticket field it sets, or SIZE_MAX for a new one */
    char *name, *value; /* copies in the arena (the name: new fields only) */
} incoming;

/* Append-only storage for the ticket's texts: one allocation per 4 KiB
 * instead of one per value, emptied when the clock is reset. Blocks never
 * move, so pointers into them stay valid. */
typedef struct text_block {
    struct text_block *next;
    size_t used, cap;
    char data[];
} text_block;

typedef struct text_arena {
    text_block *head;
} text_arena;

/* A copy of the len bytes of s and a NUL. */
static char *arena_copy(text_arena *a, const char *s, size_t len) {
    size_t n = len + 1;
    text_block *b = a->head;
    if (b == NULL || b->cap - b->used < n) {
        size_t cap = n > 4096 ? n : 4096;
        b = slate__malloc(sizeof *b + cap);
        if (b == NULL) return NULL;
        b->next = a->head;
        b->used = 0;
        b->cap = cap;
        a->head = b;
    }
    char *copy = b->data + b->used;
    memcpy(copy, s, len);
    copy[len] = '\0';
    b->used += n;
    return copy;
}

/* Keeps one block for the next ticket, frees the rest. */
static void arena_clear(text_arena *a) {
    if (a->head == NULL) return;
    text_block *b = a->head->next;
    while (b != NULL) {
        text_block *next = b->next;
        slate__free(b);
        b = next;
    }
    a->head->next = NULL;
    a->head->used = 0;
}

static void arena_free(text_arena *a) {
    arena_clear(a);
    slate__free(a->head);
    a->head = NULL;
}

struct slate_clock {
    const slate_policy *policy;
    const slas *s;
    cond_scratch scratch;
    const char **values;    /* per condition slot, for the event being applied */
    const char **committed; /* per slot, the ticket's own values (into fields) */
    owned_field *fields;    /* the ticket as the events so far left it */
    text_arena texts;       /* their names and values */
    size_t field_count, field_cap;
    size_t *slot_field;            /* per condition slot: 1 + the index of its ticket field, or 0 */
    unsigned char *classify_reads; /* per condition slot: classification reads the field */
    incoming *incoming;            /* the fields of the event being applied */
    size_t incoming_cap;
    slate_field *staged; /* the ticket with the next event's fields */
    size_t staged_cap;
    unsigned char *holds; /* per target and role, then per SLA: the conditions' verdicts */
    target_state *targets;
    slate_sla_result *results;
    slate_classifier *classifier; /* when the ticket has no priority field */
    const char *priority;         /* points into fields or the policy */
    int classified;               /* priority came from classification */
    size_t events;
    slate_time last;
    esc_tracker *esc;        /* the ticket's escalation chains */
    esc_view *views;         /* per target, what the chains see of it */
    int escalating;          /* the policy has chains to follow */
    chained_target *chained; /* the targets the chains follow */
    size_t chained_count;
    unsigned char *moved; /* per target: changed course in the event (chained targets only) */
    where_now *where;     /* per SLA, where it counts for the ticket with the event */
};

static const char *const state_names[] = {"not_started", "running", "paused", "met", "cancelled"};

SLATE_API const char *slate_sla_state_name(slate_sla_state s) {
    return (unsigned)s <= SLATE_SLA_CANCELLED ? state_names[s] : "unknown";
}

static void free_fields(slate_clock *c) {
    arena_clear(&c->texts);
    c->field_count = 0;
}

SLATE_API void slate_clock_reset(slate_clock *c) {
    free_fields(c);
    for (size_t i = 0; i < c->s->target_total; i++)
        slate__target_reset(&c->targets[i]);
    memset((void *)c->committed, 0, c->s->fields.count * sizeof *c->committed);
    memset(c->slot_field, 0, c->s->fields.count * sizeof *c->slot_field);
    c->priority = NULL;
    c->classified = 0;
    c->events = 0;
    c->last = 0;
    slate__esc_tracker_reset(c->esc);
    memset(c->views, 0, c->s->target_total * sizeof *c->views);
}

SLATE_API void slate_clock_free(slate_clock *c) {
    if (c == NULL) return;
    arena_free(&c->texts);
    for (size_t i = 0; c->targets != NULL && i < c->s->target_total; i++)
        slate__target_release(&c->targets[i]);
    slate__cond_scratch_release(&c->scratch);
    slate__free((void *)c->values);
    slate__free((void *)c->committed);
    slate__free(c->fields);
    slate__free(c->slot_field);
    slate__free(c->classify_reads);
    slate__free(c->incoming);
    slate__free(c->staged);
    slate__free(c->holds);
    slate__free(c->targets);
    slate__free(c->results);
    slate_classifier_free(c->classifier);
    slate__esc_tracker_free(c->esc);
    slate__free(c->views);
    slate__free(c->where);
    slate__free(c->chained);
    slate__free(c->moved);
    slate__free(c);
}

/* Where each SLA counts for a ticket with no fields yet (c->values is all
 * NULL): for SLAs that read nothing of the ticket, where they always do. */
static slate_status follow_ticket_start(slate_clock *c, slate_error *err) {
    for (size_t d = 0; d < c->s->count; d++) {
        where_now *w = &c->where[d];
        slate_status st = slate__sla_where(c->s, &c->s->defs[d], c->values, 0, &w->cal, &w->cause,
                                           &w->zone_cause, err);
        if (st != SLATE_OK) return st;
    }
    return SLATE_OK;
}

SLATE_API slate_status slate_clock_new(const slate_policy *p, slate_clock **out, slate_error *err) {
    if (p == NULL || out == NULL) return slate__fail(err, SLATE_EMISUSE, "policy or out is NULL");
    *out = NULL;
    const slas *s = slate__slas_of(p);
    if (s == NULL) return slate__fail(err, SLATE_ENOENT, "the policy has no \"slas\" section");
    slate_clock *c = slate__calloc(1, sizeof *c);
    if (c == NULL) return slate__fail(err, SLATE_ENOMEM, "out of memory");
    c->policy = p;
    c->s = s;
    c->values = slate__calloc(s->fields.count, sizeof *c->values);
    c->committed = slate__calloc(s->fields.count, sizeof *c->committed);
    c->slot_field = slate__calloc(s->fields.count, sizeof *c->slot_field);
    c->classify_reads = slate__calloc(s->fields.count, 1);
    const priorities *pr = slate__priorities_of(p);
    for (size_t i = 0; c->classify_reads != NULL && pr != NULL && i < s->fields.count; i++)
        c->classify_reads[i] = (unsigned char)slate__priorities_reads(pr, s->fields.names[i]);
    c->holds = slate__calloc(s->target_total * COND_ROLES + s->count, 1);
    c->targets = slate__calloc(s->target_total, sizeof *c->targets);
    c->results = slate__calloc(s->target_total, sizeof *c->results);
    c->views = slate__calloc(s->target_total, sizeof *c->views);
    c->where = slate__calloc(s->count ? s->count : 1, sizeof *c->where);
    c->esc = slate__esc_tracker_new(slate__escalations_of(p), s->fields.count);
    c->escalating = c->esc != NULL && slate__esc_tracker_active(c->esc);
    c->chained = slate__calloc(s->target_total, sizeof *c->chained);
    c->moved = slate__calloc(s->target_total, 1);
    const escalations *chains = slate__escalations_of(p);
    for (size_t d = 0, k = 0; c->chained != NULL && d < s->count; d++)
        for (size_t t = 0; t < s->defs[d].target_count; t++, k++)
            for (size_t i = 0; chains != NULL && i < chains->count; i++)
                if (chains->chains[i].target == k) {
                    c->chained[c->chained_count++] = (chained_target){k, d};
                    break;
                }
    int ok = c->values != NULL && c->committed != NULL && c->slot_field != NULL &&
             c->classify_reads != NULL && c->holds != NULL && c->targets != NULL &&
             c->results != NULL && c->views != NULL && c->where != NULL && c->esc != NULL &&
             c->chained != NULL && c->moved != NULL &&
             slate__cond_scratch_init(&c->scratch, s->fields.count);
    slate_status st = ok ? SLATE_OK : slate__fail(err, SLATE_ENOMEM, "out of memory");
    /* Where each SLA counts for a ticket with no fields: all of them, for
     * SLAs that read none. */
    if (st == SLATE_OK) st = follow_ticket_start(c, err);
    if (st == SLATE_OK && slate_policy_priority_count(p) > 0)
        st = slate_classifier_new(p, &c->classifier, err);
    if (st != SLATE_OK) {
        slate_clock_free(c);
        return st;
    }
    *out = c;
    return SLATE_OK;
}

/* ---- phase 1: what the event would make of the ticket ---- */

/* c->staged = the current fields with the event's fields set over them. */
static size_t stage(slate_clock *c, const slate_event *e, int *ok) {
    size_t need = c->field_count + e->field_count;
    if (need > c->staged_cap) {
        SLATE_RESIZE(c->staged, need, *ok);
        if (!*ok) return 0;
        c->staged_cap = need;
    }
    size_t n = 0;
    for (size_t i = 0; i < c->field_count; i++)
        c->staged[n++] = (slate_field){c->fields[i].name, c->fields[i].value};
    for (size_t k = 0; k < e->field_count; k++) {
        size_t i = 0;
        while (i < n && !slate__text_equal(c->staged[i].name, e->fields[k].name))
            i++;
        c->staged[i] = e->fields[k];
        if (i == n) n++;
    }
    return n;
}

static slate_status condition_failed(const cond_failure *f, size_t event, slate_error *err) {
    char context[32];
    snprintf(context, sizeof context, "event %zu", event);
    return slate__cond_failure_report(f, context, err);
}

/* The conditions a target's transition can look at in its present state
 * (a target that has not started can only be cancelled while its SLA does
 * not apply). */
static unsigned roles_needed(const sla_target *target, slate_sla_state state, int applies) {
    unsigned all = (1u << COND_ROLES) - 1;
    switch (state) {
    case SLATE_SLA_CANCELLED: return 0;
    case SLATE_SLA_MET:
        return target->restart == RESTART_NEVER ? 1u << COND_RESET : all & ~(1u << COND_CANCEL);
    case SLATE_SLA_NOT_STARTED: return applies ? all & ~(1u << COND_RESET) : 1u << COND_CANCEL;
    default: return all & ~(1u << COND_START);
    }
}

/* The index of the lowest bit set in a nonzero mask. */
static int lowest_bit(unsigned mask) {
#if defined(__GNUC__)
    return __builtin_ctz(mask);
#else
    int i = 0;
    while (!(mask & 1u))
        mask >>= 1, i++;
    return i;
#endif
}

/* Refuses an event that would begin a cycle past the most a target keeps. */
static slate_status too_many_cycles(const sla_def *def, const sla_target *target, size_t event,
                                    slate_error *err) {
    return slate__fail(err, SLATE_ELIMIT,
                       "event %zu: target %s/%s already has %d cycles, the most one target keeps",
                       event, def->id, target->name, SLATE_SLA_CYCLES_MAX);
}

/* Evaluates the conditions each target may need into c->holds (the others
 * read as false; a missing start condition as true). */
static slate_status judge(slate_clock *c, size_t event, slate_error *err) {
    const slas *s = c->s;
    cond_failure failure;
    size_t k = 0;
    for (size_t d = 0; d < s->count; d++) {
        const sla_def *def = &s->defs[d];
        int waiting = 0;
        for (size_t t = 0; t < def->target_count; t++)
            waiting |= c->targets[k + t].state == SLATE_SLA_NOT_STARTED;
        int applies = def->has_applies && (waiting || def->cancel_unless_applies)
                          ? slate__cond_eval(&def->applies, c->values, &c->scratch, &failure)
                          : 1;
        if (applies < 0) return condition_failed(&failure, event, err);
        c->holds[s->target_total * COND_ROLES + d] = (unsigned char)applies;
        for (size_t t = 0; t < def->target_count; t++, k++) {
            const sla_target *target = &def->targets[t];
            unsigned char *holds = &c->holds[k * COND_ROLES];
            unsigned needed = roles_needed(target, c->targets[k].state, applies) & target->roles;
            memset(holds, 0, COND_ROLES);
            holds[COND_START] = !target->has[COND_START];
            for (; needed != 0; needed &= needed - 1) {
                int role = lowest_bit(needed);
                int r = slate__cond_eval(&target->when[role], c->values, &c->scratch, &failure);
                if (r < 0) return condition_failed(&failure, event, err);
                holds[role] = (unsigned char)r;
            }
            if (c->targets[k].cycles >= SLATE_SLA_CYCLES_MAX &&
                slate__target_may_begin_cycle(&c->targets[k], target, &c->holds[k * COND_ROLES]))
                return too_many_cycles(def, target, event, err);
        }
    }
    return SLATE_OK;
}

/* Whether the event sets a field classification reads (known per
 * condition slot, looked up for the other fields). */
static int touches_classification(const slate_clock *c, const slate_event *e) {
    const priorities *pr = slate__priorities_of(c->policy);
    for (size_t i = 0; i < e->field_count; i++) {
        long slot = c->incoming[i].slot;
        if (slot >= 0 ? c->classify_reads[slot] : slate__priorities_reads(pr, e->fields[i].name))
            return 1;
    }
    return 0;
}

/* The priority of the staged ticket: its field, else the classification
 * (computed again only when the event changes a field it reads). */
static slate_status staged_priority(slate_clock *c, const slate_event *e, const char **out,
                                    slate_error *err) {
    *out = c->values[c->s->priority_slot];
    if (*out != NULL || c->classifier == NULL) return SLATE_OK;
    if (c->classified && !touches_classification(c, e)) {
        *out = c->priority;
        return SLATE_OK;
    }
    int ok = 1;
    size_t n = stage(c, e, &ok);
    if (!ok) return slate__fail(err, SLATE_ENOMEM, "out of memory");
    slate_classification r;
    slate_status st = slate_classify(c->classifier, c->staged, n, 0, &r, err);
    if (st == SLATE_OK) *out = r.priority_name;
    return st;
}

/* A ticket field that must hold a time (a goal's deadline, a start). */
static slate_status bad_field(const char *field, const char *value, const char *what, size_t event,
                              const char *sla, slate_error *err) {
    return slate__fail(err, SLATE_EINVAL, "event %zu: SLA %s: field \"%s\" is \"%.60s\", not %s",
                       event, sla, field, value, what);
}

/* The fields a target reads as times, checked on the ticket with the
 * event, so that committing it cannot meet a bad one. */
static slate_status check_time_fields(const slas *s, const sla_def *def, const sla_target *t,
                                      const char *const *values, size_t event, slate_error *err) {
    slate_time at;
    slate_duration seconds;
    int is_instant;
    if (t->has_start_from && values[t->start_from] != NULL && values[t->start_from][0] != '\0' &&
        slate_time_parse(values[t->start_from], &at, NULL) != SLATE_OK)
        return bad_field(t->start_from_name, values[t->start_from], "an RFC 3339 time", event,
                         def->id, err);
    for (size_t i = 0; t->goal_from_field && i < t->duration_count; i++) {
        const sla_duration *d = &t->durations[i];
        const char *v = d->kind == DUE_FIELD ? values[d->slot] : NULL;
        if (v != NULL && v[0] != '\0' && !slate__sla_goal_text(v, &is_instant, &at, &seconds))
            return bad_field(s->fields.names[d->slot], v,
                             "an RFC 3339 time or a positive ISO 8601 duration", event, def->id,
                             err);
    }
    return SLATE_OK;
}

/* Where each SLA counts for the ticket with the event (c->values), and
 * the checks of the fields its targets read as times. An SLA that reads
 * nothing of the ticket counts where slate_clock_new found it. */
static slate_status follow_ticket(slate_clock *c, size_t event, slate_error *err) {
    const slas *s = c->s;
    for (size_t d = 0; s->follows_ticket && d < s->count; d++) {
        const sla_def *def = &s->defs[d];
        where_now *w = &c->where[d];
        slate_status st = SLATE_OK;
        if (def->reads_ticket)
            st =
                slate__sla_where(s, def, c->values, event, &w->cal, &w->cause, &w->zone_cause, err);
        for (size_t t = 0; st == SLATE_OK && s->follows_ticket && t < def->target_count; t++)
            st = check_time_fields(s, def, &def->targets[t], c->values, event, err);
        if (st != SLATE_OK) return st;
    }
    return SLATE_OK;
}

/* ---- phase 2: advancing and committing ---- */

/* The index of a ticket field, or field_count. */
static size_t field_index(const slate_clock *c, const char *name, size_t len) {
    size_t i = 0;
    while (i < c->field_count &&
           (c->fields[i].name_len != len || !slate__bytes_equal(c->fields[i].name, name, len)))
        i++;
    return i;
}

/* Looks up each field of the event once: its length, condition slot and
 * the ticket field it sets (a slot's field is found without comparing
 * names). 0 when out of memory. */
static int take_incoming(slate_clock *c, const slate_event *e) {
    if (e->field_count > c->incoming_cap) {
        int ok = 1;
        SLATE_RESIZE(c->incoming, e->field_count, ok);
        if (!ok) return 0;
        c->incoming_cap = e->field_count;
    }
    for (size_t k = 0; k < e->field_count; k++) {
        incoming *in = &c->incoming[k];
        in->name_len = strlen(e->fields[k].name);
        in->slot = slate__cond_fields_find_len(&c->s->fields, e->fields[k].name, in->name_len);
        in->index = in->slot >= 0 && c->slot_field[in->slot] > 0
                        ? c->slot_field[in->slot] - 1
                        : field_index(c, e->fields[k].name, in->name_len);
        if (in->index == c->field_count) in->index = SIZE_MAX; /* a new field */
        in->name = in->value = NULL;
    }
    return 1;
}

/* Copies of the event's values (and new names), made in the arena before
 * anything changes so that committing cannot fail half-way; on failure
 * they are only unused text. */
static int copy_incoming(slate_clock *c, const slate_event *e) {
    for (size_t k = 0; k < e->field_count; k++) {
        incoming *in = &c->incoming[k];
        if (in->index == SIZE_MAX &&
            (in->name = arena_copy(&c->texts, e->fields[k].name, in->name_len)) == NULL)
            return 0;
        const char *value = e->fields[k].value;
        if ((in->value = arena_copy(&c->texts, value, strlen(value))) == NULL) return 0;
    }
    return 1;
}

/* Sets the copied fields on the ticket and their condition slots. */
static void commit_fields(slate_clock *c, const slate_event *e) {
    for (size_t k = 0; k < e->field_count; k++) {
        const incoming *in = &c->incoming[k];
        size_t i = in->index;
        /* A new name may have come earlier in the same event. */
        if (i == SIZE_MAX) i = field_index(c, in->name, in->name_len);
        if (i < c->field_count)
            c->fields[i].value = in->value; /* the old text stays in the arena until reset */
        else
            c->fields[c->field_count++] = (owned_field){in->name, in->value, in->name_len};
        if (in->slot < 0) continue;
        c->committed[in->slot] = in->value;
        c->slot_field[in->slot] = i + 1;
    }
}

/* c->slot_field for the ticket's fields, after they move to a clock of
 * another policy. */
static void index_slots(slate_clock *c) {
    for (size_t i = 0; i < c->field_count; i++) {
        long slot =
            slate__cond_fields_find_len(&c->s->fields, c->fields[i].name, c->fields[i].name_len);
        if (slot >= 0 && c->slot_field[slot] == 0) c->slot_field[slot] = i + 1;
    }
}

/* What the chains see of target k of SLA d. Returns whether it changed
 * course since the view it replaces (slate__esc_view_moved). */
static int fill_view(slate_clock *c, size_t k, size_t d) {
    const target_state *ts = &c->targets[k];
    esc_view v = {ts->cal != NULL ? ts->cal : c->s->defs[d].calendar,
                  ts->state,
                  state_names[ts->state],
                  ts->cycles,
                  ts->start,
                  ts->since,
                  ts->elapsed,
                  ts->target,
                  ts->breached,
                  ts->breach_time,
                  ts->has_deadline,
                  ts->deadline};
    int moved = slate__esc_view_moved(&c->views[k], &v);
    c->views[k] = v;
    return moved;
}

/* The views of every target, or only of those the chains follow. */
static void fill_views(slate_clock *c, int chained_only) {
    if (chained_only) {
        for (size_t i = 0; i < c->chained_count; i++) {
            size_t k = c->chained[i].target;
            c->moved[k] = (unsigned char)fill_view(c, k, c->chained[i].def);
        }
        return;
    }
    size_t k = 0;
    for (size_t d = 0; d < c->s->count; d++)
        for (size_t t = 0; t < c->s->defs[d].target_count; t++, k++)
            fill_view(c, k, d);
}

/* Phase 1 for the chains: the steps due before the event, on the ticket as
 * it stood, and the acknowledgements the event makes (c->values holds the
 * ticket with the event). */
static slate_status escalate_before(slate_clock *c, const slate_event *e, const char *priority,
                                    slate_error *err) {
    esc_ticket before = {c->views, c->s->target_total, c->committed, c->priority, NULL};
    slate_status st =
        slate__esc_tracker_fire(c->esc, &before, c->events > 0 ? c->last : e->at, e->at, err);
    esc_ticket with = {c->views, c->s->target_total, c->values, priority, e->kind};
    return st != SLATE_OK ? st : slate__esc_tracker_judge(c->esc, &with, err);
}

const char *const *slate__clock_values(const slate_clock *c) { return c->committed; }

void slate__clock_ticket_view(slate_clock *c, esc_tracker **tr, esc_ticket *ticket,
                              slate_time *last, size_t *events) {
    fill_views(c, 0);
    *tr = c->esc;
    *ticket = (esc_ticket){c->views, c->s->target_total, c->committed, c->priority, NULL};
    *last = c->last;
    *events = c->events;
}

static int same_text(const char *a, const char *b) {
    return a == b || (a != NULL && b != NULL && slate__text_equal(a, b));
}

/* Where a first cycle of the target starts: at the ticket timestamp its
 * start_from names, when the ticket has one before t; else at t. */
static slate_time start_at(const sla_target *target, const char *const *values, slate_time t) {
    slate_time at;
    const char *text = target->has_start_from ? values[target->start_from] : NULL;
    if (text == NULL || text[0] == '\0' || slate_time_parse(text, &at, NULL) != SLATE_OK || at >= t)
        return t;
    return at;
}

SLATE_API slate_status slate_clock_apply(slate_clock *c, const slate_event *e, slate_error *err) {
    if (c == NULL || e == NULL || (e->fields == NULL && e->field_count > 0))
        return slate__fail(err, SLATE_EMISUSE, "clock or event is NULL");
    if (!slate__time_in_range(e->at)) {
        char what[48]; /* formatted only on failure: this is the replay's hot path */
        snprintf(what, sizeof what, "event %zu", c->events);
        return slate__check_time(e->at, what, err);
    }
    if (c->events > 0 && e->at < c->last) {
        char at[SLATE_TIME_TEXT_MAX], last[SLATE_TIME_TEXT_MAX];
        slate_time_format(e->at, 0, at, sizeof at);
        slate_time_format(c->last, 0, last, sizeof last);
        return slate__fail(
            err, SLATE_EINVAL,
            "event %zu at %s is before event %zu at %s: events must come in time order", c->events,
            at, c->events - 1, last);
    }
    int ok = take_incoming(c, e);
    if (!ok) return slate__fail(err, SLATE_ENOMEM, "out of memory");
    /* The ticket's values, with the event's fields over them. */
    memcpy((void *)c->values, c->committed, c->s->fields.count * sizeof *c->values);
    for (size_t k = 0; k < e->field_count; k++)
        if (c->incoming[k].slot >= 0) c->values[c->incoming[k].slot] = e->fields[k].value;
    c->values[c->s->event_slot] = e->kind;
    slate__cond_scratch_reset(&c->scratch);
    const char *priority;
    int from_field = c->values[c->s->priority_slot] != NULL;
    slate_status st = staged_priority(c, e, &priority, err);
    /* Conditions see a classified priority as the field "priority". */
    if (st == SLATE_OK) c->values[c->s->priority_slot] = priority;
    if (st == SLATE_OK) st = judge(c, c->events, err);
    if (st == SLATE_OK) st = follow_ticket(c, c->events, err);
    int escalating = c->escalating;
    if (st == SLATE_OK && escalating) st = escalate_before(c, e, priority, err);
    if (st != SLATE_OK) return st;
    if (c->field_count + e->field_count > c->field_cap) {
        size_t want = c->field_count + e->field_count + 8;
        SLATE_RESIZE(c->fields, want, ok);
        if (ok) c->field_cap = want;
    }
    if (!ok || !copy_incoming(c, e)) {
        slate__esc_tracker_discard(c->esc);
        return slate__fail(err, SLATE_ENOMEM, "out of memory");
    }
    commit_fields(c, e);
    /* A priority from the ticket now lives in the committed fields. */
    if (from_field) priority = c->committed[c->s->priority_slot];
    /* From here on nothing fails but a step's allocation. */
    int priority_changed = !same_text(priority, c->priority);
    const slas *s = c->s;
    size_t k = 0;
    for (size_t d = 0; d < s->count; d++) {
        const sla_def *def = &s->defs[d];
        target_event ev = {def,
                           NULL,
                           NULL,
                           c->holds[s->target_total * COND_ROLES + d],
                           e->at,
                           c->events,
                           priority,
                           c->where[d].cal,
                           c->where[d].cause,
                           c->where[d].zone_cause,
                           e->at,
                           c->committed};
        for (size_t t = 0; t < def->target_count; t++, k++) {
            target_state *ts = &c->targets[k];
            ev.target = &def->targets[t];
            ev.holds = &c->holds[k * COND_ROLES];
            ev.start_at =
                ev.target->has_start_from ? start_at(ev.target, c->committed, e->at) : e->at;
            /* Only a running or paused target counts time or follows the ticket. */
            if (ts->state == SLATE_SLA_RUNNING || ts->state == SLATE_SLA_PAUSED) {
                slate__target_advance(ts, e->at, c->events, 1);
                slate__target_follow(ts, &ev, priority_changed || ev.target->goal_from_field);
            }
            if (ts->state != SLATE_SLA_CANCELLED) slate__target_transition(ts, &ev);
            if (ts->failed) ok = 0, ts->failed = 0;
        }
    }
    /* The views serve the chains; queries fill them when they ask. */
    if (escalating) {
        fill_views(c, 1); /* the chains read only their targets' views */
        slate__esc_tracker_commit(c->esc, c->views, c->moved, e->at);
    }
    c->priority = priority;
    c->classified = !from_field && priority != NULL;
    c->last = e->at;
    c->events++;
    return ok ? SLATE_OK : slate__fail(err, SLATE_ENOMEM, "out of memory recording a step");
}

/* One target's standing at now, without changing it: a breach between the
 * last event and now is shown as a last step (kept past the recorded
 * ones, which the next event overwrites), and the current cycle's entry
 * has the figures of now. */
static slate_status result_of(slate_clock *c, target_state *kept, slate_time now,
                              slate_sla_result *r) {
    target_state ts = *kept;
    slate__target_advance(&ts, now, c->events, 0);
    memset(r, 0, sizeof *r);
    r->state = ts.state;
    r->breached = ts.breached;
    r->priority = c->priority;
    r->target_seconds = ts.target;
    r->start = ts.start;
    r->elapsed = ts.elapsed;
    r->paused = ts.paused;
    r->remaining = ts.target > ts.elapsed ? ts.target - ts.elapsed : 0;
    r->has_breach_time = ts.breached;
    r->breach_time = ts.breach_time;
    r->percent = ts.target > 0 ? 100.0 * (double)ts.elapsed / (double)ts.target : 0;
    r->cycles = ts.cycles;
    if (ts.state == SLATE_SLA_RUNNING) {
        r->has_due = 1;
        if (ts.breached)
            r->due = ts.breach_time;
        else if (ts.has_deadline)
            r->due = ts.deadline;
        else if (slate_calendar_add(ts.cal, now, r->remaining, &r->due) != SLATE_OK)
            r->has_due = 0; /* never due within the supported range */
    }
    r->has_deadline = ts.has_deadline;
    r->deadline = ts.deadline;
    r->calendar = ts.cal_name;
    r->zone = ts.zone_name;
    if (ts.breached && !kept->breached) {
        int ok = 1;
        SLATE_GROW(kept->steps, kept->step_cap, kept->step_count + 1, ok);
        if (!ok) return SLATE_ENOMEM;
        kept->steps[kept->step_count] = (slate_sla_step){ts.breach_time,
                                                         c->events ? c->events - 1 : 0,
                                                         ts.state,
                                                         ts.state,
                                                         "breach",
                                                         "",
                                                         ts.cal_name,
                                                         ts.zone_name,
                                                         now};
        r->step_count = 1;
    }
    r->step_count += kept->step_count;
    r->steps = kept->steps;
    slate_sla_cycle *current = kept->cycle_count ? &kept->cycle_list[kept->cycle_count - 1] : NULL;
    if (current != NULL && !current->has_end) {
        slate__target_fill_cycle(&ts, current);
        if (!current->has_due && r->has_due) current->has_due = 1, current->due = r->due;
    }
    r->cycle_count = kept->cycle_count;
    r->cycle_list = kept->cycle_list;
    return SLATE_OK;
}

SLATE_API slate_status slate_clock_results(slate_clock *c, slate_time now,
                                           const slate_sla_result **out, size_t *count,
                                           slate_error *err) {
    if (c == NULL || out == NULL || count == NULL)
        return slate__fail(err, SLATE_EMISUSE, "clock or out is NULL");
    if (!slate__time_in_range(now)) return slate__check_time(now, "now", err);
    if (c->events > 0 && now < c->last)
        return slate__fail(err, SLATE_EINVAL, "now is before the last event");
    const slas *s = c->s;
    slate_status st;
    size_t k = 0;
    for (size_t d = 0; d < s->count; d++) {
        const sla_def *def = &s->defs[d];
        for (size_t t = 0; t < def->target_count; t++, k++) {
            if ((st = result_of(c, &c->targets[k], now, &c->results[k])) != SLATE_OK)
                return slate__fail(err, st, "out of memory");
            c->results[k].sla = def->id;
            c->results[k].target = def->targets[t].name;
        }
    }
    *out = c->results;
    *count = s->target_total;
    return SLATE_OK;
}

/* The index of the target (SLA id, target name) in a section, or -1. */
static long find_target(const slas *s, const char *sla, const char *name) {
    size_t k = 0;
    for (size_t d = 0; d < s->count; d++)
        for (size_t t = 0; t < s->defs[d].target_count; t++, k++)
            if (strcmp(s->defs[d].id, sla) == 0 && strcmp(s->defs[d].targets[t].name, name) == 0)
                return (long)k;
    return -1;
}

SLATE_API slate_status slate_clock_set_policy(slate_clock *c, const slate_policy *p, slate_time at,
                                              slate_error *err) {
    if (c == NULL || p == NULL) return slate__fail(err, SLATE_EMISUSE, "clock or policy is NULL");
    if (!slate__time_in_range(at)) return slate__check_time(at, "the change", err);
    if (c->events > 0 && at < c->last)
        return slate__fail(err, SLATE_EINVAL, "the policy change is before the last event");
    slate_clock *n;
    slate_status st = slate_clock_new(p, &n, err);
    if (st != SLATE_OK) return st;
    /* The ticket as it stands (in c's scratch), read by the new policy:
     * its priority field, else its classification. */
    int ok = 1;
    slate_event none = {at, NULL, NULL, 0};
    size_t fields = stage(c, &none, &ok);
    if (!ok) {
        slate_clock_free(n);
        return slate__fail(err, SLATE_ENOMEM, "out of memory");
    }
    slate__cond_fields_resolve(&n->s->fields, c->staged, fields, n->values);
    memcpy((void *)n->committed, n->values, n->s->fields.count * sizeof *n->committed);
    const char *priority = n->values[n->s->priority_slot];
    int from_field = priority != NULL;
    if (!from_field && n->classifier != NULL && c->events > 0) {
        slate_classification r;
        if ((st = slate_classify(n->classifier, c->staged, fields, 0, &r, err)) != SLATE_OK) {
            slate_clock_free(n);
            return st;
        }
        priority = r.priority_name;
    }
    /* Where the new SLAs count for the ticket. */
    n->values[n->s->priority_slot] = priority;
    if ((st = follow_ticket(n, c->events, err)) != SLATE_OK) {
        slate_clock_free(n);
        return st;
    }
    /* The old chains fire what comes due before the change. */
    if (slate__esc_tracker_active(c->esc)) {
        esc_ticket before = {c->views, c->s->target_total, c->committed, c->priority, NULL};
        if ((st = slate__esc_tracker_fire(c->esc, &before, c->events > 0 ? c->last : at, at,
                                          err)) != SLATE_OK) {
            slate_clock_free(n);
            return st;
        }
        slate__esc_tracker_commit(c->esc, c->views, NULL, at);
    }
    /* Nothing fails from here. Bring the old targets up to the change. */
    const slas *old = c->s;
    size_t k = 0;
    for (size_t d = 0; d < old->count; d++)
        for (size_t t = 0; t < old->defs[d].target_count; t++, k++)
            slate__target_advance(&c->targets[k], at, c->events > 0 ? c->events - 1 : 0, 1);
    size_t j = 0;
    for (size_t d = 0; d < n->s->count; d++)
        for (size_t t = 0; t < n->s->defs[d].target_count; t++, j++) {
            const sla_def *def = &n->s->defs[d];
            long from = find_target(old, def->id, def->targets[t].name);
            if (from < 0) continue;
            target_state *ts = &n->targets[j];
            slate__target_move(ts, &c->targets[from]);
            target_event ev = {def,
                               &def->targets[t],
                               NULL,
                               1,
                               at,
                               c->events > 0 ? c->events - 1 : 0,
                               priority,
                               n->where[d].cal,
                               n->where[d].cause,
                               n->where[d].zone_cause,
                               at,
                               n->values};
            slate__target_follow(ts, &ev, 1);
            ts->failed = 0; /* a step that could not be kept leaves the trail short */
        }
    /* The ticket's fields move over as they are. */
    owned_field *swap = n->fields;
    n->fields = c->fields;
    n->field_count = c->field_count;
    n->field_cap = c->field_cap;
    c->fields = swap;
    c->field_count = c->field_cap = 0;
    index_slots(n);
    text_arena texts = n->texts;
    n->texts = c->texts;
    c->texts = texts;
    n->events = c->events;
    n->last = c->events > 0 ? at : c->last;
    n->priority = priority;
    n->classified = !from_field && priority != NULL;
    slate__esc_tracker_adopt(n->esc, c->esc);
    slate_clock tmp = *c;
    *c = *n;
    *n = tmp;
    slate_clock_free(n);
    fill_views(c, 0);
    return SLATE_OK;
}
