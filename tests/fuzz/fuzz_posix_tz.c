/* Fuzz target: the POSIX TZ string of a TZif footer. */
#include "tz/posix_tz.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
    tz_rule rule;
    char why[128];
    if (!slate__tz_rule_parse((const char *)data, size, &rule, why, sizeof why) || !rule.has_dst)
        return 0;
    for (int32_t year = 1799; year <= 2401; year += 37) {
        int64_t start, end;
        slate__tz_rule_year(&rule, year, &start, &end);
    }
    return 0;
}
