/* Who is on call: overrides first, then the first layer with someone,
 * each layer a rotation of shifts that hand off at a local time. */
#include <string.h>

#include "../base/base.h"
#include "../tz/local.h"
#include "schedules.h"

void slate__schedules_free(void *section) {
    schedules *s = section;
    if (s == NULL) return;
    for (size_t i = 0; i < s->count; i++) {
        slate_schedule *sc = &s->items[i];
        for (size_t l = 0; l < sc->layer_count; l++) {
            oncall_layer *y = &sc->layers[l];
            for (size_t m = 0; m < y->member_count; m++)
                slate__free(y->members[m]);
            slate__free(y->members);
            slate__free(y->shift_day);
            slate__free(y->name);
            slate__free(y->pointer);
        }
        for (size_t o = 0; o < sc->override_count; o++) {
            slate__free(sc->overrides[o].member);
            slate__free(sc->overrides[o].pointer);
        }
        slate__free(sc->layers);
        slate__free(sc->overrides);
        slate__free(sc->name);
        slate__free(sc->pointer);
    }
    slate__free(s->items);
    slate__free(s);
}

const schedules *slate__schedules_of(const slate_policy *p) {
    return p == NULL ? NULL : slate__policy_section(p, SLATE__SECTION_ONCALL);
}

SLATE_API size_t slate_policy_schedule_count(const slate_policy *p) {
    const schedules *s = slate__schedules_of(p);
    return s == NULL ? 0 : s->count;
}

SLATE_API const char *slate_policy_schedule_id(const slate_policy *p, size_t i) {
    return i < slate_policy_schedule_count(p) ? slate__schedules_of(p)->items[i].name : NULL;
}

SLATE_API const slate_schedule *slate_policy_schedule(const slate_policy *p, const char *name) {
    const schedules *s = slate__schedules_of(p);
    for (size_t i = 0; s != NULL && name != NULL && i < s->count; i++)
        if (strcmp(s->items[i].name, name) == 0) return &s->items[i];
    return NULL;
}

SLATE_API const char *slate_schedule_name(const slate_schedule *s) {
    return s == NULL ? NULL : s->name;
}

SLATE_API const slate_zone *slate_schedule_zone(const slate_schedule *s) {
    return s == NULL ? NULL : s->zone;
}

/* The instant shift k of the layer begins (its handoff), or SLATE_TIME_MAX
 * past the range. A handoff time a DST change skips is read as the
 * compatible disambiguation does. */
static slate_time handoff_at(const slate_schedule *s, const oncall_layer *y, int64_t k) {
    slate_time t;
    int64_t n = (int64_t)y->shift_count, cycle = slate__floordiv(k, n);
    int64_t day = y->start_day + cycle * y->cycle_days + y->shift_day[k - cycle * n];
    if (day > slate_days_from_civil(SLATE_YEAR_MAX, 12, 31) ||
        !slate__local_instant(s->zone, day, y->handoff, &t))
        return SLATE_TIME_MAX;
    return t;
}

/* The layer's member at t (NULL before its first handoff or outside its
 * restriction) and the next instant its answer may change. */
static const char *layer_at(const slate_schedule *s, const oncall_layer *y, slate_time t,
                            slate_time *edge) {
    int64_t days = slate__local_day(s->zone, t) - y->start_day;
    int64_t cycle = slate__floordiv(days, y->cycle_days);
    size_t j = y->shift_count - 1;
    while (j > 0 && y->shift_day[j] > days - cycle * y->cycle_days)
        j--;
    int64_t k = cycle * (int64_t)y->shift_count + (int64_t)j;
    /* The local estimate, made exact against the handoff instants. */
    while (k >= 0 && t < handoff_at(s, y, k))
        k--;
    while (handoff_at(s, y, k + 1) < SLATE_TIME_MAX && t >= handoff_at(s, y, k + 1))
        k++;
    const char *member = NULL;
    if (k < 0) {
        *edge = handoff_at(s, y, 0);
    } else {
        member = y->members[k % (int64_t)y->member_count];
        *edge = handoff_at(s, y, k + 1);
    }
    if (y->restrict_to != NULL) {
        slate_time change;
        int open = slate_calendar_is_open(y->restrict_to, t) == 1;
        slate_status st = open ? slate_calendar_next_close(y->restrict_to, t, &change)
                               : slate_calendar_next_open(y->restrict_to, t, &change);
        if (st == SLATE_OK && change < *edge) *edge = change;
        if (!open) member = NULL;
    }
    return member;
}

