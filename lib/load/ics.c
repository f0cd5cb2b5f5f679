/* Closed days and closures from iCalendar (RFC 5545) sources, read with
 * libical: the all-day events of a holiday feed become closed dates of the
 * calendar, its timed events stretches the calendar is closed for (exact
 * instants, in the event's TZID, UTC, or, floating, the calendar's zone);
 * both with their recurrences (RRULE, RDATE, less EXDATE) and lengths
 * (DTEND or DURATION), filtered by CATEGORIES and TRANSP. Errors name the
 * source, its line and the property. */
#include <stdio.h>
#include <string.h>
#include <strings.h>

#include "../calendar/build.h"
#include "load.h"

#ifdef SLATE_HAVE_ICAL
#include <libical/ical.h>
#endif

#define ICS_MAX_BYTES (16u << 20) /* one source */
#define ICS_MAX_DATES 20000       /* closed dates one calendar takes from its sources */
#define ICS_MAX_CATEGORIES 64
#define ICS_LAST_YEAR 2400 /* recurrences are followed this far */

/* An "ics" item: the source's name, the categories kept (none: all) and
 * whether transparent events (TRANSP:TRANSPARENT, free time) count. */
typedef struct ics_item {
    const char *name;
    const cJSON *categories;
    int transparent;
    int as_hours;        /* "as": "hours": timed events are their dates' hours */
    const char *pointer; /* of the item */
} ics_item;

static slate_status read_item(loader *ld, const cJSON *node, const char *pointer, ics_item *item) {
    static const char *const keys[] = {"ics", "categories", "transparent", "as", NULL};
    char ptr[SLATE_JSON_POINTER_MAX];
    slate_status st = slate__load_check_keys(ld, node, pointer, keys);
    if (st != SLATE_OK) return st;
    const cJSON *name = cJSON_GetObjectItemCaseSensitive(node, "ics");
    slate__json_pointer_key(ptr, pointer, "ics");
    if ((st = slate__load_expect_string(ld, name, ptr)) != SLATE_OK) return st;
    item->name = name->valuestring;
    item->pointer = pointer;
    item->categories = cJSON_GetObjectItemCaseSensitive(node, "categories");
    if (item->categories != NULL) {
        slate__json_pointer_key(ptr, pointer, "categories");
        char **names = NULL;
        size_t count = 0;
        st = slate__load_names(ld, item->categories, ptr, ICS_MAX_CATEGORIES, &names, &count);
        for (size_t i = 0; i < count; i++)
            slate__free(names[i]);
        slate__free(names);
        if (st != SLATE_OK) return st;
    }
    const cJSON *as = cJSON_GetObjectItemCaseSensitive(node, "as");
    if (as != NULL) {
        static const char *const uses[] = {"closures", "hours", NULL};
        slate__json_pointer_key(ptr, pointer, "as");
        if ((st = slate__load_word(ld, as, ptr, uses, &item->as_hours)) != SLATE_OK) return st;
    }
    return slate__load_bool(ld, node, pointer, "transparent", &item->transparent);
}

/* The source's text (NUL-terminated, owned by the caller), as the loader's
 * sources give it. */
