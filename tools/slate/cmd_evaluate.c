/* slate evaluate: one ticket history in per line, one JSON line out. */
#include <string.h>

#include "cli.h"

static const char evaluate_usage[] =
    "usage: slate evaluate --policy FILE [HISTORIES.jsonl|-] [--at INSTANT] [--explain]\n"
    "                      [--fail-on-breach]\n"
    "\n"
    "Reads one ticket history per line, {\"id\": ..., \"events\": [{\"at\": INSTANT,\n"
    "\"kind\": ..., \"fields\": {...}}, ...]}, replays it against the policy's SLAs\n"
    "and prints one JSON line per ticket with every target's state, breach,\n"
    "elapsed and remaining business seconds, due and breach times, the\n"
    "escalation steps fired so far and the next wake time (the earliest\n"
    "instant a step fires or a target falls due). --at gives the instant to\n"
    "evaluate at, leaving out later events (default: each ticket's last\n"
    "event); --explain adds each\n"
    "target's transitions and each step's rule; --fail-on-breach exits 1 when\n"
    "a target is breached. Memory stays constant however many tickets stream\n"
    "through.\n"
    "\n"
    "example:\n"
    "  slate evaluate --policy examples/policies/itsm-desk.json examples/tickets/itsm-sample.jsonl --at 2026-03-09T12:00:00Z\n";

typedef struct run {
    const cli_args *args;
    const char *path;
    slate_clock *clock;
    slate_time at;
    int has_at;
} run;

static void print_time(const char *key, int has, slate_time t) {
    char text[SLATE_TIME_TEXT_MAX];
    printf(", \"%s\": ", key);
    if (!has) {
        fputs("null", stdout);
        return;
    }
    slate_time_format(t, 0, text, sizeof text);
    printf("\"%s\"", text);
}

static int print_results(const run *r, const char *id, long line, slate_time now, const slate_sla_result *res, size_t n) {
    int breached = 0;
    char when[SLATE_TIME_TEXT_MAX];
    slate_time_format(now, 0, when, sizeof when);
    printf("{\"line\": %ld", line);
    if (id != NULL) {
        fputs(", \"id\": ", stdout);
        cli_json_string(stdout, id);
    }
    printf(", \"at\": \"%s\", \"targets\": [", when);
    for (size_t i = 0; i < n; i++) {
        const slate_sla_result *t = &res[i];
        breached |= t->breached;
        fputs(i ? ", {\"sla\": " : "{\"sla\": ", stdout);
        cli_json_string(stdout, t->sla);
        fputs(", \"target\": ", stdout);
        cli_json_string(stdout, t->target);
        printf(", \"state\": \"%s\", \"breached\": %s, \"priority\": ", slate_sla_state_name(t->state),
               t->breached ? "true" : "false");
        if (t->priority != NULL) cli_json_string(stdout, t->priority);
        else fputs("null", stdout);
        printf(", \"target_seconds\": %lld, \"elapsed\": %lld, \"paused\": %lld, \"remaining\": %lld, \"percent\": %.1f, \"cycles\": %d",
               (long long)t->target_seconds, (long long)t->elapsed, (long long)t->paused, (long long)t->remaining,
               t->percent, t->cycles);
        print_time("due", t->has_due, t->due);
        print_time("breach_time", t->has_breach_time, t->breach_time);
        if (r->args->explain) {
            fputs(", \"steps\": [", stdout);
            for (size_t k = 0; k < t->step_count; k++) {
                const slate_sla_step *s = &t->steps[k];
                char at[SLATE_TIME_TEXT_MAX];
                slate_time_format(s->at, 0, at, sizeof at);
                printf("%s{\"at\": \"%s\", \"event\": %zu, \"to\": \"%s\", \"why\": \"%s\", \"condition\": ",
                       k ? ", " : "", at, s->event, slate_sla_state_name(s->to), s->why);
                cli_json_string(stdout, s->condition);
                putchar('}');
            }
            putchar(']');
        }
        putchar('}');
    }
    putchar(']');
    return breached && r->args->fail_on_breach ? EXIT_FINDINGS : EXIT_OK;
}

