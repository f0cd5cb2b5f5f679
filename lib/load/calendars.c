/* The "calendars" section of a policy: weekly hours, closed dates and
 * rules, per-date hours, composition, "24x7". */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../calendar/build.h"
#include "load.h"
#include "wall_clock.h"

#define MAX_NESTING 32            /* calendars composed of calendars composed of ... */
#define MAX_MEMBERS CAL_MAX_PARTS /* calendars in one union or intersection */
#define MAX_INTERVALS_PER_DAY 32
#define MAX_CLOSED_RULES 1000
#define MAX_HOURS_DATES 10000

static const char *const weekday_keys[7] = {"mon", "tue", "wed", "thu", "fri", "sat", "sun"};

typedef struct entry {
    const cJSON *node;
    char pointer[SLATE_JSON_POINTER_MAX];
    int state; /* 0 new, 1 being built, 2 built */
} entry;

typedef struct section {
    loader *ld;
    entry *entries;
    slate_calendar **cals; /* in the document's order; the policy owns them */
    size_t count;
    int nesting;           /* compositions being built, one inside the other */
    cal_registry *shared;  /* identical calendars of policies on this database share */
    slate_policy *policy;  /* which holds the calendars, by name */
    ics_closures closures; /* of the leaf being loaded: its sources' timed events */
} section;

/* An interval of the day as written, for overlap checks. */
typedef struct written {
    int32_t start, end;
    const char *text;
    char pointer[SLATE_JSON_POINTER_MAX];
} written;

/* The advice for an interval whose start or end is not HH:MM: the whole
 * interval in the strict form when both ends can be read loosely ("9:00",
 * "7pm"), else the bad end's strict form, else the range it must be in. */
static void interval_advice(const char *start, const char *end, int bad_end, char *out,
                            size_t cap) {
    char a[12], b[12];
    int loose_start = slate__wall_clock_strict(start, 0, a);
    int loose_end = slate__wall_clock_strict(end, 1, b);
    const char *form = "times are 24-hour HH:MM with two-digit hours";
    if (loose_start && loose_end)
        snprintf(out, cap, "%s; write \"%s-%s\"", form, a, b);
    else if (bad_end ? loose_end : loose_start)
        snprintf(out, cap, "%s; write \"%s\"", form, bad_end ? b : a);
    else
        snprintf(out, cap, "use %s",
                 strlen(bad_end ? end : start) > 5
                     ? (bad_end ? "00:00:00 to 24:00:00" : "00:00:00 to 23:59:59")
                     : (bad_end ? "00:00 to 24:00" : "00:00 to 23:59"));
}

static slate_status parse_interval(loader *ld, const cJSON *node, const char *pointer,
                                   written *out) {
    slate_status st = slate__load_expect_string(ld, node, pointer);
    if (st != SLATE_OK) return st;
    const char *s = node->valuestring;
    char start[12] = "", end[12] = "";
    const char *dash = strchr(s, '-');
    if (dash != NULL && dash - s < 12 && strlen(dash + 1) < 12) {
        memcpy(start, s, (size_t)(dash - s));
        start[dash - s] = '\0';
        strcpy(end, dash + 1);
    }
    out->start = slate__wall_clock_parse(start, 0);
    out->end = slate__wall_clock_parse(end, 1);
    if (dash == NULL || (out->start < 0 && out->end < 0 && (!*start || !*end)))
        return slate__json_fail(&ld->src, pointer, 0, SLATE_EPARSE,
                                "expected \"HH:MM-HH:MM\", found \"%.40s\"", s);
    if (out->start < 0 || out->end < 0) {
        char advice[96];
        interval_advice(start, end, out->start >= 0, advice, sizeof advice);
        return slate__json_fail(
            &ld->src, pointer, 0, SLATE_EPARSE, "invalid %s \"%s\" in \"%.40s\": %s",
            out->start < 0 ? "start" : "end", out->start < 0 ? start : end, s, advice);
    }
    if (out->end == out->start)
        return slate__json_fail(&ld->src, pointer, 0, SLATE_EPARSE,
                                "interval \"%s\" is empty; write 00:00-24:00 for a whole day", s);
    out->text = s;
    snprintf(out->pointer, sizeof out->pointer, "%s", pointer);
    return SLATE_OK;
}

