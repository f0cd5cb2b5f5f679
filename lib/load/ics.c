/* Closed days from iCalendar (RFC 5545) sources, read with libical: the
 * all-day events of a holiday feed, their recurrences (RRULE, RDATE, less
 * EXDATE) and lengths (DTEND or DURATION), filtered by CATEGORIES and
 * TRANSP, become closed dates of the calendar. Errors name the source, its
 * line and the property. Timed events (closing part of a day) are not read
 * yet: they are an error that says so. */
#include <stdio.h>
#include <string.h>
#include <strings.h>

#include "../calendar/build.h"
#include "load.h"

#ifdef SLATE_HAVE_ICAL
#include <libical/ical.h>
#endif

#define ICS_MAX_BYTES (16u << 20)    /* one source */
#define ICS_MAX_DATES 20000          /* closed dates one calendar takes from its sources */
#define ICS_MAX_CATEGORIES 64
#define ICS_LAST_YEAR 2400           /* recurrences are followed this far */

/* An "ics" item: the source's name, the categories kept (none: all) and
 * whether transparent events (TRANSP:TRANSPARENT, free time) count. */
typedef struct ics_item {
    const char *name;
    const cJSON *categories;
    int transparent;
    const char *pointer; /* of the item */
} ics_item;

static slate_status read_item(loader *ld, const cJSON *node, const char *pointer, ics_item *item) {
    static const char *const keys[] = {"ics", "categories", "transparent", NULL};
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
    const cJSON *transparent = cJSON_GetObjectItemCaseSensitive(node, "transparent");
    if (transparent != NULL) {
        slate__json_pointer_key(ptr, pointer, "transparent");
        if (!cJSON_IsBool(transparent))
            return slate__json_fail(&ld->src, ptr, 0, SLATE_EPARSE, "expected true or false");
        item->transparent = cJSON_IsTrue(transparent);
    }
    return SLATE_OK;
}

/* The source's text (NUL-terminated, owned by the caller), as the loader's
 * sources give it. */
