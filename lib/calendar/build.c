/* Assembling a calendar's definition before it is compiled. */
#include <stdlib.h>
#include <string.h>

#include "../base/base.h"
#include "bdays.h"
#include "build.h"

/* Defines `static int name(owner *c, type value)`, which appends value to
 * c->array, growing it, and returns 0 when out of memory. */
#define DEFINE_PUSH(name, owner, type, array, count, cap)                                          \
    static int name(owner *c, type value) {                                                        \
        if (c->count == c->cap) {                                                                  \
            size_t want = slate__next_cap(c->cap);                                                 \
            int ok = 1;                                                                            \
            SLATE_RESIZE(c->array, want, ok);                                                      \
            if (!ok) return 0;                                                                     \
            c->cap = want;                                                                         \
        }                                                                                          \
        c->array[c->count++] = value;                                                              \
        return 1;                                                                                  \
    }

DEFINE_PUSH(push_rule_pointer, slate_calendar, char *, rules, rule_count, rule_cap)
DEFINE_PUSH(push_piece_value, cal_def, day_piece, pieces, piece_count, piece_cap)
DEFINE_PUSH(push_dated, cal_def, dated_plan, overrides, override_count, override_cap)
DEFINE_PUSH(push_holiday, cal_def, holiday_rule, holidays, holiday_count, holiday_cap)
DEFINE_PUSH(push_closed, cal_def, int64_t, closed, closed_count, closed_cap)
DEFINE_PUSH(push_closure, slate_calendar, cal_closure, closures, closure_count, closure_cap)

static cal_core *core_new(void) {
    cal_core *k = slate__calloc(1, sizeof *k);
    if (k == NULL) return NULL;
    k->def = &k->own;
    k->refs = 1;
    for (int b = 0; b < BLOCK_COUNT; b++)
        atomic_init(&k->blocks[b], NULL);
    return k;
}

slate_calendar *slate__cal_create(const char *name, const char *pointer) {
    slate_calendar *c = slate__calloc(1, sizeof *c);
    if (c == NULL) return NULL;
    atomic_init(&c->instances, NULL);
    for (int b = 0; b < BLOCK_COUNT; b++)
        atomic_init(&c->bd_blocks[b], NULL);
    c->name = slate__strdup(name);
    c->pointer = slate__strdup(pointer);
    c->core = core_new();
    if (c->name == NULL || c->pointer == NULL || c->core == NULL) {
        slate__cal_destroy(c);
        return NULL;
    }
    return c;
}

/* What the rules say: the parts of a composition are released. */
static void free_definition(cal_def *d) {
    slate__free(d->pieces);
    slate__free(d->closed);
    slate__free(d->overrides);
    slate__free(d->holidays);
    for (size_t i = 0; i < d->child_count; i++)
        slate__core_release(d->children[i]);
    slate__free((void *)d->children);
}

void slate__core_destroy(cal_core *k) {
    slate__core_free_windows(k);
    if (k->def == &k->own) free_definition(&k->own);
    slate__free(k);
}

cal_core *slate__core_in_zone(const cal_core *k, const slate_zone *zone) {
    cal_core *n = core_new();
    if (n == NULL) return NULL;
    n->def = k->def;
    n->zone = zone;
    return n;
}

void slate__cal_destroy(slate_calendar *c) {
    if (c == NULL) return;
    slate_calendar *inst = atomic_load_explicit(&c->instances, memory_order_acquire);
    while (inst != NULL) {
        slate_calendar *next = inst->next_instance;
        slate__cal_destroy(inst);
        inst = next;
    }
    slate__cal_bdays_free(c);
    if (c->core != NULL) slate__core_release(c->core);
    if (!c->borrowed) {
        for (size_t i = 0; i < c->rule_count; i++)
            slate__free(c->rules[i]);
        slate__free(c->rules);
        slate__free(c->name);
        slate__free(c->pointer);
        slate__free(c->zone_field);
        for (size_t i = 0; i < c->closure_count; i++) {
            slate__free(c->closures[i].name);
            slate__free(c->closures[i].source);
        }
        slate__free(c->closures);
    }
    slate__free(c);
}

