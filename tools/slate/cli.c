/* Option scanning and error printing shared by the subcommands. */
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "../../lib/base/suggest.h"
#include "cli.h"

static const char *option_value(int argc, char **argv, int *i, const char *name) {
    size_t n = strlen(name);
    const char *arg = argv[*i];
    if (arg[n] == '=') return arg + n + 1;
    if (*i + 1 >= argc) {
        fprintf(stderr, "slate: option %s needs a value\n", name);
        return NULL;
    }
    return argv[++*i];
}

static int is_option(const char *arg, const char *name) {
    size_t n = strlen(name);
    return strncmp(arg, name, n) == 0 && (arg[n] == '\0' || arg[n] == '=');
}

/* The options that take a text value, and where it goes. */
static const struct {
    const char *name;
    size_t offset;
} text_options[] = {
    {"--at", offsetof(cli_args, at)},
    {"--tzdir", offsetof(cli_args, tzdir)},
    {"--disambiguation", offsetof(cli_args, disambiguation)},
    {"--policy", offsetof(cli_args, policy)},
    {"--calendar", offsetof(cli_args, calendar)},
    {"--from", offsetof(cli_args, from)},
    {"--to", offsetof(cli_args, to)},
    {"--contract", offsetof(cli_args, contract)},
    {"--month", offsetof(cli_args, month)},
    {"--quarter", offsetof(cli_args, quarter)},
    {"--tz", offsetof(cli_args, tz)},
    {"--week", offsetof(cli_args, week)},
    {"--timeline", offsetof(cli_args, timeline)},
};

/* Sets --format from its value; 0 when it is not json, table or csv. */
static int set_format(cli_args *out, const char *value) {
    static const char *const names[] = {"table", "json", "csv", "html"};
    out->format_set = 1;
    for (int k = 0; k < 4; k++)
        if (strcmp(value, names[k]) == 0) {
            out->format = (output_format)k;
            return 1;
        }
    fprintf(stderr, "slate: --format takes table, json, csv or html, not \"%s\"\n", value);
    return 0;
}

void cli_time_text(slate_time t, int32_t utc_offset, char *text) {
    if (slate_time_format(t, utc_offset, text, SLATE_TIME_TEXT_MAX) == SLATE_OK) return;
    if (slate_time_format(t, 0, text, SLATE_TIME_TEXT_MAX) == SLATE_OK) return;
    snprintf(text, SLATE_TIME_TEXT_MAX, "?");
}

void cli_format_time(slate_time t, const slate_zone *zone, char *text) {
    slate_zone_info info = {0, 0, ""};
    if (zone != NULL) slate_zone_lookup(zone, t, &info);
    cli_time_text(t, info.utc_offset, text);
}

int cli_local_midnight(const slate_zone *zone, int32_t year, int month, int day, slate_time *out) {
    slate_civil c = {year, month, day, 0, 0, 0};
    if (zone != NULL)
        return slate_zone_from_civil(zone, &c, SLATE_DISAMBIGUATE_COMPATIBLE, out, NULL) ==
               SLATE_OK;
    *out = slate_days_from_civil(year, month, day) * 86400;
    return 1;
}

void cli_print_money(FILE *out, int64_t amount) {
    int64_t a = amount < 0 ? -amount : amount;
    fprintf(out, "%s%lld.%02lld", amount < 0 ? "-" : "", (long long)(a / 100),
            (long long)(a % 100));
}

int cli_display_zone(const cli_args *args, slate_tzdb *db, const slate_zone **zone) {
    slate_error err;
    *zone = NULL;
    if (args->tz == NULL || slate_tzdb_zone(db, args->tz, zone, &err) == SLATE_OK) return 1;
    cli_print_error("--tz", &err);
    return 0;
}

int cli_no_csv(const cli_args *args) {
    if (args->format != FORMAT_CSV && args->format != FORMAT_HTML) return 1;
    fprintf(stderr, "slate: --format %s is for 'slate report'; use table or json here\n",
            args->format == FORMAT_CSV ? "csv" : "html");
    return 0;
}

