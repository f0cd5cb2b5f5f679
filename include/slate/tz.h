/**
 * @file tz.h
 * @brief The time zone database: IANA zones read from TZif files (RFC 8536),
 *        instant-to-local and local-to-instant conversion in any zone, from
 *        any thread.
 *
 * A ::slate_tzdb is opened on a directory of TZif files. Zones are loaded on
 * first use and cached inside the database; the cache is the one internally
 * synchronised structure of slate. A ::slate_zone is immutable once returned:
 * any number of threads may convert with it at once, with no lock.
 *
 * Example (compiled and run by the test suite): 02:30 on 2026-03-08 does
 * not happen in New York, where clocks jump from 02:00 to 03:00.
 * @code
 * #include "slate.h"
 *
 * int main(void) {
 *     slate_tzdb *db;
 *     const slate_zone *ny;
 *     slate_time t = 0;
 *     if (slate_tzdb_open(NULL, &db, NULL) != SLATE_OK) return 1;
 *     if (slate_tzdb_zone(db, "America/New_York", &ny, NULL) != SLATE_OK) return 1;
 *     slate_civil wall = {2026, 3, 8, 2, 30, 0};
 *     // Asked to reject such a time, slate says why.
 *     slate_status st = slate_zone_from_civil(ny, &wall, SLATE_DISAMBIGUATE_REJECT, &t, NULL);
 *     // As Temporal's "compatible" does, shift forward by the gap: 03:30 EDT.
 *     slate_zone_from_civil(ny, &wall, SLATE_DISAMBIGUATE_COMPATIBLE, &t, NULL);
 *     slate_zone_info info;
 *     slate_zone_lookup(ny, t, &info); // utc_offset -14400, is_dst 1, "EDT"
 *     slate_tzdb_free(db);
 *     return st == SLATE_ENONEXISTENT && t == 1772955000 && info.is_dst ? 0 : 1; // 07:30Z
 * }
 * @endcode
 */
#ifndef SLATE_TZ_H
#define SLATE_TZ_H

#include "slate/common.h"

