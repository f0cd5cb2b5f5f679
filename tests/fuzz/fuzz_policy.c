/* Fuzz target: the policy loader, then a little of everything it built. */
#include <stdlib.h>

#include "slate.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static slate_tzdb *db;

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
    if (db == NULL && slate_tzdb_open(NULL, &db, NULL) != SLATE_OK) abort();
    slate_policy *p;
    slate_error err;
    if (slate_policy_from_json(db, (const char *)data, size, &p, &err) != SLATE_OK) {
        if (err.message[0] == '\0') abort(); /* every error says what */
        return 0;
    }
    for (size_t i = 0; i < slate_policy_calendar_count(p) && i < 4; i++) {
        const slate_calendar *c = slate_policy_calendar_at(p, i);
        slate_time u;
        slate_duration d;
        slate_calendar_add(c, 1772955000, 8 * 3600, &u);
        slate_calendar_between(c, 1772955000, 1775000000, &d);
        slate_calendar_next_close(c, 1772955000, &u);
    }
    slate_classifier *cl;
    if (slate_classifier_new(p, &cl, NULL) == SLATE_OK) {
        slate_field f[3] = {
            {"summary", "Floor 7 network down"}, {"priority", "P1"}, {"status", "new"}};
        slate_classification r;
        slate_classify(cl, f, 3, 1, &r, NULL);
        slate_classifier_free(cl);
    }
    slate_clock *clock;
    if (slate_clock_new(p, &clock, NULL) == SLATE_OK) {
        slate_field f1[2] = {{"status", "new"}, {"priority", "P1"}},
                    f2[1] = {{"status", "pending_customer"}};
        slate_event e[2] = {{1772955000, "created", f1, 2}, {1773000000, "agent_comment", f2, 1}};
        for (int i = 0; i < 2; i++)
            slate_clock_apply(clock, &e[i], NULL);
        const slate_sla_result *r;
        size_t n;
        slate_clock_results(clock, 1774000000, &r, &n, NULL);
        slate_clock_free(clock);
    }
    slate_policy_free(p);
    return 0;
}
