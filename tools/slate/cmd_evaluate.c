/* slate evaluate: one ticket history in per line, one JSON line out. */
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli.h"
#include "jbuf.h"
#include "pipeline.h"
#include "timeline.h"

static const char evaluate_usage[] =
    "usage: slate evaluate --policy FILE [HISTORIES.jsonl|-] [--at INSTANT] [--explain]\n"
    "                      [--fail-on-breach] [--format json|table] [--tz ZONE]\n"
    "       slate evaluate --policy FILE [HISTORIES.jsonl|-] --timeline TICKET [--at INSTANT]\n"
    "                      [--tz ZONE] > timeline.svg\n"
    "\n"
    "Reads one ticket history per line, {\"id\": ..., \"events\": [{\"at\": INSTANT,\n"
    "\"kind\": ..., \"fields\": {...}}, ...]}, replays it against the policy's SLAs\n"
    "and prints one JSON line per ticket with every target's state, breach,\n"
    "elapsed and remaining business seconds, due and breach times, the\n"
    "escalation steps fired so far and the next wake time (the earliest\n"
    "instant a step fires or a target falls due). --at gives the instant to\n"
    "evaluate at, leaving out later events (default: each ticket's last\n"
    "event); --explain adds each target's transitions (breaches included) and\n"
    "its history, every cycle with its outcome, and each step's rule;\n"
    "--fail-on-breach exits 1 when\n"
    "a target is breached; --format table prints one line per target and per\n"
    "fired step instead of JSON. Tickets are replayed on one thread per core and\n"
    "printed in input order; memory stays constant however many stream through.\n"
    "--timeline TICKET draws that ticket instead, as a standalone SVG on standard\n"
    "output: its events, each target's running, paused and closed business time\n"
    "with every transition labelled by its cause and event, the due and breach\n"
    "instants, and the escalation firings (with who was on call).\n"
    "\n"
    "example:\n"
    "  slate evaluate --policy examples/policies/itsm-desk.json examples/tickets/itsm-sample.jsonl "
    "--at 2026-03-09T12:00:00Z\n";

typedef struct run {
    const cli_args *args;
    const char *path;
    slate_clock *clock;
    slate_time at;
    int has_at;
    const slate_zone *zone; /* --tz: times shown in this zone; NULL: UTC */
    const slate_policy *policy;
    long drawn; /* --timeline: the line drawn, 0 before */
} run;

/* An instant as RFC 3339, in the --tz zone when one was given. */
static void show_time(const run *r, slate_time t, char *text) { cli_format_time(t, r->zone, text); }

static void key_time(jbuf *b, const run *r, const char *key, int has, slate_time t) {
    char text[SLATE_TIME_TEXT_MAX];
    jb_str(b, key);
    if (r->zone == NULL || !has) {
        jb_time(b, has, t);
        return;
    }
    show_time(r, t, text);
    jb_json(b, text);
}

static void print_steps(jbuf *b, const run *r, const slate_sla_result *t) {
    jb_str(b, ", \"steps\": [");
    for (size_t k = 0; k < t->step_count; k++) {
        const slate_sla_step *s = &t->steps[k];
        key_time(b, r, k ? ", {\"at\": " : "{\"at\": ", 1, s->at);
        jb_str(b, ", \"event\": ");
        jb_int(b, (long long)s->event);
        jb_str(b, ", \"to\": ");
        jb_json(b, slate_sla_state_name(s->to));
        jb_str(b, ", \"why\": ");
        jb_json(b, s->why);
        jb_str(b, ", \"condition\": ");
        jb_json(b, s->condition);
        jb_str(b, ", \"calendar\": ");
        jb_json(b, s->calendar);
        jb_str(b, ", \"timezone\": ");
        jb_json(b, s->zone);
        if (s->noted != s->at) key_time(b, r, ", \"noted\": ", 1, s->noted);
        jb_raw(b, "}", 1);
    }
    jb_raw(b, "]", 1);
}