static int compare_written(const void *pa, const void *pb) {
    const written *a = pa, *b = pb;
    return (a->start > b->start) - (a->start < b->start);
}

/* Sorts a day's intervals and reports the first that overlaps another. */
static slate_status check_overlaps(loader *ld, written *w, size_t n, const char *day) {
    qsort(w, n, sizeof *w, compare_written);
    for (size_t i = 1; i < n; i++)
        if (w[i].start < w[i - 1].end) {
            const written *later = strcmp(w[i].pointer, w[i - 1].pointer) > 0 ? &w[i] : &w[i - 1];
            const written *other = later == &w[i] ? &w[i - 1] : &w[i];
            return slate__json_fail(&ld->src, later->pointer, 0, SLATE_EPARSE,
                                    "interval \"%s\" overlaps \"%s\" (%s) on %s", later->text,
                                    other->text, other->pointer, day);
        }
    return SLATE_OK;
}

static slate_status load_weekly(section *sec, slate_calendar *c, const cJSON *node,
                                const char *pointer) {
    loader *ld = sec->ld;
    slate_status st = slate__load_expect_object(ld, node, pointer);
    if (st == SLATE_OK)
        st = slate__load_check_keys(
            ld, node, pointer,
            (const char *const[]){"mon", "tue", "wed", "thu", "fri", "sat", "sun", NULL});
    written *all = slate__calloc(7 * 2 * MAX_INTERVALS_PER_DAY, sizeof *all);
    size_t count[7] = {0};
    if (all == NULL) return slate__fail(ld->src.err, SLATE_ENOMEM, "out of memory");
    char day_ptr[SLATE_JSON_POINTER_MAX], item_ptr[SLATE_JSON_POINTER_MAX];
    for (int d = 0; d < 7 && st == SLATE_OK; d++) {
        const cJSON *list = cJSON_GetObjectItemCaseSensitive(node, weekday_keys[d]);
        if (list == NULL) continue;
        slate__json_pointer_key(day_ptr, pointer, weekday_keys[d]);
        if ((st = slate__load_expect_array(ld, list, day_ptr)) != SLATE_OK) break;
        if (cJSON_GetArraySize(list) > MAX_INTERVALS_PER_DAY) {
            st = slate__json_fail(&ld->src, day_ptr, 0, SLATE_ELIMIT,
                                  "more than %d intervals in a day", MAX_INTERVALS_PER_DAY);
            break;
        }
        size_t i = 0;
        for (const cJSON *item = list->child; item != NULL && st == SLATE_OK;
             item = item->next, i++) {
            slate__json_pointer_index(item_ptr, day_ptr, i);
            written w;
            uint32_t rule;
            if ((st = parse_interval(ld, item, item_ptr, &w)) != SLATE_OK) break;
            if (!slate__cal_add_rule(c, item_ptr, &rule) ||
                !slate__cal_add_weekly(c, d, w.start, w.end, rule)) {
                st = slate__fail(ld->src.err, SLATE_ENOMEM, "out of memory");
                break;
            }
            written own = w, spill = w;
            if (w.end <= w.start) { /* overnight: the rest of the day, then the next morning */
                own.end = 86400;
                spill.start = 0;
                all[((d + 1) % 7) * 2 * MAX_INTERVALS_PER_DAY + count[(d + 1) % 7]++] = spill;
            }
            all[d * 2 * MAX_INTERVALS_PER_DAY + count[d]++] = own;
        }
    }
    for (int d = 0; d < 7 && st == SLATE_OK; d++)
        st = check_overlaps(ld, all + d * 2 * MAX_INTERVALS_PER_DAY, count[d], weekday_keys[d]);
    slate__free(all);
    return st;
}

/* "YYYY-MM-DD" within the supported years, to a day number. */
static slate_status parse_date(loader *ld, const char *text, const char *pointer, int at_key,
                               int64_t *day) {
    slate_civil c;
    if (strlen(text) != 10 || slate_civil_parse(text, &c, NULL) != SLATE_OK)
        return slate__json_fail(&ld->src, pointer, at_key, SLATE_EPARSE,
                                "invalid date \"%.40s\": expected YYYY-MM-DD from 1800 to 2400",
                                text);
    *day = slate_days_from_civil(c.year, c.month, c.day);
    return SLATE_OK;
}

