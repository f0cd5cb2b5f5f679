/* Evaluating and explaining conditions. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../base/base.h"
#include "condition.h"

enum { KNOWN_HASH = 1, KNOWN_NUMBER = 2, KNOWN_NOT_NUMBER = 4, KNOWN_UTF8 = 8, KNOWN_LENGTH = 16 };

/* PCRE2 allocates through slate's allocator: a general context made for
 * the moment hands these to what it creates (compiled code, match data,
 * match context), which keep them for their whole life. */
static void *pcre2_allocate(PCRE2_SIZE n, void *data) {
    (void)data;
    return slate__malloc(n);
}

static void pcre2_release(void *p, void *data) {
    (void)data;
    slate__free(p);
}

static pcre2_general_context *general_context(void) {
    return pcre2_general_context_create(pcre2_allocate, pcre2_release, NULL);
}

int slate__cond_scratch_init(cond_scratch *s, size_t slots) {
    pcre2_general_context *g = general_context();
    s->match = g != NULL ? pcre2_match_data_create(1, g) : NULL;
    s->context = g != NULL ? pcre2_match_context_create(g) : NULL;
    pcre2_general_context_free(g);
    s->known = slate__calloc(slots, 1);
    s->hashes = slate__calloc(slots, sizeof *s->hashes);
    s->numbers = slate__calloc(slots, sizeof *s->numbers);
    s->lengths = slate__calloc(slots, sizeof *s->lengths);
    s->slots = slots;
    if (s->match == NULL || s->context == NULL || s->known == NULL || s->hashes == NULL ||
        s->numbers == NULL || s->lengths == NULL) {
        slate__cond_scratch_release(s);
        return 0;
    }
    pcre2_set_match_limit(s->context, CONDITION_MATCH_LIMIT);
    pcre2_set_depth_limit(s->context, CONDITION_DEPTH_LIMIT);
    return 1;
}

void slate__cond_scratch_reset(cond_scratch *s) { memset(s->known, 0, s->slots); }

void slate__cond_scratch_release(cond_scratch *s) {
    pcre2_match_data_free(s->match);
    pcre2_match_context_free(s->context);
    slate__free(s->known);
    slate__free(s->hashes);
    slate__free(s->numbers);
    slate__free(s->lengths);
    memset(s, 0, sizeof *s);
}

/* Below this many names a linear scan is faster than hashing. */
#define FIELDS_SCAN_MAX 32

static void index_put(cond_fields *f, size_t slot) {
    size_t at = (size_t)slate__hash_bytes(f->names[slot], f->lengths[slot]) & f->index_mask;
    while (f->index[at] != 0)
        at = (at + 1) & f->index_mask;
    f->index[at] = (uint32_t)slot + 1;
}

/* Indexes the newest name once there are enough, keeping the index at
 * most half full. 0 when out of memory. */
static int index_newest(cond_fields *f) {
    if (f->count < FIELDS_SCAN_MAX) return 1;
    if (f->index != NULL && 2 * f->count <= f->index_mask) {
        index_put(f, f->count - 1);
        return 1;
    }
    size_t cap = f->index != NULL ? 2 * (f->index_mask + 1) : 4 * FIELDS_SCAN_MAX;
    uint32_t *index = slate__calloc(cap, sizeof *index);
    if (index == NULL) return 0;
    slate__free(f->index);
    f->index = index, f->index_mask = cap - 1;
    for (size_t i = 0; i < f->count; i++)
        index_put(f, i);
    return 1;
}

long slate__cond_fields_intern(cond_fields *f, const char *name) {
    long found = slate__cond_fields_find(f, name);
    if (found >= 0) return found;
    if (f->count == f->cap) {
        size_t want = slate__next_cap(f->cap);
        int ok = 1;
        SLATE_RESIZE(f->names, want, ok);
        SLATE_RESIZE(f->lengths, want, ok);
        if (!ok) return -1;
        f->cap = want;
    }
    if ((f->names[f->count] = slate__strdup(name)) == NULL) return -1;
    f->lengths[f->count] = strlen(name);
    f->count++;
    if (!index_newest(f)) {
        slate__free(f->names[--f->count]);
        return -1;
    }
    return (long)f->count - 1;
}

