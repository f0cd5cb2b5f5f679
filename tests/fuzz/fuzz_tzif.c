/* Fuzz target: TZif bytes -> parse -> compile -> conversions. */
#include <stdlib.h>
#include <string.h>

#include "tz/tzif.h"
#include "tz/zone.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
    tzif_data d;
    if (slate__tzif_parse(data, size, "fuzz", &d, NULL) != SLATE_OK) return 0;
    slate_zone z;
    memset(&z, 0, sizeof z);
    z.name = malloc(5);
    memcpy(z.name, "fuzz", 5);
    if (slate__zone_build(&d, &z, NULL) == SLATE_OK) {
        static const slate_time instants[] = {SLATE_TIME_MIN, -1,         0,
                                              1772955000,     4102444800, SLATE_TIME_MAX};
        for (size_t i = 0; i < sizeof instants / sizeof instants[0]; i++) {
            slate_zone_info info;
            slate_civil c;
            slate_time t, next;
            slate_zone_lookup(&z, instants[i], &info);
            if (slate_zone_to_civil(&z, instants[i], &c) == SLATE_OK) {
                /* The wall time of an instant occurs: its earliest and
                 * latest instants show it again and bracket the instant. */
                slate_time earliest, latest;
                slate_civil back;
                if (slate_zone_from_civil(&z, &c, SLATE_DISAMBIGUATE_EARLIER, &earliest, NULL) ==
                        SLATE_OK &&
                    slate_zone_from_civil(&z, &c, SLATE_DISAMBIGUATE_LATER, &latest, NULL) ==
                        SLATE_OK) {
                    if (earliest > instants[i] || latest < instants[i]) abort();
                    if (slate_zone_to_civil(&z, earliest, &back) != SLATE_OK ||
                        memcmp(&back, &c, sizeof c) != 0)
                        abort();
                    if (slate_zone_to_civil(&z, latest, &back) != SLATE_OK ||
                        memcmp(&back, &c, sizeof c) != 0)
                        abort();
                }
                slate_zone_from_civil(&z, &c, SLATE_DISAMBIGUATE_REJECT, &t, NULL);
            }
            slate_zone_next_transition(&z, instants[i], &next);
        }
    }
    slate__zone_release(&z);
    slate__tzif_data_free(&d);
    return 0;
}