static slate_status load_hours(section *sec, slate_calendar *c, const cJSON *node,
                               const char *pointer) {
    loader *ld = sec->ld;
    slate_status st = slate__load_expect_object(ld, node, pointer);
    if (st == SLATE_OK && cJSON_GetArraySize(node) > MAX_HOURS_DATES)
        return slate__json_fail(&ld->src, pointer, 0, SLATE_ELIMIT,
                                "more than %d dates with their own hours", MAX_HOURS_DATES);
    char date_ptr[SLATE_JSON_POINTER_MAX], item_ptr[SLATE_JSON_POINTER_MAX];
    written w[MAX_INTERVALS_PER_DAY];
    for (const cJSON *date = node->child; date != NULL && st == SLATE_OK; date = date->next) {
        int64_t day = 0;
        slate__json_pointer_key(date_ptr, pointer, date->string);
        if ((st = parse_date(ld, date->string, date_ptr, 1, &day)) != SLATE_OK) break;
        for (const cJSON *prev = node->child; prev != date; prev = prev->next)
            if (strcmp(prev->string, date->string) == 0)
                return slate__json_fail_duplicate(&ld->src, date_ptr, "duplicate date \"%s\"",
                                                  date->string);
        if ((st = slate__load_expect_array(ld, date, date_ptr)) != SLATE_OK) break;
        if (cJSON_GetArraySize(date) > MAX_INTERVALS_PER_DAY)
            return slate__json_fail(&ld->src, date_ptr, 0, SLATE_ELIMIT,
                                    "more than %d intervals in a day", MAX_INTERVALS_PER_DAY);
        size_t n = 0;
        for (const cJSON *item = date->child; item != NULL && st == SLATE_OK;
             item = item->next, n++) {
            slate__json_pointer_index(item_ptr, date_ptr, n);
            if ((st = parse_interval(ld, item, item_ptr, &w[n])) != SLATE_OK) break;
            if (w[n].end < w[n].start)
                st = slate__json_fail(
                    &ld->src, item_ptr, 0, SLATE_EPARSE,
                    "per-date hours cannot run overnight: \"%s\" (end them at 24:00)", w[n].text);
        }
        if (st == SLATE_OK) st = check_overlaps(ld, w, n, date->string);
        if (st == SLATE_OK && slate__cal_has_dated(c, day))
            st = slate__json_fail(&ld->src, date_ptr, 1, SLATE_EPARSE,
                                  "%s has hours from an iCalendar feed too (\"as\": \"hours\")",
                                  date->string);
        /* An empty list is hours too: none of the date's own. */
        if (st == SLATE_OK && !slate__cal_add_dated(c, day))
            st = slate__fail(ld->src.err, SLATE_ENOMEM, "out of memory");
        for (size_t i = 0; i < n && st == SLATE_OK; i++) {
            uint32_t rule;
            if (!slate__cal_add_rule(c, w[i].pointer, &rule) ||
                !slate__cal_add_override(c, day, w[i].start, w[i].end, rule))
                st = slate__fail(ld->src.err, SLATE_ENOMEM, "out of memory");
        }
    }
    return st;
}

static int weekday_index(const char *s) {
    for (int d = 0; d < 7; d++)
        if (strcmp(s, weekday_keys[d]) == 0) return d;
    return -1;
}

/* One item of "closed": a date string or a rule object; *name is its
 * "name" (in the tree) or NULL. */