long slate__cond_fields_find(const cond_fields *f, const char *name) {
    return slate__cond_fields_find_len(f, name, strlen(name));
}

long slate__cond_fields_find_len(const cond_fields *f, const char *name, size_t len) {
    if (f->index == NULL) {
        for (size_t i = 0; i < f->count; i++)
            if (f->lengths[i] == len && slate__bytes_equal(f->names[i], name, len)) return (long)i;
        return -1;
    }
    for (size_t at = (size_t)slate__hash_bytes(name, len) & f->index_mask; f->index[at] != 0;
         at = (at + 1) & f->index_mask) {
        size_t i = f->index[at] - 1;
        if (f->lengths[i] == len && slate__bytes_equal(f->names[i], name, len)) return (long)i;
    }
    return -1;
}

void slate__cond_fields_resolve(const cond_fields *f, const slate_field *fields, size_t count,
                                const char **values) {
    for (size_t i = 0; i < f->count; i++)
        values[i] = NULL;
    for (size_t k = 0; k < count; k++) {
        long i = slate__cond_fields_find(f, fields[k].name);
        if (i >= 0 && values[i] == NULL) values[i] = fields[k].value;
    }
}

void slate__cond_fields_release(cond_fields *f) {
    for (size_t i = 0; i < f->count; i++)
        slate__free(f->names[i]);
    slate__free(f->names);
    slate__free(f->lengths);
    slate__free(f->index);
    memset(f, 0, sizeof *f);
}

static const char *skip_digits(const char *p) {
    const char *start = p;
    while (*p >= '0' && *p <= '9')
        p++;
    return p > start ? p : NULL;
}

/* Whether a text is a decimal number as JSON writes one (leading zeros
 * allowed): no spaces, no sign but '-', no hexadecimal, inf or nan, which
 * strtod would take. */
static int decimal_syntax(const char *p) {
    if (*p == '-') p++;
    p = skip_digits(p);
    if (p != NULL && *p == '.') p = skip_digits(p + 1);
    if (p != NULL && (*p == 'e' || *p == 'E')) {
        p++;
        if (*p == '+' || *p == '-') p++;
        p = skip_digits(p);
    }
    return p != NULL && *p == '\0';
}

/* Whether text is a finite decimal number (1e999 is not one), into *out.
 * Kept out of line: inlined, it made the recursive evaluation heavier. */
SLATE_NOINLINE static int parse_number(const char *text, double *out) {
    char *end = NULL;
    *out = decimal_syntax(text) ? strtod(text, &end) : 0;
    return end != NULL && *end == '\0' && isfinite(*out);
}

/* The value of a slot as a number, parsed once per ticket. */
static int as_number(const condition *c, const char *text, cond_scratch *s, double *out) {
    unsigned char *known = &s->known[c->slot];
    if (!(*known & (KNOWN_NUMBER | KNOWN_NOT_NUMBER)))
        *known |= parse_number(text, &s->numbers[c->slot]) ? KNOWN_NUMBER : KNOWN_NOT_NUMBER;
    *out = s->numbers[c->slot];
    return (*known & KNOWN_NUMBER) != 0;
}

/* Whether the value is one of the condition's. A few values are compared
 * as text (most differ in their first byte, checked before the call); a
 * longer list by hashes first (the value's hash is worked out once per
 * event), text only when they agree. */
#define IN_DIRECT_MAX 8

static int in_values(const condition *c, const char *value, cond_scratch *s) {
    if (c->value_count <= IN_DIRECT_MAX) {
        for (size_t i = 0; i < c->value_count; i++)
            if (slate__text_equal(c->values[i], value)) return 1;
        return 0;
    }
    if (!(s->known[c->slot] & KNOWN_HASH)) {
        s->hashes[c->slot] = slate__hash_text(value);
        s->known[c->slot] |= KNOWN_HASH;
    }
    uint64_t h = s->hashes[c->slot];
    for (size_t i = 0; i < c->value_count; i++)
        if (c->value_hashes[i] == h && slate__text_equal(c->values[i], value)) return 1;
    return 0;
}

