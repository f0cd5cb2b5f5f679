/* Fuzz target: ISO 8601 instants, local date-times and durations, with the
 * invariant that formatting then parsing gives the value back. */
#include <stdlib.h>
#include <string.h>

#include "slate.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
    char *text = malloc(size + 1);
    memcpy(text, data, size);
    text[size] = '\0';
    slate_time t, back;
    slate_civil c;
    slate_duration d, d2;
    char buf[SLATE_DURATION_TEXT_MAX];
    if (slate_time_parse(text, &t, NULL) == SLATE_OK) {
        for (int32_t offset = -50400; offset <= 50400; offset += 12600) {
            if (slate_time_format(t, offset, buf, sizeof buf) != SLATE_OK) abort();
            if (slate_time_parse(buf, &back, NULL) != SLATE_OK || back != t) abort();
        }
    }
    slate_civil_parse(text, &c, NULL);
    if (slate_duration_parse(text, &d, NULL) == SLATE_OK) {
        if (slate_duration_format(d, buf, sizeof buf) != SLATE_OK) abort();
        if (slate_duration_parse(buf, &d2, NULL) != SLATE_OK || d2 != d) abort();
    }
    free(text);
    return 0;
}