static void print_cycles(jbuf *b, const run *r, const slate_sla_result *t) {
    static const char *const outcomes[] = {"open", "met", "breached", "cancelled", "reset"};
    jb_str(b, ", \"history\": [");
    for (size_t k = 0; k < t->cycle_count; k++) {
        const slate_sla_cycle *c = &t->cycle_list[k];
        jb_str(b, k ? ", {\"cycle\": " : "{\"cycle\": ");
        jb_int(b, c->number);
        jb_str(b, ", \"outcome\": ");
        jb_json(b, outcomes[c->outcome]);
        jb_str(b, ", \"priority\": ");
        jb_json(b, c->priority);
        key_time(b, r, ", \"start\": ", 1, c->start);
        key_time(b, r, ", \"end\": ", c->has_end, c->end);
        key_time(b, r, ", \"due\": ", c->has_due, c->due);
        key_time(b, r, ", \"breach_time\": ", c->breached, c->breach_time);
        static const char *const keys[] = {
            ", \"target_seconds\": ", ", \"elapsed\": ", ", \"paused\": ", ", \"late_by\": "};
        const slate_duration values[] = {c->target_seconds, c->elapsed, c->paused, c->late_by};
        for (int i = 0; i < 4; i++)
            jb_str(b, keys[i]), jb_int(b, (long long)values[i]);
        jb_raw(b, "}", 1);
    }
    jb_raw(b, "]", 1);
}

static void print_target(jbuf *b, const run *r, const slate_sla_result *t, int first) {
    jb_str(b, first ? "{\"sla\": " : ", {\"sla\": ");
    jb_json(b, t->sla);
    jb_str(b, ", \"target\": ");
    jb_json(b, t->target);
    jb_str(b, ", \"state\": ");
    jb_json(b, slate_sla_state_name(t->state));
    jb_str(b, t->breached ? ", \"breached\": true, \"priority\": "
                          : ", \"breached\": false, \"priority\": ");
    jb_json(b, t->priority);
    static const char *const keys[] = {
        ", \"target_seconds\": ", ", \"elapsed\": ", ", \"paused\": ", ", \"remaining\": "};
    const slate_duration values[] = {t->target_seconds, t->elapsed, t->paused, t->remaining};
    for (int k = 0; k < 4; k++)
        jb_str(b, keys[k]), jb_int(b, (long long)values[k]);
    jb_str(b, ", \"percent\": ");
    jb_tenths(b, t->percent);
    jb_str(b, ", \"cycles\": ");
    jb_int(b, t->cycles);
    key_time(b, r, ", \"due\": ", t->has_due, t->due);
    key_time(b, r, ", \"breach_time\": ", t->has_breach_time, t->breach_time);
    key_time(b, r, ", \"deadline\": ", t->has_deadline, t->deadline);
    jb_str(b, ", \"calendar\": ");
    jb_json(b, t->calendar);
    jb_str(b, ", \"timezone\": ");
    jb_json(b, t->zone);
    if (r->args->explain) print_steps(b, r, t), print_cycles(b, r, t);
    jb_raw(b, "}", 1);
}

static int print_results(jbuf *b, const run *r, const char *id, long line, slate_time now,
                         const slate_sla_result *res, size_t n) {
    int breached = 0;
    jb_str(b, "{\"line\": ");
    jb_int(b, line);
    if (id != NULL) jb_str(b, ", \"id\": "), jb_json(b, id);
    key_time(b, r, ", \"at\": ", 1, now);
    jb_str(b, ", \"targets\": [");
    for (size_t i = 0; i < n; i++) {
        breached |= res[i].breached;
        print_target(b, r, &res[i], i == 0);
    }
    jb_raw(b, "]", 1);
    return breached && r->args->fail_on_breach ? EXIT_FINDINGS : EXIT_OK;
}

