/* Reading lines from a file descriptor in constant memory: a line longer
 * than the cap is skipped whole (its bytes are read and dropped), read
 * errors are kept for the caller to report. The slate command's JSON Lines
 * inputs come through here; tests/fuzz/fuzz_lines.c feeds it bytes. */
#ifndef SLATE_CLI_LINES_H
#define SLATE_CLI_LINES_H

#include <stddef.h>
#include <sys/types.h>

/* The longest line the command reads (a ticket history of many events),
 * the same as the largest policy text. */
#define CLI_LINE_MAX_BYTES ((size_t)16 << 20)

enum { LINE_END = -1, LINE_TOO_LONG = -2 };

typedef struct line_reader {
    int fd;
    size_t max; /* longest line kept, in bytes */
    char *buf;  /* unread input in [start, end); one spare byte past end */
    size_t cap, start, end;
    size_t scanned; /* [start, scanned) holds no newline */
    int eof;
    int error;    /* errno of a failed read, or ENOMEM; 0 */
    int skipping; /* dropping the rest of a line longer than max */
    int started;  /* a line was returned: a byte order mark is looked for before the first */
} line_reader;

/* Starts reading fd (not closed by the reader) with lines of up to max
 * bytes. */
void line_reader_init(line_reader *r, int fd, size_t max);

/* The next line without its newline, NUL-terminated, in *text (valid until
 * the next call): its length; LINE_TOO_LONG for a line past max, skipped;
 * LINE_END at the end of the input or after an error (r->error). A last
 * line without a newline counts. */
ssize_t line_reader_next(line_reader *r, char **text);

void line_reader_free(line_reader *r);

#endif /* SLATE_CLI_LINES_H */
