/* A streaming reader over JSON text already checked for syntax and UTF-8
 * (slate__json_check): what lib/ticket needs to walk tickets and histories
 * without building a tree.
 * Decoded strings go to one growing buffer and are named by offset (the
 * buffer moves as it grows). */
#ifndef SLATE_JSON_READER_H
#define SLATE_JSON_READER_H

#include "json.h"

typedef struct path_step {
    int is_index;
    size_t value;  /* an index, or the key's offset in the text */
    size_t key_at; /* where its key starts in the input (an element: itself) */
    size_t at;     /* where its value starts in the input */
} path_step;

typedef struct reader {
    const char *t;
    size_t n, i;
    const slate__json_source *src;
    char *text; /* decoded strings, each NUL-terminated */
    size_t text_len, text_cap;
    path_step path[SLATE_JSON_MAX_DEPTH];
    int depth;
    size_t key_at; /* where the last key read starts in the input */
} reader;

/* Reports an error at the value of the current path (at its key when
 * at_key), with its exact line and column. Returns code. */
slate_status slate__reader_fail(reader *r, int at_key, slate_status code, const char *what);

/* Path bookkeeping for error pointers; 0 when too deep (cannot happen
 * after the syntax check, which bounds the nesting). */
int slate__reader_push_key(reader *r, size_t key_offset);
int slate__reader_push_index(reader *r, size_t index);
static inline void slate__reader_pop(reader *r) { r->depth--; }

/* Appends bytes to the decoded text; 0 when out of memory. */
int slate__reader_append(reader *r, const char *s, size_t n);

/* The next member of an object (*first: not started yet): 1 with the
 * reader on its key, 0 after the closing brace. Same for arrays. */
int slate__reader_next_member(reader *r, int *first);
int slate__reader_next_element(reader *r, int *first);

/* Decodes a member's key and moves to its value. */
slate_status slate__reader_key(reader *r, size_t *offset);

/* The first byte of the next value. */
char slate__reader_peek(reader *r);

/* Decodes the string at the reader into the text. */
slate_status slate__reader_string(reader *r, size_t *offset);

/* A string, number (as written) or true/false as text; anything else is
 * an error saying `what` was expected. */
slate_status slate__reader_scalar(reader *r, size_t *offset, const char *what);

void slate__reader_skip_null(reader *r);

#endif /* SLATE_JSON_READER_H */
