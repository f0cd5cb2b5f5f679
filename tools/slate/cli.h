/* Shared pieces of the slate command: exit codes, option scanning, error
 * printing. The command uses only the public API. */
#ifndef SLATE_CLI_H
#define SLATE_CLI_H

#include <stdio.h>
#include <sys/types.h>

#include "lines.h"
#include "slate.h"

/* Exit codes (documented in the README and in --help). */
enum {
    EXIT_OK = 0,       /* success */
    EXIT_FINDINGS = 1, /* the answer is a finding, e.g. a breach with --fail-on-breach */
    EXIT_USAGE = 2,    /* bad command line */
    EXIT_INPUT = 3     /* bad input: a file, a zone, a time */
};

typedef enum output_format { FORMAT_TABLE, FORMAT_JSON, FORMAT_CSV, FORMAT_HTML } output_format;

/* Options common to every subcommand, plus the positional arguments. */
typedef struct cli_args {
    const char *tzdir;
    output_format format;
    int format_set; /* --format was given */
    const char *disambiguation;
    const char *policy;
    const char *calendar;
    int help;
    int explain;
    int fail_on_breach;
    int strict;        /* slate check: warnings are findings */
    int inline_closed; /* slate calendar holidays: print the policy's "closed" form */
    const char *at;
    const char *from, *to; /* report period */
    const char *contract;
    const char *month, *quarter; /* report period in the contract's zone */
    const char *tz;              /* display times in this zone */
    const char *week;            /* slate calendar chart: an ISO week, 2026-W11 */
    const char *timeline;        /* slate evaluate: the ticket to draw */
    int positional_count;
    const char *positional[64];
} cli_args;

/* t as RFC 3339 at zone's offset then (UTC for NULL), into text
 * (SLATE_TIME_TEXT_MAX bytes). */
void cli_format_time(slate_time t, const slate_zone *zone, char *text);

/* RFC 3339 text of t at a UTC offset into text (SLATE_TIME_TEXT_MAX bytes),
 * always written: in UTC when the offset cannot be shown, "?" when t is
 * out of range. */
void cli_time_text(slate_time t, int32_t utc_offset, char *text);

/* The zone --tz names into *zone (NULL without --tz); 0 with a message
 * when it does not exist. */
int cli_display_zone(const cli_args *args, slate_tzdb *db, const slate_zone **zone);

/* *out = local midnight of a civil date in zone (UTC for NULL); 0 when
 * the date is out of range. */
int cli_local_midnight(const slate_zone *zone, int32_t year, int month, int day, slate_time *out);

/* Writes hundredths as a decimal: 1800000 -> "18000.00", -1250 -> "-12.50". */
void cli_print_money(FILE *out, int64_t amount);

/* 0 (with a message) when --format csv was asked of a command that has no
 * CSV output. */
int cli_no_csv(const cli_args *args);

/* Scans argv (after the subcommand words). Prints a usage error and returns
 * 0 on failure. */
int cli_parse(int argc, char **argv, cli_args *out);

/* Prints "slate: <what>: <message>" and the position fields that are set. */
void cli_print_error(const char *what, const slate_error *err);

/* Parses an RFC 3339 instant; on an error prints it, labelled `what`
 * ("instant", "--at"), and returns 0 (the caller exits EXIT_INPUT). */
int cli_parse_instant(const char *what, const char *text, slate_time *t);

/* Reports an error about one line of a JSON Lines input as
 * "slate: PATH:LINE:COLUMN: what" (the column only when err has one). */
void cli_print_line_error(const char *path, long line, const slate_error *err);

/* The same message as cli_print_line_error into buf; returns its length as
 * snprintf does. */
int cli_format_line_error(char *buf, size_t cap, const char *path, long line,
                          const slate_error *err);

/* Opens the time zone database of --tzdir or the default; prints errors. */
int cli_open_tzdb(const cli_args *args, slate_tzdb **out);

/* Writes s as a JSON string literal. */
void cli_json_string(FILE *out, const char *s);

/* Writes one instant as "UTC  local abbr" (table) or a JSON object body. */
void cli_print_instant(FILE *out, const slate_zone *zone, slate_time t, output_format format);

/* Ends the command's output: flushes standard output and returns status,
 * or EXIT_INPUT with a message when it could not be written (a full disk).
 * A reader that went away (`| head -1`) is not an error: status stands. */
int cli_finish_output(int status);
/* Whether writing to standard output has failed (stop producing more). */
int cli_output_failed(void);
/* Makes a closed pipe an error of write() rather than a signal. */
void cli_watch_pipe(void);

int cmd_check(int argc, char **argv);
int cmd_tz(int argc, char **argv);
int cmd_calendar(int argc, char **argv);
int cmd_oncall(int argc, char **argv);
int cmd_classify(int argc, char **argv);
int cmd_evaluate(int argc, char **argv);
int cmd_report(int argc, char **argv);

/* A progress line on stderr for long batch runs, only when stderr is a
 * terminal: "lines read" at most once a second, cleared at the end. */
typedef struct cli_progress_state {
    int enabled; /* -1: not checked yet */
    int shown;
    long start, last;
} cli_progress_state;

/* Called per line read (line = lines so far); done = 1 clears the line. */
void cli_progress(cli_progress_state *p, long line, int done);

/* Reading the non-blank lines of a file or standard input ("-"), with the
 * progress line, in constant memory (lines.h). */
typedef struct cli_lines {
    line_reader reader;
    const char *path;
    int own_fd;
    char *text; /* the current line, NUL-terminated, without its newline */
    long line;  /* its number */
    cli_progress_state progress;
} cli_lines;

/* Opens path; prints an error and returns 0 when it cannot. */
int cli_lines_open(cli_lines *r, const char *path);
/* The next non-blank line's length (text in r->text); LINE_TOO_LONG for a
 * line longer than CLI_LINE_MAX_BYTES, reported and skipped (a bad line to
 * the caller); LINE_END at the end, after a read error, or once standard
 * output has failed (nobody reads what would be written). */
ssize_t cli_lines_next(cli_lines *r);
/* Closes; EXIT_INPUT with a message when reading failed, else EXIT_OK. */
int cli_lines_close(cli_lines *r);

/* Calls on_line for each non-blank line of path ("-": stdin), with text
 * NULL for a line too long to read (already reported); returns the worst
 * status on_line gave, or EXIT_INPUT when the file cannot be read. */
int cli_each_line(const char *path,
                  int (*on_line)(void *ctx, const char *text, size_t len, long line), void *ctx);

/* Loads the --policy file ("-" for standard input); prints errors. */
int cli_load_policy(const cli_args *args, slate_tzdb *db, slate_policy **out);

#endif /* SLATE_CLI_H */