/* Reports an unknown option, with the known one it most likely meant. */
static void unknown_option(const char *arg) {
    static const char *const flags[] = {"--help",   "--explain", "--fail-on-breach",
                                        "--strict", "--inline",  "--format"};
    const char *eq = strchr(arg, '=');
    slate__suggestion near;
    slate__suggest_start(&near, arg, eq != NULL ? (size_t)(eq - arg) : strlen(arg), 0);
    for (size_t k = 0; k < sizeof text_options / sizeof text_options[0]; k++)
        slate__suggest_consider(&near, text_options[k].name);
    for (size_t k = 0; k < sizeof flags / sizeof flags[0]; k++)
        slate__suggest_consider(&near, flags[k]);
    if (near.best != NULL)
        fprintf(stderr, "slate: unknown option %s (did you mean %s?)\n", arg, near.best);
    else
        fprintf(stderr, "slate: unknown option %s\n", arg);
}

/* 1 when argv[*i] is a text option (its value stored), 0 when it is not
 * one, -1 when its value is missing. */
static int text_option(int argc, char **argv, int *i, cli_args *out) {
    for (size_t k = 0; k < sizeof text_options / sizeof text_options[0]; k++) {
        if (!is_option(argv[*i], text_options[k].name)) continue;
        const char *value = option_value(argc, argv, i, text_options[k].name);
        if (value == NULL) return -1;
        *(const char **)((char *)out + text_options[k].offset) = value;
        return 1;
    }
    return 0;
}

int cli_parse(int argc, char **argv, cli_args *out) {
    memset(out, 0, sizeof *out);
    out->disambiguation = "compatible";
    for (int i = 0; i < argc; i++) {
        const char *arg = argv[i], *value;
        int text = text_option(argc, argv, &i, out);
        if (text < 0) return 0;
        if (text > 0) continue;
        if (strcmp(arg, "-h") == 0 || strcmp(arg, "--help") == 0) {
            out->help = 1;
        } else if (strcmp(arg, "--explain") == 0) {
            out->explain = 1;
        } else if (strcmp(arg, "--fail-on-breach") == 0) {
            out->fail_on_breach = 1;
        } else if (strcmp(arg, "--strict") == 0) {
            out->strict = 1;
        } else if (strcmp(arg, "--inline") == 0) {
            out->inline_closed = 1;
        } else if (is_option(arg, "--format")) {
            if ((value = option_value(argc, argv, &i, "--format")) == NULL ||
                !set_format(out, value))
                return 0;
        } else if (arg[0] == '-' && arg[1] == '-') {
            unknown_option(arg);
            return 0;
        } else {
            if (out->positional_count ==
                (int)(sizeof out->positional / sizeof out->positional[0])) {
                fprintf(stderr, "slate: too many arguments\n");
                return 0;
            }
            out->positional[out->positional_count++] = arg;
        }
    }
    return 1;
}

void cli_print_error(const char *what, const slate_error *err) {
    fprintf(stderr, "slate: %s: %s", what, err->message);
    if (err->file[0] != '\0' && strstr(err->message, err->file) == NULL)
        fprintf(stderr, " (%s%s%.0d%s%.0d)", err->file, err->line ? ":" : "", err->line,
                err->column ? ":" : "", err->column);
    if (err->pointer[0] != '\0' && strstr(err->message, err->pointer) == NULL)
        fprintf(stderr, " at %s", err->pointer);
    fputc('\n', stderr);
}

/* Reads standard input whole, up to SLATE_POLICY_MAX_BYTES (one byte more
 * tells that it is longer). NULL with a message on failure. */
