/* Errors in JSON text: where (file, line, column, JSON Pointer) and why. */
#include <stdio.h>
#include <string.h>

#include "json.h"

/* Fills the error with "FILE:LINE:COLUMN: what" (or "line L, column C:
 * what" for text that is not a file) and the position fields. */
static slate_status fail_at(const slate__json_source *src, size_t offset, const char *pointer,
                            slate_status code, const char *what) {
    int line, column;
    slate__json_line_column(src->text, src->len, offset, &line, &column);
    char where[SLATE_ERROR_TEXT_MAX + 16] = "";
    if (pointer != NULL) snprintf(where, sizeof where, " (at %s)", *pointer ? pointer : "/");
    if (*src->file)
        slate__fail(src->err, code, "%s:%d:%d: %s%s", src->file, line, column, what, where);
    else
        slate__fail(src->err, code, "line %d, column %d: %s%s", line, column, what, where);
    slate__error_where(src->err, src->file, line, column, pointer != NULL ? pointer : "");
    return code;
}

slate_status slate__json_check(const slate__json_source *src) {
    size_t bad = slate__utf8_invalid_at(src->text, src->len);
    if (bad < src->len)
        return fail_at(src, bad, NULL, SLATE_EPARSE,
                       src->text[bad] == 0 ? "NUL byte in the text" : "invalid UTF-8");
    char why[SLATE_ERROR_TEXT_MAX], pointer[SLATE_JSON_POINTER_MAX];
    if (slate__json_check_syntax(src->text, src->len, src->max_values, &bad, why, pointer))
        return SLATE_OK;
    const char *at = *pointer ? pointer : NULL;
    if (strncmp(why, "more values", 11) == 0) {
        snprintf(why, sizeof why, "more than %zu values (numbers, strings, arrays, objects)",
                 src->max_values);
        return fail_at(src, bad, at, SLATE_ELIMIT, why);
    }
    slate_status code = strncmp(why, "nesting", 7) == 0 ? SLATE_ELIMIT : SLATE_EPARSE;
    return fail_at(src, bad, at, code, why);
}

/* fail_at with the message formatted from fmt and ap. */
static slate_status vfail_at(const slate__json_source *src, size_t offset, const char *pointer,
                             slate_status code, const char *fmt, va_list ap) {
    char what[SLATE_ERROR_TEXT_MAX];
    vsnprintf(what, sizeof what, fmt, ap);
    return fail_at(src, offset, pointer, code, what);
}

slate_status slate__json_fail(const slate__json_source *src, const char *pointer, int at_key,
                              slate_status code, const char *fmt, ...) {
    va_list ap;
    va_start(ap, fmt);
    size_t at = slate__json_locate(src->text, src->len, pointer, at_key);
    slate_status st = vfail_at(src, at, pointer, code, fmt, ap);
    va_end(ap);
    return st;
}

slate_status slate__json_fail_duplicate(const slate__json_source *src, const char *pointer,
                                        const char *fmt, ...) {
    va_list ap;
    va_start(ap, fmt);
    size_t at = slate__json_locate_repeat(src->text, src->len, pointer);
    slate_status st = vfail_at(src, at, pointer, SLATE_EPARSE, fmt, ap);
    va_end(ap);
    return st;
}

slate_status slate__json_fail_offset(const slate__json_source *src, size_t offset,
                                     const char *pointer, slate_status code, const char *fmt, ...) {
    va_list ap;
    va_start(ap, fmt);
    slate_status st = vfail_at(src, offset, pointer, code, fmt, ap);
    va_end(ap);
    return st;
}

void slate__json_note(const slate__json_source *src, const char *pointer, slate_error *note,
                      const char *fmt, ...) {
    slate__json_source to_note = *src;
    to_note.err = note;
    va_list ap;
    va_start(ap, fmt);
    vfail_at(&to_note, slate__json_locate(src->text, src->len, pointer, 0), pointer, SLATE_OK, fmt,
             ap);
    va_end(ap);
}
