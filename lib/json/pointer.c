/* JSON Pointers (RFC 6901): building them, and finding the value one names
 * in the text, for error positions. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "json.h"

void slate__json_pointer_key(char *buf, const char *parent, const char *token) {
    size_t n = strlen(parent);
    if (n >= SLATE_JSON_POINTER_MAX - 2) n = SLATE_JSON_POINTER_MAX - 2;
    memmove(buf, parent, n);
    buf[n++] = '/';
    for (; *token && n < SLATE_JSON_POINTER_MAX - 3; token++) {
        if (*token == '~' || *token == '/') {
            buf[n++] = '~';
            buf[n++] = *token == '~' ? '0' : '1';
        } else {
            buf[n++] = *token;
        }
    }
    buf[n] = '\0';
}

void slate__json_pointer_index(char *buf, const char *parent, size_t index) {
    char token[32];
    snprintf(token, sizeof token, "%zu", index);
    slate__json_pointer_key(buf, parent, token);
}

/* ---- locating a pointer in the text ---- */

static size_t skip_ws(const char *t, size_t n, size_t i) {
    while (i < n && (t[i] == ' ' || t[i] == '\t' || t[i] == '\n' || t[i] == '\r'))
        i++;
    return i;
}

static size_t skip_string(const char *t, size_t n, size_t i) {
    for (i++; i < n && t[i] != '"'; i++)
        if (t[i] == '\\') i++;
    return i < n ? i + 1 : n;
}

static size_t skip_value(const char *t, size_t n, size_t i) {
    if (i >= n) return n;
    if (t[i] == '"') return skip_string(t, n, i);
    if (t[i] == '{' || t[i] == '[') {
        int depth = 0;
        for (; i < n; i++) {
            if (t[i] == '"') {
                i = skip_string(t, n, i) - 1;
            } else if (t[i] == '{' || t[i] == '[') {
                depth++;
            } else if (t[i] == '}' || t[i] == ']') {
                if (--depth == 0) return i + 1;
            }
        }
        return n;
    }
    while (i < n && t[i] != ',' && t[i] != '}' && t[i] != ']' && t[i] != ' ' && t[i] != '\n' &&
           t[i] != '\r' && t[i] != '\t')
        i++;
    return i;
}

size_t slate__json_string_decode(const char *t, size_t n, size_t i, char *out, size_t cap) {
    size_t k = 0, kept = 0; /* decoded, and kept in out: whole characters, up to the first cut */
    for (i++; i < n && t[i] != '"';) {
        char b[4];
        size_t len = 1;
        if (t[i] == '\\') {
            i++;
            len = slate__json_unescape(t, n, &i, b);
        } else {
            b[0] = t[i++];
        }
        if (kept == k && k + len < cap) {
            memcpy(out + k, b, len);
            kept += len;
        }
        k += len;
    }
    if (cap > 0) out[kept] = '\0';
    return k;
}

/* Whether the JSON string at t[i] (a quote) equals token, escapes decoded
 * (or, for a token cut short, starts with it). */
static int key_equals(const char *t, size_t n, size_t i, const char *token, size_t token_len,
                      int cut) {
    char key[SLATE_JSON_POINTER_MAX];
    size_t len = slate__json_string_decode(t, n, i, key, sizeof key);
    if (len > token_len) return cut && memcmp(key, token, token_len) == 0;
    return len == token_len && memcmp(key, token, token_len) == 0;
}

/* Decodes the next pointer token (~0, ~1) into buf; returns the rest. */
static const char *next_token(const char *p, char *buf, size_t cap, size_t *len) {
    size_t n = 0;
    for (p++; *p && *p != '/'; p++) {
        char ch = *p;
        if (ch == '~' && (p[1] == '0' || p[1] == '1')) ch = *++p == '0' ? '~' : '/';
        if (n + 1 < cap) buf[n++] = ch;
    }
    buf[n] = '\0';
    *len = n;
    return p;
}

/* The offset of the value at pointer (of its key when at_key); when the
 * last object holds its key more than once, of the occurrence after
 * `repeat` earlier ones. */
static size_t locate(const char *t, size_t n, const char *pointer, int at_key, int repeat) {
    size_t i = skip_ws(t, n, 0);
    /* Pointers are built in buffers of SLATE_JSON_POINTER_MAX bytes: one
     * that fills its buffer may have lost the end of its last token. */
    int cut = strlen(pointer) >= SLATE_JSON_POINTER_MAX - 4;
    char token[SLATE_JSON_POINTER_MAX];
    /* What cannot be found (a pointer cut at SLATE_JSON_POINTER_MAX bytes)
     * is reported at the deepest value found on the way. */
    while (*pointer == '/') {
        size_t token_len, key_at = n, found = i;
        pointer = next_token(pointer, token, sizeof token, &token_len);
        /* A cut pointer may end in "/", its last token lost. */
        int last = *pointer == '\0' || (cut && strcmp(pointer, "/") == 0);
        if (i >= n) return n;
        if (t[i] == '{') {
            i = skip_ws(t, n, i + 1);
            while (i < n && t[i] == '"') {
                int match = key_equals(t, n, i, token, token_len, cut && last);
                key_at = i;
                i = skip_ws(t, n, skip_string(t, n, i));
                i = skip_ws(t, n, i + 1); /* past ':' */
                if (match && (!last || repeat-- == 0)) break;
                i = skip_ws(t, n, skip_value(t, n, i));
                if (i < n && t[i] == ',') i = skip_ws(t, n, i + 1);
                key_at = n;
            }
            if (key_at == n) return found;
            if (last && at_key) return key_at;
        } else if (t[i] == '[') {
            long index = strtol(token, NULL, 10);
            i = skip_ws(t, n, i + 1);
            for (long k = 0; k < index && i < n && t[i] != ']'; k++) {
                i = skip_ws(t, n, skip_value(t, n, i));
                if (i < n && t[i] == ',') i = skip_ws(t, n, i + 1);
            }
            if (i >= n || t[i] == ']') return found;
        } else {
            return found;
        }
        if (last) break;
    }
    return i;
}

size_t slate__json_locate(const char *t, size_t n, const char *pointer, int at_key) {
    return locate(t, n, pointer, at_key, 0);
}

size_t slate__json_locate_repeat(const char *t, size_t n, const char *pointer) {
    return locate(t, n, pointer, 1, 1);
}

void slate__json_line_column(const char *text, size_t len, size_t offset, int *line, int *column) {
    int l = 1, c = 1;
    for (size_t i = 0; i < offset && i < len; i++) {
        if (text[i] == '\n') {
            l++;
            c = 1;
        } else {
            c++;
        }
    }
    *line = l;
    *column = c;
}
