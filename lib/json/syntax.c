/* A strict JSON syntax check (RFC 8259) that says exactly where and why
 * text is not JSON. cJSON's own error position is approximate; this runs
 * first so that every syntax error carries a precise line and column; the
 * streaming reader relies on it to walk text without checking again. */
#include <stdio.h>
#include <string.h>

#include "json.h"

/* Where the check is: one level per array or object entered, so that an
 * error can name its JSON Pointer. */
typedef struct level {
    int object;
    size_t key;   /* offset of the current member's name (objects), or NO_KEY */
    size_t index; /* the current element (arrays) */
} level;

#define NO_KEY ((size_t)-1)

typedef struct checker {
    const char *t;
    size_t n, i;
    const char *why;
    size_t values, max_values; /* counted, and allowed (0: any number) */
    int depth;
    level path[SLATE_JSON_MAX_DEPTH + 2];
    char why_text[160]; /* for reasons that quote the text */
} checker;

static int fail(checker *c, const char *why) {
    c->why = why;
    return 0;
}

static void ws(checker *c) {
    while (c->i < c->n &&
           (c->t[c->i] == ' ' || c->t[c->i] == '\t' || c->t[c->i] == '\n' || c->t[c->i] == '\r'))
        c->i++;
}

static int is_digit(char ch) { return ch >= '0' && ch <= '9'; }

static int hex(char ch) {
    return is_digit(ch) || (ch >= 'a' && ch <= 'f') || (ch >= 'A' && ch <= 'F');
}

long slate__json_hex4(const char *s, size_t avail) {
    long v = 0;
    for (size_t k = 0; k < 4; k++) {
        if (k >= avail || !hex(s[k])) return -1;
        v = v * 16 + (is_digit(s[k]) ? s[k] - '0' : (s[k] | 0x20) - 'a' + 10);
    }
    return v;
}

/* The UTF-8 bytes of a code point. */
static size_t utf8_encode(unsigned long cp, char *b) {
    if (cp < 0x80) return b[0] = (char)cp, 1;
    if (cp < 0x800) return b[0] = (char)(0xC0 | cp >> 6), b[1] = (char)(0x80 | (cp & 0x3F)), 2;
    if (cp < 0x10000) {
        b[0] = (char)(0xE0 | cp >> 12), b[1] = (char)(0x80 | (cp >> 6 & 0x3F));
        return b[2] = (char)(0x80 | (cp & 0x3F)), 3;
    }
    b[0] = (char)(0xF0 | cp >> 18), b[1] = (char)(0x80 | (cp >> 12 & 0x3F));
    b[2] = (char)(0x80 | (cp >> 6 & 0x3F)), b[3] = (char)(0x80 | (cp & 0x3F));
    return 4;
}

size_t slate__json_unescape(const char *t, size_t n, size_t *i, char out[4]) {
    char e = *i < n ? t[*i] : '\0';
    if (e != 'u') {
        static const char from[] = "\"\\/bfnrt", to[] = "\"\\/\b\f\n\r\t";
        const char *at = e != '\0' ? strchr(from, e) : NULL;
        *i += 1;
        return at != NULL ? (out[0] = to[at - from], 1) : 0;
    }
    long cp = *i + 1 < n ? slate__json_hex4(t + *i + 1, n - *i - 1) : -1;
    *i += 5;
    if (cp >= 0xD800 && cp <= 0xDBFF && *i + 2 < n && t[*i] == '\\' && t[*i + 1] == 'u') {
        long low = slate__json_hex4(t + *i + 2, n - *i - 2);
        if (low >= 0xDC00 && low <= 0xDFFF) {
            cp = 0x10000 + ((cp - 0xD800) << 10) + (low - 0xDC00);
            *i += 6;
        }
    }
    return cp > 0 && (cp < 0xD800 || cp > 0xDFFF) ? utf8_encode((unsigned long)cp, out) : 0;
}

/* The code unit of the \u escape whose backslash is at `at`, or -1. */
static long hex4_at(const checker *c, size_t at) {
    return at + 2 <= c->n ? slate__json_hex4(c->t + at + 2, c->n - at - 2) : -1;
}

/* A \u escape at c->i. Beyond RFC 8259's grammar, slate's texts are C
 * strings of valid UTF-8: a NUL or half a surrogate pair is an error here,
 * where the position is known. */
