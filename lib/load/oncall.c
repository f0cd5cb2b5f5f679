/* The "oncall" section: schedules of layers and overrides. */
#include <stdlib.h>
#include <string.h>

#include "../oncall/schedules.h"
#include "load.h"
#include "wall_clock.h"

#define MAX_SCHEDULES 1000
#define MAX_LAYERS 16
#define MAX_MEMBERS 1000
#define MAX_OVERRIDES 10000
#define MAX_PATTERN 64

/* One shift's length: an ISO 8601 duration of whole days or weeks. */
static slate_status load_shift(loader *ld, const cJSON *v, const char *pointer, int32_t *days) {
    slate_status st = slate__load_expect_string(ld, v, pointer);
    if (st != SLATE_OK) return st;
    slate_duration d;
    if (slate_duration_parse(v->valuestring, &d, NULL) != SLATE_OK || d <= 0 || d % 86400 != 0 ||
        d > 366 * 86400)
        return slate__json_fail(
            &ld->src, pointer, 0, SLATE_EPARSE,
            "a shift is whole days or weeks, P1D to P366D (P1W, P14D), not \"%.40s\"",
            v->valuestring);
    *days = (int32_t)(d / 86400);
    return SLATE_OK;
}

/* "rotation": one shift length (P1W), or a pattern of them (["P2D", "P2D",
 * "P3D"]) that repeats; each shift goes to the next member. */
static slate_status load_rotation(loader *ld, const cJSON *v, const char *pointer,
                                  oncall_layer *y) {
    char item[SLATE_JSON_POINTER_MAX];
    int n = cJSON_IsArray(v) ? cJSON_GetArraySize(v) : 1;
    if (n < 1 || n > MAX_PATTERN)
        return slate__json_fail(&ld->src, pointer, 0, n ? SLATE_ELIMIT : SLATE_EPARSE,
                                "a shift pattern has 1 to %d shifts", MAX_PATTERN);
    if ((y->shift_day = slate__calloc((size_t)n, sizeof *y->shift_day)) == NULL)
        return slate__fail(ld->src.err, SLATE_ENOMEM, "out of memory");
    const cJSON *shift = cJSON_IsArray(v) ? v->child : v;
    for (; y->shift_count < (size_t)n; shift = shift->next) {
        int32_t days = 0;
        if (cJSON_IsArray(v)) slate__json_pointer_index(item, pointer, y->shift_count);
        slate_status st = load_shift(ld, shift, cJSON_IsArray(v) ? item : pointer, &days);
        if (st != SLATE_OK) return st;
        y->shift_day[y->shift_count++] = y->cycle_days;
        y->cycle_days += days;
    }
    return SLATE_OK;
}