/* One fired step. */
static void print_firing(jbuf *b, const run *r, const slate_escalation *f, int first) {
    jb_str(b, first ? "{\"chain\": " : ", {\"chain\": ");
    jb_json(b, f->chain);
    jb_str(b, ", \"step\": ");
    jb_json(b, f->step);
    key_time(b, r, ", \"at\": ", 1, f->at);
    jb_str(b, ", \"repeat\": ");
    jb_int(b, f->repeat);
    jb_str(b, ", \"cycle\": ");
    jb_int(b, f->cycle);
    jb_str(b, ", \"notify\": [");
    for (size_t k = 0; k < f->notify_count; k++) {
        if (k) jb_str(b, ", ");
        jb_json(b, f->notify[k]);
    }
    jb_raw(b, "]", 1);
    if (f->channel != NULL) jb_str(b, ", \"channel\": "), jb_json(b, f->channel);
    if (f->template_id != NULL) jb_str(b, ", \"template\": "), jb_json(b, f->template_id);
    if (f->data != NULL) jb_str(b, ", \"data\": "), jb_str(b, f->data);
    if (f->oncall_schedule != NULL) {
        jb_str(b, ", \"oncall\": {\"schedule\": ");
        jb_json(b, f->oncall_schedule);
        jb_str(b, ", \"member\": ");
        if (f->oncall_member != NULL)
            jb_json(b, f->oncall_member);
        else
            jb_str(b, "null");
        jb_str(b, ", \"layer\": ");
        if (f->oncall_layer != NULL)
            jb_json(b, f->oncall_layer);
        else
            jb_str(b, "null");
        jb_raw(b, "}", 1);
    }
    if (r->args->explain) {
        jb_str(b, ", \"rule\": ");
        jb_json(b, f->rule);
        key_time(b, r, ", \"eligible\": ", 1, f->eligible);
        jb_str(b, ", \"elapsed\": ");
        jb_int(b, (long long)f->elapsed);
        jb_str(b, ", \"pointer\": ");
        jb_json(b, f->pointer);
    }
    jb_raw(b, "}", 1);
}

/* The steps fired by now and the next wake time, closing the line. */
static void print_escalations(jbuf *b, const run *r, const slate_escalation_status *s) {
    jb_str(b, ", \"escalations\": [");
    for (size_t i = 0; i < s->fired_count; i++)
        print_firing(b, r, &s->fired[i], i == 0);
    jb_raw(b, "]", 1);
    key_time(b, r, ", \"next_wake\": ", s->has_next_wake, s->next_wake);
    jb_raw(b, "}\n", 2);
}

/* A duration as ISO 8601 ("PT2H30M"). */
static const char *show_duration(slate_duration d, char *text) {
    slate_duration_format(d, text, SLATE_DURATION_TEXT_MAX);
    return text;
}

/* Appends one formatted line to b (output or messages; cut to nothing past 767 bytes). */
#if defined(__GNUC__)
__attribute__((format(printf, 2, 3)))
#endif
static void
append_text(jbuf *b, const char *fmt, ...);
static void append_text(jbuf *b, const char *fmt, ...) {
    char text[768];
    va_list ap;
    va_start(ap, fmt);
    int len = vsnprintf(text, sizeof text, fmt, ap);
    va_end(ap);
    jb_raw(b, text, len > 0 && (size_t)len < sizeof text ? (size_t)len : 0);
}

/* --explain in a table: a target's steps and cycles under it. */
static void table_explain(jbuf *b, const run *r, const slate_sla_result *t) {
    static const char *const outcomes[] = {"open", "met", "breached", "cancelled", "reset"};
    char at[SLATE_TIME_TEXT_MAX], end[SLATE_TIME_TEXT_MAX], used[SLATE_DURATION_TEXT_MAX],
        goal[SLATE_DURATION_TEXT_MAX], late[SLATE_DURATION_TEXT_MAX];
    for (size_t k = 0; k < t->step_count; k++) {
        const slate_sla_step *s = &t->steps[k];
        show_time(r, s->at, at);
        append_text(b, "%13s step  %s  %-8s %-11s %s%s%s\n", "", at, s->why,
                    slate_sla_state_name(s->to), s->calendar ? s->calendar : "",
                    s->condition[0] ? "  " : "", s->condition);
    }
    for (size_t k = 0; k < t->cycle_count; k++) {
        const slate_sla_cycle *c = &t->cycle_list[k];
        show_time(r, c->start, at);
        if (c->has_end) show_time(r, c->end, end);
        append_text(b, "%13s cycle %d  %-9s %s .. %s  %s/%s%s%s\n", "", c->number,
                    outcomes[c->outcome], at, c->has_end ? end : "now",
                    show_duration(c->elapsed, used), show_duration(c->target_seconds, goal),
                    c->late_by > 0 ? "  late " : "",
                    c->late_by > 0 ? show_duration(c->late_by, late) : "");
    }
}

/* --format table: one line per target (with its steps and cycles under
 * --explain), then per fired step. */
