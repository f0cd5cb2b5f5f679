/* Follow-the-sun coverage report: for one week, how many business hours
 * each desk (Manila L1, Pune L2, Krakow L3) covers, and the stretches when
 * no desk is open, shown in UTC and in each desk's local time.
 *
 *   coverage_report [POLICY [WEEK_START]]
 *
 * Uses next_open / next_close on the union calendar "follow-the-sun" and
 * between on each desk. */
#include <stdio.h>

#include "slate.h"

static const char *const desks[] = {"manila-l1", "pune-l2", "krakow-l3"};

/* An instant as "UTC (Manila / Pune / Krakow local)". */
static void print_instant(const slate_policy *p, slate_time t) {
    char text[SLATE_TIME_TEXT_MAX];
    slate_time_format(t, 0, text, sizeof text);
    printf("%s (", text);
    for (int i = 0; i < 3; i++) {
        slate_civil c;
        slate_zone_to_civil(slate_calendar_zone(slate_policy_calendar(p, desks[i])), t, &c);
        printf("%s%02d:%02d", i ? " / " : "", c.hour, c.minute);
    }
    putchar(')');
}

int main(int argc, char **argv) {
    const char *path = argc > 1 ? argv[1] : "examples/policies/follow-the-sun.json";
    const char *week = argc > 2 ? argv[2] : "2026-03-09T00:00:00Z"; /* a Monday */
    slate_policy *p;
    slate_error err;
    slate_time start, end, t;
    if (slate_policy_from_file(NULL, path, &p, &err) != SLATE_OK ||
        slate_time_parse(week, &start, &err) != SLATE_OK) {
        fprintf(stderr, "%s\n", err.message);
        return 1;
    }
    end = start + 7 * 86400;
    printf("week from %s\n", week);
    for (int i = 0; i < 3; i++) {
        slate_duration open = 0;
        slate_calendar_between(slate_policy_calendar(p, desks[i]), start, end, &open);
        printf("  %-10s %3lld h %02lld min open\n", desks[i], (long long)open / 3600,
               (long long)open / 60 % 60);
    }
    const slate_calendar *sun = slate_policy_calendar(p, "follow-the-sun");
    slate_duration covered = 0;
    slate_calendar_between(sun, start, end, &covered);
    printf("  covered by some desk: %lld h of 168 (%.1f%%)\nuncovered stretches, UTC (Manila / "
           "Pune / Krakow):\n",
           (long long)covered / 3600, 100.0 * (double)covered / (7 * 86400.0));
    for (t = start; t < end;) {
        slate_time next;
        if (slate_calendar_is_open(sun, t)) {
            if (slate_calendar_next_close(sun, t, &next) != SLATE_OK) break;
            t = next;
            continue;
        }
        if (slate_calendar_next_open(sun, t, &next) != SLATE_OK || next > end) next = end;
        printf("  ");
        print_instant(p, t);
        printf(" to ");
        print_instant(p, next);
        printf("  %lld h %02lld min\n", (long long)(next - t) / 3600,
               (long long)(next - t) / 60 % 60);
        t = next;
    }
    slate_policy_free(p);
    return 0;
}