slate_calendar *slate__cal_take_definition(slate_calendar *c) {
    slate_calendar *taker = slate__cal_create(c->name, c->pointer);
    if (taker == NULL) return NULL;
    cal_core *core = taker->core;
    taker->core = c->core;
    c->core = core;
    char **rules = taker->rules;
    size_t count = taker->rule_count, cap = taker->rule_cap;
    taker->rules = c->rules, taker->rule_count = c->rule_count, taker->rule_cap = c->rule_cap;
    c->rules = rules, c->rule_count = count, c->rule_cap = cap;
    taker->zone = c->zone;
    return taker;
}

int slate__cal_add_rule(slate_calendar *c, const char *pointer, uint32_t *index) {
    char *copy = slate__strdup(pointer);
    if (copy == NULL || !push_rule_pointer(c, copy)) {
        slate__free(copy);
        return 0;
    }
    *index = (uint32_t)(c->rule_count - 1);
    return 1;
}

void slate__cal_set_leaf(slate_calendar *c, const slate_zone *zone) {
    c->core->own.kind = CAL_LEAF;
    c->core->zone = c->zone = zone;
}

void slate__cal_set_always(slate_calendar *c) { c->core->own.kind = CAL_ALWAYS; }

void slate__cal_set_zone(slate_calendar *c, const slate_zone *zone) { c->zone = zone; }

int slate__cal_set_zone_field(slate_calendar *c, const char *field, int unknown_default) {
    c->zone_unknown_default = unknown_default;
    return (c->zone_field = slate__strdup(field)) != NULL;
}

const char *slate__cal_zone_field(const slate_calendar *c, int *unknown_default) {
    *unknown_default = c->zone_unknown_default;
    return c->zone_field;
}

const char *slate__cal_pointer(const slate_calendar *c) { return c->pointer; }

int slate__cal_set_composed(slate_calendar *c, cal_kind kind, const slate_calendar **children,
                            size_t n) {
    cal_def *d = &c->core->own;
    d->kind = kind;
    d->children = slate__malloc(n * sizeof *d->children);
    if (d->children == NULL) return 0;
    for (size_t i = 0; i < n; i++)
        d->children[i] = slate__core_retain(children[i]->core);
    d->child_count = n;
    return 1;
}

static int push_piece(cal_def *d, int32_t start, int32_t end, int source, uint32_t rule) {
    day_piece p = {start, end, (uint8_t)source, rule};
    return push_piece_value(d, p);
}

/* Raw weekly intervals are kept as pieces with weekday in `source` + 16
 * until slate__cal_finish turns them into plans. */
int slate__cal_add_weekly(slate_calendar *c, int weekday, int32_t start, int32_t end,
                          uint32_t rule) {
    return push_piece(&c->core->own, start, end, 16 + weekday, rule);
}

int slate__cal_has_dated(const slate_calendar *c, int64_t day) {
    const cal_def *d = &c->core->own;
    for (size_t i = 0; i < d->override_count; i++)
        if (d->overrides[i].day == day) return 1;
    return 0;
}

int slate__cal_add_dated(slate_calendar *c, int64_t day) {
    cal_def *d = &c->core->own;
    if (d->override_count > 0 && d->overrides[d->override_count - 1].day == day) return 1;
    dated_plan o = {day, {(uint32_t)d->piece_count, 0}};
    return push_dated(d, o);
}

int slate__cal_add_override(slate_calendar *c, int64_t day, int32_t start, int32_t end,
                            uint32_t rule) {
    cal_def *d = &c->core->own;
    if (!slate__cal_add_dated(c, day)) return 0;
    if (!push_piece(d, start, end, SLATE_SOURCE_OVERRIDE, rule)) return 0;
    d->overrides[d->override_count - 1].plan.count++;
    return 1;
}