static slate_status read_source(loader *ld, const ics_item *item, char **text, size_t *len) {
    char ptr[SLATE_JSON_POINTER_MAX];
    slate__json_pointer_key(ptr, item->pointer, "ics");
    const slate_policy_sources *sources = ld->sources;
    if (sources == NULL)
        return slate__json_fail(
            &ld->src, ptr, 0, SLATE_EINVAL,
            "the policy names the iCalendar source \"%.100s\": load it from its "
            "file, or give its text with slate_policy_from_json_sources()",
            item->name);
    if (sources->read != NULL) {
        const char *given = NULL;
        size_t given_len = 0;
        slate_status st = sources->read(sources->ctx, item->name, &given, &given_len);
        if (st != SLATE_OK || (given == NULL && given_len > 0))
            return slate__json_fail(&ld->src, ptr, 0, st != SLATE_OK ? st : SLATE_EINVAL,
                                    "the iCalendar source \"%.100s\" was not given (%s)",
                                    item->name, slate_status_string(st));
        if (given_len > ICS_MAX_BYTES)
            return slate__json_fail(&ld->src, ptr, 0, SLATE_ELIMIT,
                                    "the iCalendar source \"%.100s\" is larger than %u MiB",
                                    item->name, ICS_MAX_BYTES >> 20);
        if ((*text = slate__malloc(given_len + 1)) == NULL)
            return slate__fail(ld->src.err, SLATE_ENOMEM, "out of memory");
        memcpy(*text, given == NULL ? "" : given, given_len);
        (*text)[given_len] = '\0';
        *len = given_len;
        return SLATE_OK;
    }
    char path[4096];
    const char *dir = sources->base_dir != NULL ? sources->base_dir : ".";
    if (item->name[0] == '/')
        snprintf(path, sizeof path, "%s", item->name);
    else
        snprintf(path, sizeof path, "%s/%s", dir, item->name);
    int sys_errno;
    slate_status st = slate__read_file(path, ICS_MAX_BYTES, 1, text, len, &sys_errno);
    if (st != SLATE_OK)
        return slate__json_fail(
            &ld->src, ptr, 0, st, "cannot read the iCalendar source %.200s: %s", path,
            st == SLATE_ELIMIT ? "larger than 16 MiB" : slate__file_problem(st, sys_errno));
    return SLATE_OK;
}

#ifdef SLATE_HAVE_ICAL

/* Where things are in the source's text, for messages: the line each
 * VEVENT begins on, and the line of a property within it. */
typedef struct ics_source {
    const char *text;
    size_t len;
    const char *name;
    loader *ld;
    const char *pointer;      /* of the item's "ics" */
    const slate_zone *zone;   /* the calendar's: floating times are read in it */
    ics_closures *closures;   /* where timed events go */
    slate_calendar *calendar; /* which lists them by name */
    int as_hours;             /* timed events are hours, collected in hours */
    ics_closures hours;
} ics_source;

/* The line (1-based) of the first line at or after `from` that starts
 * with `what` (case-insensitive) followed by one of `after`, stopping at
 * END:VEVENT when within_event; 0 when there is none. */
static int line_of(const ics_source *s, int from, const char *what, const char *after,
                   int within_event) {
    int line = 1;
    size_t w = strlen(what);
    for (size_t i = 0; i < s->len; line++) {
        const char *p = s->text + i;
        const char *nl = memchr(p, '\n', s->len - i);
        size_t n = nl != NULL ? (size_t)(nl - p) : s->len - i;
        if (line >= from) {
            if (n > w && strncasecmp(p, what, w) == 0 && strchr(after, p[w]) != NULL) return line;
            if (within_event && line > from && n >= 10 && strncasecmp(p, "END:VEVENT", 10) == 0)
                return 0;
        }
        i += n + 1;
    }
    return 0;
}

/* The line the k-th (0-based) VEVENT begins on. */
static int event_line(const ics_source *s, int k) {
    int line = 0;
    for (int i = 0; i <= k; i++) {
        line = line_of(s, line + 1, "BEGIN:VEVENT", "\r\n", 0);
        if (line == 0) return 0;
    }
    return line;
}

/* Fails naming the source, the line of `property` in event k (or of the
 * event) and the property. */
static slate_status ics_fail(const ics_source *s, int k, const char *property, slate_status code,
                             const char *what) {
    int at = event_line(s, k), line = property != NULL ? line_of(s, at, property, ":;", 1) : 0;
    return slate__json_fail(&s->ld->src, s->pointer, 0, code, "%.200s line %d, %s: %s", s->name,
                            line ? line : at, property != NULL ? property : "VEVENT", what);
}

static int64_t day_of(struct icaltimetype t) {
    return slate_days_from_civil(t.year, t.month, t.day);
}