static char *read_stdin_policy(size_t *len) {
    size_t cap = 1 << 16, got;
    char *text = malloc(cap);
    *len = 0;
    while (text != NULL && (got = fread(text + *len, 1, cap - *len, stdin)) > 0) {
        *len += got;
        if (*len > SLATE_POLICY_MAX_BYTES) break;
        if (*len == cap) {
            char *bigger = realloc(text, cap *= 2);
            if (bigger == NULL) free(text);
            text = bigger;
        }
    }
    if (text == NULL) {
        fputs("slate: out of memory reading the policy\n", stderr);
        return NULL;
    }
    if (ferror(stdin)) {
        fprintf(stderr, "slate: <stdin>: cannot read the policy: %s\n", strerror(errno));
        free(text);
        return NULL;
    }
    if (*len > SLATE_POLICY_MAX_BYTES) {
        fprintf(stderr, "slate: <stdin>: the policy is larger than %u MiB\n",
                SLATE_POLICY_MAX_BYTES >> 20);
        free(text);
        return NULL;
    }
    return text;
}

int cli_load_policy(const cli_args *args, slate_tzdb *db, slate_policy **out) {
    slate_error err;
    slate_status st;
    if (strcmp(args->policy, "-") == 0) {
        size_t len;
        char *text = read_stdin_policy(&len);
        if (text == NULL) return 0;
        /* Files a policy on standard input names are read from here. */
        slate_policy_sources here = {".", NULL, NULL};
        st = slate_policy_from_json_sources(db, text, len, &here, out, &err);
        free(text);
        /* Name standard input the way file errors name their file. */
        const char *what = st != SLATE_OK ? strstr(err.message, ": ") : NULL;
        if (what != NULL && err.line > 0 && strncmp(err.message, "line ", 5) == 0) {
            fprintf(stderr, "slate: <stdin>:%d:%d: %s\n", err.line, err.column, what + 2);
            return 0;
        }
    } else {
        st = slate_policy_from_file(db, args->policy, out, &err);
    }
    if (st != SLATE_OK) cli_print_error("policy", &err);
    return st == SLATE_OK;
}

int cli_format_line_error(char *buf, size_t cap, const char *path, long line,
                          const slate_error *err) {
    /* A parse message starts with the position inside the line: say where in the file instead. */
    const char *what = strncmp(err->message, "line ", 5) == 0 && strstr(err->message, ": ") != NULL
                           ? strstr(err->message, ": ") + 2
                           : err->message;
    const char *name = strcmp(path, "-") == 0 ? "<stdin>" : path;
    if (err->column > 0 && what != err->message)
        return snprintf(buf, cap, "slate: %s:%ld:%d: %s\n", name, line, err->column, what);
    return snprintf(buf, cap, "slate: %s:%ld: %s\n", name, line, what);
}

void cli_print_line_error(const char *path, long line, const slate_error *err) {
    char text[4 * SLATE_ERROR_TEXT_MAX];
    cli_format_line_error(text, sizeof text, path, line, err);
    fputs(text, stderr);
}

int cli_open_tzdb(const cli_args *args, slate_tzdb **out) {
    slate_error err;
    if (slate_tzdb_open(args->tzdir, out, &err) != SLATE_OK) {
        cli_print_error("time zone database", &err);
        return 0;
    }
    return 1;
}

void cli_json_string(FILE *out, const char *s) {
    fputc('"', out);
    for (; *s; s++) {
        unsigned char c = (unsigned char)*s;
        if (c == '"' || c == '\\')
            fprintf(out, "\\%c", c);
        else if (c < 0x20)
            fprintf(out, "\\u%04x", c);
        else
            fputc(c, out);
    }
    fputc('"', out);
}

void cli_print_instant(FILE *out, const slate_zone *zone, slate_time t, output_format format) {
    char utc[SLATE_TIME_TEXT_MAX], local[SLATE_TIME_TEXT_MAX];
    slate_zone_info info = {0, 0, "UTC"};
    if (zone != NULL) slate_zone_lookup(zone, t, &info);
    cli_time_text(t, 0, utc);
    cli_time_text(t, info.utc_offset, local);
    if (format == FORMAT_JSON) {
        fprintf(out, "\"utc\": \"%s\", \"local\": \"%s\", \"epoch\": %lld", utc, local,
                (long long)t);
        return;
    }
    fprintf(out, "%s  %s %s", utc, local, info.abbr);
}