static int unicode_escape(checker *c) {
    long cp = hex4_at(c, c->i);
    if (cp < 0) return c->i += 2, fail(c, "invalid \\u escape: expected four hex digits");
    if (cp == 0) return fail(c, "\\u0000 (a NUL) in a string");
    if (cp >= 0xD800 && cp <= 0xDBFF) {
        long low = c->i + 7 < c->n && c->t[c->i + 6] == '\\' && c->t[c->i + 7] == 'u'
                       ? hex4_at(c, c->i + 6)
                       : -1;
        if (low < 0xDC00 || low > 0xDFFF)
            return fail(c, "a \\u escape names half of a surrogate pair");
        c->i += 6;
    } else if (cp >= 0xDC00 && cp <= 0xDFFF)
        return fail(c, "a \\u escape names half of a surrogate pair");
    c->i += 6;
    return 1;
}

static int bad_escape(checker *c, char e) {
    const char *known = "JSON knows \\\" \\\\ \\/ \\b \\f \\n \\r \\t \\uXXXX";
    if ((unsigned char)e > 0x20 && (unsigned char)e < 0x7f)
        snprintf(c->why_text, sizeof c->why_text,
                 "invalid escape \"\\%c\" in a string: %s; for a backslash (as in the regular "
                 "expression \\%c) write \"\\\\%c\"",
                 e, known, e, e);
    else
        snprintf(c->why_text, sizeof c->why_text, "invalid escape in a string: %s", known);
    return fail(c, c->why_text);
}

/* The reason for a character where a value or a member name belongs. */
static const char *misplaced(const checker *c, const char *otherwise) {
    char ch = c->t[c->i];
    if (ch == '/' && c->i + 1 < c->n && (c->t[c->i + 1] == '/' || c->t[c->i + 1] == '*'))
        return "JSON has no comments: remove it, or keep the note in a \"description\" string";
    if (ch == '\'') return "strings and member names take double quotes, not single";
    if ((ch == '}' || ch == ']') && c->i > 0) {
        size_t k = c->i;
        while (k > 0 && strchr(" \t\r\n", c->t[k - 1]))
            k--;
        if (k > 0 && c->t[k - 1] == ',')
            return "a comma before the closing bracket: JSON allows no trailing comma";
    }
    return otherwise;
}

static int string(checker *c) {
    c->i++; /* opening quote */
    while (c->i < c->n) {
        unsigned char ch = (unsigned char)c->t[c->i];
        if (ch == '"') {
            c->i++;
            return 1;
        }
        if (ch < 0x20) return fail(c, "control character in a string (escape it)");
        if (ch == '\\') {
            char e = c->i + 1 < c->n ? c->t[c->i + 1] : '\0';
            if (e == 'u') {
                if (!unicode_escape(c)) return 0;
                continue;
            }
            if (!strchr("\"\\/bfnrt", e) || e == '\0') return bad_escape(c, e);
            c->i += 2;
            continue;
        }
        c->i++;
    }
    return fail(c, "unterminated string");
}

static int number(checker *c) {
    if (c->t[c->i] == '-') c->i++;
    if (c->i >= c->n || !is_digit(c->t[c->i])) return fail(c, "invalid number");
    if (c->t[c->i] == '0' && c->i + 1 < c->n && is_digit(c->t[c->i + 1]))
        return fail(c, "invalid number: no leading zeros");
    while (c->i < c->n && is_digit(c->t[c->i]))
        c->i++;
    if (c->i < c->n && c->t[c->i] == '.') {
        c->i++;
        if (c->i >= c->n || !is_digit(c->t[c->i]))
            return fail(c, "invalid number: digits expected after '.'");
        while (c->i < c->n && is_digit(c->t[c->i]))
            c->i++;
    }
    if (c->i < c->n && (c->t[c->i] == 'e' || c->t[c->i] == 'E')) {
        c->i++;
        if (c->i < c->n && (c->t[c->i] == '+' || c->t[c->i] == '-')) c->i++;
        if (c->i >= c->n || !is_digit(c->t[c->i]))
            return fail(c, "invalid number: digits expected in the exponent");
        while (c->i < c->n && is_digit(c->t[c->i]))
            c->i++;
    }
    return 1;
}

