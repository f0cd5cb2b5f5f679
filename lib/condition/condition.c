/* Evaluating and explaining conditions. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../base/base.h"
#include "condition.h"

int cond_scratch_init(cond_scratch *s) {
    s->match = pcre2_match_data_create(1, NULL);
    s->context = pcre2_match_context_create(NULL);
    if (s->match == NULL || s->context == NULL) {
        cond_scratch_release(s);
        return 0;
    }
    pcre2_set_match_limit(s->context, CONDITION_MATCH_LIMIT);
    pcre2_set_depth_limit(s->context, CONDITION_DEPTH_LIMIT);
    return 1;
}

void cond_scratch_release(cond_scratch *s) {
    pcre2_match_data_free(s->match);
    pcre2_match_context_free(s->context);
    s->match = NULL;
    s->context = NULL;
}

static const char *find_field(const slate_field *fields, size_t count, const char *name) {
    for (size_t i = 0; i < count; i++)
        if (strcmp(fields[i].name, name) == 0) return fields[i].value;
    return NULL;
}

/* A field value as a number: the whole text must be one. */
static int as_number(const char *text, double *out) {
    char *end;
    if (*text == '\0') return 0;
    *out = strtod(text, &end);
    return *end == '\0';
}

static int in_values(const condition *c, const char *value) {
    for (size_t i = 0; i < c->value_count; i++)
        if (strcmp(c->values[i], value) == 0) return 1;
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

static int match_regex(const condition *c, const char *value, cond_scratch *s, cond_failure *failure) {
    int rc = pcre2_match(c->regex, (PCRE2_SPTR)value, strlen(value), 0, 0, s->match, s->context);
    if (rc >= 0) return 1;
    if (rc == PCRE2_ERROR_NOMATCH) return 0;
    failure->code = rc <= PCRE2_ERROR_UTF8_ERR1 && rc >= PCRE2_ERROR_UTF8_ERR21 ? SLATE_EINVAL : SLATE_ELIMIT;
    failure->where = c;
    failure->field_value = value;
    failure->pcre2_error = rc;
    return -1;
}

int cond_eval(const condition *c, const slate_field *fields, size_t count, cond_scratch *s,
              cond_failure *failure) {
    if (c->op == COND_ALL || c->op == COND_ANY) {
        int want = c->op == COND_ANY;
        for (size_t i = 0; i < c->child_count; i++) {
            int r = cond_eval(&c->children[i], fields, count, s, failure);
            if (r < 0) return r;
            if (r == want) return want;
        }
        return !want;
    }
    if (c->op == COND_NOT) {
        int r = cond_eval(&c->children[0], fields, count, s, failure);
        return r < 0 ? r : !r;
    }
    const char *value = find_field(fields, count, c->field);
    double number;
    switch (c->op) {
    case COND_EXISTS: return (value != NULL) == c->exists;
    case COND_EQUALS: return value != NULL && strcmp(value, c->values[0]) == 0;
    case COND_NOT_EQUALS: return value == NULL || strcmp(value, c->values[0]) != 0;
    case COND_IN: return value != NULL && in_values(c, value);
    case COND_NOT_IN: return value == NULL || !in_values(c, value);
    case COND_MATCHES: return value != NULL ? match_regex(c, value, s, failure) : 0;
    default: return value != NULL && as_number(value, &number) && compare(c->op, number, c->number);
    }
}

static const char *op_words(cond_op op) {
    static const char *words[] = {"all", "any", "not", "equals", "does not equal", "is in",
                                  "is not in", "exists", ">", ">=", "<", "<=", "matches"};
    return words[op];
}

/* Describes a leaf and the value it saw. */
static void describe_leaf(const condition *c, const char *value, int result, char *buf, size_t cap) {
    char operand[96] = "";
    if (c->op == COND_EQUALS || c->op == COND_NOT_EQUALS)
        snprintf(operand, sizeof operand, " \"%.80s\"", c->values[0]);
    else if (c->op == COND_IN || c->op == COND_NOT_IN)
        snprintf(operand, sizeof operand, " [%zu values]", c->value_count);
    else if (c->op == COND_MATCHES)
        snprintf(operand, sizeof operand, " /%.80s/", c->pattern);
    else if (c->op >= COND_GT && c->op <= COND_LE)
        snprintf(operand, sizeof operand, " %g", c->number);
    const char *verb = c->op == COND_EXISTS && !c->exists ? "is absent" : op_words(c->op);
    if (value == NULL)
        snprintf(buf, cap, "%s %s%s: %s (field absent)", c->field, verb, operand, result ? "yes" : "no");
    else
        snprintf(buf, cap, "%s %s%s: %s (value \"%.60s\")", c->field, verb, operand, result ? "yes" : "no",
                 value);
}

void cond_explain(const condition *c, const slate_field *fields, size_t count, cond_scratch *s,
                  char *buf, size_t cap) {
    cond_failure failure;
    int result = cond_eval(c, fields, count, s, &failure);
    if (result < 0) {
        snprintf(buf, cap, "%s: evaluation failed (PCRE2 error %d)", c->pointer, failure.pcre2_error);
        return;
    }
    if (c->op == COND_ALL || c->op == COND_ANY) {
        /* The deciding child: the first false one of a false "all", the
         * first true one of a true "any". */
        int decisive = c->op == COND_ANY;
        if (result == decisive) {
            for (size_t i = 0; i < c->child_count; i++)
                if (cond_eval(&c->children[i], fields, count, s, &failure) == decisive) {
                    cond_explain(&c->children[i], fields, count, s, buf, cap);
                    return;
                }
        }
        snprintf(buf, cap, "%s of %zu conditions hold", c->op == COND_ALL ? "all" : "none", c->child_count);
        return;
    }
    if (c->op == COND_NOT) {
        char inner[200];
        cond_explain(&c->children[0], fields, count, s, inner, sizeof inner);
        snprintf(buf, cap, "not (%s): %s", inner, result ? "yes" : "no");
        return;
    }
    describe_leaf(c, find_field(fields, count, c->field), result, buf, cap);
}

void cond_release(condition *c) {
    if (c == NULL) return;
    for (size_t i = 0; i < c->child_count; i++) cond_release(&c->children[i]);
    slate__free(c->children);
    for (size_t i = 0; i < c->value_count; i++) slate__free(c->values[i]);
    slate__free(c->values);
    slate__free(c->pointer);
    slate__free(c->field);
    slate__free(c->pattern);
    pcre2_code_free(c->regex);
    memset(c, 0, sizeof *c);
}

int cond_compile_regex(condition *c, int ignore_case, char *why, size_t why_cap, size_t *offset) {
    int code;
    PCRE2_SIZE at;
    uint32_t options = PCRE2_UTF | PCRE2_UCP | (ignore_case ? PCRE2_CASELESS : 0);
    c->regex = pcre2_compile((PCRE2_SPTR)c->pattern, PCRE2_ZERO_TERMINATED, options, &code, &at, NULL);
    if (c->regex == NULL) {
        PCRE2_UCHAR message[160];
        pcre2_get_error_message(code, message, sizeof message);
        snprintf(why, why_cap, "%s", (const char *)message);
        *offset = at;
        return 0;
    }
    pcre2_jit_compile(c->regex, PCRE2_JIT_COMPLETE); /* the interpreter serves if JIT is unavailable */
    return 1;
}