/* The steps fired by now and the next wake time, closing the line. */
static void print_escalations(const run *r, const slate_escalation_status *s) {
    fputs(", \"escalations\": [", stdout);
    for (size_t i = 0; i < s->fired_count; i++) {
        const slate_escalation *f = &s->fired[i];
        fputs(i ? ", {\"chain\": " : "{\"chain\": ", stdout);
        cli_json_string(stdout, f->chain);
        fputs(", \"step\": ", stdout);
        cli_json_string(stdout, f->step);
        print_time("at", 1, f->at);
        printf(", \"repeat\": %d, \"cycle\": %d, \"notify\": [", f->repeat, f->cycle);
        for (size_t k = 0; k < f->notify_count; k++) {
            if (k) fputs(", ", stdout);
            cli_json_string(stdout, f->notify[k]);
        }
        putchar(']');
        if (f->channel != NULL) fputs(", \"channel\": ", stdout), cli_json_string(stdout, f->channel);
        if (f->template_id != NULL) fputs(", \"template\": ", stdout), cli_json_string(stdout, f->template_id);
        if (f->data != NULL) printf(", \"data\": %s", f->data);
        if (r->args->explain) {
            fputs(", \"rule\": ", stdout);
            cli_json_string(stdout, f->rule);
            print_time("eligible", 1, f->eligible);
            printf(", \"elapsed\": %lld, \"pointer\": ", (long long)f->elapsed);
            cli_json_string(stdout, f->pointer);
        }
        putchar('}');
    }
    putchar(']');
    print_time("next_wake", s->has_next_wake, s->next_wake);
    puts("}");
}

/* Replays one history line and prints its results. */
static int evaluate_line(void *ctx, const char *text, size_t len, long line) {
    run *r = ctx;
    slate_history *h;
    slate_error err;
    if (slate_history_from_json(text, len, &h, &err) != SLATE_OK) {
        cli_print_line_error(r->path, line, &err);
        return EXIT_INPUT;
    }
    size_t n;
    const slate_event *events = slate_history_events(h, &n);
    slate_clock_reset(r->clock);
    int status = EXIT_OK;
    /* With --at, the ticket as it stood then: later events are left out. */
    while (r->has_at && n > 0 && events[n - 1].at > r->at) n--;
    for (size_t i = 0; i < n && status == EXIT_OK; i++)
        if (slate_clock_apply(r->clock, &events[i], &err) != SLATE_OK) {
            cli_print_line_error(r->path, line, &err);
            status = EXIT_INPUT;
        }
    if (status == EXIT_OK) {
        slate_time now = r->has_at ? r->at : n > 0 ? events[n - 1].at : 0;
        const slate_sla_result *res;
        size_t count;
        slate_escalation_status esc;
        if (slate_clock_results(r->clock, now, &res, &count, &err) != SLATE_OK ||
            slate_clock_escalations(r->clock, now, &esc, &err) != SLATE_OK) {
            cli_print_line_error(r->path, line, &err);
            status = EXIT_INPUT;
        } else {
            status = print_results(r, slate_history_id(h), line, now, res, count);
            print_escalations(r, &esc);
        }
    }
    slate_history_free(h);
    return status;
}

int cmd_evaluate(int argc, char **argv) {
    cli_args args;
    if (!cli_parse(argc, argv, &args)) return EXIT_USAGE;
    if (args.help) {
        fputs(evaluate_usage, stdout);
        return EXIT_OK;
    }
    if (args.policy == NULL || args.positional_count > 1) {
        fputs(evaluate_usage, stderr);
        return EXIT_USAGE;
    }
    const char *path = args.positional_count ? args.positional[0] : "-";
    run r = {&args, path, NULL, 0, args.at != NULL};
    slate_error err;
    if (args.at != NULL && slate_time_parse(args.at, &r.at, &err) != SLATE_OK) {
        cli_print_error("--at", &err);
        return EXIT_USAGE;
    }
    slate_tzdb *db = NULL;
    slate_policy *policy = NULL;
    int status = EXIT_INPUT;
    if (cli_open_tzdb(&args, &db) && cli_load_policy(&args, db, &policy)) {
        if (slate_clock_new(policy, &r.clock, &err) != SLATE_OK)
            cli_print_error("evaluate", &err);
        else
            status = cli_each_line(path, evaluate_line, &r);
    }
    slate_clock_free(r.clock);
    slate_policy_free(policy);
    slate_tzdb_free(db);
    return status;
}
