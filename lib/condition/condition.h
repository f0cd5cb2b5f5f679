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
    COND_ALL,
    COND_ANY,
    COND_NOT,
    COND_EQUALS,
    COND_NOT_EQUALS,
    COND_IN,
    COND_NOT_IN,
    COND_EXISTS,
    COND_GT,
    COND_GE,
    COND_LT,
    COND_LE,
    COND_MATCHES
} cond_op;

/* The distinct field names a set of conditions reads, each with a slot.
 * Evaluation first resolves a ticket's fields into one value per slot, so
 * that conditions never search the ticket by name. */
typedef struct cond_fields {
    char **names;
    size_t *lengths;
    size_t count, cap;
    uint32_t *index;   /* open addressing by hash: slot + 1, 0 empty; NULL while few */
    size_t index_mask; /* index capacity - 1 (a power of two) */
} cond_fields;

/* The slot of a name, added if new; -1 when out of memory. */
long slate__cond_fields_intern(cond_fields *f, const char *name);

/* The slot of a name, or -1 when the conditions never read it. */
long slate__cond_fields_find(const cond_fields *f, const char *name);

/* The same, for a name of len bytes (not necessarily terminated there). */
long slate__cond_fields_find_len(const cond_fields *f, const char *name, size_t len);

/* values[slot] = the first ticket field of that name, or NULL. */
void slate__cond_fields_resolve(const cond_fields *f, const slate_field *fields, size_t count,
                                const char **values);

void slate__cond_fields_release(cond_fields *f);

typedef struct condition {
    cond_op op;
    char *pointer;          /* JSON Pointer in the policy, for messages */
    char *field;            /* leaves */
    size_t slot;            /* leaves: the field's slot */
    char **values;          /* equals / not_equals (1), in / not_in (n) */
    uint64_t *value_hashes; /* their hashes, compared before the text */
    size_t value_count;
    double number; /* gt ge lt le */
    int exists;    /* exists: 1 true, 0 false */
    char *pattern; /* matches: the source */
    pcre2_code *regex;
    struct condition *children; /* all / any / not */
    size_t child_count;
} condition;

/* Per-thread evaluation state: PCRE2 match data and context, and what is
 * already known of each field value of the current ticket (its hash, its
 * number, whether PCRE2 checked its UTF-8), so that twenty rules on one
 * field do the work once. */
typedef struct cond_scratch {
    pcre2_match_data *match;
    pcre2_match_context *context;
    unsigned char *known; /* per slot: KNOWN_* bits */
    uint64_t *hashes;     /* per slot, valid with KNOWN_HASH */
    double *numbers;      /* per slot, valid with KNOWN_NUMBER */
    size_t *lengths;      /* per slot, valid with KNOWN_LENGTH */
    size_t slots;
} cond_scratch;

/* What went wrong during an evaluation (a match limit, bad UTF-8). */
typedef struct cond_failure {
    slate_status code;
    const condition *where;
    const char *field_value;
    int pcre2_error;
} cond_failure;

/* slots: the cond_fields count of the conditions it will evaluate. */
int slate__cond_scratch_init(cond_scratch *s, size_t slots);

/* Starts a new ticket: forgets which values were checked. */
void slate__cond_scratch_reset(cond_scratch *s);
void slate__cond_scratch_release(cond_scratch *s);

/* 1 true, 0 false, -1 failed (details in *failure). values: by slot, from
 * slate__cond_fields_resolve. */
int slate__cond_eval(const condition *c, const char *const *values, cond_scratch *s,
                     cond_failure *failure);

/* Writes why c holds or not for these values (the deciding leaf and the
 * value it saw) into buf. Evaluates again; call only when explaining. */
void slate__cond_explain(const condition *c, const char *const *values, cond_scratch *s, char *buf,
                         size_t cap);

/* Reports a failed evaluation into err: "CONTEXT: /pattern/ on field F:
 * PCRE2's reason", with the condition's pointer. Returns f->code. */
slate_status slate__cond_failure_report(const cond_failure *f, const char *context,
                                        slate_error *err);

/* Whether c (or any condition inside it) reads the field of this slot. */
int slate__cond_reads(const condition *c, size_t slot);

/* Frees what c owns (not c itself). */
void slate__cond_release(condition *c);

/* Compiles c->pattern into c->regex, with PCRE2 allocating through slate's
 * allocator. SLATE_EPARSE with PCRE2's message and offset in why/offset
 * for a bad pattern, SLATE_ENOMEM when memory runs out. */
slate_status slate__cond_compile_regex(condition *c, int ignore_case, char *why, size_t why_cap,
                                       size_t *offset);

#endif /* SLATE_CONDITION_H */
