/* The one JSON scanner: strict syntax and UTF-8 checks with byte positions,
 * JSON Pointers (RFC 6901) and where they point in the text, and errors
 * that carry file, line, column and pointer. It builds no tree and
 * allocates nothing; the streaming reader (reader.h) and the policy loader
 * (lib/load, which builds its tree with cJSON) sit on it. */
#ifndef SLATE_JSON_H
#define SLATE_JSON_H

#include <stddef.h>

#include "../base/base.h"

/* Capacity of a JSON Pointer buffer, terminator included. */
#define SLATE_JSON_POINTER_MAX 512

/* Deepest nesting of arrays and objects accepted anywhere. */
#define SLATE_JSON_MAX_DEPTH 128
#define SLATE_JSON_MAX_DEPTH_TEXT "128"

/* A text being read, and where its errors go. */
typedef struct slate__json_source {
    const char *text;
    size_t len;
    const char *file;  /* "" for text that is not a file */
    slate_error *err;  /* may be NULL */
    size_t max_values; /* most values (scalars, arrays, objects) allowed; 0: no limit */
} slate__json_source;

/* parent + "/" + token escaped (~0, ~1), into buf of SLATE_JSON_POINTER_MAX
 * (truncated when longer). */
void slate__json_pointer_key(char *buf, const char *parent, const char *token);
void slate__json_pointer_index(char *buf, const char *parent, size_t index);

/* Byte offset of the value (or of its key when at_key) that a pointer
 * names in syntactically valid text, or len when there is none. */
size_t slate__json_locate(const char *text, size_t len, const char *pointer, int at_key);

/* Decodes the checked JSON string at t[i] (its opening quote) into out
 * (cap bytes, ended, cut when longer); returns its full decoded length. */
size_t slate__json_string_decode(const char *t, size_t n, size_t i, char *out, size_t cap);

/* Byte offset of the second key that a pointer's last token names, when
 * its object holds that key twice: where a duplicate is reported. */
size_t slate__json_locate_repeat(const char *text, size_t len, const char *pointer);

/* 1-based line and column (in bytes) of an offset. */
void slate__json_line_column(const char *text, size_t len, size_t offset, int *line, int *column);

/* The value of four hex digits at s (of avail bytes), or -1. */
long slate__json_hex4(const char *s, size_t avail);

/* Decodes the escape after a backslash at t[*i] (i past the backslash)
 * into out as UTF-8, a surrogate pair as one character, and moves *i past
 * it. Returns the byte count, 0 for what the syntax check refuses. */
size_t slate__json_unescape(const char *t, size_t n, size_t *i, char out[4]);

/* Checks JSON syntax (RFC 8259); on an error returns 0 with its offset,
 * its reason (into why, SLATE_ERROR_TEXT_MAX bytes) and, when pointer is
 * not NULL, the JSON Pointer of the value it is in (into pointer,
 * SLATE_JSON_POINTER_MAX bytes; "" at the top). Nesting deeper than
 * SLATE_JSON_MAX_DEPTH, and more than max_values values (when not 0), are
 * errors too. */
int slate__json_check_syntax(const char *text, size_t len, size_t max_values, size_t *where,
                             char *why, char *pointer);

/* UTF-8 then syntax: SLATE_OK, or the error with its line and column
 * (SLATE_ELIMIT for nesting, SLATE_EPARSE otherwise). */
slate_status slate__json_check(const slate__json_source *src);

/* Fills src->err with code, "FILE:LINE:COLUMN: MESSAGE (at POINTER)" and
 * the position of the value at `pointer` (of its key when at_key).
 * Returns code. */
slate_status slate__json_fail(const slate__json_source *src, const char *pointer, int at_key,
                              slate_status code, const char *fmt, ...) SLATE_PRINTF(5, 6);

/* The same at the second occurrence of the key that pointer's last token
 * names: "duplicate key" errors point at the duplicate, not the original. */
slate_status slate__json_fail_duplicate(const slate__json_source *src, const char *pointer,
                                        const char *fmt, ...) SLATE_PRINTF(3, 4);

/* The same with the position of a known byte offset of the text. */
slate_status slate__json_fail_offset(const slate__json_source *src, size_t offset,
                                     const char *pointer, slate_status code, const char *fmt, ...)
    SLATE_PRINTF(5, 6);

/* Fills *note as slate__json_fail would fill an error, with code SLATE_OK:
 * a warning about the value at `pointer`. */
void slate__json_note(const slate__json_source *src, const char *pointer, slate_error *note,
                      const char *fmt, ...) SLATE_PRINTF(4, 5);

#endif /* SLATE_JSON_H */
