/* Fuzz target: an iCalendar holiday source, given from memory to a policy
 * whose calendar closes on its events; then a year of that calendar. */
#include <stdlib.h>
#include <string.h>

#include "slate.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static slate_tzdb *db;

typedef struct source {
    const uint8_t *data;
    size_t size;
} source;

static slate_status give(void *ctx, const char *name, const char **text, size_t *len) {
    const source *s = ctx;
    (void)name;
    *text = (const char *)s->data;
    *len = s->size;
    return SLATE_OK;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
    static const char policy[] = "{\"calendars\": {\"c\": {\"timezone\": \"Asia/Kolkata\", "
                                 "\"weekly\": {\"mon\": [\"09:00-18:00\"], "
                                 "\"sat\": [\"10:00-14:00\"]}, \"closed\": [{\"ics\": "
                                 "\"feed.ics\", \"categories\": [\"public\"]}, "
                                 "{\"ics\": \"feed.ics\", \"transparent\": true}]}}}";
    if (db == NULL && slate_tzdb_open(NULL, &db, NULL) != SLATE_OK) abort();
    source s = {data, size};
    slate_policy_sources sources = {NULL, give, &s};
    slate_policy *p;
    slate_error err;
    if (slate_policy_from_json_sources(db, policy, strlen(policy), &sources, &p, &err) !=
        SLATE_OK) {
        if (err.message[0] == '\0' || strcmp(err.pointer, "") == 0)
            abort(); /* every error says what and where */
        return 0;
    }
    const slate_calendar *c = slate_policy_calendar(p, "c");
    slate_duration d;
    slate_time u;
    slate_calendar_between(c, 1767225600, 1798761600, &d); /* 2026 */
    slate_calendar_add(c, 1767225600, 100 * 3600, &u);
    slate_policy_free(p);
    return 0;
}