static int compare(cond_op op, double a, double b) {
    switch (op) {
    case COND_GT: return a > b;
    case COND_GE: return a >= b;
    case COND_LT: return a < b;
    default: return a <= b;
    }
}

static int match_regex(const condition *c, const char *value, cond_scratch *s,
                       cond_failure *failure) {
    /* PCRE2 checks a subject's UTF-8 on each call; once per value is enough. */
    uint32_t options = s->known[c->slot] & KNOWN_UTF8 ? PCRE2_NO_UTF_CHECK : 0;
    if (!(s->known[c->slot] & KNOWN_LENGTH)) {
        s->lengths[c->slot] = strlen(value);
        s->known[c->slot] |= KNOWN_LENGTH;
    }
    int rc = pcre2_match(c->regex, (PCRE2_SPTR)value, s->lengths[c->slot], 0, options, s->match,
                         s->context);
    if (rc >= 0 || rc == PCRE2_ERROR_NOMATCH) s->known[c->slot] |= KNOWN_UTF8;
    if (rc >= 0) return 1;
    if (rc == PCRE2_ERROR_NOMATCH) return 0;
    failure->code = rc <= PCRE2_ERROR_UTF8_ERR1 && rc >= PCRE2_ERROR_UTF8_ERR21 ? SLATE_EINVAL
                    : rc == PCRE2_ERROR_NOMEMORY                                ? SLATE_ENOMEM
                                                                                : SLATE_ELIMIT;
    failure->where = c;
    failure->field_value = value;
    failure->pcre2_error = rc;
    return -1;
}

int slate__cond_eval(const condition *c, const char *const *values, cond_scratch *s,
                     cond_failure *failure) {
    if (c->op == COND_ALL || c->op == COND_ANY) {
        int want = c->op == COND_ANY;
        for (size_t i = 0; i < c->child_count; i++) {
            int r = slate__cond_eval(&c->children[i], values, s, failure);
            if (r < 0) return r;
            if (r == want) return want;
        }
        return !want;
    }
    if (c->op == COND_NOT) {
        int r = slate__cond_eval(&c->children[0], values, s, failure);
        return r < 0 ? r : !r;
    }
    const char *value = values[c->slot];
    double number;
    switch (c->op) {
    case COND_EXISTS: return (value != NULL) == c->exists;
    case COND_EQUALS:
    case COND_IN: return value != NULL && in_values(c, value, s);
    case COND_NOT_EQUALS:
    case COND_NOT_IN: return value == NULL || !in_values(c, value, s);
    case COND_MATCHES: return value != NULL ? match_regex(c, value, s, failure) : 0;
    default:
        return value != NULL && as_number(c, value, s, &number) &&
               compare(c->op, number, c->number);
    }
}

static const char *op_words(cond_op op) {
    static const char *words[] = {
        "all", "any", "not", "equals", "does not equal", "is in", "is not in", "exists",
        ">",   ">=",  "<",   "<=",     "matches"};
    return words[op];
}

/* Describes a leaf and the value it saw. */
static void describe_leaf(const condition *c, const char *value, int result, char *buf,
                          size_t cap) {
    char operand[96] = "", shown[512], seen[512] = "";
    if (c->op == COND_EQUALS || c->op == COND_NOT_EQUALS) {
        slate__visible(c->values[0], 80, shown, sizeof shown);
        snprintf(operand, sizeof operand, " \"%.90s\"", shown);
    } else if (c->op == COND_IN || c->op == COND_NOT_IN) {
        snprintf(operand, sizeof operand, " [%zu values]", c->value_count);
    } else if (c->op == COND_MATCHES) {
        slate__visible(c->pattern, 80, shown, sizeof shown);
        snprintf(operand, sizeof operand, " /%.90s/", shown);
    } else if (c->op >= COND_GT && c->op <= COND_LE) {
        snprintf(operand, sizeof operand, " %g", c->number);
    }
    if (value != NULL) slate__visible(value, 60, seen, sizeof seen);
    const char *verb = c->op == COND_EXISTS && !c->exists ? "is absent" : op_words(c->op);
    if (value == NULL)
        snprintf(buf, cap, "%s %s%s: %s (field absent)", c->field, verb, operand,
                 result ? "yes" : "no");
    else
        snprintf(buf, cap, "%s %s%s: %s (value \"%s\")", c->field, verb, operand,
                 result ? "yes" : "no", seen);
}