static slate_status load_layer(loader *ld, const cJSON *node, const char *pointer,
                               const slate_policy *p, oncall_layer *y) {
    static const char *const keys[] = {"name",  "members",  "rotation", "handoff",
                                       "start", "restrict", NULL};
    char ptr[SLATE_JSON_POINTER_MAX];
    slate_status st = slate__load_expect_object(ld, node, pointer);
    if (st == SLATE_OK) st = slate__load_check_keys(ld, node, pointer, keys);
    if (st == SLATE_OK) st = slate__load_copy_text(ld, node, pointer, "name", 1, &y->name);
    if (st == SLATE_OK && (y->pointer = slate__strdup(pointer)) == NULL)
        st = slate__fail(ld->src.err, SLATE_ENOMEM, "out of memory");
    const cJSON *members = cJSON_GetObjectItemCaseSensitive(node, "members");
    slate__json_pointer_key(ptr, pointer, "members");
    if (st == SLATE_OK && members == NULL)
        st = slate__json_fail(&ld->src, pointer, 0, SLATE_EPARSE,
                              "a layer needs its \"members\", in order");
    if (st == SLATE_OK)
        st = slate__load_names(ld, members, ptr, MAX_MEMBERS, &y->members, &y->member_count);
    const cJSON *rotation = cJSON_GetObjectItemCaseSensitive(node, "rotation"),
                *handoff = cJSON_GetObjectItemCaseSensitive(node, "handoff"),
                *start = cJSON_GetObjectItemCaseSensitive(node, "start");
    if (st == SLATE_OK && (rotation == NULL || handoff == NULL || start == NULL))
        st = slate__json_fail(&ld->src, pointer, 0, SLATE_EPARSE,
                              "a layer needs \"rotation\", \"handoff\" and \"start\"");
    slate__json_pointer_key(ptr, pointer, "rotation");
    if (st == SLATE_OK) st = load_rotation(ld, rotation, ptr, y);
    slate__json_pointer_key(ptr, pointer, "handoff");
    if (st == SLATE_OK && (st = slate__load_expect_string(ld, handoff, ptr)) == SLATE_OK &&
        (y->handoff = slate__wall_clock_parse(handoff->valuestring, 0)) < 0)
        st = slate__json_fail(&ld->src, ptr, 0, SLATE_EPARSE,
                              "a handoff is a local time HH:MM, not \"%.40s\"",
                              handoff->valuestring);
    slate__json_pointer_key(ptr, pointer, "start");
    slate_civil c;
    if (st == SLATE_OK && (st = slate__load_expect_string(ld, start, ptr)) == SLATE_OK) {
        if (strlen(start->valuestring) != 10 ||
            slate_civil_parse(start->valuestring, &c, NULL) != SLATE_OK ||
            c.year < SLATE_YEAR_MIN || c.year > SLATE_YEAR_MAX)
            st = slate__json_fail(
                &ld->src, ptr, 0, SLATE_EPARSE,
                "the start is the local date of the first handoff, YYYY-MM-DD, not \"%.40s\"",
                start->valuestring);
        else
            y->start_day = slate_days_from_civil(c.year, c.month, c.day);
    }
    const cJSON *restrict_to = cJSON_GetObjectItemCaseSensitive(node, "restrict");
    if (st == SLATE_OK && restrict_to != NULL) {
        slate__json_pointer_key(ptr, pointer, "restrict");
        if ((st = slate__load_expect_string(ld, restrict_to, ptr)) == SLATE_OK &&
            (y->restrict_to = slate_policy_calendar(p, restrict_to->valuestring)) == NULL)
            st = slate__load_unknown_calendar(ld, p, ptr, restrict_to->valuestring);
    }
    return st;
}

static slate_status load_override(loader *ld, const cJSON *node, const char *pointer,
                                  oncall_override *o) {
    static const char *const keys[] = {"member", "from", "to", "description", NULL};
    char ptr[SLATE_JSON_POINTER_MAX];
    slate_status st = slate__load_expect_object(ld, node, pointer);
    if (st == SLATE_OK) st = slate__load_check_keys(ld, node, pointer, keys);
    if (st == SLATE_OK) st = slate__load_copy_text(ld, node, pointer, "member", 1, &o->member);
    if (st == SLATE_OK && (o->pointer = slate__strdup(pointer)) == NULL)
        st = slate__fail(ld->src.err, SLATE_ENOMEM, "out of memory");
    const char *ends[] = {"from", "to"};
    slate_time *at[] = {&o->from, &o->to};
    for (int k = 0; k < 2 && st == SLATE_OK; k++) {
        const cJSON *v = cJSON_GetObjectItemCaseSensitive(node, ends[k]);
        slate__json_pointer_key(ptr, pointer, ends[k]);
        slate_error err;
        if (v == NULL)
            st = slate__json_fail(&ld->src, pointer, 0, SLATE_EPARSE,
                                  "an override needs \"from\" and \"to\"");
        else if ((st = slate__load_expect_string(ld, v, ptr)) == SLATE_OK &&
                 slate_time_parse(v->valuestring, at[k], &err) != SLATE_OK)
            st = slate__json_fail(&ld->src, ptr, 0, SLATE_EPARSE, "%s", err.message);
    }
    if (st == SLATE_OK && o->to <= o->from)
        st = slate__json_fail(&ld->src, pointer, 0, SLATE_EPARSE,
                              "an override's \"to\" is after its \"from\"");
    return st;
}

static int by_from(const void *pa, const void *pb) {
    const oncall_override *a = pa, *b = pb;
    return (a->from > b->from) - (a->from < b->from);
}

