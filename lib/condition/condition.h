/* Conditions over ticket fields, compiled once (regular expressions with
 * PCRE2, JIT where available) and evaluated without allocating. Shared by
 * classification rules and, later, SLA start/pause/stop conditions. */
#ifndef SLATE_CONDITION_H
#define SLATE_CONDITION_H

#define PCRE2_CODE_UNIT_WIDTH 8
#include <pcre2.h>

#include "slate/ticket.h"

/* Deepest all/any/not nesting a policy may use. */
#define CONDITION_MAX_DEPTH 16
/* PCRE2 match limit (backtracking steps) per match. */
#define CONDITION_MATCH_LIMIT 1000000
/* PCRE2 depth limit per match. */
#define CONDITION_DEPTH_LIMIT 10000

typedef enum cond_op {
    COND_ALL, COND_ANY, COND_NOT,
    COND_EQUALS, COND_NOT_EQUALS, COND_IN, COND_NOT_IN, COND_EXISTS,
    COND_GT, COND_GE, COND_LT, COND_LE, COND_MATCHES
} cond_op;

typedef struct condition {
    cond_op op;
    char *pointer;           /* JSON Pointer in the policy, for messages */
    char *field;             /* leaves */
    char **values;           /* equals / not_equals (1), in / not_in (n) */
    size_t value_count;
    double number;           /* gt ge lt le */
    int exists;              /* exists: 1 true, 0 false */
    char *pattern;           /* matches: the source */
    pcre2_code *regex;
    struct condition *children; /* all / any / not */
    size_t child_count;
} condition;

/* Per-thread evaluation state: PCRE2 match data and context. */
typedef struct cond_scratch {
    pcre2_match_data *match;
    pcre2_match_context *context;
} cond_scratch;

/* What went wrong during an evaluation (a match limit, bad UTF-8). */
typedef struct cond_failure {
    slate_status code;
    const condition *where;
    const char *field_value;
    int pcre2_error;
} cond_failure;

int cond_scratch_init(cond_scratch *s);
void cond_scratch_release(cond_scratch *s);

/* 1 true, 0 false, -1 failed (details in *failure). */
int cond_eval(const condition *c, const slate_field *fields, size_t count, cond_scratch *s,
              cond_failure *failure);

/* Writes why c is `result` for these fields (the deciding leaf and the value
 * it saw) into buf. Evaluates again; call only when explaining. */
void cond_explain(const condition *c, const slate_field *fields, size_t count, cond_scratch *s,
                  char *buf, size_t cap);

/* Frees what c owns (not c itself). */
void cond_release(condition *c);

/* Compiles c->pattern into c->regex; on failure writes PCRE2's message and
 * offset and returns 0. */
int cond_compile_regex(condition *c, int ignore_case, char *why, size_t why_cap, size_t *offset);

#endif /* SLATE_CONDITION_H */