/* Whether one of the event's CATEGORIES is one the item keeps. */
static int kept_category(icalcomponent *ev, const cJSON *wanted) {
    if (wanted == NULL) return 1;
    for (icalproperty *p = icalcomponent_get_first_property(ev, ICAL_CATEGORIES_PROPERTY);
         p != NULL; p = icalcomponent_get_next_property(ev, ICAL_CATEGORIES_PROPERTY)) {
        const char *list = icalproperty_get_categories(p);
        for (const char *c = list; c != NULL && *c;) {
            while (*c == ' ' || *c == ',')
                c++;
            size_t n = strcspn(c, ",");
            size_t m = n;
            while (m > 0 && c[m - 1] == ' ')
                m--;
            for (const cJSON *w = wanted->child; w != NULL; w = w->next)
                if (strlen(w->valuestring) == m && strncasecmp(w->valuestring, c, m) == 0) return 1;
            c += n;
        }
    }
    return 0;
}

typedef struct day_set {
    int64_t *days;
    size_t count, cap;
} day_set;

static int add_day(day_set *d, int64_t day) {
    if (d->count == d->cap) {
        size_t cap = d->cap ? 2 * d->cap : 64;
        int64_t *grown = slate__realloc(d->days, cap * sizeof *grown);
        if (grown == NULL) return 0;
        d->days = grown, d->cap = cap;
    }
    d->days[d->count++] = day;
    return 1;
}

/* The first days of the event's occurrences, before EXDATE: DTSTART, the
 * RRULE's (to ICS_LAST_YEAR or its end) and RDATE's. */
static slate_status occurrences(const ics_source *s, int k, icalcomponent *ev,
                                struct icaltimetype start, day_set *out) {
    icalproperty *rrule = icalcomponent_get_first_property(ev, ICAL_RRULE_PROPERTY);
    if (rrule == NULL) {
        if (!add_day(out, day_of(start)))
            return slate__fail(s->ld->src.err, SLATE_ENOMEM, "out of memory");
    } else {
        struct icalrecurrencetype r = icalproperty_get_rrule(rrule);
        if (r.freq == ICAL_NO_RECURRENCE)
            return ics_fail(s, k, "RRULE", SLATE_EPARSE, "not a recurrence rule RFC 5545 knows");
        icalrecur_iterator *it = icalrecur_iterator_new(r, start);
        if (it == NULL)
            return ics_fail(s, k, "RRULE", SLATE_EPARSE, "a rule libical cannot follow");
        for (struct icaltimetype t = icalrecur_iterator_next(it);
             !icaltime_is_null_time(t) && t.year <= ICS_LAST_YEAR;
             t = icalrecur_iterator_next(it)) {
            if (out->count >= ICS_MAX_DATES) {
                icalrecur_iterator_free(it);
                return ics_fail(s, k, "RRULE", SLATE_ELIMIT, "more than 20000 dates to year 2400");
            }
            if (!add_day(out, day_of(t))) {
                icalrecur_iterator_free(it);
                return slate__fail(s->ld->src.err, SLATE_ENOMEM, "out of memory");
            }
        }
        icalrecur_iterator_free(it);
    }
    for (icalproperty *p = icalcomponent_get_first_property(ev, ICAL_RDATE_PROPERTY); p != NULL;
         p = icalcomponent_get_next_property(ev, ICAL_RDATE_PROPERTY)) {
        struct icaldatetimeperiodtype rd = icalproperty_get_rdate(p);
        if (icaltime_is_null_time(rd.time) || !rd.time.is_date)
            return ics_fail(s, k, "RDATE", SLATE_EPARSE, "only dates (VALUE=DATE) are read");
        if (!add_day(out, day_of(rd.time)))
            return slate__fail(s->ld->src.err, SLATE_ENOMEM, "out of memory");
    }
    return SLATE_OK;
}

/* "FILE UID" of an event, for listings. */
static void event_source(const ics_source *s, icalcomponent *ev, char *out, size_t cap) {
    const char *uid = icalcomponent_get_uid(ev);
    snprintf(out, cap, "%.200s %.100s", s->name, uid != NULL ? uid : "(no UID)");
}

/* Whether day is one of the event's EXDATEs. */
static int excluded(icalcomponent *ev, int64_t day) {
    for (icalproperty *p = icalcomponent_get_first_property(ev, ICAL_EXDATE_PROPERTY); p != NULL;
         p = icalcomponent_get_next_property(ev, ICAL_EXDATE_PROPERTY))
        if (day_of(icalproperty_get_exdate(p)) == day) return 1;
    return 0;
}