static slate_status load_schedule(loader *ld, const cJSON *node, const char *pointer,
                                  const slate_policy *p, slate_schedule *s) {
    static const char *const keys[] = {"timezone", "layers", "overrides", "description", NULL};
    char ptr[SLATE_JSON_POINTER_MAX], item[SLATE_JSON_POINTER_MAX];
    slate_status st = slate__load_expect_object(ld, node, pointer);
    if (st == SLATE_OK) st = slate__load_check_keys(ld, node, pointer, keys);
    const cJSON *tz = cJSON_GetObjectItemCaseSensitive(node, "timezone"),
                *layers = cJSON_GetObjectItemCaseSensitive(node, "layers"),
                *overrides = cJSON_GetObjectItemCaseSensitive(node, "overrides");
    if (st == SLATE_OK && (tz == NULL || layers == NULL))
        st = slate__json_fail(&ld->src, pointer, 0, SLATE_EPARSE,
                              "a schedule needs \"timezone\" and \"layers\"");
    slate__json_pointer_key(ptr, pointer, "timezone");
    if (st == SLATE_OK) st = slate__load_zone(ld, tz, ptr, &s->zone);
    slate__json_pointer_key(ptr, pointer, "layers");
    if (st == SLATE_OK) st = slate__load_expect_array(ld, layers, ptr);
    int n = st == SLATE_OK ? cJSON_GetArraySize(layers) : 0;
    if (st == SLATE_OK && (n == 0 || n > MAX_LAYERS))
        st = slate__json_fail(&ld->src, ptr, 0, n ? SLATE_ELIMIT : SLATE_EPARSE,
                              "a schedule has 1 to %d layers", MAX_LAYERS);
    if (st == SLATE_OK && (s->layers = slate__calloc((size_t)n, sizeof *s->layers)) == NULL)
        st = slate__fail(ld->src.err, SLATE_ENOMEM, "out of memory");
    for (const cJSON *l = layers ? layers->child : NULL; l != NULL && st == SLATE_OK; l = l->next) {
        slate__json_pointer_index(item, ptr, s->layer_count);
        st = load_layer(ld, l, item, p, &s->layers[s->layer_count++]);
    }
    if (st != SLATE_OK || overrides == NULL) return st;
    slate__json_pointer_key(ptr, pointer, "overrides");
    if ((st = slate__load_expect_array(ld, overrides, ptr)) != SLATE_OK) return st;
    n = cJSON_GetArraySize(overrides);
    if (n > MAX_OVERRIDES)
        return slate__json_fail(&ld->src, ptr, 0, SLATE_ELIMIT, "more than %d overrides",
                                MAX_OVERRIDES);
    if (n > 0 && (s->overrides = slate__calloc((size_t)n, sizeof *s->overrides)) == NULL)
        return slate__fail(ld->src.err, SLATE_ENOMEM, "out of memory");
    for (const cJSON *o = overrides->child; o != NULL && st == SLATE_OK; o = o->next) {
        slate__json_pointer_index(item, ptr, s->override_count);
        st = load_override(ld, o, item, &s->overrides[s->override_count++]);
    }
    if (st != SLATE_OK) return st;
    qsort(s->overrides, s->override_count, sizeof *s->overrides, by_from);
    for (size_t i = 1; i < s->override_count; i++)
        if (s->overrides[i].from < s->overrides[i - 1].to)
            return slate__json_fail(&ld->src, s->overrides[i].pointer, 0, SLATE_EPARSE,
                                    "this override overlaps %s", s->overrides[i - 1].pointer);
    return SLATE_OK;
}

slate_status slate__load_oncall(loader *ld, const cJSON *node, const char *pointer,
                                slate_policy *p) {
    slate_status st = slate__load_expect_object(ld, node, pointer);
    if (st != SLATE_OK) return st;
    int n = cJSON_GetArraySize(node);
    if (n > MAX_SCHEDULES)
        return slate__json_fail(&ld->src, pointer, 0, SLATE_ELIMIT, "more than %d schedules",
                                MAX_SCHEDULES);
    schedules *s = slate__calloc(1, sizeof *s);
    if (s == NULL || (n > 0 && (s->items = slate__calloc((size_t)n, sizeof *s->items)) == NULL)) {
        slate__free(s);
        return slate__fail(ld->src.err, SLATE_ENOMEM, "out of memory");
    }
    slate__policy_set_section(p, SLATE__SECTION_ONCALL, s, slate__schedules_free);
    char ptr[SLATE_JSON_POINTER_MAX];
    for (const cJSON *item = node->child; item != NULL && st == SLATE_OK; item = item->next) {
        slate__json_pointer_key(ptr, pointer, item->string);
        slate_schedule *sc = &s->items[s->count++];
        if ((sc->name = slate__strdup(item->string)) == NULL ||
            (sc->pointer = slate__strdup(ptr)) == NULL)
            return slate__fail(ld->src.err, SLATE_ENOMEM, "out of memory");
        for (size_t i = 0; i + 1 < s->count; i++)
            if (strcmp(s->items[i].name, item->string) == 0)
                return slate__json_fail_duplicate(&ld->src, ptr, "duplicate schedule \"%s\"",
                                                  item->string);
        st = load_schedule(ld, item, ptr, p, sc);
    }
    return st;
}