static slate_status load_closed_rule(loader *ld, const cJSON *node, const char *pointer,
                                     holiday_rule *r, const char **name_out) {
    static const char *const keys[] = {"date",    "yearly", "nth",      "weekday",
                                       "month",   "easter", "observed", "from_year",
                                       "to_year", "name",   NULL};
    memset(r, 0, sizeof *r);
    r->from_year = 1;
    r->to_year = 9999;
    *name_out = NULL;
    char ptr[SLATE_JSON_POINTER_MAX];
    int64_t day = 0;
    if (cJSON_IsString(node)) {
        slate_status st = parse_date(ld, node->valuestring, pointer, 0, &day);
        if (st != SLATE_OK) return st;
        r->kind = HOLIDAY_DATE;
        slate_civil_from_days(day, &r->year, &r->month, &r->day);
        return SLATE_OK;
    }
    slate_status st = slate__load_expect_object(ld, node, pointer);
    if (st == SLATE_OK) st = slate__load_check_keys(ld, node, pointer, keys);
    if (st != SLATE_OK) return st;
    const char *kinds[] = {"date", "yearly", "nth", "easter"};
    int found = -1;
    for (int k = 0; k < 4; k++)
        if (cJSON_GetObjectItemCaseSensitive(node, kinds[k]) != NULL) {
            if (found >= 0)
                return slate__json_fail(
                    &ld->src, pointer, 0, SLATE_EPARSE,
                    "a rule has one of date, yearly, nth or easter; this one has %s and %s",
                    kinds[found], kinds[k]);
            found = k;
        }
    if (found < 0)
        return slate__json_fail(&ld->src, pointer, 0, SLATE_EPARSE,
                                "a closed rule needs one of date, yearly, nth or easter");
    const cJSON *v = cJSON_GetObjectItemCaseSensitive(node, kinds[found]);
    slate__json_pointer_key(ptr, pointer, kinds[found]);
    long n;
    if (found == 0) {
        if ((st = slate__load_expect_string(ld, v, ptr)) != SLATE_OK ||
            (st = parse_date(ld, v->valuestring, ptr, 0, &day)) != SLATE_OK)
            return st;
        r->kind = HOLIDAY_DATE;
        slate_civil_from_days(day, &r->year, &r->month, &r->day);
    } else if (found == 1) {
        if ((st = slate__load_expect_string(ld, v, ptr)) != SLATE_OK) return st;
        const char *s = v->valuestring;
        int m = -1, d = -1;
        if (strlen(s) == 5 && s[2] == '-' && sscanf(s, "%2d-%2d", &m, &d) == 2 && m >= 1 &&
            m <= 12 && d >= 1 && d <= slate_days_in_month(2000, m)) {
            r->kind = HOLIDAY_YEARLY;
            r->month = m;
            r->day = d;
        } else {
            return slate__json_fail(&ld->src, ptr, 0, SLATE_EPARSE,
                                    "invalid yearly date \"%.20s\": expected MM-DD", s);
        }
    } else if (found == 2) {
        if ((st = slate__load_expect_int(ld, v, ptr, -1, 5, &n)) != SLATE_OK) return st;
        if (n == 0)
            return slate__json_fail(&ld->src, ptr, 0, SLATE_EPARSE,
                                    "nth is 1 to 5, or -1 for the last");
        r->kind = HOLIDAY_NTH;
        r->nth = (int)n;
        const cJSON *wd = cJSON_GetObjectItemCaseSensitive(node, "weekday");
        const cJSON *month = cJSON_GetObjectItemCaseSensitive(node, "month");
        if (wd == NULL || month == NULL)
            return slate__json_fail(&ld->src, pointer, 0, SLATE_EPARSE,
                                    "an nth rule needs weekday and month");
        slate__json_pointer_key(ptr, pointer, "weekday");
        if ((st = slate__load_expect_string(ld, wd, ptr)) != SLATE_OK) return st;
        if ((r->weekday = weekday_index(wd->valuestring) + 1) == 0)
            return slate__json_fail(&ld->src, ptr, 0, SLATE_EPARSE,
                                    "unknown weekday \"%.20s\": use mon to sun", wd->valuestring);
        slate__json_pointer_key(ptr, pointer, "month");
        if ((st = slate__load_expect_int(ld, month, ptr, 1, 12, &n)) != SLATE_OK) return st;
        r->month = (int)n;
    } else {
        if ((st = slate__load_expect_int(ld, v, ptr, -366, 366, &n)) != SLATE_OK) return st;
        r->kind = HOLIDAY_EASTER;
        r->easter_offset = (int)n;
    }
    if (found != 2)
        for (int k = 0; k < 2; k++) {
            const char *extra = k == 0 ? "weekday" : "month";
            if (cJSON_GetObjectItemCaseSensitive(node, extra) != NULL) {
                slate__json_pointer_key(ptr, pointer, extra);
                return slate__json_fail(&ld->src, ptr, 1, SLATE_EPARSE,
                                        "\"%s\" belongs to nth rules only", extra);
            }
        }
    if ((st = slate__load_bool(ld, node, pointer, "observed", &r->observed)) != SLATE_OK) return st;
    const char *bounds[] = {"from_year", "to_year"};
    for (int k = 0; k < 2; k++) {
        const cJSON *b = cJSON_GetObjectItemCaseSensitive(node, bounds[k]);
        if (b == NULL) continue;
        slate__json_pointer_key(ptr, pointer, bounds[k]);
        if ((st = slate__load_expect_int(ld, b, ptr, 1, 9999, &n)) != SLATE_OK) return st;
        if (k == 0)
            r->from_year = (int32_t)n;
        else
            r->to_year = (int32_t)n;
    }
    if (r->from_year > r->to_year)
        return slate__json_fail(&ld->src, pointer, 0, SLATE_EPARSE,
                                "from_year %d is after to_year %d", (int)r->from_year,
                                (int)r->to_year);
    const cJSON *name = cJSON_GetObjectItemCaseSensitive(node, "name");
    if (name != NULL) {
        slate__json_pointer_key(ptr, pointer, "name");
        if ((st = slate__load_expect_string(ld, name, ptr)) != SLATE_OK) return st;
        *name_out = name->valuestring;
    }
    return SLATE_OK;
}

