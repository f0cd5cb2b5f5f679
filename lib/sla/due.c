/* What a target allows: its duration for a priority, or a wall-clock
 * deadline ("by 16:00 on the next business day", "end of business day")
 * together with the business time from the start of a cycle to it. */
#include <string.h>

#include "../base/base.h"
#include "../calendar/bdays.h"
#include "../tz/local.h"
#include "slas.h"

/* How many local dates a search for the n-th business day looks at. */
#define BUSINESS_DAY_SEARCH 3660

/* The entry of a target for a priority: exact, else "*". */
static const sla_duration *due_entry(const sla_target *t, const char *priority) {
    const sla_duration *fallback = NULL;
    for (size_t i = 0; i < t->duration_count; i++) {
        if (t->durations[i].priority == NULL)
            fallback = &t->durations[i];
        else if (priority != NULL && slate__text_equal(t->durations[i].priority, priority))
            return &t->durations[i];
    }
    return fallback;
}

/* Whether local date `day` is a business day of cal, and where it ends
 * (the calendar's own definition, lib/calendar/bdays.h): 1 yes, 0 no, -1
 * out of range. */
static int business_day_end(const slate_calendar *cal, int64_t day, slate_time *end) {
    slate_time start;
    return slate__cal_business_day(cal, day, &start, end);
}

/* The n-th business day after local date `day` (n >= 1), and its end;
 * BD_NONE when none within the search. */
static int64_t nth_business_day(const slate_calendar *cal, int64_t day, int n, slate_time *end) {
    int64_t found = slate__cal_nth_business_day(cal, day, n);
    if (found == BD_NONE || found > day + BUSINESS_DAY_SEARCH) return BD_NONE;
    return business_day_end(cal, found, end) > 0 ? found : BD_NONE;
}

/* "by HH:MM": the wall instant on the start's own date when n = 0, that
 * date is a business day and the instant is still to come; else on the
 * n-th (at least the first) business day after the start's date. */
static int by_deadline(const sla_duration *d, const slate_calendar *cal, slate_time start,
                       slate_time *deadline) {
    const slate_zone *zone = slate_calendar_zone(cal);
    int64_t today = slate__cal_date(cal, start);
    slate_time end, at;
    if (d->business_days == 0 && business_day_end(cal, today, &end) > 0 &&
        slate__local_instant(zone, today, d->minute * 60, &at) && at > start) {
        *deadline = at;
        return 1;
    }
    int64_t day = nth_business_day(cal, today, d->business_days ? d->business_days : 1, &end);
    return day != BD_NONE && slate__local_instant(zone, day, d->minute * 60, deadline);
}

/* "end of business day": the end of the business day the start belongs to
 * (the previous date's, while its night shift runs) when n = 0 and it is
 * still to come; else of the n-th (at least the first) business day after. */
static int end_of_day_deadline(const sla_duration *d, const slate_calendar *cal, slate_time start,
                               slate_time *deadline) {
    int64_t today = slate__cal_date(cal, start);
    slate_time end;
    if (business_day_end(cal, today - 1, &end) > 0 && start < end)
        today--;
    else if (business_day_end(cal, today, &end) <= 0)
        end = start;
    if (d->business_days == 0 && end > start) {
        *deadline = end;
        return 1;
    }
    return nth_business_day(cal, today, d->business_days ? d->business_days : 1, deadline) !=
           BD_NONE;
}

int slate__sla_goal_text(const char *text, int *is_instant, slate_time *at,
                         slate_duration *seconds) {
    *is_instant = text[0] != 'P' && text[0] != '-';
    if (*is_instant) return slate_time_parse(text, at, NULL) == SLATE_OK;
    return slate_duration_parse(text, seconds, NULL) == SLATE_OK && *seconds > 0;
}

/* A goal from a ticket field: an instant is a deadline, a duration is
 * business time; without the field, the entry's default (if any). */
static int field_goal(const sla_duration *d, const char *const *values, sla_goal *out) {
    const char *text = values != NULL ? values[d->slot] : NULL;
    int is_instant;
    if (text == NULL || text[0] == '\0') return d->seconds > 0; /* empty: not given */
    if (!slate__sla_goal_text(text, &is_instant, &out->deadline, &out->seconds)) return 0;
    out->has_deadline = is_instant;
    return 1;
}

int slate__sla_target_goal(const sla_target *t, const char *priority, const char *const *values,
                           const slate_calendar *cal, slate_time start, sla_goal *out) {
    const sla_duration *d = due_entry(t, priority);
    if (d == NULL) return 0;
    *out = (sla_goal){d->seconds, 0, 0};
    if (d->kind == DUE_AFTER) return 1;
    if (d->kind == DUE_FIELD) {
        if (!field_goal(d, values, out)) return 0;
        if (!out->has_deadline) return 1;
    } else if (!(d->kind == DUE_BY ? by_deadline(d, cal, start, &out->deadline)
                                   : end_of_day_deadline(d, cal, start, &out->deadline))) {
        return 0;
    }
    out->has_deadline = 1;
    out->seconds = 0;
    if (out->deadline > start) slate_calendar_between(cal, start, out->deadline, &out->seconds);
    return 1;
}
