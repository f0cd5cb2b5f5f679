/* The compiled zone: one transition table covering the whole supported
 * range, the footer rule already unrolled into it. */
#ifndef SLATE_ZONE_H
#define SLATE_ZONE_H

#include "slate/tz.h"
#include "tzif.h"

struct slate_zone {
    char *name;
    size_t count;         /* transitions */
    int64_t *times;       /* strictly ascending; each changes the type's info */
    uint16_t *type_of;    /* index into types, per transition */
    uint16_t type_before; /* type before the first transition */
    size_t type_count;
    slate_zone_info *types;
    int32_t max_abs_offset; /* largest |utc_offset| of any type */
    uint32_t *bucket_first; /* per ZONE_BUCKET of the supported range: transitions before it */
};

/* Lookups start from a bucket of 2^25 s (about 388 days) of the supported
 * range, so that one finds its transition after a scan of two or three
 * instead of a binary search over a thousand. */
#define ZONE_BUCKET_SHIFT 25
#define ZONE_BUCKETS ((size_t)((SLATE_TIME_MAX - SLATE_TIME_MIN) >> ZONE_BUCKET_SHIFT) + 1)

/* A stretch of constant local time type: [start, end) with its offset.
 * start is INT64_MIN before the first transition, end INT64_MAX after the last. */
typedef struct zone_period {
    ptrdiff_t index; /* -1 before the first transition */
    int64_t start, end;
    int32_t offset;
} zone_period;

/* The period containing t. */
zone_period slate__zone_period_at(const slate_zone *z, int64_t t);

/* The period after p (p.end must not be INT64_MAX). */
zone_period slate__zone_period_next(const slate_zone *z, const zone_period *p);

/* Compiles parsed TZif data into z (whose name must already be set). */
slate_status slate__zone_build(const tzif_data *data, slate_zone *z, slate_error *err);

/* Frees what slate__zone_build allocated and the name; not z itself. */
void slate__zone_release(slate_zone *z);

/* The one piece of state a higher layer keeps with a database (the
 * calendar layer's registry of shared calendars): made by make() on the
 * first call, under the database's lock, and freed by free_it() with the
 * database. NULL when make() fails. */
void *slate__tzdb_attachment(slate_tzdb *db, void *(*make)(void), void (*free_it)(void *));

#endif /* SLATE_ZONE_H */
