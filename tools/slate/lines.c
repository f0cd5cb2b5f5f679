/* Lines from a file descriptor in constant memory (see lines.h). */
#include "lines.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define CHUNK ((size_t)1 << 16)

void line_reader_init(line_reader *r, int fd, size_t max) {
    memset(r, 0, sizeof *r);
    r->fd = fd;
    r->max = max;
}

void line_reader_free(line_reader *r) {
    free(r->buf);
    r->buf = NULL;
}

/* Room for a chunk after the unread bytes (moved to the front), the buffer
 * growing to at most max + CHUNK + 1. 0 when out of memory. */
static int make_room(line_reader *r) {
    if (r->start > 0) {
        memmove(r->buf, r->buf + r->start, r->end - r->start);
        r->end -= r->start, r->scanned -= r->start, r->start = 0;
    }
    if (r->cap >= r->end + CHUNK + 1) return 1;
    size_t cap = r->cap ? r->cap * 2 : CHUNK + 1, most = r->max + CHUNK + 1;
    if (cap > most) cap = most; /* fill keeps end within max + 1 */
    if (cap < r->end + CHUNK + 1) cap = r->end + CHUNK + 1;
    char *bigger = realloc(r->buf, cap);
    if (bigger == NULL) return 0;
    r->buf = bigger, r->cap = cap;
    return 1;
}

/* Reads more input; 0 at the end of it or on an error. Bytes of a line
 * already longer than max are dropped first. */
static int fill(line_reader *r) {
    if (r->eof || r->error) return 0;
    if (r->end - r->start > r->max) {
        r->skipping = 1;
        r->start = r->end = r->scanned = 0;
    }
    if (!make_room(r)) {
        r->error = ENOMEM;
        return 0;
    }
    ssize_t got;
    do
        got = read(r->fd, r->buf + r->end, r->cap - r->end - 1);
    while (got < 0 && errno == EINTR);
    if (got < 0) r->error = errno;
    if (got == 0) r->eof = 1;
    if (got <= 0) return 0;
    r->end += (size_t)got;
    return 1;
}

ssize_t line_reader_next(line_reader *r, char **text) {
    for (;;) {
        char *nl = NULL;
        if (r->end > r->scanned) nl = memchr(r->buf + r->scanned, '\n', r->end - r->scanned);
        r->scanned = r->end;
        if (nl == NULL && fill(r)) continue;
        if (r->error || (nl == NULL && r->end == r->start && !r->skipping)) return LINE_END;
        char *from = r->buf + r->start;
        size_t len = nl != NULL ? (size_t)(nl - from) : r->end - r->start;
        from[len] = '\0'; /* the newline, or the spare byte */
        r->start += len + (nl != NULL);
        r->scanned = r->start;
        int was_skipping = r->skipping;
        r->skipping = 0;
        /* A file saved "as UTF-8 with BOM" (Notepad) starts with U+FEFF: not
         * a ticket's byte. Only the input's first line can begin with it. */
        int first = !r->started;
        r->started = 1;
        if (was_skipping || len > r->max) return LINE_TOO_LONG;
        if (first && len >= 3 && memcmp(from, "\xef\xbb\xbf", 3) == 0) from += 3, len -= 3;
        *text = from;
        return (ssize_t)len;
    }
}