void slate__cond_explain(const condition *c, const char *const *values, cond_scratch *s, char *buf,
                         size_t cap) {
    cond_failure failure;
    int result = slate__cond_eval(c, values, s, &failure);
    if (result < 0) {
        snprintf(buf, cap, "%s: evaluation failed (PCRE2 error %d)", c->pointer,
                 failure.pcre2_error);
        return;
    }
    if (c->op == COND_ALL || c->op == COND_ANY) {
        /* The deciding child: the first false one of a false "all", the
         * first true one of a true "any". */
        int decisive = c->op == COND_ANY;
        if (result == decisive) {
            for (size_t i = 0; i < c->child_count; i++)
                if (slate__cond_eval(&c->children[i], values, s, &failure) == decisive) {
                    slate__cond_explain(&c->children[i], values, s, buf, cap);
                    return;
                }
        }
        snprintf(buf, cap, "%s of %zu conditions hold", c->op == COND_ALL ? "all" : "none",
                 c->child_count);
        return;
    }
    if (c->op == COND_NOT) {
        char inner[200];
        slate__cond_explain(&c->children[0], values, s, inner, sizeof inner);
        snprintf(buf, cap, "not (%s): %s", inner, result ? "yes" : "no");
        slate__utf8_repair(buf);
        return;
    }
    describe_leaf(c, values[c->slot], result, buf, cap);
    slate__utf8_repair(buf);
}

int slate__cond_reads(const condition *c, size_t slot) {
    if (c->op == COND_ALL || c->op == COND_ANY || c->op == COND_NOT) {
        for (size_t i = 0; i < c->child_count; i++)
            if (slate__cond_reads(&c->children[i], slot)) return 1;
        return 0;
    }
    return c->slot == slot;
}

void slate__cond_release(condition *c) {
    if (c == NULL) return;
    for (size_t i = 0; i < c->child_count; i++)
        slate__cond_release(&c->children[i]);
    slate__free(c->children);
    for (size_t i = 0; i < c->value_count; i++)
        slate__free(c->values[i]);
    slate__free(c->values);
    slate__free(c->value_hashes);
    slate__free(c->pointer);
    slate__free(c->field);
    slate__free(c->pattern);
    pcre2_code_free(c->regex);
    memset(c, 0, sizeof *c);
}

slate_status slate__cond_compile_regex(condition *c, int ignore_case, char *why, size_t why_cap,
                                       size_t *offset) {
    int code = PCRE2_ERROR_HEAP_FAILED;
    PCRE2_SIZE at = 0;
    uint32_t options = PCRE2_UTF | PCRE2_UCP | (ignore_case ? PCRE2_CASELESS : 0);
    pcre2_general_context *g = general_context();
    pcre2_compile_context *cc = g != NULL ? pcre2_compile_context_create(g) : NULL;
    if (cc != NULL)
        c->regex =
            pcre2_compile((PCRE2_SPTR)c->pattern, PCRE2_ZERO_TERMINATED, options, &code, &at, cc);
    pcre2_compile_context_free(cc);
    pcre2_general_context_free(g);
    if (c->regex == NULL) {
        PCRE2_UCHAR message[160];
        pcre2_get_error_message(code, message, sizeof message);
        snprintf(why, why_cap, "%s", (const char *)message);
        *offset = at;
        return code == PCRE2_ERROR_HEAP_FAILED ? SLATE_ENOMEM : SLATE_EPARSE;
    }
    /* The interpreter serves if JIT is unavailable or its memory runs out. */
    pcre2_jit_compile(c->regex, PCRE2_JIT_COMPLETE);
    return SLATE_OK;
}

slate_status slate__cond_failure_report(const cond_failure *f, const char *context,
                                        slate_error *err) {
    PCRE2_UCHAR message[120];
    pcre2_get_error_message(f->pcre2_error, message, sizeof message);
    slate__fail(err, f->code, "%s: /%.60s/ on field %s: %s", context, f->where->pattern,
                f->where->field, (const char *)message);
    slate__error_where(err, NULL, 0, 0, f->where->pointer);
    return f->code;
}
