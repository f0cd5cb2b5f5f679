/* What the policy loader needs around cJSON: JSON Pointers, positions of
 * values in the text (cJSON keeps none), UTF-8 checking, typed access and
 * error reporting. */
#ifndef SLATE_JSON_UTIL_H
#define SLATE_JSON_UTIL_H

#include <cjson/cJSON.h>

#include "../base/base.h"
#include "slate/tz.h"

#define POINTER_MAX 512

typedef struct loader {
    const char *text;
    size_t len;
    const char *file; /* "" for text */
    slate_error *err;
    slate_tzdb *db;
} loader;

/* Fills the error with code, message, pointer, line and column of the value
 * at `pointer` (of its key when at_key). Returns code. */
slate_status load_fail(loader *ld, const char *pointer, int at_key, slate_status code,
                       const char *fmt, ...) SLATE_PRINTF(5, 6);

/* parent + "/" + escaped token, into buf of POINTER_MAX. */
void pointer_key(char *buf, const char *parent, const char *token);
void pointer_index(char *buf, const char *parent, size_t index);

/* Byte offset of the value (or key) a pointer names, or `len` if not found. */
size_t json_locate(const char *text, size_t len, const char *pointer, int at_key);

/* 1-based line and column (in bytes) of an offset. */
void json_line_column(const char *text, size_t len, size_t offset, int *line, int *column);

/* Offset of the first byte that is not valid UTF-8 (or a NUL), or len. */
size_t utf8_invalid_at(const char *text, size_t len);

/* Deepest nesting of arrays and objects a policy may have. */
#define JSON_MAX_DEPTH 128
#define JSON_MAX_DEPTH_TEXT "128"

/* Checks JSON syntax; on an error returns 0 with its offset and reason. */
int json_check_syntax(const char *text, size_t len, size_t *where, const char **why);

/* Parses text with cJSON; on a syntax error reports its position. */
slate_status json_parse(loader *ld, cJSON **out);

/* Checks that node is an object whose keys are all in `allowed` (NULL
 * terminated) and that none repeats. */
slate_status check_keys(loader *ld, const cJSON *node, const char *pointer, const char *const *allowed);

/* Type checks with errors naming what was expected. */
slate_status expect_object(loader *ld, const cJSON *node, const char *pointer);
slate_status expect_array(loader *ld, const cJSON *node, const char *pointer);
slate_status expect_string(loader *ld, const cJSON *node, const char *pointer);
/* An integer in [min, max]. */
slate_status expect_int(loader *ld, const cJSON *node, const char *pointer, long min, long max,
                        long *out);

/* A number from 0 to max / 100 with at most two decimals, as hundredths. */
slate_status expect_hundredths(loader *ld, const cJSON *node, const char *pointer, int64_t max, int64_t *out);

/* An array of 1 to max distinct, non-empty strings, copied into *out. */
slate_status load_names(loader *ld, const cJSON *node, const char *pointer, size_t max, char ***out,
                        size_t *count);

#endif /* SLATE_JSON_UTIL_H */