static slate_status load_closed(section *sec, slate_calendar *c, const cJSON *node,
                                const char *pointer) {
    slate_status st = slate__load_expect_array(sec->ld, node, pointer);
    if (st == SLATE_OK && cJSON_GetArraySize(node) > MAX_CLOSED_RULES)
        return slate__json_fail(&sec->ld->src, pointer, 0, SLATE_ELIMIT,
                                "more than %d closed dates and rules", MAX_CLOSED_RULES);
    char item_ptr[SLATE_JSON_POINTER_MAX];
    size_t i = 0, from_sources = 0;
    for (const cJSON *item = node->child; item != NULL && st == SLATE_OK; item = item->next, i++) {
        holiday_rule r;
        slate__json_pointer_index(item_ptr, pointer, i);
        if (cJSON_IsObject(item) && cJSON_GetObjectItemCaseSensitive(item, "ics") != NULL) {
            st = slate__load_ics(sec->ld, item, item_ptr, c, slate_calendar_zone(c), &sec->closures,
                                 &from_sources);
            continue;
        }
        const char *name;
        st = load_closed_rule(sec->ld, item, item_ptr, &r, &name);
        if (st == SLATE_OK && (!slate__cal_add_holiday(c, &r) ||
                               !slate__cal_add_closure(c, &r, NULL, name, item_ptr)))
            st = slate__fail(sec->ld->src.err, SLATE_ENOMEM, "out of memory");
    }
    return st;
}

/* "timezone": a zone, or {"field": ..., "default": zone} for a calendar
 * written once and read in each ticket's zone (a leaf needs the default:
 * its hours are compiled there). */
static slate_status load_timezone(loader *ld, slate_calendar *c, const cJSON *node,
                                  const char *pointer, int need_default, const slate_zone **zone) {
    const char *field;
    int unknown_default;
    slate_status st =
        slate__load_zone_rule(ld, node, pointer, need_default, &field, zone, &unknown_default);
    if (st == SLATE_OK && field != NULL && !slate__cal_set_zone_field(c, field, unknown_default))
        st = slate__fail(ld->src.err, SLATE_ENOMEM, "out of memory");
    return st;
}

