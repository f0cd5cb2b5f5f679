/* Fuzz target: the slate command's line reader (tools/slate/lines.c) on
 * the input's bytes, through a pipe-like file, with a small line cap so
 * that too-long lines are common. Every line it gives must be what
 * splitting the input at newlines gives: the same bytes, NUL-terminated
 * (less a byte order mark opening the input), or LINE_TOO_LONG exactly for
 * the lines longer than the cap. */
#define _GNU_SOURCE
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#include "../../tools/slate/lines.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
    /* The first byte picks the cap: 0 to 255 bytes. */
    size_t max = size ? data[0] : 16;
    const char *text = size ? (const char *)data + 1 : "";
    size_t len = size ? size - 1 : 0;
    int fd = memfd_create("lines", 0);
    if (fd < 0) abort();
    if (len > 0 && write(fd, text, len) != (ssize_t)len) abort();
    lseek(fd, 0, SEEK_SET);
    line_reader r;
    line_reader_init(&r, fd, max);
    size_t at = 0; /* where the next expected line starts */
    for (;;) {
        char *line;
        ssize_t got = line_reader_next(&r, &line);
        if (got == LINE_END) break;
        if (at >= len) abort(); /* a line the input does not have */
        const char *nl = memchr(text + at, '\n', len - at);
        size_t want = nl != NULL ? (size_t)(nl - (text + at)) : len - at;
        /* A byte order mark opening the input is not part of the first line
         * (the cap counts it). */
        size_t skip = at == 0 && want >= 3 && memcmp(text, "\xef\xbb\xbf", 3) == 0 ? 3 : 0;
        if (want > max) {
            if (got != LINE_TOO_LONG) abort();
        } else if (got != (ssize_t)(want - skip) ||
                   memcmp(line, text + at + skip, want - skip) != 0 || line[want - skip] != '\0') {
            abort();
        }
        at += want + (nl != NULL);
    }
    if (at != len || r.error != 0) abort(); /* every byte read, no error */
    line_reader_free(&r);
    close(fd);
    return 0;
}