static int literal(checker *c, const char *word) {
    size_t len = strlen(word);
    if (c->n - c->i < len || memcmp(c->t + c->i, word, len) != 0)
        return fail(c, "invalid literal (true, false or null)");
    c->i += len;
    return 1;
}

static int value(checker *c, int depth);

static int members(checker *c, int depth, int object) {
    char close = object ? '}' : ']';
    level *here = &c->path[c->depth++];
    *here = (level){object, NO_KEY, 0};
    c->i++;
    ws(c);
    if (c->i < c->n && c->t[c->i] == close) {
        c->i++;
        c->depth--;
        return 1;
    }
    for (;; here->index++) {
        if (object) {
            here->key = NO_KEY;
            if (c->i >= c->n) return fail(c, "unexpected end of text: a member name is missing");
            if (c->t[c->i] != '"')
                return fail(c, misplaced(c, "expected a member name in double quotes"));
            size_t key = c->i;
            if (!string(c)) return 0;
            here->key = key;
            ws(c);
            if (c->i >= c->n || c->t[c->i] != ':')
                return fail(c, "expected ':' after the member name");
            c->i++;
            ws(c);
        }
        if (!value(c, depth + 1)) return 0;
        ws(c);
        if (c->i < c->n && c->t[c->i] == ',') {
            c->i++;
            ws(c);
            continue;
        }
        if (c->i < c->n && c->t[c->i] == close) {
            c->i++;
            c->depth--;
            return 1;
        }
        if (c->i < c->n && c->t[c->i] == '/') return fail(c, misplaced(c, "unexpected '/'"));
        return fail(c, object ? "expected ',' or '}' after an object member"
                              : "expected ',' or ']' after an array element");
    }
}

static int value(checker *c, int depth) {
    if (depth > SLATE_JSON_MAX_DEPTH)
        return fail(c, "nesting deeper than the limit of " SLATE_JSON_MAX_DEPTH_TEXT);
    if (++c->values > c->max_values && c->max_values != 0)
        return fail(c, "more values (numbers, strings, arrays, objects) than the limit");
    if (c->i >= c->n) return fail(c, "unexpected end of text: a value is missing");
    switch (c->t[c->i]) {
    case '{': return members(c, depth, 1);
    case '[': return members(c, depth, 0);
    case '"': return string(c);
    case 't': return literal(c, "true");
    case 'f': return literal(c, "false");
    case 'n': return literal(c, "null");
    default:
        if (c->t[c->i] == '-' || is_digit(c->t[c->i])) return number(c);
        return fail(c, misplaced(c, "expected a value"));
    }
}

/* The JSON Pointer of where the check stopped. */
static void where_pointer(const checker *c, char *out) {
    char name[SLATE_JSON_POINTER_MAX];
    out[0] = '\0';
    for (int d = 0; d < c->depth; d++) {
        const level *l = &c->path[d];
        if (!l->object) {
            slate__json_pointer_index(out, out, l->index);
        } else if (l->key != NO_KEY) {
            slate__json_string_decode(c->t, c->n, l->key, name, sizeof name);
            slate__json_pointer_key(out, out, name);
        }
    }
}

int slate__json_check_syntax(const char *text, size_t len, size_t max_values, size_t *where,
                             char *why, char *pointer) {
    checker c = {.t = text, .n = len, .max_values = max_values};
    if (pointer != NULL) pointer[0] = '\0';
    if (len >= 3 && memcmp(text, "\xef\xbb\xbf", 3) == 0) {
        *where = 0;
        snprintf(why, SLATE_ERROR_TEXT_MAX, "%s",
                 "the text starts with a byte order mark (U+FEFF): save it as UTF-8 without one");
        return 0;
    }
    ws(&c);
    if (c.i == len) {
        *where = c.i;
        snprintf(why, SLATE_ERROR_TEXT_MAX, "%s", "empty document");
        return 0;
    }
    if (value(&c, 0)) {
        ws(&c);
        if (c.i == len) return 1;
        c.why = "unexpected text after the JSON value";
    }
    *where = c.i;
    snprintf(why, SLATE_ERROR_TEXT_MAX, "%s", c.why);
    if (pointer != NULL) where_pointer(&c, pointer);
    return 0;
}