static slate_status load_leaf(section *sec, slate_calendar *c, const cJSON *node,
                              const char *pointer) {
    static const char *const keys[] = {"timezone", "weekly",      "closed",
                                       "hours",    "description", NULL};
    loader *ld = sec->ld;
    char ptr[SLATE_JSON_POINTER_MAX];
    slate_status st = slate__load_check_keys(ld, node, pointer, keys);
    if (st != SLATE_OK) return st;
    const cJSON *tz = cJSON_GetObjectItemCaseSensitive(node, "timezone");
    if (tz == NULL)
        return slate__json_fail(
            &ld->src, pointer, 0, SLATE_EPARSE,
            "a calendar needs \"timezone\" (or union, intersection, minus, or \"24x7\")");
    slate__json_pointer_key(ptr, pointer, "timezone");
    const slate_zone *zone;
    if ((st = load_timezone(ld, c, tz, ptr, 1, &zone)) != SLATE_OK) return st;
    slate__cal_set_leaf(c, zone);
    const char *parts[] = {"weekly", "closed", "hours"};
    slate_status (*loaders[])(section *, slate_calendar *, const cJSON *,
                              const char *) = {load_weekly, load_closed, load_hours};
    for (int k = 0; k < 3 && st == SLATE_OK; k++) {
        const cJSON *part = cJSON_GetObjectItemCaseSensitive(node, parts[k]);
        slate__json_pointer_key(ptr, pointer, parts[k]);
        if (part != NULL) st = loaders[k](sec, c, part, ptr);
    }
    return st;
}

static slate_status build(section *sec, size_t i);

static int by_start(const void *pa, const void *pb) {
    const slate_time *a = pa, *b = pb;
    return (a[0] > b[0]) - (a[0] < b[0]);
}

/* A closure calendar: a leaf in UTC whose per-date hours are the stretches
 * (sorted, merged, cut at UTC midnights). */
static slate_status closure_calendar(section *sec, const slate_calendar *c, slate_calendar **out) {
    ics_closures *cl = &sec->closures;
    qsort(cl->spans, cl->count, sizeof *cl->spans, by_start);
    slate_calendar *shut = slate__cal_create(slate_calendar_name(c), slate__cal_pointer(c));
    char closed[SLATE_JSON_POINTER_MAX];
    slate__json_pointer_key(closed, slate__cal_pointer(c), "closed");
    uint32_t rule;
    if (shut == NULL || !slate__cal_add_rule(shut, closed, &rule)) {
        slate__cal_destroy(shut);
        return slate__fail(sec->ld->src.err, SLATE_ENOMEM, "out of memory");
    }
    const slate_zone *utc; /* a leaf has a zone: its dates here are UTC's */
    slate_status st = slate_tzdb_zone(sec->ld->db, "UTC", &utc, sec->ld->src.err);
    if (st != SLATE_OK) {
        slate__cal_destroy(shut);
        return st;
    }
    slate__cal_set_leaf(shut, utc);
    int64_t last_day = INT64_MIN;
    int ok = 1;
    for (size_t i = 0; i < cl->count && ok;) {
        slate_time a = cl->spans[i][0], b = cl->spans[i][1];
        for (i++; i < cl->count && cl->spans[i][0] <= b; i++)
            if (cl->spans[i][1] > b) b = cl->spans[i][1];
        for (int64_t d = slate__floordiv(a, 86400); d * 86400 < b && ok; d++) {
            int64_t from = a > d * 86400 ? a - d * 86400 : 0,
                    to = b < (d + 1) * 86400 ? b - d * 86400 : 86400;
            if (d != last_day) ok = slate__cal_add_dated(shut, d);
            last_day = d;
            ok = ok && slate__cal_add_override(shut, d, (int32_t)from, (int32_t)to, rule);
        }
    }
    if (!ok) {
        slate__cal_destroy(shut);
        return slate__fail(sec->ld->src.err, SLATE_ENOMEM, "out of memory");
    }
    *out = shut;
    return slate__cal_finish(shut, sec->shared, sec->ld->src.err);
}

/* A leaf whose sources had timed events becomes minus(its hours, its
 * closures), its dates still those of its own zone. */
static slate_status add_closures(section *sec, slate_calendar *c, const char *pointer) {
    int unknown_default;
    if (slate__cal_zone_field(c, &unknown_default) != NULL)
        return slate__json_fail(
            &sec->ld->src, pointer, 0, SLATE_EINVAL,
            "a calendar read in each ticket's zone cannot take timed closures from "
            "iCalendar sources");
    slate_calendar *hours = slate__cal_take_definition(c), *shut = NULL;
    if (hours == NULL) return slate__fail(sec->ld->src.err, SLATE_ENOMEM, "out of memory");
    slate_status st = slate__cal_finish(hours, sec->shared, sec->ld->src.err);
    if (st == SLATE_OK) st = closure_calendar(sec, c, &shut);
    const slate_calendar *parts[2] = {hours, shut};
    if (st == SLATE_OK && !slate__cal_set_composed(c, CAL_MINUS, parts, 2))
        st = slate__fail(sec->ld->src.err, SLATE_ENOMEM, "out of memory");
    if (st == SLATE_OK) slate__cal_set_zone(c, slate_calendar_zone(hours));
    slate__cal_destroy(hours);
    slate__cal_destroy(shut);
    return st;
}

