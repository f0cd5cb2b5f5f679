/* The streaming reader: JSON text walked in one pass after the syntax
 * check, every string decoded once into one buffer, numbers kept exactly as
 * written. Tickets stream through `slate evaluate` by the million, so this
 * path avoids a tree and its allocation per value. */
#include <stdio.h>
#include <string.h>

#include "reader.h"

#define MAX_DEPTH SLATE_JSON_MAX_DEPTH

static void ws(reader *r) {
    while (r->i < r->n &&
           (r->t[r->i] == ' ' || r->t[r->i] == '\t' || r->t[r->i] == '\n' || r->t[r->i] == '\r'))
        r->i++;
}

/* The JSON Pointer of the current path, for errors. */
static void path_pointer(const reader *r, char *out) {
    char tmp[SLATE_JSON_POINTER_MAX];
    out[0] = '\0';
    for (int d = 0; d < r->depth; d++) {
        snprintf(tmp, sizeof tmp, "%s", out);
        if (r->path[d].is_index)
            slate__json_pointer_index(out, tmp, r->path[d].value);
        else
            slate__json_pointer_key(out, tmp, r->text + r->path[d].value);
    }
}

slate_status slate__reader_fail(reader *r, int at_key, slate_status code, const char *what) {
    char ptr[SLATE_JSON_POINTER_MAX];
    path_pointer(r, ptr);
    size_t at = r->depth == 0 ? slate__json_locate(r->t, r->n, "", 0)
                : at_key      ? r->path[r->depth - 1].key_at
                              : r->path[r->depth - 1].at;
    return slate__json_fail_offset(r->src, at, ptr, code, "%s", what);
}

int slate__reader_push_key(reader *r, size_t key_offset) {
    if (r->depth == MAX_DEPTH) return 0;
    r->path[r->depth++] = (path_step){0, key_offset, r->key_at, r->i};
    return 1;
}

int slate__reader_push_index(reader *r, size_t index) {
    if (r->depth == MAX_DEPTH) return 0;
    r->path[r->depth++] = (path_step){1, index, r->i, r->i};
    return 1;
}

/* Room for n more bytes of decoded text. */
static int reserve(reader *r, size_t n) {
    if (r->text_len + n <= r->text_cap) return 1;
    size_t cap = r->text_cap ? r->text_cap : 256;
    while (cap < r->text_len + n)
        cap *= 2;
    char *bigger = slate__realloc(r->text, cap);
    if (bigger == NULL) return 0;
    r->text = bigger;
    r->text_cap = cap;
    return 1;
}

int slate__reader_append(reader *r, const char *s, size_t n) {
    if (n == 0) return 1; /* nothing to copy, perhaps no buffer yet */
    if (!reserve(r, n)) return 0;
    memcpy(r->text + r->text_len, s, n);
    r->text_len += n;
    return 1;
}

/* Decodes the escape at r->i (after the backslash) into the text. 0 when
 * out of memory. */
static int unescape(reader *r) {
    char b[4];
    size_t n = slate__json_unescape(r->t, r->n, &r->i, b);
    return slate__reader_append(r, b, n);
}

slate_status slate__reader_string(reader *r, size_t *offset) {
    r->i++; /* the opening quote; the syntax check vouches for the rest */
    *offset = r->text_len;
    for (;;) {
        size_t start = r->i;
        while (r->t[r->i] != '"' && r->t[r->i] != '\\')
            r->i++;
        if (!slate__reader_append(r, r->t + start, r->i - start))
            return slate__fail(r->src->err, SLATE_ENOMEM, "out of memory");
        if (r->t[r->i] == '"') break;
        r->i++;
        if (!unescape(r)) return slate__fail(r->src->err, SLATE_ENOMEM, "out of memory");
    }
    r->i++;
    return slate__reader_append(r, "", 1) ? SLATE_OK
                                          : slate__fail(r->src->err, SLATE_ENOMEM, "out of memory");
}

/* The number at r->i, copied as written. */
static slate_status number_value(reader *r, size_t *offset) {
    size_t start = r->i;
    while (r->i < r->n && strchr("+-0123456789.eE", r->t[r->i]) != NULL && r->t[r->i] != '\0')
        r->i++;
    *offset = r->text_len;
    if (!slate__reader_append(r, r->t + start, r->i - start) || !slate__reader_append(r, "", 1))
        return slate__fail(r->src->err, SLATE_ENOMEM, "out of memory");
    return SLATE_OK;
}

slate_status slate__reader_scalar(reader *r, size_t *offset, const char *what) {
    ws(r);
    char ch = r->t[r->i];
    if (ch == '"') return slate__reader_string(r, offset);
    if (ch == '-' || (ch >= '0' && ch <= '9')) return number_value(r, offset);
    if (ch == 't' || ch == 'f') {
        const char *word = ch == 't' ? "true" : "false";
        r->i += strlen(word);
        *offset = r->text_len;
        return slate__reader_append(r, word, strlen(word) + 1)
                   ? SLATE_OK
                   : slate__fail(r->src->err, SLATE_ENOMEM, "out of memory");
    }
    return slate__reader_fail(r, 0, SLATE_EPARSE, what);
}

/* The next member or element of the object or array at the reader (*first:
 * its opening bracket not read yet); 0 after the closing one. */
static int next_item(reader *r, int *first, char closing) {
    ws(r);
    if (*first) {
        r->i++; /* '{' or '[' */
        ws(r);
        *first = 0;
    } else if (r->t[r->i] == ',') {
        r->i++;
        ws(r);
    }
    if (r->t[r->i] == closing) {
        r->i++;
        return 0;
    }
    return 1;
}

int slate__reader_next_member(reader *r, int *first) { return next_item(r, first, '}'); }

int slate__reader_next_element(reader *r, int *first) { return next_item(r, first, ']'); }

slate_status slate__reader_key(reader *r, size_t *offset) {
    r->key_at = r->i;
    slate_status st = slate__reader_string(r, offset);
    ws(r);
    r->i++; /* ':' */
    ws(r);
    return st;
}

char slate__reader_peek(reader *r) {
    ws(r);
    return r->t[r->i];
}

void slate__reader_skip_null(reader *r) { r->i += 4; }
