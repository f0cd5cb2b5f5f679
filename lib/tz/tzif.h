/* Reading TZif files, versions 1 to 4 (RFC 8536 and its successor). */
#ifndef SLATE_TZIF_H
#define SLATE_TZIF_H

#include <stddef.h>
#include <stdint.h>

#include "posix_tz.h"

/* Largest TZif file accepted; real ones are under 5 KiB. */
#define TZIF_MAX_BYTES (1u << 20)

/* Transition times a file may hold: within 2^59 seconds of 1970. */
#define TZIF_TIME_MIN (-(INT64_C(1) << 59))
#define TZIF_TIME_MAX (INT64_C(1) << 59)

/* What a TZif file says, leap seconds left out. */
typedef struct tzif_data {
    size_t time_count;
    int64_t *times;    /* transition instants, strictly ascending */
    uint8_t *type_of;  /* type index per transition */
    size_t type_count; /* 1 to 256 */
    slate_zone_info *types;
    int has_rule; /* a non-empty footer */
    tz_rule rule;
} tzif_data;

/* Parses len bytes. `source` names the input in error messages (a path).
 * On failure: SLATE_EPARSE (or SLATE_ENOMEM) with err filled, *out zeroed. */
slate_status slate__tzif_parse(const uint8_t *bytes, size_t len, const char *source, tzif_data *out,
                               slate_error *err);

void slate__tzif_data_free(tzif_data *data);

#endif /* SLATE_TZIF_H */
