/**
 * @file common.h
 * @brief Types shared by every slate module: instants, durations, civil
 *        fields, status codes, the error record, version queries, civil-date
 *        helpers and ISO 8601 text.
 *
 * Thread-safety: every function declared here is reentrant. None keeps
 * state between calls and none reads the clock, the environment or files.
 */
#ifndef SLATE_COMMON_H
#define SLATE_COMMON_H

#include <stddef.h>
#include <stdint.h>

#include "slate/version.h"

/**
 * @def SLATE_API
 * @brief Marks a function exported from the shared library. Every other
 *        symbol of libslate is hidden.
 */
#if defined(_WIN32) && defined(SLATE_BUILDING_DLL)
#define SLATE_API __declspec(dllexport)
#elif defined(__GNUC__)
#define SLATE_API __attribute__((visibility("default")))
#else
#define SLATE_API
#endif

#ifdef __cplusplus
extern "C" {
#endif

/**
 * @brief An instant: seconds since 1970-01-01T00:00:00Z, POSIX (no leap
 *        seconds). Supported range: 1800-01-01T00:00:00Z to
 *        2400-12-31T23:59:59Z.
 */
typedef int64_t slate_time;

/** @brief A length of time in seconds (business or wall seconds). */
typedef int64_t slate_duration;

/** @brief The first supported instant, 1800-01-01T00:00:00Z. */
#define SLATE_TIME_MIN ((slate_time)-5364662400LL)
/** @brief The last supported instant, 2400-12-31T23:59:59Z. */
#define SLATE_TIME_MAX ((slate_time)13601087999LL)
/** @brief The first supported year. */
#define SLATE_YEAR_MIN 1800
/** @brief The last supported year. */
#define SLATE_YEAR_MAX 2400

/**
 * @brief Result of every fallible function. 0 is success; the values are
 *        stable across versions.
 *
 * Bad data (a malformed document, an unknown zone, an event out of order)
 * and misuse (a NULL where the API needs an object) are kept apart:
 * ::SLATE_EMISUSE is always a bug in the calling program, never something
 * an end user's input can cause.
 */
typedef enum slate_status {
    SLATE_OK = 0,           /**< Success. */
    SLATE_EINVAL = 1,       /**< A value is invalid (a bad civil field, an event out of order). */
    SLATE_ENOMEM = 2,       /**< Memory could not be allocated. */
    SLATE_ENOENT = 3,       /**< A named thing (zone, file, calendar) does not exist. */
    SLATE_EPARSE = 4,       /**< Malformed input text or file. */
    SLATE_ERANGE = 5,       /**< A time or number is outside the supported range. */
    SLATE_EAMBIGUOUS = 6,   /**< A local time occurs twice (DST overlap). */
    SLATE_ENONEXISTENT = 7, /**< A local time does not occur (DST gap). */
    SLATE_ENEVER = 8,       /**< The event never happens within the supported range. */
    SLATE_EIO = 9,          /**< A file could not be read. */
    SLATE_ELIMIT = 10,      /**< A documented limit was exceeded. */
    SLATE_EMISUSE = 11      /**< The API was called wrongly (a required pointer is NULL). */
} slate_status;

/**
 * @def SLATE_STATUS_MAP
 * @brief The one list of status codes: `XX(name, value, text)` for each,
 *        in order. slate_status_name(), slate_status_string(), the Python
 *        exceptions and the errors guide are built from or tested against
 *        it (the library checks at compile time that it matches the enum).
 *        A host may expand it to make its own table, as with libuv's
 *        `UV_ERRNO_MAP`.
 */
#define SLATE_STATUS_MAP(XX)                                                                       \
    XX(SLATE_OK, 0, "ok")                                                                          \
    XX(SLATE_EINVAL, 1, "invalid argument")                                                        \
    XX(SLATE_ENOMEM, 2, "out of memory")                                                           \
    XX(SLATE_ENOENT, 3, "not found")                                                               \
    XX(SLATE_EPARSE, 4, "parse error")                                                             \
    XX(SLATE_ERANGE, 5, "out of range")                                                            \
    XX(SLATE_EAMBIGUOUS, 6, "ambiguous local time")                                                \
    XX(SLATE_ENONEXISTENT, 7, "nonexistent local time")                                            \
    XX(SLATE_ENEVER, 8, "never")                                                                   \
    XX(SLATE_EIO, 9, "input/output error")                                                         \
    XX(SLATE_ELIMIT, 10, "limit exceeded")                                                         \
    XX(SLATE_EMISUSE, 11, "API misuse")

/** @brief Capacity of each text field of ::slate_error, terminator included. */
#define SLATE_ERROR_TEXT_MAX 256

/**
 * @brief What went wrong, and where.
 *
 * Functions that take a `slate_error *err` fill it on failure when `err` is
 * not NULL and leave it untouched on success. The record is a plain value:
 * it owns no memory, needs no freeing and may live on the stack. Text that
 * does not fit is truncated.
 */
typedef struct slate_error {
    slate_status code; /**< Same as the function's return value. */
    int line;          /**< 1-based line in the input, 0 if not applicable. */
    int column;        /**< 1-based column (byte) in the input, 0 if not applicable. */
    char message[SLATE_ERROR_TEXT_MAX]; /**< Human-readable sentence, UTF-8. */
    char file[SLATE_ERROR_TEXT_MAX];    /**< File the error is in, "" if none. */
    char pointer[SLATE_ERROR_TEXT_MAX]; /**< RFC 6901 JSON Pointer to the value, "" if none. */
} slate_error;

/**
 * @brief Civil (wall-clock) fields of a proleptic Gregorian date and time.
 */
typedef struct slate_civil {
    int32_t year; /**< Year, e.g. 2026. */
    int month;    /**< 1 to 12. */
    int day;      /**< 1 to 31. */
    int hour;     /**< 0 to 23. */
    int minute;   /**< 0 to 59. */
    int second;   /**< 0 to 59. */
} slate_civil;

/**
 * @brief The library's version as "MAJOR.MINOR.PATCH".
 * @return A static string; never NULL. Thread-safe.
 */
SLATE_API const char *slate_version(void);

/**
 * @brief The C name of a status code, e.g. "SLATE_EPARSE".
 * @param status Any value.
 * @return A static string, or NULL for a value that is not a status.
 *         Thread-safe.
 */
SLATE_API const char *slate_status_name(slate_status status);

/**
 * @brief A short English name for a status code, e.g. "parse error".
 * @param status Any value; unknown values give "unknown status".
 * @return A static string; never NULL. Thread-safe.
 */
SLATE_API const char *slate_status_string(slate_status status);

/**
 * @brief Days from 1970-01-01 to a proleptic Gregorian date.
 * @param year Any year in [-1000000, 1000000].
 * @param month 1 to 12.
 * @param day 1 to 31 (not checked against the month).
 * @return The day number; negative before 1970. Thread-safe.
 */
SLATE_API int64_t slate_days_from_civil(int32_t year, int month, int day);

/**
 * @brief The proleptic Gregorian date of a day number.
 * @param days Days since 1970-01-01, within +-365,000,000.
 * @param[out] year Receives the year; must not be NULL.
 * @param[out] month Receives 1 to 12; must not be NULL.
 * @param[out] day Receives 1 to 31; must not be NULL.
 */
SLATE_API void slate_civil_from_days(int64_t days, int32_t *year, int *month, int *day);

/**
 * @brief The ISO weekday of a day number.
 * @param days Days since 1970-01-01.
 * @return 1 for Monday through 7 for Sunday.
 */
SLATE_API int slate_weekday(int64_t days);

/**
 * @brief Days in a month of the proleptic Gregorian calendar.
 * @param year Any year.
 * @param month 1 to 12.
 * @return 28 to 31, or 0 when month is out of range.
 */
SLATE_API int slate_days_in_month(int32_t year, int month);

/**
 * @brief Checks civil fields: month, day in month, hour, minute, second, and
 *        the year within #SLATE_YEAR_MIN to #SLATE_YEAR_MAX.
 * @param c The fields; NULL is ::SLATE_EINVAL.
 * @param[out] err Optional; says which field is wrong.
 * @return ::SLATE_OK, ::SLATE_EINVAL for a bad field, ::SLATE_ERANGE for the year.
 */
SLATE_API slate_status slate_civil_check(const slate_civil *c, slate_error *err);

/**
 * @brief Parses an RFC 3339 instant: `YYYY-MM-DDTHH:MM[:SS[.fff]]` followed
 *        by `Z` or a numeric offset (`+05:30`, `+0530`, `+05`).
 *
 * `T` may be lower case or a space; fractional seconds are truncated toward
 * the past. A second of 60 is rejected (slate counts no leap seconds).
 * @param text NUL-terminated UTF-8; must not be NULL.
 * @param[out] out Receives the instant.
 * @param[out] err Optional; on failure its column is the 1-based byte where
 *        the text goes wrong.
 * @return ::SLATE_OK, ::SLATE_EPARSE, or ::SLATE_ERANGE outside the
 *         supported years.
 */
SLATE_API slate_status slate_time_parse(const char *text, slate_time *out, slate_error *err);

/**
 * @brief Parses a local date-time with no offset: `YYYY-MM-DD`,
 *        `YYYY-MM-DDTHH:MM` or `YYYY-MM-DDTHH:MM:SS`.
 * @param text NUL-terminated UTF-8; must not be NULL.
 * @param[out] out Receives the fields (00:00:00 when only a date is given).
 * @param[out] err Optional; column as for slate_time_parse().
 * @return ::SLATE_OK, ::SLATE_EPARSE, ::SLATE_EINVAL or ::SLATE_ERANGE.
 */
SLATE_API slate_status slate_civil_parse(const char *text, slate_civil *out, slate_error *err);

/** @brief Buffer size that always holds slate_time_format() output. */
#define SLATE_TIME_TEXT_MAX 32

/**
 * @brief Formats an instant as RFC 3339 at a UTC offset:
 *        `2026-03-08T07:30:00Z` for offset 0, `2026-03-08T13:00:00+05:30`
 *        otherwise (`+05:45:10` when the offset has seconds).
 * @param t The instant, within the supported range.
 * @param utc_offset Seconds east of UTC to show the wall time at.
 * @param[out] buf Receives the NUL-terminated text.
 * @param cap Size of buf; #SLATE_TIME_TEXT_MAX always suffices.
 * @return ::SLATE_OK, ::SLATE_ERANGE, or ::SLATE_EINVAL when buf is NULL or
 *         too small.
 */
SLATE_API slate_status slate_time_format(slate_time t, int32_t utc_offset, char *buf, size_t cap);

/**
 * @brief Parses an ISO 8601 duration: `PT4H`, `P2DT3H`, `PT90M`, `P1W`,
 *        `PT0S`, with an optional leading `-` or `+`.
 *
 * A day is 86,400 seconds and a week 7 days: durations are amounts of
 * (business) time, not calendar steps. Years and months have no fixed length
 * and are rejected, as are fractions.
 * @param text NUL-terminated; must not be NULL.
 * @param[out] out Receives seconds.
 * @param[out] err Optional; column as for slate_time_parse().
 * @return ::SLATE_OK, ::SLATE_EPARSE, or ::SLATE_ERANGE when the value
 *         exceeds 1000 years.
 */
SLATE_API slate_status slate_duration_parse(const char *text, slate_duration *out,
                                            slate_error *err);

/** @brief Buffer size that always holds slate_duration_format() output. */
#define SLATE_DURATION_TEXT_MAX 48

/**
 * @brief Formats seconds as an ISO 8601 duration in days, hours, minutes and
 *        seconds: `PT0S`, `PT4H`, `P2DT3H`, `-PT1H30M`.
 * @param d The duration.
 * @param[out] buf Receives the NUL-terminated text.
 * @param cap Size of buf; #SLATE_DURATION_TEXT_MAX always suffices.
 * @return ::SLATE_OK, or ::SLATE_EINVAL when buf is NULL or too small.
 */
SLATE_API slate_status slate_duration_format(slate_duration d, char *buf, size_t cap);

/**
 * @brief Where slate gets its memory.
 *
 * All three functions are required. `malloc` and `realloc` return NULL when
 * they cannot allocate; slate then fails the call with ::SLATE_ENOMEM and
 * leaves nothing half built. `ctx` is passed back to each call.
 */
typedef struct slate_allocator {
    void *(*malloc)(void *ctx, size_t size);             /**< Like malloc; size is never 0. */
    void *(*realloc)(void *ctx, void *ptr, size_t size); /**< Like realloc; size is never 0. */
    void (*free)(void *ctx, void *ptr);                  /**< Like free; ptr may be NULL. */
    void *ctx;                                           /**< Passed to each function. */
} slate_allocator;

/**
 * @brief Sets the allocator slate uses for its own memory (policies,
 *        calendars, zones, clocks, classifiers, tickets).
 *
 * This is process-wide configuration, as SQLite's SQLITE_CONFIG_MALLOC is:
 * call it before creating any slate object, from one thread, and not while
 * any object exists (memory must be freed by the allocator that gave it).
 * PCRE2's memory (compiled patterns, match data, the interpreter's
 * working memory) comes from it too, and so does cJSON's, through cJSON's
 * hooks: those are process-wide, so an application that also uses cJSON
 * with hooks of its own should set them after this call. Restoring the C
 * library's allocator (NULL) resets cJSON's hooks only if slate set them.
 * @param a The allocator, copied; NULL restores the C library's.
 * @return ::SLATE_OK, or ::SLATE_EINVAL when a function is missing.
 */
SLATE_API slate_status slate_set_allocator(const slate_allocator *a);

#ifdef __cplusplus
}
#endif

#endif /* SLATE_COMMON_H */