static slate_status read_source(loader *ld, const ics_item *item, char **text, size_t *len) {
    char ptr[SLATE_JSON_POINTER_MAX];
    slate__json_pointer_key(ptr, item->pointer, "ics");
    const slate_policy_sources *sources = ld->sources;
    if (sources == NULL)
        return slate__json_fail(&ld->src, ptr, 0, SLATE_EINVAL,
                                "the policy names the iCalendar source \"%.100s\": load it from its "
                                "file, or give its text with slate_policy_from_json_sources()",
                                item->name);
    if (sources->read != NULL) {
        const char *given = NULL;
        size_t given_len = 0;
        slate_status st = sources->read(sources->ctx, item->name, &given, &given_len);
        if (st != SLATE_OK || (given == NULL && given_len > 0))
            return slate__json_fail(&ld->src, ptr, 0, st != SLATE_OK ? st : SLATE_EINVAL,
                                    "the iCalendar source \"%.100s\" was not given (%s)", item->name,
                                    slate_status_string(st));
        if (given_len > ICS_MAX_BYTES)
            return slate__json_fail(&ld->src, ptr, 0, SLATE_ELIMIT,
                                    "the iCalendar source \"%.100s\" is larger than %u MiB", item->name,
                                    ICS_MAX_BYTES >> 20);
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
        return slate__json_fail(&ld->src, ptr, 0, st, "cannot read the iCalendar source %.200s: %s", path,
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
    const char *pointer; /* of the item's "ics" */
} ics_source;

/* The line (1-based) of the first line at or after `from` that starts
 * with `what` (case-insensitive) followed by one of `after`, stopping at
 * END:VEVENT when within_event; 0 when there is none. */
static int line_of(const ics_source *s, int from, const char *what, const char *after, int within_event) {
    int line = 1;
    size_t w = strlen(what);
    for (size_t i = 0; i < s->len; line++) {
        const char *p = s->text + i;
        const char *nl = memchr(p, '\n', s->len - i);
        size_t n = nl != NULL ? (size_t)(nl - p) : s->len - i;
        if (line >= from) {
            if (n > w && strncasecmp(p, what, w) == 0 && strchr(after, p[w]) != NULL) return line;
            if (within_event && line > from && n >= 10 && strncasecmp(p, "END:VEVENT", 10) == 0) return 0;
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

static int64_t day_of(struct icaltimetype t) { return slate_days_from_civil(t.year, t.month, t.day); }

/* Whether one of the event's CATEGORIES is one the item keeps. */
static int kept_category(icalcomponent *ev, const cJSON *wanted) {
    if (wanted == NULL) return 1;
    for (icalproperty *p = icalcomponent_get_first_property(ev, ICAL_CATEGORIES_PROPERTY); p != NULL;
         p = icalcomponent_get_next_property(ev, ICAL_CATEGORIES_PROPERTY)) {
        const char *list = icalproperty_get_categories(p);
        for (const char *c = list; c != NULL && *c;) {
            while (*c == ' ' || *c == ',') c++;
            size_t n = strcspn(c, ",");
            size_t m = n;
            while (m > 0 && c[m - 1] == ' ') m--;
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
static slate_status occurrences(const ics_source *s, int k, icalcomponent *ev, struct icaltimetype start,
                                day_set *out) {
    icalproperty *rrule = icalcomponent_get_first_property(ev, ICAL_RRULE_PROPERTY);
    if (rrule == NULL) {
        if (!add_day(out, day_of(start))) return slate__fail(s->ld->src.err, SLATE_ENOMEM, "out of memory");
    } else {
        struct icalrecurrencetype r = icalproperty_get_rrule(rrule);
        if (r.freq == ICAL_NO_RECURRENCE)
            return ics_fail(s, k, "RRULE", SLATE_EPARSE, "not a recurrence rule RFC 5545 knows");
        icalrecur_iterator *it = icalrecur_iterator_new(r, start);
        if (it == NULL) return ics_fail(s, k, "RRULE", SLATE_EPARSE, "a rule libical cannot follow");
        for (struct icaltimetype t = icalrecur_iterator_next(it);
             !icaltime_is_null_time(t) && t.year <= ICS_LAST_YEAR; t = icalrecur_iterator_next(it)) {
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
        if (!add_day(out, day_of(rd.time))) return slate__fail(s->ld->src.err, SLATE_ENOMEM, "out of memory");
    }
    return SLATE_OK;
}

/* Whether day is one of the event's EXDATEs. */
static int excluded(icalcomponent *ev, int64_t day) {
    for (icalproperty *p = icalcomponent_get_first_property(ev, ICAL_EXDATE_PROPERTY); p != NULL;
         p = icalcomponent_get_next_property(ev, ICAL_EXDATE_PROPERTY))
        if (day_of(icalproperty_get_exdate(p)) == day) return 1;
    return 0;
}

/* Closes every day of one event's occurrences on c. */
static slate_status close_event(const ics_source *s, int k, icalcomponent *ev, slate_calendar *c,
                                size_t *added) {
    struct icaltimetype start = icalcomponent_get_dtstart(ev);
    if (icaltime_is_null_time(start)) return ics_fail(s, k, NULL, SLATE_EPARSE, "an event needs DTSTART");
    if (!start.is_date)
        return ics_fail(s, k, "DTSTART", SLATE_EPARSE,
                        "timed events (closing part of a day) are not read yet; holidays are all-day "
                        "events (DTSTART;VALUE=DATE)");
    struct icaltimetype end = icalcomponent_get_dtend(ev);
    int64_t length = 1;
    if (!icaltime_is_null_time(end)) {
        if (!end.is_date)
            return ics_fail(s, k, icalcomponent_get_first_property(ev, ICAL_DTEND_PROPERTY) ? "DTEND" : "DURATION",
                            SLATE_EPARSE, "an all-day event ends on a date");
        length = day_of(end) - day_of(start);
        if (length < 1 || length > 366)
            return ics_fail(s, k, icalcomponent_get_first_property(ev, ICAL_DTEND_PROPERTY) ? "DTEND" : "DURATION",
                            SLATE_EPARSE, "an event lasts 1 to 366 days");
    }
    day_set days = {NULL, 0, 0};
    slate_status st = occurrences(s, k, ev, start, &days);
    int64_t first = slate_days_from_civil(SLATE_YEAR_MIN, 1, 1), last = slate_days_from_civil(ICS_LAST_YEAR, 12, 31);
    for (size_t i = 0; i < days.count && st == SLATE_OK; i++) {
        if (excluded(ev, days.days[i])) continue;
        for (int64_t d = days.days[i]; d < days.days[i] + length && st == SLATE_OK; d++) {
            if (d < first || d > last) continue;
            if (++*added > ICS_MAX_DATES)
                st = ics_fail(s, k, NULL, SLATE_ELIMIT, "more than 20000 closed dates from iCalendar sources");
            holiday_rule r;
            memset(&r, 0, sizeof r);
            r.kind = HOLIDAY_DATE;
            r.from_year = 1, r.to_year = 9999;
            slate_civil_from_days(d, &r.year, &r.month, &r.day);
            if (st == SLATE_OK && !slate__cal_add_holiday(c, &r))
                st = slate__fail(s->ld->src.err, SLATE_ENOMEM, "out of memory");
        }
    }
    slate__free(days.days);
    return st;
}

/* The first error libical noted in the parsed tree (X-LIC-ERROR), with
 * the event it is in, or -1 when there is none. */
static const char *first_error(icalcomponent *cal, int *event) {
    int k = 0;
    for (icalcomponent *ev = icalcomponent_get_first_component(cal, ICAL_VEVENT_COMPONENT); ev != NULL;
         ev = icalcomponent_get_next_component(cal, ICAL_VEVENT_COMPONENT), k++) {
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
                                 slate_calendar *c, size_t *added) {
    char ptr[SLATE_JSON_POINTER_MAX];
    slate__json_pointer_key(ptr, item->pointer, "ics");
    const char *body = text;
    if (len >= 3 && memcmp(body, "\xef\xbb\xbf", 3) == 0) body += 3, len -= 3; /* "UTF-8 with BOM" */
    ics_source s = {body, len, item->name, ld, ptr};
    if (strlen(body) != len)
        return slate__json_fail(&ld->src, ptr, 0, SLATE_EPARSE, "%.200s: a NUL byte in the text", item->name);
    icalcomponent *root = icalparser_parse_string(body);
    icalcomponent *cal = root;
    if (cal != NULL && icalcomponent_isa(cal) == ICAL_XROOT_COMPONENT)
        cal = icalcomponent_get_first_component(root, ICAL_VCALENDAR_COMPONENT);
    if (cal == NULL || icalcomponent_isa(cal) != ICAL_VCALENDAR_COMPONENT) {
        if (root != NULL) icalcomponent_free(root);
        return slate__json_fail(&ld->src, ptr, 0, SLATE_EPARSE,
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
        const char *in = strstr(why, " in "), *end = in != NULL ? strstr(in + 4, " property") : NULL;
        if (end != NULL && (size_t)(end - in - 4) < sizeof property)
            snprintf(property, sizeof property, "%.*s", (int)(end - in - 4), in + 4);
        st = bad_event >= 0 ? ics_fail(&s, bad_event, *property ? property : NULL, SLATE_EPARSE, what)
                            : slate__json_fail(&ld->src, ptr, 0, SLATE_EPARSE, "%.200s: %s", item->name, what);
    }
    int k = 0;
    for (icalcomponent *ev = icalcomponent_get_first_component(cal, ICAL_VEVENT_COMPONENT);
         ev != NULL && st == SLATE_OK; ev = icalcomponent_get_next_component(cal, ICAL_VEVENT_COMPONENT), k++) {
        icalproperty *transp = icalcomponent_get_first_property(ev, ICAL_TRANSP_PROPERTY);
        if (transp != NULL && icalproperty_get_transp(transp) == ICAL_TRANSP_TRANSPARENT && !item->transparent)
            continue;
        if (!kept_category(ev, item->categories)) continue;
        st = close_event(&s, k, ev, c, added);
    }
    icalcomponent_free(root);
    return st;
}

#else /* no libical */

static slate_status close_source(loader *ld, const ics_item *item, char *text, size_t len,
                                 slate_calendar *c, size_t *added) {
    (void)text, (void)len, (void)c, (void)added;
    char ptr[SLATE_JSON_POINTER_MAX];
    slate__json_pointer_key(ptr, item->pointer, "ics");
    return slate__json_fail(&ld->src, ptr, 0, SLATE_EINVAL,
                            "this slate was built without iCalendar support (cmake -DSLATE_ICAL=ON, with "
                            "libical-dev installed)");
}

#endif

slate_status slate__load_ics(loader *ld, const cJSON *node, const char *pointer, slate_calendar *c,
                             size_t *added) {
    ics_item item = {NULL, NULL, 0, NULL};
    slate_status st = read_item(ld, node, pointer, &item);
    char *text = NULL;
    size_t len = 0;
    if (st == SLATE_OK) st = read_source(ld, &item, &text, &len);
    if (st == SLATE_OK) st = close_source(ld, &item, text, len, c, added);
    slate__free(text);
    return st;
}