/* The zone a timed property's value is in: its TZID (an IANA name slate
 * knows), UTC for a value ending in Z, else (floating) the calendar's. */
static slate_status value_zone(const ics_source *s, int k, icalproperty *p, const char *name,
                               struct icaltimetype t, const slate_zone **zone) {
    icalparameter *tzid = icalproperty_get_first_parameter(p, ICAL_TZID_PARAMETER);
    if (tzid != NULL) {
        slate_error err;
        slate_status st = slate_tzdb_zone(s->ld->db, icalparameter_get_tzid(tzid), zone, &err);
        if (st != SLATE_OK) return ics_fail(s, k, name, st, err.message);
        return SLATE_OK;
    }
    *zone = icaltime_is_utc(t) ? NULL : s->zone;
    return SLATE_OK;
}

/* The instant of a wall time (its fields) in zone (NULL: UTC), plus days
 * and seconds; 0 when it is outside the years 1800 to 2400. */
static int instant_of(struct icaltimetype t, const slate_zone *zone, int64_t days, int64_t seconds,
                      slate_time *out) {
    int64_t day = day_of(t) + days;
    if (zone == NULL) {
        *out = day * 86400 + t.hour * 3600 + t.minute * 60 + t.second + seconds;
    } else {
        slate_civil c = {0, 0, 0, t.hour, t.minute, t.second};
        slate_civil_from_days(day, &c.year, &c.month, &c.day);
        if (slate_zone_from_civil(zone, &c, SLATE_DISAMBIGUATE_COMPATIBLE, out, NULL) != SLATE_OK)
            return 0;
        *out += seconds;
    }
    return *out >= SLATE_TIME_MIN && *out <= SLATE_TIME_MAX;
}

static int64_t wall_seconds(struct icaltimetype t) {
    return day_of(t) * 86400 + t.hour * 3600 + t.minute * 60 + t.second;
}

static int add_span(ics_closures *c, slate_time a, slate_time b) {
    if (c->count == c->cap) {
        size_t cap = c->cap ? 2 * c->cap : 16;
        slate_time(*grown)[2] = slate__realloc(c->spans, cap * sizeof *grown);
        if (grown == NULL) return 0;
        c->spans = grown, c->cap = cap;
    }
    c->spans[c->count][0] = a;
    c->spans[c->count++][1] = b;
    return 1;
}

/* Whether wall time t is one of the event's EXDATEs (dates exclude the day). */
static int excluded_time(icalcomponent *ev, struct icaltimetype t) {
    for (icalproperty *p = icalcomponent_get_first_property(ev, ICAL_EXDATE_PROPERTY); p != NULL;
         p = icalcomponent_get_next_property(ev, ICAL_EXDATE_PROPERTY)) {
        struct icaltimetype ex = icalproperty_get_exdate(p);
        if (ex.is_date ? day_of(ex) == day_of(t) : wall_seconds(ex) == wall_seconds(t)) return 1;
    }
    return 0;
}

/* Adds the stretch of one occurrence starting at wall time o (in the
 * start's zone, so a weekly 09:00 closure starts at 09:00 local on both
 * sides of a DST change): it lasts the first occurrence's exact duration
 * (DTEND - DTSTART, RFC 5545 3.8.5.3), or DURATION (days nominal, the rest
 * exact, RFC 5545 3.3.6). A wall time a change of offset skips is read
 * with the offset before the gap, as RFC 5545 3.3.5 says (the compatible
 * reading). */
