/* The error record and status names. */
#include <stdio.h>
#include <string.h>

#include "base.h"

void slate__strlcpy(char *dst, const char *src, size_t cap) {
    if (cap == 0) return;
    size_t n = strlen(src);
    if (n >= cap) n = cap - 1;
    memcpy(dst, src, n);
    dst[n] = '\0';
}

slate_status slate__vfail(slate_error *err, slate_status code, const char *fmt, va_list ap) {
    if (err == NULL) return code;
    err->code = code;
    err->line = 0;
    err->column = 0;
    err->file[0] = '\0';
    err->pointer[0] = '\0';
    vsnprintf(err->message, sizeof err->message, fmt, ap);
    slate__utf8_repair(err->message);
    return code;
}

slate_status slate__fail(slate_error *err, slate_status code, const char *fmt, ...) {
    va_list ap;
    va_start(ap, fmt);
    slate__vfail(err, code, fmt, ap);
    va_end(ap);
    return code;
}

void slate__error_where(slate_error *err, const char *file, int line, int column,
                        const char *pointer) {
    if (err == NULL) return;
    if (file != NULL) slate__strlcpy(err->file, file, sizeof err->file);
    slate__utf8_repair(err->file);
    err->line = line;
    err->column = column;
    if (pointer != NULL) slate__strlcpy(err->pointer, pointer, sizeof err->pointer);
    slate__utf8_repair(err->pointer);
}

SLATE_API const char *slate_version(void) { return SLATE_VERSION_STRING; }

/* The list and the enum agree, value by value. */
#define SLATE_CHECK_STATUS(name, value, text) _Static_assert(name == value, #name " is " #value);
SLATE_STATUS_MAP(SLATE_CHECK_STATUS)

/* A switch over the enum without a default: -Wswitch names any value the
 * list lacks. (clang-format 14 cannot lay out a case label in a macro.) */
// clang-format off
#define SLATE_STATUS_TEXT(name, value, text) case name: return text;
#define SLATE_STATUS_NAME(name, value, text) case name: return #name;
// clang-format on

SLATE_API const char *slate_status_string(slate_status status) {
    switch (status) { SLATE_STATUS_MAP(SLATE_STATUS_TEXT) }
    return "unknown status";
}

SLATE_API const char *slate_status_name(slate_status status) {
    switch (status) { SLATE_STATUS_MAP(SLATE_STATUS_NAME) }
    return NULL;
}
