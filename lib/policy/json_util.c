/* JSON helpers for the policy loader. */
#include <math.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "json_util.h"

void pointer_key(char *buf, const char *parent, const char *token) {
    size_t n = strlen(parent);
    if (n >= POINTER_MAX - 2) n = POINTER_MAX - 2;
    memmove(buf, parent, n);
    buf[n++] = '/';
    for (; *token && n < POINTER_MAX - 3; token++) {
        if (*token == '~' || *token == '/') {
            buf[n++] = '~';
            buf[n++] = *token == '~' ? '0' : '1';
        } else {
            buf[n++] = *token;
        }
    }
    buf[n] = '\0';
}

void pointer_index(char *buf, const char *parent, size_t index) {
    char token[32];
    snprintf(token, sizeof token, "%zu", index);
    pointer_key(buf, parent, token);
}

/* ---- locating a pointer in the text ---- */

static size_t skip_ws(const char *t, size_t n, size_t i) {
    while (i < n && (t[i] == ' ' || t[i] == '\t' || t[i] == '\n' || t[i] == '\r')) i++;
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

/* Whether the JSON string at t[i] (a quote) equals token (simple escapes). */
static int key_equals(const char *t, size_t n, size_t i, const char *token, size_t token_len) {
    size_t k = 0;
    for (i++; i < n && t[i] != '"'; i++, k++) {
        char ch = t[i];
        if (ch == '\\' && i + 1 < n) ch = t[++i] == 'n' ? '\n' : t[i] == 't' ? '\t' : t[i];
        if (k >= token_len || token[k] != ch) return 0;
    }
    return k == token_len;
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

size_t json_locate(const char *t, size_t n, const char *pointer, int at_key) {
    size_t i = skip_ws(t, n, 0);
    char token[POINTER_MAX];
    while (*pointer == '/') {
        size_t token_len, key_at = n;
        pointer = next_token(pointer, token, sizeof token, &token_len);
        int last = *pointer == '\0';
        if (i >= n) return n;
        if (t[i] == '{') {
            i = skip_ws(t, n, i + 1);
            while (i < n && t[i] == '"') {
                int match = key_equals(t, n, i, token, token_len);
                key_at = i;
                i = skip_ws(t, n, skip_string(t, n, i));
                i = skip_ws(t, n, i + 1); /* past ':' */
                if (match) break;
                i = skip_ws(t, n, skip_value(t, n, i));
                if (i < n && t[i] == ',') i = skip_ws(t, n, i + 1);
                key_at = n;
            }
            if (key_at == n) return n;
            if (last && at_key) return key_at;
        } else if (t[i] == '[') {
            long index = strtol(token, NULL, 10);
            i = skip_ws(t, n, i + 1);
            for (long k = 0; k < index && i < n && t[i] != ']'; k++) {
                i = skip_ws(t, n, skip_value(t, n, i));
                if (i < n && t[i] == ',') i = skip_ws(t, n, i + 1);
            }
            if (i >= n || t[i] == ']') return n;
        } else {
            return n;
        }
    }
    return i;
}

void json_line_column(const char *text, size_t len, size_t offset, int *line, int *column) {
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

/* 1 when the eight bytes at s are ASCII and none is NUL. */
static int ascii8(const unsigned char *s) {
    uint64_t v;
    memcpy(&v, s, sizeof v);
    const uint64_t ones = 0x0101010101010101u, highs = 0x8080808080808080u;
    return (v & highs) == 0 && ((v - ones) & ~v & highs) == 0;
}

size_t utf8_invalid_at(const char *text, size_t len) {
    const unsigned char *s = (const unsigned char *)text;
    size_t i = 0;
    while (i < len) {
        if (i + 8 <= len && ascii8(s + i)) {
            i += 8;
            continue;
        }
        unsigned char c = s[i];
        size_t need;
        uint32_t cp, min;
        if (c == 0) return i;
        if (c < 0x80) {
            i++;
            continue;
        }
        if ((c & 0xE0) == 0xC0) need = 1, cp = c & 0x1F, min = 0x80;
        else if ((c & 0xF0) == 0xE0) need = 2, cp = c & 0x0F, min = 0x800;
        else if ((c & 0xF8) == 0xF0) need = 3, cp = c & 0x07, min = 0x10000;
        else return i;
        for (size_t k = 1; k <= need; k++) {
            if (i + k >= len || (s[i + k] & 0xC0) != 0x80) return i;
            cp = cp << 6 | (s[i + k] & 0x3F);
        }
        if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) return i;
        i += need + 1;
    }
    return len;
}

static slate_status fail_at_offset(loader *ld, size_t offset, slate_status code, const char *msg) {
    int line, column;
    json_line_column(ld->text, ld->len, offset, &line, &column);
    if (*ld->file)
        slate__fail(ld->err, code, "%s:%d:%d: %s", ld->file, line, column, msg);
    else
        slate__fail(ld->err, code, "line %d, column %d: %s", line, column, msg);
    slate__error_where(ld->err, ld->file, line, column, "");
    return code;
}

/* cJSON notes parse errors in a process-wide variable; calls into its
 * parser are serialised so that concurrent loads do not race on it. */
static pthread_mutex_t cjson_parse_lock = PTHREAD_MUTEX_INITIALIZER;

slate_status json_parse(loader *ld, cJSON **out) {
    size_t bad = utf8_invalid_at(ld->text, ld->len);
    if (bad < ld->len)
        return fail_at_offset(ld, bad, SLATE_EPARSE,
                              ld->text[bad] == 0 ? "NUL byte in the text" : "invalid UTF-8");
    const char *why;
    if (!json_check_syntax(ld->text, ld->len, &bad, &why)) {
        slate_status code = strncmp(why, "nesting", 7) == 0 ? SLATE_ELIMIT : SLATE_EPARSE;
        return fail_at_offset(ld, bad, code, why);
    }
    pthread_mutex_lock(&cjson_parse_lock);
    *out = cJSON_ParseWithLength(ld->text, ld->len);
    pthread_mutex_unlock(&cjson_parse_lock);
    if (*out == NULL) return slate__fail(ld->err, SLATE_ENOMEM, "out of memory parsing the policy");
    return SLATE_OK;
}

slate_status load_fail(loader *ld, const char *pointer, int at_key, slate_status code,
                       const char *fmt, ...) {
    char what[SLATE_ERROR_TEXT_MAX];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(what, sizeof what, fmt, ap);
    va_end(ap);
    int line, column;
    size_t at = json_locate(ld->text, ld->len, pointer, at_key);
    json_line_column(ld->text, ld->len, at, &line, &column);
    if (*ld->file)
        slate__fail(ld->err, code, "%s:%d:%d: %s (at %s)", ld->file, line, column, what,
                    *pointer ? pointer : "/");
    else
        slate__fail(ld->err, code, "line %d, column %d: %s (at %s)", line, column, what,
                    *pointer ? pointer : "/");
    slate__error_where(ld->err, ld->file, line, column, pointer);
    return code;
}

static const char *type_name(const cJSON *node) {
    if (cJSON_IsObject(node)) return "an object";
    if (cJSON_IsArray(node)) return "an array";
    if (cJSON_IsString(node)) return "a string";
    if (cJSON_IsNumber(node)) return "a number";
    if (cJSON_IsBool(node)) return "a boolean";
    return "null";
}

slate_status check_keys(loader *ld, const cJSON *node, const char *pointer, const char *const *allowed) {
    char child[POINTER_MAX];
    for (const cJSON *item = node->child; item != NULL; item = item->next) {
        int known = 0;
        for (const char *const *a = allowed; *a && !known; a++) known = strcmp(*a, item->string) == 0;
        pointer_key(child, pointer, item->string);
        if (!known) return load_fail(ld, child, 1, SLATE_EPARSE, "unknown key \"%s\"", item->string);
        for (const cJSON *prev = node->child; prev != item; prev = prev->next)
            if (strcmp(prev->string, item->string) == 0)
                return load_fail(ld, child, 1, SLATE_EPARSE, "duplicate key \"%s\"", item->string);
    }
    return SLATE_OK;
}

static slate_status expect(loader *ld, const cJSON *node, const char *pointer, int ok, const char *what) {
    if (ok) return SLATE_OK;
    return load_fail(ld, pointer, 0, SLATE_EPARSE, "expected %s, found %s", what, type_name(node));
}

slate_status expect_object(loader *ld, const cJSON *node, const char *pointer) {
    return expect(ld, node, pointer, cJSON_IsObject(node), "an object");
}

slate_status expect_array(loader *ld, const cJSON *node, const char *pointer) {
    return expect(ld, node, pointer, cJSON_IsArray(node), "an array");
}

slate_status expect_string(loader *ld, const cJSON *node, const char *pointer) {
    return expect(ld, node, pointer, cJSON_IsString(node), "a string");
}

slate_status expect_int(loader *ld, const cJSON *node, const char *pointer, long min, long max, long *out) {
    slate_status st = expect(ld, node, pointer, cJSON_IsNumber(node), "an integer");
    if (st != SLATE_OK) return st;
    double v = node->valuedouble;
    if (v != floor(v) || v < (double)min || v > (double)max)
        return load_fail(ld, pointer, 0, SLATE_EPARSE, "expected an integer from %ld to %ld, found %g",
                         min, max, v);
    *out = (long)v;
    return SLATE_OK;
}

slate_status expect_hundredths(loader *ld, const cJSON *node, const char *pointer, int64_t max, int64_t *out) {
    slate_status st = expect(ld, node, pointer, cJSON_IsNumber(node), "a number");
    if (st != SLATE_OK) return st;
    double scaled = node->valuedouble * 100, whole = floor(scaled + 0.5);
    if (scaled < 0 || scaled > (double)max || fabs(scaled - whole) > 1e-6)
        return load_fail(ld, pointer, 0, SLATE_EPARSE, "expected a number from 0 to %lld with at most two decimals, found %g",
                         (long long)(max / 100), node->valuedouble);
    *out = (int64_t)whole;
    return SLATE_OK;
}

/* An array of distinct, non-empty strings. */
slate_status load_names(loader *ld, const cJSON *node, const char *pointer, size_t max,
                        char ***out, size_t *count) {
    char ptr[POINTER_MAX];
    slate_status st = expect_array(ld, node, pointer);
    if (st != SLATE_OK) return st;
    size_t n = (size_t)cJSON_GetArraySize(node);
    if (n == 0 || n > max) return load_fail(ld, pointer, 0, SLATE_EPARSE, "expected 1 to %zu names", max);
    if ((*out = slate__calloc(n, sizeof **out)) == NULL) return slate__fail(ld->err, SLATE_ENOMEM, "out of memory");
    for (const cJSON *item = node->child; item != NULL; item = item->next) {
        pointer_index(ptr, pointer, *count);
        if ((st = expect_string(ld, item, ptr)) != SLATE_OK) return st;
        if (item->valuestring[0] == '\0') return load_fail(ld, ptr, 0, SLATE_EPARSE, "empty name");
        for (size_t j = 0; j < *count; j++)
            if (strcmp((*out)[j], item->valuestring) == 0)
                return load_fail(ld, ptr, 0, SLATE_EPARSE, "\"%s\" is listed twice", item->valuestring);
        if (((*out)[(*count)++] = slate__strdup(item->valuestring)) == NULL)
            return slate__fail(ld->err, SLATE_ENOMEM, "out of memory");
    }
    return SLATE_OK;
}