static slate_status add_occurrence(const ics_source *s, int k, icalcomponent *ev,
                                   struct icaltimetype o, struct icaltimetype start,
                                   const slate_zone *start_zone, icalproperty *dtend,
                                   const slate_zone *end_zone, struct icaldurationtype duration,
                                   size_t *added) {
    slate_time a, b;
    if (!instant_of(o, start_zone, 0, 0, &a))
        return SLATE_OK; /* outside the range: nothing to close */
    if (dtend != NULL) {
        /* RFC 5545 3.8.5.3: every instance lasts the first's exact duration. */
        slate_time first_start, first_end;
        if (!instant_of(start, start_zone, 0, 0, &first_start) ||
            !instant_of(icalproperty_get_dtend(dtend), end_zone, 0, 0, &first_end))
            return SLATE_OK;
        b = a + (first_end - first_start);
    } else {
        if (!instant_of(o, start_zone, (int64_t)duration.weeks * 7 + duration.days, 0, &b))
            b = SLATE_TIME_MAX;
        b += duration.hours * 3600 + duration.minutes * 60 + duration.seconds;
    }
    if (b > SLATE_TIME_MAX) b = SLATE_TIME_MAX;
    if (b <= a) return SLATE_OK;
    if (++*added > ICS_MAX_DATES)
        return ics_fail(s, k, NULL, SLATE_ELIMIT,
                        "more than 20000 closed dates and stretches from iCalendar sources");
    if (s->as_hours)
        return add_span((ics_closures *)&s->hours, a, b)
                   ? SLATE_OK
                   : slate__fail(s->ld->src.err, SLATE_ENOMEM, "out of memory");
    char source[320];
    event_source(s, ev, source, sizeof source);
    slate_time stretch[2] = {a, b};
    if (!add_span(s->closures, a, b) ||
        !slate__cal_add_closure(s->calendar, NULL, stretch, icalcomponent_get_summary(ev), source))
        return slate__fail(s->ld->src.err, SLATE_ENOMEM, "out of memory");
    return SLATE_OK;
}

/* A timed event: a stretch the calendar is closed for, at each occurrence. */
static slate_status close_timed_event(const ics_source *s, int k, icalcomponent *ev,
                                      struct icaltimetype start, size_t *added) {
    icalproperty *dtstart = icalcomponent_get_first_property(ev, ICAL_DTSTART_PROPERTY);
    icalproperty *dtend = icalcomponent_get_first_property(ev, ICAL_DTEND_PROPERTY);
    icalproperty *dur = icalcomponent_get_first_property(ev, ICAL_DURATION_PROPERTY);
    const slate_zone *start_zone, *end_zone = NULL;
    slate_status st = value_zone(s, k, dtstart, "DTSTART", start, &start_zone);
    struct icaldurationtype duration = icaldurationtype_null_duration();
    if (st == SLATE_OK && dtend != NULL) {
        struct icaltimetype e = icalproperty_get_dtend(dtend);
        if (e.is_date) return ics_fail(s, k, "DTEND", SLATE_EPARSE, "a timed event ends at a time");
        st = value_zone(s, k, dtend, "DTEND", e, &end_zone);
    } else if (st == SLATE_OK && dur != NULL) {
        duration = icalproperty_get_duration(dur);
        if (duration.is_neg) return ics_fail(s, k, "DURATION", SLATE_EPARSE, "a negative duration");
    } else if (st == SLATE_OK) {
        return SLATE_OK; /* no end: an instant, which closes nothing (RFC 5545 3.6.1) */
    }
    icalproperty *rrule = icalcomponent_get_first_property(ev, ICAL_RRULE_PROPERTY);
    if (st == SLATE_OK && rrule == NULL && !excluded_time(ev, start))
        st = add_occurrence(s, k, ev, start, start, start_zone, dtend, end_zone, duration, added);
    if (st == SLATE_OK && rrule != NULL) {
        struct icalrecurrencetype r = icalproperty_get_rrule(rrule);
        icalrecur_iterator *it = icalrecur_iterator_new(r, start);
        if (it == NULL)
            return ics_fail(s, k, "RRULE", SLATE_EPARSE, "a rule libical cannot follow");
        for (struct icaltimetype t = icalrecur_iterator_next(it);
             st == SLATE_OK && !icaltime_is_null_time(t) && t.year <= ICS_LAST_YEAR;
             t = icalrecur_iterator_next(it))
            if (!excluded_time(ev, t))
                st = add_occurrence(s, k, ev, t, start, start_zone, dtend, end_zone, duration,
                                    added);
        icalrecur_iterator_free(it);
    }
    for (icalproperty *p = icalcomponent_get_first_property(ev, ICAL_RDATE_PROPERTY);
         p != NULL && st == SLATE_OK;
         p = icalcomponent_get_next_property(ev, ICAL_RDATE_PROPERTY)) {
        struct icaldatetimeperiodtype rd = icalproperty_get_rdate(p);
        if (icaltime_is_null_time(rd.time) || rd.time.is_date)
            return ics_fail(s, k, "RDATE", SLATE_EPARSE, "a timed event's RDATE is a date-time");
        st = add_occurrence(s, k, ev, rd.time, start, start_zone, dtend, end_zone, duration, added);
    }
    return st;
}

