/* Assembling a calendar's definition before it is compiled. */
#include <stdlib.h>
#include <string.h>

#include "../base/base.h"
#include "build.h"

/* Defines `static int name(slate_calendar *c, type value)`, which appends
 * value to c->array, growing it, and returns 0 when out of memory. */
#define DEFINE_PUSH(name, type, array, count, cap)                                                 \
    static int name(slate_calendar *c, type value) {                                               \
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

DEFINE_PUSH(push_rule_pointer, char *, rules, rule_count, rule_cap)
DEFINE_PUSH(push_piece_value, day_piece, pieces, piece_count, piece_cap)
DEFINE_PUSH(push_dated, dated_plan, overrides, override_count, override_cap)
DEFINE_PUSH(push_holiday, holiday_rule, holidays, holiday_count, holiday_cap)
DEFINE_PUSH(push_closed, int64_t, closed, closed_count, closed_cap)

static void free_definition(slate_calendar *c);
static void free_compiled(slate_calendar *c);

slate_calendar *slate__cal_create(const char *name, const char *pointer) {
    slate_calendar *c = slate__calloc(1, sizeof *c);
    if (c == NULL) return NULL;
    atomic_init(&c->instances, NULL);
    c->name = slate__strdup(name);
    c->pointer = slate__strdup(pointer);
    if (c->name == NULL || c->pointer == NULL) {
        slate__cal_destroy(c);
        return NULL;
    }
    return c;
}

void slate__cal_destroy(slate_calendar *c) {
    if (c == NULL) return;
    slate_calendar *inst = atomic_load_explicit(&c->instances, memory_order_acquire);
    while (inst != NULL) {
        slate_calendar *next = inst->next_instance;
        slate__cal_destroy(inst);
        inst = next;
    }
    if (c->shares == 0) free_definition(c);
    if (c->shares < 2) free_compiled(c);
    slate__free(c);
}

/* What the rules say, shared by the calendar's instances in other zones. */
static void free_definition(slate_calendar *c) {
    for (size_t i = 0; i < c->rule_count; i++)
        slate__free(c->rules[i]);
    slate__free(c->rules);
    slate__free(c->name);
    slate__free(c->pointer);
    slate__free(c->zone_field);
    slate__free(c->pieces);
    slate__free(c->closed);
    slate__free(c->overrides);
    slate__free(c->holidays);
    slate__free((void *)c->children);
}

/* The compiled segments, made per zone for a leaf. */
static void free_compiled(slate_calendar *c) {
    slate__free(c->segments);
    slate__free(c->patterns);
    slate__free(c->pool.start);
    slate__free(c->pool.end);
    slate__free(c->pool.cum);
    slate__free(c->week_pool.start);
    slate__free(c->week_pool.end);
    slate__free(c->week_pool.cum);
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
    c->kind = CAL_LEAF;
    c->zone = zone;
}

void slate__cal_set_always(slate_calendar *c) { c->kind = CAL_ALWAYS; }

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
    c->kind = kind;
    c->children = slate__malloc(n * sizeof *children);
    if (c->children == NULL) return 0;
    memcpy((void *)c->children, children, n * sizeof *children);
    c->child_count = n;
    return 1;
}

static int push_piece(slate_calendar *c, int32_t start, int32_t end, int source, uint32_t rule) {
    day_piece p = {start, end, (uint8_t)source, rule};
    return push_piece_value(c, p);
}

/* Raw weekly intervals are kept as pieces with weekday in `source` + 16
 * until slate__cal_finish turns them into plans. */
int slate__cal_add_weekly(slate_calendar *c, int weekday, int32_t start, int32_t end,
                          uint32_t rule) {
    return push_piece(c, start, end, 16 + weekday, rule);
}