/* The override covering t, or NULL; *next the first override starting after t. */
static const oncall_override *override_at(const slate_schedule *s, slate_time t, slate_time *next) {
    size_t lo = 0, hi = s->override_count; /* the first override starting after t */
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (s->overrides[mid].from <= t)
            lo = mid + 1;
        else
            hi = mid;
    }
    *next = lo < s->override_count ? s->overrides[lo].from : SLATE_TIME_MAX;
    return lo > 0 && t < s->overrides[lo - 1].to ? &s->overrides[lo - 1] : NULL;
}

SLATE_API slate_status slate_schedule_who(const slate_schedule *s, slate_time t,
                                          slate_oncall *out) {
    if (s == NULL || out == NULL) return SLATE_EMISUSE;
    if (!slate__time_in_range(t)) return SLATE_ERANGE;
    slate_time next_override;
    const oncall_override *o = override_at(s, t, &next_override);
    if (o != NULL) {
        *out = (slate_oncall){o->member, "override", o->pointer,
                              o->to < next_override ? o->to : next_override};
        return SLATE_OK;
    }
    *out = (slate_oncall){NULL, NULL, s->pointer, next_override};
    for (size_t l = 0; l < s->layer_count; l++) {
        slate_time edge;
        const char *member = layer_at(s, &s->layers[l], t, &edge);
        if (edge < out->until) out->until = edge;
        if (member != NULL) {
            out->member = member;
            out->layer = s->layers[l].name;
            out->rule = s->layers[l].pointer;
            return SLATE_OK;
        }
    }
    return SLATE_OK;
}

static int same_member(const char *a, const char *b) {
    return (a == NULL && b == NULL) || (a != NULL && b != NULL && strcmp(a, b) == 0);
}

SLATE_API slate_status slate_schedule_next_handoff(const slate_schedule *s, slate_time t,
                                                   slate_time *out) {
    slate_oncall now, then;
    slate_status st = slate_schedule_who(s, t, &now);
    if (st != SLATE_OK) return st;
    if (out == NULL) return SLATE_EMISUSE;
    /* Each step passes an edge of a layer, a restriction or an override. */
    for (slate_time u = now.until; u < SLATE_TIME_MAX && u > t; t = u, u = then.until) {
        if ((st = slate_schedule_who(s, u, &then)) != SLATE_OK) return st;
        if (!same_member(now.member, then.member)) {
            *out = u;
            return SLATE_OK;
        }
    }
    return SLATE_ENEVER;
}

/* The same stretch: the same person by the same rule, or nobody. */
static int same_stretch(const slate_oncall *a, const slate_oncall *b) {
    return same_member(a->member, b->member) &&
           (a->member == NULL || strcmp(a->rule, b->rule) == 0);
}

SLATE_API slate_status slate_schedule_stretches(const slate_schedule *s, slate_time a, slate_time b,
                                                slate_oncall_iter *it) {
    if (s == NULL || it == NULL) return SLATE_EMISUSE;
    if (!slate__time_in_range(a) || !slate__time_in_range(b)) return SLATE_ERANGE;
    *it = (slate_oncall_iter){s, a, b};
    return SLATE_OK;
}

SLATE_API int slate_schedule_stretches_next(slate_oncall_iter *it, slate_oncall_stretch *out) {
    slate_oncall now, then;
    if (it == NULL || out == NULL || it->next >= it->end ||
        slate_schedule_who(it->schedule, it->next, &now) != SLATE_OK)
        return 0;
    slate_time end = now.until;
    while (end < it->end && slate_schedule_who(it->schedule, end, &then) == SLATE_OK &&
           same_stretch(&now, &then))
        end = then.until;
    if (end > it->end) end = it->end;
    *out = (slate_oncall_stretch){it->next, end, now.member, now.layer, now.rule};
    it->next = end;
    return 1;
}