/* Closes every day of one event's occurrences on c (an all-day event), or
 * adds its stretches to the closures (a timed one). */
static slate_status close_event(const ics_source *s, int k, icalcomponent *ev, slate_calendar *c,
                                size_t *added) {
    struct icaltimetype start = icalcomponent_get_dtstart(ev);
    if (icaltime_is_null_time(start))
        return ics_fail(s, k, NULL, SLATE_EPARSE, "an event needs DTSTART");
    if (!start.is_date) return close_timed_event(s, k, ev, start, added);
    if (s->as_hours)
        return ics_fail(
            s, k, "DTSTART", SLATE_EPARSE,
            "an all-day event gives no hours: a feed \"as\": \"hours\" holds timed events");
    struct icaltimetype end = icalcomponent_get_dtend(ev);
    int64_t length = 1;
    if (!icaltime_is_null_time(end)) {
        if (!end.is_date)
            return ics_fail(s, k,
                            icalcomponent_get_first_property(ev, ICAL_DTEND_PROPERTY) ? "DTEND"
                                                                                      : "DURATION",
                            SLATE_EPARSE, "an all-day event ends on a date");
        length = day_of(end) - day_of(start);
        if (length < 1 || length > 366)
            return ics_fail(s, k,
                            icalcomponent_get_first_property(ev, ICAL_DTEND_PROPERTY) ? "DTEND"
                                                                                      : "DURATION",
                            SLATE_EPARSE, "an event lasts 1 to 366 days");
    }
    char source[320];
    event_source(s, ev, source, sizeof source);
    day_set days = {NULL, 0, 0};
    slate_status st = occurrences(s, k, ev, start, &days);
    int64_t first = slate_days_from_civil(SLATE_YEAR_MIN, 1, 1),
            last = slate_days_from_civil(ICS_LAST_YEAR, 12, 31);
    for (size_t i = 0; i < days.count && st == SLATE_OK; i++) {
        if (excluded(ev, days.days[i])) continue;
        for (int64_t d = days.days[i]; d < days.days[i] + length && st == SLATE_OK; d++) {
            if (d < first || d > last) continue;
            if (++*added > ICS_MAX_DATES)
                st = ics_fail(s, k, NULL, SLATE_ELIMIT,
                              "more than 20000 closed dates from iCalendar sources");
            holiday_rule r;
            memset(&r, 0, sizeof r);
            r.kind = HOLIDAY_DATE;
            r.from_year = 1, r.to_year = 9999;
            slate_civil_from_days(d, &r.year, &r.month, &r.day);
            if (st == SLATE_OK &&
                (!slate__cal_add_holiday(c, &r) ||
                 !slate__cal_add_closure(c, &r, NULL, icalcomponent_get_summary(ev), source)))
                st = slate__fail(s->ld->src.err, SLATE_ENOMEM, "out of memory");
        }
    }
    slate__free(days.days);
    return st;
}

static slate_status add_hours(const ics_source *s, slate_calendar *c);

/* The first error libical noted in the parsed tree (X-LIC-ERROR), with
 * the event it is in, or -1 when there is none. */