int slate__cal_add_override(slate_calendar *c, int64_t day, int32_t start, int32_t end,
                            uint32_t rule) {
    if (c->override_count == 0 || c->overrides[c->override_count - 1].day != day) {
        dated_plan d = {day, {(uint32_t)c->piece_count, 0}};
        if (!push_dated(c, d)) return 0;
    }
    if (!push_piece(c, start, end, SLATE_SOURCE_OVERRIDE, rule)) return 0;
    c->overrides[c->override_count - 1].plan.count++;
    return 1;
}

int slate__cal_add_holiday(slate_calendar *c, const holiday_rule *rule) {
    return push_holiday(c, *rule);
}

static int compare_pieces(const void *pa, const void *pb) {
    const day_piece *a = pa, *b = pb;
    return (a->start > b->start) - (a->start < b->start);
}

/* Builds weekly[w] (own pieces and the spill of w-1) and own[w]. */
static int build_weekly_plans(slate_calendar *c) {
    size_t raw = c->piece_count;
    /* Keep pieces allocated even when empty: plans point into it. */
    if (c->pieces == NULL) {
        int ok = 1;
        SLATE_RESIZE(c->pieces, 8, ok);
        if (!ok) return 0;
        c->piece_cap = 8;
    }
    for (int with_spill = 0; with_spill < 2; with_spill++) {
        for (int w = 0; w < 7; w++) {
            int before = (w + 6) % 7;
            day_plan plan = {(uint32_t)c->piece_count, 0};
            for (size_t i = 0; i < raw; i++) {
                day_piece p = c->pieces[i];
                if (p.source < 16) continue;
                int day = p.source - 16, overnight = p.end <= p.start;
                if (day == w) {
                    c->overnight[w] |= overnight;
                    if (!push_piece(c, p.start, overnight ? 86400 : p.end, SLATE_SOURCE_WEEKLY,
                                    p.rule))
                        return 0;
                    plan.count++;
                } else if (with_spill && day == before && overnight && p.end > 0) {
                    if (!push_piece(c, 0, p.end, SLATE_SOURCE_SPILL, p.rule)) return 0;
                    plan.count++;
                }
            }
            if (plan.count > 1)
                qsort(c->pieces + plan.first, plan.count, sizeof *c->pieces, compare_pieces);
            if (with_spill)
                c->weekly[w] = plan;
            else
                c->own[w] = plan;
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

static int expand_holidays(slate_calendar *c) {
    for (size_t i = 0; i < c->holiday_count; i++) {
        const holiday_rule *r = &c->holidays[i];
        int32_t first = r->from_year > HOLIDAY_FIRST_YEAR ? r->from_year : HOLIDAY_FIRST_YEAR;
        int32_t last = r->to_year < HOLIDAY_LAST_YEAR ? r->to_year : HOLIDAY_LAST_YEAR;
        for (int32_t y = first; y <= last; y++) {
            int64_t day;
            if (slate__holiday_in_year(r, y, &day) && !push_closed(c, day)) return 0;
        }
    }
    if (c->closed_count > 1) qsort(c->closed, c->closed_count, sizeof *c->closed, compare_days);
    size_t kept = 0;
    for (size_t i = 0; i < c->closed_count; i++)
        if (kept == 0 || c->closed[kept - 1] != c->closed[i]) c->closed[kept++] = c->closed[i];
    c->closed_count = kept;
    if (kept > 0) {
        int64_t *fit = slate__realloc(c->closed, kept * sizeof *c->closed);
        if (fit != NULL) c->closed = fit, c->closed_cap = kept;
    }
    if (c->override_count > 1)
        qsort(c->overrides, c->override_count, sizeof *c->overrides, compare_dated);
    return 1;
}

slate_status slate__cal_finish(slate_calendar *c, slate_error *err) {
    if (c->kind == CAL_LEAF && (!build_weekly_plans(c) || !expand_holidays(c)))
        return slate__fail(err, SLATE_ENOMEM, "out of memory compiling calendar %s", c->name);
    return slate__cal_compile(c, err);
}