#ifdef __cplusplus
extern "C" {
#endif

/** @brief A time zone database (opaque). */
typedef struct slate_tzdb slate_tzdb;

/** @brief One time zone of a database (opaque, immutable). */
typedef struct slate_zone slate_zone;

/** @brief Capacity of ::slate_zone_info::abbr, terminator included. */
#define SLATE_ABBR_MAX 16

/** @brief The local time type in force at an instant. */
typedef struct slate_zone_info {
    int32_t utc_offset;        /**< Seconds east of UTC (India: 19800). */
    int is_dst;                /**< 1 when the zone says daylight saving time is in effect. */
    char abbr[SLATE_ABBR_MAX]; /**< Abbreviation such as "EST" or "+0530". */
} slate_zone_info;

/**
 * @brief How slate_zone_from_civil() resolves a local time that occurs twice
 *        (overlap, when clocks go back) or not at all (gap, when they jump
 *        forward). The meanings are those of TC39 Temporal's
 *        `disambiguation` option.
 */
typedef enum slate_disambiguation {
    /** Overlap: the earlier instant. Gap: shift forward by the gap's length. */
    SLATE_DISAMBIGUATE_COMPATIBLE = 0,
    /** Overlap: the earlier instant. Gap: shift backward by the gap's length. */
    SLATE_DISAMBIGUATE_EARLIER = 1,
    /** Overlap: the later instant. Gap: shift forward by the gap's length. */
    SLATE_DISAMBIGUATE_LATER = 2,
    /** Overlap: ::SLATE_EAMBIGUOUS. Gap: ::SLATE_ENONEXISTENT. */
    SLATE_DISAMBIGUATE_REJECT = 3
} slate_disambiguation;

/** @deprecated Use ::SLATE_DISAMBIGUATE_COMPATIBLE; kept for source compatibility. */
#define SLATE_COMPATIBLE SLATE_DISAMBIGUATE_COMPATIBLE
/** @deprecated Use ::SLATE_DISAMBIGUATE_EARLIER. */
#define SLATE_EARLIER SLATE_DISAMBIGUATE_EARLIER
/** @deprecated Use ::SLATE_DISAMBIGUATE_LATER. */
#define SLATE_LATER SLATE_DISAMBIGUATE_LATER
/** @deprecated Use ::SLATE_DISAMBIGUATE_REJECT. */
#define SLATE_REJECT SLATE_DISAMBIGUATE_REJECT

/**
 * @brief Opens a time zone database on a directory of TZif files.
 *
 * Nothing but the directory is checked here; zones are read on first use.
 * @param dir The directory; NULL means `$TZDIR` if set and not empty, else
 *        `/usr/share/zoneinfo`. The string is copied.
 * @param[out] out Receives the database, owned by the caller, who frees it
 *        with slate_tzdb_free(). Set to NULL on failure.
 * @param[out] err Optional error record.
 * @return ::SLATE_OK, ::SLATE_ENOENT when the directory does not exist,
 *         ::SLATE_ENOMEM, ::SLATE_EMISUSE when out is NULL.
 */
SLATE_API slate_status slate_tzdb_open(const char *dir, slate_tzdb **out, slate_error *err);

/**
 * @brief Frees a database and every zone it loaded.
 *
 * No other thread may use the database or any of its zones during or after
 * this call.
 * @param db The database, or NULL (then nothing happens).
 */
SLATE_API void slate_tzdb_free(slate_tzdb *db);

/**
 * @brief The directory the database reads.
 * @param db The database; must not be NULL.
 * @return A string owned by db, valid until slate_tzdb_free().
 */
SLATE_API const char *slate_tzdb_dir(const slate_tzdb *db);

/**
 * @brief Finds a zone by its IANA name, loading it on first use.
 *
 * Names are checked before any file is touched: only ASCII letters, digits
 * and `/ _ - + .` are allowed, and no absolute path, empty component, `.`
 * or `..`, so a name cannot reach outside the database. Links and backward
 * names (`US/Eastern`, `Asia/Calcutta`) resolve to the zone they name.
 *
 * Thread-safe: any number of threads may call this at once on one database;
 * a zone is read from disk once however many ask for it first. A name seen
 * before is found without a lock.
 * @param db The database; must not be NULL.
 * @param name The zone name, e.g. "Asia/Kolkata".
 * @param[out] out Receives the zone, owned by db and valid until
 *        slate_tzdb_free(db).
 * @param[out] err Optional error record; for a bad file it names the file.
 * @return ::SLATE_OK, ::SLATE_EINVAL for a malformed name, ::SLATE_ENOENT
 *         when no such zone exists, ::SLATE_EPARSE for a truncated,
 *         oversized or corrupt TZif file or footer, ::SLATE_EIO,
 *         ::SLATE_ENOMEM.
 */
SLATE_API slate_status slate_tzdb_zone(slate_tzdb *db, const char *name, const slate_zone **out,
                                       slate_error *err);

/**
 * @brief The name a zone was asked for by.
 * @param z The zone; must not be NULL.
 * @return A string owned by the zone's database.
 */
SLATE_API const char *slate_zone_name(const slate_zone *z);

/**
 * @brief The local time type in force at an instant. O(log transitions),
 *        no allocation, no lock.
 * @param z The zone.
 * @param t The instant.
 * @param[out] out Receives offset, DST flag and abbreviation.
 * @return ::SLATE_OK, ::SLATE_ERANGE when t is outside the supported range,
 *         ::SLATE_EMISUSE when z or out is NULL.
 */
SLATE_API slate_status slate_zone_lookup(const slate_zone *z, slate_time t, slate_zone_info *out);

/**
 * @brief The wall-clock fields of an instant in a zone.
 * @param z The zone.
 * @param t The instant.
 * @param[out] out Receives the local date and time.
 * @return ::SLATE_OK, ::SLATE_ERANGE, ::SLATE_EMISUSE for NULL.
 */
SLATE_API slate_status slate_zone_to_civil(const slate_zone *z, slate_time t, slate_civil *out);

/**
 * @brief The instant at which a zone's clocks show a local time.
 * @param z The zone.
 * @param c The local fields; checked as by slate_civil_check().
 * @param how What to do in a gap or an overlap; see ::slate_disambiguation.
 * @param[out] out Receives the instant.
 * @param[out] err Optional error record.
 * @return ::SLATE_OK, ::SLATE_EINVAL for a bad field, ::SLATE_EMISUSE for a NULL argument,
 *         ::SLATE_ERANGE, or with ::SLATE_DISAMBIGUATE_REJECT ::SLATE_EAMBIGUOUS /
 *         ::SLATE_ENONEXISTENT.
 */
SLATE_API slate_status slate_zone_from_civil(const slate_zone *z, const slate_civil *c,
                                             slate_disambiguation how, slate_time *out,
                                             slate_error *err);

/**
 * @brief The first transition strictly after an instant: the first instant
 *        at which the offset, the DST flag or the abbreviation changes.
 * @param z The zone.
 * @param t The instant.
 * @param[out] out Receives the transition instant.
 * @return ::SLATE_OK, ::SLATE_ENEVER when nothing changes again before
 *         #SLATE_TIME_MAX, ::SLATE_ERANGE, ::SLATE_EMISUSE for NULL.
 */
SLATE_API slate_status slate_zone_next_transition(const slate_zone *z, slate_time t,
                                                  slate_time *out);

#ifdef __cplusplus
}
#endif

#endif /* SLATE_TZ_H */