static const char *first_error(icalcomponent *cal, int *event) {
    int k = 0;
    for (icalcomponent *ev = icalcomponent_get_first_component(cal, ICAL_VEVENT_COMPONENT);
         ev != NULL; ev = icalcomponent_get_next_component(cal, ICAL_VEVENT_COMPONENT), k++) {
        icalproperty *p = icalcomponent_get_first_property(ev, ICAL_XLICERROR_PROPERTY);
        if (p != NULL) {
            *event = k;
            return icalproperty_get_xlicerror(p);
        }
    }
    icalproperty *p = icalcomponent_get_first_property(cal, ICAL_XLICERROR_PROPERTY);
    *event = -1;
    return p != NULL ? icalproperty_get_xlicerror(p) : NULL;
}

static slate_status close_source(loader *ld, const ics_item *item, char *text, size_t len,
                                 slate_calendar *c, const slate_zone *zone, ics_closures *closures,
                                 size_t *added) {
    char ptr[SLATE_JSON_POINTER_MAX];
    slate__json_pointer_key(ptr, item->pointer, "ics");
    const char *body = text;
    if (len >= 3 && memcmp(body, "\xef\xbb\xbf", 3) == 0)
        body += 3, len -= 3; /* "UTF-8 with BOM" */
    ics_source s = {body,     len, item->name,     ld,          ptr, zone,
                    closures, c,   item->as_hours, {NULL, 0, 0}};
    if (strlen(body) != len)
        return slate__json_fail(&ld->src, ptr, 0, SLATE_EPARSE, "%.200s: a NUL byte in the text",
                                item->name);
    icalcomponent *root = icalparser_parse_string(body);
    icalcomponent *cal = root;
    if (cal != NULL && icalcomponent_isa(cal) == ICAL_XROOT_COMPONENT)
        cal = icalcomponent_get_first_component(root, ICAL_VCALENDAR_COMPONENT);
    if (cal == NULL || icalcomponent_isa(cal) != ICAL_VCALENDAR_COMPONENT) {
        if (root != NULL) icalcomponent_free(root);
        return slate__json_fail(
            &ld->src, ptr, 0, SLATE_EPARSE,
            "%.200s line 1: not a whole iCalendar file (BEGIN:VCALENDAR ... END:VCALENDAR)",
            item->name);
    }
    int bad_event;
    const char *why = first_error(cal, &bad_event);
    slate_status st = SLATE_OK;
    if (why != NULL) {
        char what[SLATE_ERROR_TEXT_MAX / 2], property[32] = "";
        snprintf(what, sizeof what, "%s", why);
        /* libical says "... in DTSTART property ...": point at that line. */
        const char *in = strstr(why, " in "),
                   *end = in != NULL ? strstr(in + 4, " property") : NULL;
        if (end != NULL && (size_t)(end - in - 4) < sizeof property)
            snprintf(property, sizeof property, "%.*s", (int)(end - in - 4), in + 4);
        st = bad_event >= 0
                 ? ics_fail(&s, bad_event, *property ? property : NULL, SLATE_EPARSE, what)
                 : slate__json_fail(&ld->src, ptr, 0, SLATE_EPARSE, "%.200s: %s", item->name, what);
    }
    int k = 0;
    for (icalcomponent *ev = icalcomponent_get_first_component(cal, ICAL_VEVENT_COMPONENT);
         ev != NULL && st == SLATE_OK;
         ev = icalcomponent_get_next_component(cal, ICAL_VEVENT_COMPONENT), k++) {
        icalproperty *transp = icalcomponent_get_first_property(ev, ICAL_TRANSP_PROPERTY);
        if (transp != NULL && icalproperty_get_transp(transp) == ICAL_TRANSP_TRANSPARENT &&
            !item->transparent)
            continue;
        if (!kept_category(ev, item->categories)) continue;
        st = close_event(&s, k, ev, c, added);
    }
    icalcomponent_free(root);
    if (st == SLATE_OK && s.as_hours) st = add_hours(&s, c);
    slate__free(s.hours.spans);
    return st;
}

/* One piece of a date's hours: local date, seconds after midnight. */
typedef struct hours_piece {
    int64_t day;
    int32_t start, end;
} hours_piece;

static int by_day_and_start(const void *pa, const void *pb) {
    const hours_piece *a = pa, *b = pb;
    if (a->day != b->day) return (a->day > b->day) - (a->day < b->day);
    return (a->start > b->start) - (a->start < b->start);
}