void cli_progress(cli_progress_state *p, long line, int done) {
    if (p->enabled < 0) p->enabled = isatty(STDERR_FILENO);
    if (!p->enabled) return;
    struct timespec now;
    if (done) {
        if (p->shown) fputs("\r\033[K", stderr); /* clear the line */
        return;
    }
    if ((line & 1023) != 0) return;
    clock_gettime(CLOCK_MONOTONIC, &now);
    if (p->last != 0 && now.tv_sec - p->last < 1) return;
    if (p->start == 0) p->start = now.tv_sec;
    p->last = now.tv_sec;
    long seconds = (long)(now.tv_sec - p->start);
    fprintf(stderr, "\rslate: %ld lines read in %ld s (%ld per second)", line, seconds,
            seconds ? line / seconds : line);
    p->shown = 1;
}

int cli_lines_open(cli_lines *r, const char *path) {
    memset(r, 0, sizeof *r);
    r->progress.enabled = -1;
    r->path = path;
    int fd = strcmp(path, "-") == 0 ? STDIN_FILENO : open(path, O_RDONLY);
    if (fd < 0) {
        fprintf(stderr, "slate: cannot open %s: %s\n", path, strerror(errno));
        return 0;
    }
    r->own_fd = fd != STDIN_FILENO;
    line_reader_init(&r->reader, fd, CLI_LINE_MAX_BYTES);
    return 1;
}

ssize_t cli_lines_next(cli_lines *r) {
    for (;;) {
        if (cli_output_failed()) return LINE_END;
        ssize_t len = line_reader_next(&r->reader, &r->text);
        if (len == LINE_END) return len;
        cli_progress(&r->progress, ++r->line, 0);
        if (len == LINE_TOO_LONG) {
            fprintf(stderr, "slate: %s:%ld: line longer than %zu MiB, skipped\n", r->path, r->line,
                    CLI_LINE_MAX_BYTES >> 20);
            return len;
        }
        if (r->text[strspn(r->text, " \t\r")] != '\0') return len;
    }
}

int cli_lines_close(cli_lines *r) {
    cli_progress(&r->progress, r->line, 1);
    int error = r->reader.error;
    line_reader_free(&r->reader);
    if (r->own_fd) close(r->reader.fd);
    if (error == 0) return EXIT_OK;
    fprintf(stderr, "slate: cannot read %s: %s\n", r->path, strerror(error));
    return EXIT_INPUT;
}

int cli_each_line(const char *path,
                  int (*on_line)(void *ctx, const char *text, size_t len, long line), void *ctx) {
    cli_lines lines;
    if (!cli_lines_open(&lines, path)) return EXIT_INPUT;
    int worst = EXIT_OK;
    ssize_t len;
    while ((len = cli_lines_next(&lines)) != LINE_END) {
        int status = on_line(ctx, len == LINE_TOO_LONG ? NULL : lines.text,
                             len == LINE_TOO_LONG ? 0 : (size_t)len, lines.line);
        if (status == EXIT_INPUT || (status == EXIT_FINDINGS && worst == EXIT_OK)) worst = status;
    }
    return cli_lines_close(&lines) == EXIT_OK ? worst : EXIT_INPUT;
}

/* Set when a write found the reading end of a pipe closed. */
static volatile sig_atomic_t pipe_closed;

static void on_sigpipe(int sig) {
    (void)sig;
    pipe_closed = 1;
}

void cli_watch_pipe(void) {
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = on_sigpipe;
    sigemptyset(&sa.sa_mask);
    sigaction(SIGPIPE, &sa, NULL);
}

int cli_output_failed(void) { return pipe_closed || ferror(stdout); }

int cli_finish_output(int status) {
    int failed = fflush(stdout) != 0 || ferror(stdout);
    int error = errno != 0 ? errno : EIO; /* that of the failed write, as a rule */
    if (!failed || pipe_closed) return status;
    fprintf(stderr, "slate: cannot write the output: %s\n", strerror(error));
    return EXIT_INPUT;
}

int cli_parse_instant(const char *what, const char *text, slate_time *t) {
    slate_error err;
    if (slate_time_parse(text, t, &err) == SLATE_OK) return 1;
    cli_print_error(what, &err);
    return 0;
}