static slate_status load_composed(section *sec, size_t i, const cJSON *node, const char *pointer) {
    static const char *const keys[] = {"union",    "intersection", "minus",
                                       "timezone", "description",  NULL};
    static const char *const ops[] = {"union", "intersection", "minus"};
    static const cal_kind kinds[] = {CAL_UNION, CAL_INTERSECTION, CAL_MINUS};
    loader *ld = sec->ld;
    slate_calendar *c = sec->cals[i];
    char ptr[SLATE_JSON_POINTER_MAX], item_ptr[SLATE_JSON_POINTER_MAX];
    slate_status st = slate__load_check_keys(ld, node, pointer, keys);
    int op = -1;
    for (int k = 0; k < 3 && st == SLATE_OK; k++)
        if (cJSON_GetObjectItemCaseSensitive(node, ops[k]) != NULL) {
            if (op >= 0)
                return slate__json_fail(
                    &ld->src, pointer, 0, SLATE_EPARSE,
                    "a calendar has one of union, intersection or minus; this one has %s and %s",
                    ops[op], ops[k]);
            op = k;
        }
    if (st != SLATE_OK) return st;
    const cJSON *list = cJSON_GetObjectItemCaseSensitive(node, ops[op]);
    slate__json_pointer_key(ptr, pointer, ops[op]);
    if ((st = slate__load_expect_array(ld, list, ptr)) != SLATE_OK) return st;
    int n = cJSON_GetArraySize(list);
    if (n == 0)
        return slate__json_fail(&ld->src, ptr, 0, SLATE_EPARSE, "%s of no calendars", ops[op]);
    if (op == 2 && n != 2)
        return slate__json_fail(&ld->src, ptr, 0, SLATE_EPARSE,
                                "minus takes exactly two calendars [a, b]: a without b");
    if (n > MAX_MEMBERS)
        return slate__json_fail(&ld->src, ptr, 0, SLATE_ELIMIT,
                                "%s of %d calendars: at most %d (compose in steps)", ops[op], n,
                                MAX_MEMBERS);
    if (sec->nesting > MAX_NESTING)
        return slate__json_fail(&ld->src, ptr, 0, SLATE_ELIMIT,
                                "%s nested %d compositions deep: at most %d", ops[op], sec->nesting,
                                MAX_NESTING);
    const slate_calendar **children = slate__calloc((size_t)n, sizeof *children);
    if (children == NULL) return slate__fail(ld->src.err, SLATE_ENOMEM, "out of memory");
    size_t k = 0;
    for (const cJSON *item = list->child; item != NULL && st == SLATE_OK; item = item->next, k++) {
        slate__json_pointer_index(item_ptr, ptr, k);
        if ((st = slate__load_expect_string(ld, item, item_ptr)) != SLATE_OK) break;
        /* The section declared its calendars into the policy in order. */
        long found = slate__policy_calendar_index(sec->policy, item->valuestring);
        size_t j = found < 0 || (size_t)found > sec->count ? sec->count : (size_t)found;
        if (j == sec->count) {
            st = slate__load_unknown_calendar(ld, sec->policy, item_ptr, item->valuestring);
        } else if (sec->entries[j].state == 1) {
            st = slate__json_fail(
                &ld->src, item_ptr, 0, SLATE_EPARSE,
                "calendar \"%.60s\" refers back to itself through \"%.60s\" (a cycle)", c->name,
                item->valuestring);
        } else {
            st = build(sec, j);
            children[k] = sec->cals[j];
        }
    }
    if (st == SLATE_OK && !slate__cal_set_composed(c, kinds[op], children, (size_t)n))
        st = slate__fail(ld->src.err, SLATE_ENOMEM, "out of memory");
    slate__free(children);
    /* The zone whose dates make its business days and months. */
    const cJSON *tz = cJSON_GetObjectItemCaseSensitive(node, "timezone");
    const slate_zone *zone = NULL;
    slate__json_pointer_key(ptr, pointer, "timezone");
    if (st == SLATE_OK && tz != NULL && (st = load_timezone(ld, c, tz, ptr, 0, &zone)) == SLATE_OK)
        slate__cal_set_zone(c, zone);
    return st;
}

