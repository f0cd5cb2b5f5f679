/* When is a new ticket due? Loads the follow-the-sun example policy and adds
 * 4 business hours on the Pune L2 desk's calendar.
 *
 *   due_time [POLICY [CALENDAR [OPENED [SECONDS]]]]
 *
 * The same program as in the README. */
#include <stdio.h>
#include <stdlib.h>

#include "slate.h"

int main(int argc, char **argv) {
    const char *path = argc > 1 ? argv[1] : "examples/policies/follow-the-sun.json";
    const char *name = argc > 2 ? argv[2] : "pune-l2";
    const char *when = argc > 3 ? argv[3] : "2026-03-06T10:00:00Z";
    slate_duration owed = argc > 4 ? atoll(argv[4]) : 4 * 3600;
    slate_policy *policy;
    slate_error err;
    slate_time opened, due;
    char text[SLATE_TIME_TEXT_MAX];
    /* NULL: the policy opens the default time zone database itself. */
    if (slate_policy_from_file(NULL, path, &policy, &err) != SLATE_OK) {
        fprintf(stderr, "%s\n", err.message); /* file:line:column: what (at /json/pointer) */
        return 1;
    }
    const slate_calendar *calendar = slate_policy_calendar(policy, name);
    if (calendar == NULL || slate_time_parse(when, &opened, &err) != SLATE_OK ||
        slate_calendar_add(calendar, opened, owed, &due) != SLATE_OK) {
        fprintf(stderr, "no calendar %s, or a bad instant or duration\n", name);
        slate_policy_free(policy);
        return 1;
    }
    slate_time_format(due, 0, text, sizeof text);
    printf("due %s\n", text);
    slate_policy_free(policy);
    return 0;
}