static int print_table(jbuf *b, const run *r, const char *id, long line,
                       const slate_sla_result *res, size_t n, const slate_escalation_status *esc) {
    char due[SLATE_TIME_TEXT_MAX], breach[SLATE_TIME_TEXT_MAX], ticket[64],
        used[SLATE_DURATION_TEXT_MAX], goal[SLATE_DURATION_TEXT_MAX], late[SLATE_DURATION_TEXT_MAX];
    int breached = 0;
    if (id != NULL)
        snprintf(ticket, sizeof ticket, "%s", id);
    else
        snprintf(ticket, sizeof ticket, "line %ld", line);
    for (size_t i = 0; i < n; i++) {
        const slate_sla_result *t = &res[i];
        breached |= t->breached;
        if (t->has_due) show_time(r, t->due, due);
        if (t->has_breach_time) show_time(r, t->breach_time, breach);
        char target[160], state[24];
        snprintf(target, sizeof target, "%s/%s", t->sla, t->target);
        snprintf(state, sizeof state, "%s%s", slate_sla_state_name(t->state),
                 t->breached ? ", late" : "");
        slate_duration over =
            t->breached && t->elapsed > t->target_seconds ? t->elapsed - t->target_seconds : 0;
        append_text(b, "%-12s %-24s %-17s %-4s %9s/%-9s %-9s %-25s %s\n", ticket, target, state,
                    t->priority ? t->priority : "-", show_duration(t->elapsed, used),
                    show_duration(t->target_seconds, goal),
                    t->breached ? show_duration(over, late) : "-", t->has_due ? due : "-",
                    t->has_breach_time ? breach : "-");
        if (r->args->explain) table_explain(b, r, t);
    }
    for (size_t i = 0; i < esc->fired_count; i++) {
        const slate_escalation *f = &esc->fired[i];
        show_time(r, f->at, due);
        append_text(b, "%-12s   escalation %s/%s #%d at %s\n", ticket, f->chain, f->step, f->repeat,
                    due);
    }
    if (esc->has_next_wake) {
        show_time(r, esc->next_wake, due);
        append_text(b, "%-12s   next wake %s\n", ticket, due);
    }
    return breached && r->args->fail_on_breach ? EXIT_FINDINGS : EXIT_OK;
}

/* Notes an error about the line for stderr. */
static int line_error(const run *r, jbuf *err, long line, const slate_error *e) {
    char text[4 * SLATE_ERROR_TEXT_MAX];
    int n = cli_format_line_error(text, sizeof text, r->path, line, e);
    jb_raw(err, text, n < 0 ? 0 : (size_t)n < sizeof text ? (size_t)n : sizeof text - 1);
    return EXIT_INPUT;
}

/* --timeline: the ticket's SVG into out (the first line with its id; a
 * later one is noted and left out). */
static int draw_timeline(run *r, const slate_history *h, const slate_event *events, size_t n,
                         slate_time now, const slate_sla_result *res, size_t count,
                         const slate_escalation_status *esc, long line, jbuf *out, jbuf *errs) {
    char note[200];
    if (r->drawn) {
        int len =
            snprintf(note, sizeof note, "%s:%ld: ticket %s again: the timeline is of line %ld\n",
                     r->path, line, r->args->timeline, r->drawn);
        jb_raw(errs, note, len < 0 ? 0 : (size_t)len < sizeof note ? (size_t)len : sizeof note - 1);
        return EXIT_OK;
    }
    char *svg = NULL;
    size_t size = 0;
    FILE *mem = open_memstream(&svg, &size);
    if (mem == NULL) return EXIT_INPUT;
    timeline_input in = {slate_history_id(h), events, n, res, count, esc, now, r->policy, r->zone};
    slate_status st = timeline_svg(mem, &in);
    fclose(mem);
    if (st == SLATE_OK) jb_raw(out, svg, size);
    free(svg);
    r->drawn = line;
    if (st == SLATE_OK) return EXIT_OK;
    append_text(errs, "%s:%ld: timeline: %s\n", r->path, line, slate_status_string(st));
    return EXIT_INPUT;
}

/* Replays one history line (on a pipeline worker, with its own clock) and
 * writes its results to out. */