/* Creates the calendar of one member of "calendars" and gives it to the
 * policy; it is built once every calendar has a name. */
static slate_status declare(section *sec, slate_policy *p, const cJSON *item, const char *pointer) {
    loader *ld = sec->ld;
    if (sec->entries == NULL || sec->cals == NULL)
        return slate__fail(ld->src.err, SLATE_ENOMEM, "out of memory");
    entry *e = &sec->entries[sec->count];
    slate__json_pointer_key(e->pointer, pointer, item->string);
    if (slate_policy_calendar(p, item->string) != NULL)
        return slate__json_fail_duplicate(&ld->src, e->pointer, "duplicate calendar \"%s\"",
                                          item->string);
    e->node = item;
    slate_calendar *c = slate__cal_create(item->string, e->pointer);
    if (c == NULL || !slate__policy_add_calendar(p, c))
        return slate__fail(ld->src.err, SLATE_ENOMEM, "out of memory");
    sec->cals[sec->count++] = c;
    return SLATE_OK;
}

static slate_status build(section *sec, size_t i) {
    entry *e = &sec->entries[i];
    if (e->state == 2) return SLATE_OK;
    e->state = 1;
    slate_calendar *c = sec->cals[i];
    slate_status st;
    if (cJSON_IsString(e->node)) {
        if (strcmp(e->node->valuestring, "24x7") != 0)
            return slate__json_fail(&sec->ld->src, e->pointer, 0, SLATE_EPARSE,
                                    "a calendar is an object or \"24x7\", not \"%.40s\"",
                                    e->node->valuestring);
        slate__cal_set_always(c);
        st = SLATE_OK;
    } else if ((st = slate__load_expect_object(sec->ld, e->node, e->pointer)) != SLATE_OK) {
        return st;
    } else if (cJSON_GetObjectItemCaseSensitive(e->node, "union") ||
               cJSON_GetObjectItemCaseSensitive(e->node, "intersection") ||
               cJSON_GetObjectItemCaseSensitive(e->node, "minus")) {
        sec->nesting++;
        st = load_composed(sec, i, e->node, e->pointer);
        sec->nesting--;
    } else {
        sec->closures.count = 0;
        st = load_leaf(sec, c, e->node, e->pointer);
        if (st == SLATE_OK && sec->closures.count > 0) st = add_closures(sec, c, e->pointer);
    }
    if (st == SLATE_OK) st = slate__cal_finish(c, sec->shared, sec->ld->src.err);
    if (st == SLATE_OK) e->state = 2;
    return st;
}

slate_status slate__load_calendars(loader *ld, const cJSON *node, const char *pointer,
                                   slate_policy *p) {
    slate_status st = slate__load_expect_object(ld, node, pointer);
    if (st != SLATE_OK) return st;
    int n = cJSON_GetArraySize(node);
    if ((unsigned)n > SLATE_POLICY_MAX_CALENDARS)
        return slate__json_fail(&ld->src, pointer, 0, SLATE_ELIMIT,
                                "%d calendars: at most %u (SLATE_POLICY_MAX_CALENDARS)", n,
                                SLATE_POLICY_MAX_CALENDARS);
    section sec = {ld,
                   slate__calloc((size_t)n + 1, sizeof(entry)),
                   slate__calloc((size_t)n + 1, sizeof(slate_calendar *)),
                   0,
                   0,
                   slate__cal_registry(ld->db),
                   p,
                   {NULL, 0, 0}};
    for (const cJSON *item = node->child; item != NULL && st == SLATE_OK; item = item->next)
        st = declare(&sec, p, item, pointer);
    for (size_t i = 0; i < sec.count && st == SLATE_OK; i++)
        st = build(&sec, i);
    slate__free(sec.entries);
    slate__free(sec.cals);
    slate__free(sec.closures.spans);
    return st;
}
