/* A ticket arrived at a UTC instant: what time was it for each support team?
 *
 *   ticket_local_times [INSTANT]     (default 2026-03-08T07:30:00Z)
 *
 * Shows the slate time zone API end to end: open the database, find zones,
 * convert, and report errors from the error record. */
#include <stdio.h>

#include "slate.h"

int main(int argc, char **argv) {
    const char *instant = argc > 1 ? argv[1] : "2026-03-08T07:30:00Z";
    const char *teams[][2] = {{"L1 Chicago", "America/Chicago"},
                              {"L2 Pune", "Asia/Kolkata"},
                              {"L3 Manila", "Asia/Manila"}};
    slate_error err;
    slate_time t;
    if (slate_time_parse(instant, &t, &err) != SLATE_OK) {
        fprintf(stderr, "bad instant: %s\n", err.message);
        return 1;
    }
    slate_tzdb *db;
    if (slate_tzdb_open(NULL, &db, &err) != SLATE_OK) {
        fprintf(stderr, "%s\n", err.message);
        return 1;
    }
    printf("ticket opened %s\n", instant);
    for (size_t i = 0; i < sizeof teams / sizeof teams[0]; i++) {
        const slate_zone *zone;
        slate_zone_info info;
        char local[SLATE_TIME_TEXT_MAX];
        if (slate_tzdb_zone(db, teams[i][1], &zone, &err) != SLATE_OK) {
            fprintf(stderr, "%s\n", err.message);
            slate_tzdb_free(db);
            return 1;
        }
        slate_zone_lookup(zone, t, &info);
        slate_time_format(t, info.utc_offset, local, sizeof local);
        printf("  %-11s %s %s\n", teams[i][0], local, info.abbr);
    }
    slate_tzdb_free(db);
    return 0;
}