static int evaluate_line(void *ctx, const char *text, size_t len, long line, jbuf *out,
                         jbuf *errs) {
    run *r = ctx;
    slate_history *h;
    slate_error err;
    if (slate_history_from_json(text, len, &h, &err) != SLATE_OK)
        return line_error(r, errs, line, &err);
    size_t n;
    const slate_event *events = slate_history_events(h, &n);
    if (r->args->timeline != NULL &&
        strcmp(slate_history_id(h) ? slate_history_id(h) : "", r->args->timeline) != 0) {
        slate_history_free(h); /* not the ticket to draw */
        return EXIT_OK;
    }
    slate_clock_reset(r->clock);
    int status = EXIT_OK;
    /* With --at, the ticket as it stood then: later events are left out. */
    while (r->has_at && n > 0 && events[n - 1].at > r->at)
        n--;
    for (size_t i = 0; i < n && status == EXIT_OK; i++)
        if (slate_clock_apply(r->clock, &events[i], &err) != SLATE_OK)
            status = line_error(r, errs, line, &err);
    if (status == EXIT_OK) {
        slate_time now = r->has_at ? r->at : n > 0 ? events[n - 1].at : 0;
        const slate_sla_result *res;
        size_t count;
        slate_escalation_status esc;
        if (slate_clock_results(r->clock, now, &res, &count, &err) != SLATE_OK ||
            slate_clock_escalations(r->clock, now, &esc, &err) != SLATE_OK) {
            status = line_error(r, errs, line, &err);
        } else if (r->args->timeline != NULL) {
            status = draw_timeline(r, h, events, n, now, res, count, &esc, line, out, errs);
        } else if (r->args->format == FORMAT_TABLE && r->args->format_set) {
            status = print_table(out, r, slate_history_id(h), line, res, count, &esc);
        } else {
            status = print_results(out, r, slate_history_id(h), line, now, res, count);
            print_escalations(out, r, &esc);
        }
    }
    slate_history_free(h);
    return status;
}

/* One worker per online core, at most PIPELINE_WORKERS. */
static int worker_count(void) {
    long cores = sysconf(_SC_NPROCESSORS_ONLN);
    return cores < 1 ? 1 : cores > PIPELINE_WORKERS ? PIPELINE_WORKERS : (int)cores;
}

int cmd_evaluate(int argc, char **argv) {
    cli_args args;
    if (!cli_parse(argc, argv, &args) || !cli_no_csv(&args)) return EXIT_USAGE;
    if (args.help) {
        fputs(evaluate_usage, stdout);
        return EXIT_OK;
    }
    if (args.policy == NULL || args.positional_count > 1) {
        fputs(evaluate_usage, stderr);
        return EXIT_USAGE;
    }
    const char *path = args.positional_count ? args.positional[0] : "-";
    run r = {&args, path, NULL, 0, args.at != NULL, NULL, NULL, 0};
    if (args.timeline != NULL && args.format_set) {
        fputs("slate evaluate: --timeline draws an SVG; it takes no --format\n", stderr);
        return EXIT_USAGE;
    }
    if (args.at != NULL && !cli_parse_instant("--at", args.at, &r.at)) return EXIT_INPUT;
    slate_error err;
    slate_tzdb *db = NULL;
    slate_policy *policy = NULL;
    int status = EXIT_INPUT, workers = worker_count(), ready = 0;
    run runs[PIPELINE_WORKERS];
    void *contexts[PIPELINE_WORKERS];
    if (args.timeline != NULL) workers = 1; /* one drawing, from the first line with the id */
    if (cli_open_tzdb(&args, &db) && cli_load_policy(&args, db, &policy) &&
        cli_display_zone(&args, db, &r.zone)) {
        r.policy = policy;
        for (; ready < workers; ready++) {
            runs[ready] = r;
            contexts[ready] = &runs[ready];
            if (slate_clock_new(policy, &runs[ready].clock, &err) != SLATE_OK) {
                cli_print_error("evaluate", &err);
                break;
            }
        }
        if (ready == workers && args.format == FORMAT_TABLE && args.format_set)
            printf("%-12s %-24s %-17s %-4s %19s %-9s %-25s %s\n", "ticket", "sla/target", "state",
                   "prio", "used/allowed", "late by", "due", "breached at");
        if (ready == workers) status = pipeline_run(path, evaluate_line, contexts, workers);
        if (ready == workers && args.timeline != NULL && runs[0].drawn == 0 &&
            status != EXIT_USAGE) {
            fprintf(stderr, "slate evaluate: no ticket \"%s\" in %s\n", args.timeline, path);
            status = EXIT_INPUT;
        }
    }
    for (int i = 0; i < ready; i++)
        slate_clock_free(runs[i].clock);
    slate_policy_free(policy);
    slate_tzdb_free(db);
    return status;
}
