/* A growing text buffer for JSON output: `slate evaluate` builds each line
 * here and writes it with one call, instead of a printf per value. */
#ifndef SLATE_JBUF_H
#define SLATE_JBUF_H

#include <stdio.h>

#include "slate.h"

typedef struct jbuf {
    char *p;
    size_t len, cap;
    int failed; /* out of memory: the line is dropped */
} jbuf;

void jb_raw(jbuf *b, const char *s, size_t n);
void jb_str(jbuf *b, const char *s);  /* as is */
void jb_json(jbuf *b, const char *s); /* a JSON string literal, or null for NULL */
void jb_int(jbuf *b, long long v);
void jb_tenths(jbuf *b, double v);            /* v rounded to one decimal */
void jb_time(jbuf *b, int has, slate_time t); /* "RFC 3339 UTC" or null */
/* Writes the line and empties the buffer; 0 on a write or memory failure. */
int jb_flush(jbuf *b, FILE *out);
void jb_free(jbuf *b);

#endif /* SLATE_JBUF_H */