/* A one-date rule becomes a closed date; the others are expanded per window. */
int slate__cal_add_closure(slate_calendar *c, const holiday_rule *rule, const slate_time *stretch,
                           const char *name, const char *source) {
    cal_closure e;
    memset(&e, 0, sizeof e);
    if (rule != NULL) e.rule = *rule;
    if (stretch != NULL) e.start = stretch[0], e.end = stretch[1];
    e.name = name != NULL ? slate__strdup(name) : NULL;
    e.source = slate__strdup(source);
    if ((name != NULL && e.name == NULL) || e.source == NULL || !push_closure(c, e)) {
        slate__free(e.name);
        slate__free(e.source);
        return 0;
    }
    return 1;
}

int slate__cal_add_holiday(slate_calendar *c, const holiday_rule *rule) {
    cal_def *d = &c->core->own;
    int64_t day;
    if (rule->kind != HOLIDAY_DATE) return push_holiday(d, *rule);
    return !slate__holiday_in_year(rule, rule->year, &day) || push_closed(d, day);
}

static int compare_pieces(const void *pa, const void *pb) {
    const day_piece *a = pa, *b = pb;
    return (a->start > b->start) - (a->start < b->start);
}

/* Builds weekly[w] (own pieces and the spill of w-1) and own[w]. */
static int build_weekly_plans(cal_def *d) {
    size_t raw = d->piece_count;
    /* Keep pieces allocated even when empty: plans point into it. */
    if (d->pieces == NULL) {
        int ok = 1;
        SLATE_RESIZE(d->pieces, 8, ok);
        if (!ok) return 0;
        d->piece_cap = 8;
    }
    for (int with_spill = 0; with_spill < 2; with_spill++) {
        for (int w = 0; w < 7; w++) {
            int before = (w + 6) % 7;
            day_plan plan = {(uint32_t)d->piece_count, 0};
            for (size_t i = 0; i < raw; i++) {
                day_piece p = d->pieces[i];
                if (p.source < 16) continue;
                int day = p.source - 16, overnight = p.end <= p.start;
                if (day == w) {
                    d->overnight[w] |= overnight;
                    if (!push_piece(d, p.start, overnight ? 86400 : p.end, SLATE_SOURCE_WEEKLY,
                                    p.rule))
                        return 0;
                    plan.count++;
                } else if (with_spill && day == before && overnight && p.end > 0) {
                    if (!push_piece(d, 0, p.end, SLATE_SOURCE_SPILL, p.rule)) return 0;
                    plan.count++;
                }
            }
            if (plan.count > 1)
                qsort(d->pieces + plan.first, plan.count, sizeof *d->pieces, compare_pieces);
            if (with_spill)
                d->weekly[w] = plan;
            else
                d->own[w] = plan;
        }
    }
    return 1;
}

static int compare_days(const void *pa, const void *pb) {
    const int64_t *a = pa, *b = pb;
    return (*a > *b) - (*a < *b);
}

static int compare_dated(const void *pa, const void *pb) {
    return compare_days(&((const dated_plan *)pa)->day, &((const dated_plan *)pb)->day);
}

/* Sorts the closed dates (dropping repeats) and the overrides. */
static void sort_dates(cal_def *d) {
    if (d->closed_count > 1) qsort(d->closed, d->closed_count, sizeof *d->closed, compare_days);
    size_t kept = 0;
    for (size_t i = 0; i < d->closed_count; i++)
        if (kept == 0 || d->closed[kept - 1] != d->closed[i]) d->closed[kept++] = d->closed[i];
    d->closed_count = kept;
    if (d->override_count > 1)
        qsort(d->overrides, d->override_count, sizeof *d->overrides, compare_dated);
}

slate_status slate__cal_finish(slate_calendar *c, cal_registry *shared, slate_error *err) {
    cal_def *d = &c->core->own;
    if (d->kind == CAL_LEAF) {
        if (!build_weekly_plans(d))
            return slate__fail(err, SLATE_ENOMEM, "out of memory building calendar %s", c->name);
        sort_dates(d);
    }
    slate__core_share(shared, &c->core);
    return SLATE_OK;
}
