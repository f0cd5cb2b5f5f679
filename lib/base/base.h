/* Internal helpers shared by every module: error filling, allocation,
 * small arithmetic. Not installed. */
#ifndef SLATE_BASE_H
#define SLATE_BASE_H

#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include "slate/common.h"

#if defined(__GNUC__)
#define SLATE_PRINTF(a, b) __attribute__((format(printf, a, b)))
#define SLATE_NOINLINE __attribute__((noinline))
#else
#define SLATE_PRINTF(a, b)
#define SLATE_NOINLINE
#endif

/* Fills err (when not NULL) with code and a formatted message, clearing the
 * position fields. Returns code so callers can `return slate__fail(...)`. */
slate_status slate__fail(slate_error *err, slate_status code, const char *fmt, ...)
    SLATE_PRINTF(3, 4);

/* Same, keeping a va_list. */
slate_status slate__vfail(slate_error *err, slate_status code, const char *fmt, va_list ap);

/* Sets the position fields of an already filled error. file and pointer may
 * be NULL (left as they are). */
void slate__error_where(slate_error *err, const char *file, int line, int column,
                        const char *pointer);

/* Offset of the first byte that is not valid UTF-8 (or is a NUL), or len. */
size_t slate__utf8_invalid_at(const char *text, size_t len);

/* Drops, in place, every byte of s that is not part of a valid UTF-8
 * sequence: what a "%.60s" or a full buffer cut in the middle of a
 * character, or a caller's bad bytes. Messages and explanations pass
 * through it so that they are always valid UTF-8. */
void slate__utf8_repair(char *s);

/* Copies at most `most` bytes of text into out (cap bytes, always ended)
 * with control characters made visible as JSON writes them (\t, \n, \f,
 * \r, else \u00XX: a backspace is \u0008, never \b, which a reader of a
 * pattern would take for a word boundary), for messages that quote
 * patterns and values. */
void slate__visible(const char *text, size_t most, char *out, size_t cap);

/* FNV-1a hashes of n bytes and of a NUL-terminated text: the one hash of
 * slate's tables (condition fields, operand values, a ticket's keys). */
#define SLATE_HASH_SEED 14695981039346656037u

/* Continues hash h over n more bytes. */
static inline uint64_t slate__hash_more(uint64_t h, const void *s, size_t n) {
    const unsigned char *b = s;
    for (size_t i = 0; i < n; i++)
        h = (h ^ b[i]) * 1099511628211u;
    return h;
}

static inline uint64_t slate__hash_bytes(const char *s, size_t n) {
    return slate__hash_more(SLATE_HASH_SEED, s, n);
}

static inline uint64_t slate__hash_text(const char *s) {
    uint64_t h = SLATE_HASH_SEED;
    for (; *s; s++)
        h = (h ^ (unsigned char)*s) * 1099511628211u;
    return h;
}

/* Copies src into dst of capacity cap, always terminating, truncating. */
void slate__strlcpy(char *dst, const char *src, size_t cap);

/* Sets the allocator of slate__malloc and the others (slate_set_allocator,
 * in lib/load, also hands it to cJSON). */
slate_status slate__set_allocator(const slate_allocator *a);

/* Allocation: every module allocates through these so that a later
 * allocator hook has one place to go. */
void *slate__malloc(size_t n);
void *slate__calloc(size_t count, size_t size);
void *slate__realloc(void *p, size_t n);
void slate__free(void *p);
char *slate__strdup(const char *s);

/* Resizes array `a` (any element type) to `want` elements. On failure `a`
 * stays as it was and `ok` is set to 0. */
#define SLATE_RESIZE(a, want, ok)                                                                  \
    do {                                                                                           \
        void *slate_resized_ = slate__realloc((a), (want) * sizeof *(a));                          \
        if (slate_resized_ != NULL)                                                                \
            (a) = slate_resized_;                                                                  \
        else                                                                                       \
            (ok) = 0;                                                                              \
    } while (0)

/* The capacity after cap when an array is full: doubling, from 16. */
static inline size_t slate__next_cap(size_t cap) { return cap ? cap * 2 : 4; }

/* Makes room for `want` elements in array `a` of capacity `cap` (doubling);
 * on failure `a` and `cap` stay as they were and `ok` is set to 0. */
#define SLATE_GROW(a, cap, want, ok)                                                               \
    do {                                                                                           \
        if ((want) > (cap)) {                                                                      \
            size_t slate_cap_ = slate__next_cap(cap);                                              \
            int slate_ok_ = 1;                                                                     \
            while (slate_cap_ < (want))                                                            \
                slate_cap_ *= 2;                                                                   \
            SLATE_RESIZE(a, slate_cap_, slate_ok_);                                                \
            if (slate_ok_)                                                                         \
                (cap) = slate_cap_;                                                                \
            else                                                                                   \
                (ok) = 0;                                                                          \
        }                                                                                          \
    } while (0)

/* Number of elements of the ascending array a[0..n) that are <= x. */
size_t slate__count_le(const int64_t *a, size_t n, int64_t x);

/* Whether two NUL-terminated texts are equal, and whether n bytes are. The
 * texts compared on the clock's hot paths (field names and values,
 * priority names) are short: comparing them here costs less than a call
 * into the C library. */
static inline int slate__text_equal(const char *a, const char *b) {
    while (*a != '\0' && *a == *b)
        a++, b++;
    return *a == *b;
}
static inline int slate__bytes_equal(const char *a, const char *b, size_t n) {
    for (size_t i = 0; i < n; i++)
        if (a[i] != b[i]) return 0;
    return 1;
}

/* Floor division and modulo for day/second arithmetic on negatives. */
static inline int64_t slate__floordiv(int64_t a, int64_t b) {
    int64_t q = a / b;
    return (a % b != 0 && ((a < 0) != (b < 0))) ? q - 1 : q;
}
static inline int64_t slate__floormod(int64_t a, int64_t b) {
    return a - slate__floordiv(a, b) * b;
}

/* True when t is inside [SLATE_TIME_MIN, SLATE_TIME_MAX]. */
static inline int slate__time_in_range(slate_time t) {
    return t >= SLATE_TIME_MIN && t <= SLATE_TIME_MAX;
}

/* SLATE_OK when t is in range, else SLATE_ERANGE with "WHAT is outside the
 * years 1800 to 2400". The one range check behind every public entry. */
slate_status slate__check_time(slate_time t, const char *what, slate_error *err);

/* Reads a whole file (or pipe, unless regular_only) of at most max bytes
 * into *text (NUL added, freed with slate__free). Returns SLATE_OK,
 * SLATE_ENOENT (missing, or a directory), SLATE_EIO (EINVAL: not a regular
 * file), SLATE_ELIMIT or SLATE_ENOMEM, with the system's errno in
 * *sys_errno; fills no error record, so that each caller says what the
 * file was for. */
slate_status slate__read_file(const char *path, size_t max, int regular_only, char **text,
                              size_t *len, int *sys_errno);

/* Words for a failed slate__read_file: "no such file", "permission
 * denied", ... */
const char *slate__file_problem(slate_status st, int sys_errno);

#endif /* SLATE_BASE_H */