/* The feed's timed events as the hours of their local dates, cut at
 * midnight; a date with hours already, or two events that overlap, is an
 * error naming the date. */
static slate_status add_hours(const ics_source *s, slate_calendar *c) {
    const ics_closures *h = &s->hours;
    size_t cap = 0, n = 0;
    for (size_t i = 0; i < h->count; i++)
        cap += (size_t)((h->spans[i][1] - h->spans[i][0]) / 86400) + 3;
    hours_piece *pieces = slate__calloc(cap ? cap : 1, sizeof *pieces);
    if (pieces == NULL) return slate__fail(s->ld->src.err, SLATE_ENOMEM, "out of memory");
    for (size_t i = 0; i < h->count; i++) {
        slate_zone_info at = {0, 0, ""}, until = {0, 0, ""};
        if (s->zone != NULL) {
            slate_zone_lookup(s->zone, h->spans[i][0], &at);
            slate_zone_lookup(s->zone, h->spans[i][1], &until);
        }
        int64_t a = h->spans[i][0] + at.utc_offset, b = h->spans[i][1] + until.utc_offset;
        for (int64_t d = slate__floordiv(a, 86400); d * 86400 < b && n < cap; d++) {
            int64_t from = a > d * 86400 ? a - d * 86400 : 0,
                    to = b < (d + 1) * 86400 ? b - d * 86400 : 86400;
            if (to > from) pieces[n++] = (hours_piece){d, (int32_t)from, (int32_t)to};
        }
    }
    qsort(pieces, n, sizeof *pieces, by_day_and_start);
    uint32_t rule;
    slate_status st = SLATE_OK;
    if (!slate__cal_add_rule(c, s->pointer, &rule))
        st = slate__fail(s->ld->src.err, SLATE_ENOMEM, "out of memory");
    for (size_t i = 0; i < n && st == SLATE_OK; i++) {
        int32_t y;
        int m, dd;
        slate_civil_from_days(pieces[i].day, &y, &m, &dd);
        int first = i == 0 || pieces[i - 1].day != pieces[i].day;
        if (!first && pieces[i].start < pieces[i - 1].end)
            st = slate__json_fail(&s->ld->src, s->pointer, 0, SLATE_EPARSE,
                                  "%.200s: two events give %04d-%02d-%02d overlapping hours",
                                  s->name, (int)y, m, dd);
        else if (first && slate__cal_has_dated(c, pieces[i].day))
            st = slate__json_fail(&s->ld->src, s->pointer, 0, SLATE_EPARSE,
                                  "%.200s: %04d-%02d-%02d has hours from another feed", s->name,
                                  (int)y, m, dd);
        else if (!slate__cal_add_override(c, pieces[i].day, pieces[i].start, pieces[i].end, rule))
            st = slate__fail(s->ld->src.err, SLATE_ENOMEM, "out of memory");
    }
    slate__free(pieces);
    return st;
}

#else /* no libical */

static slate_status close_source(loader *ld, const ics_item *item, char *text, size_t len,
                                 slate_calendar *c, const slate_zone *zone, ics_closures *closures,
                                 size_t *added) {
    (void)text, (void)len, (void)c, (void)zone, (void)closures, (void)added;
    char ptr[SLATE_JSON_POINTER_MAX];
    slate__json_pointer_key(ptr, item->pointer, "ics");
    return slate__json_fail(
        &ld->src, ptr, 0, SLATE_EINVAL,
        "this slate was built without iCalendar support (cmake -DSLATE_ICAL=ON, with "
        "libical-dev installed)");
}

#endif

slate_status slate__load_ics(loader *ld, const cJSON *node, const char *pointer, slate_calendar *c,
                             const slate_zone *zone, ics_closures *closures, size_t *added) {
    ics_item item = {NULL, NULL, 0, 0, NULL};
    slate_status st = read_item(ld, node, pointer, &item);
    char *text = NULL;
    size_t len = 0;
    if (st == SLATE_OK) st = read_source(ld, &item, &text, &len);
    if (st == SLATE_OK) st = close_source(ld, &item, text, len, c, zone, closures, added);
    slate__free(text);
    return st;
}
