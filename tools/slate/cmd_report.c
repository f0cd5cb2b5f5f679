/* slate report: a contract's compliance and service credits over a period. */
#include <string.h>

#include "cli.h"

static const char report_usage[] =
    "usage: slate report --policy FILE --from INSTANT --to INSTANT [HISTORIES.jsonl|-]\n"
    "                    [--contract ID] [--format table|json] [--fail-on-breach]\n"
    "\n"
    "Replays ticket histories (one JSON object per line, as for 'slate evaluate')\n"
    "against a contract of the policy and reports, per calendar month of the\n"
    "contract's zone within [--from, --to): targets met, breached and open per\n"
    "priority, the median and 90th percentile of business time to respond and\n"
    "resolve, the availability achieved against the commitment, and each\n"
    "service credit owed with the clause behind it, capped per month, and every\n"
    "breach, credited or not. Every cycle of a target counts (a reopened\n"
    "ticket, a next-reply target), unless the contract says \"cycles\": \"last\".\n"
    "--contract names the contract when the policy has several. With\n"
    "--fail-on-breach the exit code is 1 when any credit is owed. A line that\n"
    "cannot be read or replayed is reported on stderr with its position and\n"
    "skipped; the report says how many were, and the exit code is 1.\n"
    "\n"
    "example:\n"
    "  slate report --policy examples/policies/amc-vendor.json \\\n"
    "    --from 2026-03-01T00:00:00+05:30 --to 2026-04-01T00:00:00+05:30 "
    "examples/tickets/amc-sample.jsonl\n";

typedef struct run {
    const char *path;
    slate_report *report;
    long skipped; /* lines reported on stderr and left out */
} run;

static int add_line(void *ctx, const char *text, size_t len, long line) {
    run *r = ctx;
    slate_history *h;
    slate_error err;
    if (slate_history_from_json(text, len, &h, &err) != SLATE_OK) {
        cli_print_line_error(r->path, line, &err);
        r->skipped++;
        return EXIT_INPUT;
    }
    size_t n;
    const slate_event *events = slate_history_events(h, &n);
    int status = EXIT_OK;
    if (slate_report_add(r->report, slate_history_id(h), events, n, &err) != SLATE_OK) {
        cli_print_line_error(r->path, line, &err);
        r->skipped++;
        status = EXIT_INPUT;
    }
    slate_history_free(h);
    return status;
}

/* Hundredths as a decimal: 1800000 -> "18000.00". */
static void print_money(FILE *out, int64_t amount) {
    fprintf(out, "%s%lld.%02lld", amount < 0 ? "-" : "",
            (long long)(amount < 0 ? -amount : amount) / 100,
            (long long)(amount < 0 ? -amount : amount) % 100);
}

/* An instant at the contract's local time. */
static void local_time(const slate_report_result *res, slate_time t, char *buf) {
    slate_zone_info info = {0, 0, ""};
    if (res->zone != NULL) slate_zone_lookup(res->zone, t, &info);
    slate_time_format(t, info.utc_offset, buf, SLATE_TIME_TEXT_MAX);
}

/* A duration, or "-" when there is nothing to measure. */
static void print_duration(slate_duration d, int known) {
    char text[SLATE_DURATION_TEXT_MAX] = "-";
    if (known) slate_duration_format(d, text, sizeof text);
    printf("%-10s", text);
}

static void table_breaches(const slate_report_result *res, const slate_report_period *p) {
    for (size_t i = 0; i < p->breach_count; i++) {
        const slate_report_breach *b = &p->breaches[i];
        char at[SLATE_TIME_TEXT_MAX], due[SLATE_TIME_TEXT_MAX] = "-";
        local_time(res, b->at, at);
        if (b->has_due) local_time(res, b->due, due);
        printf("  breach %-8s #%-2d %-10s %-3s due %s  at %s  late ", b->ticket ? b->ticket : "-",
               b->cycle, b->target, b->priority ? b->priority : "-", due, at);
        print_duration(b->late_by, 1);
        printf(" %s\n", b->clause ? b->clause : "(no credit)");
    }
}

static void table_period(const slate_report_result *res, const slate_report_period *p) {
    char from[SLATE_TIME_TEXT_MAX], to[SLATE_TIME_TEXT_MAX];
    local_time(res, p->start, from);
    local_time(res, p->end, to);
    printf("\n%s .. %s   fee ", from, to);
    print_money(stdout, p->fee);
    printf(" %s\n  %-12s %-8s %5s %8s %5s  %-10s%-10s\n", res->currency ? res->currency : "",
           "target", "priority", "met", "breached", "open", "median", "p90");
    for (size_t i = 0; i < p->row_count; i++) {
        const slate_report_row *row = &p->rows[i];
        printf("  %-12s %-8s %5zu %8zu %5zu  ", row->target, row->priority[0] ? row->priority : "-",
               row->met, row->breached, row->open);
        print_duration(row->median, row->finished > 0);
        print_duration(row->p90, row->finished > 0);
        putchar('\n');
    }
    table_breaches(res, p);
    if (res->availability_calendar != NULL)
        printf("  availability %.3f%% (down %lld s of %lld s on %s), commitment %.2f%%: %s\n",
               p->availability, (long long)p->downtime, (long long)p->committed,
               res->availability_calendar, res->availability_target,
               p->availability_met ? "met" : "missed");
    for (size_t i = 0; i < p->credit_count; i++) {
        const slate_report_credit *c = &p->credits[i];
        char at[SLATE_TIME_TEXT_MAX];
        local_time(res, c->at, at);
        printf("  credit %-18s %s  %-8s %-10s %-3s %4lld x  ", c->clause, at,
               c->ticket ? c->ticket : "-", c->target ? c->target : "availability",
               c->priority ? c->priority : "", (long long)c->units);
        print_money(stdout, c->amount);
        putchar('\n');
    }
    fputs("  credits due ", stdout);
    print_money(stdout, p->credits_due);
    if (p->cap >= 0) fputs(", cap ", stdout), print_money(stdout, p->cap);
    fputs(", owed ", stdout);
    print_money(stdout, p->credits_owed);
    putchar('\n');
}

static void print_table(const slate_report_result *res, long skipped) {
    char from[SLATE_TIME_TEXT_MAX], to[SLATE_TIME_TEXT_MAX];
    local_time(res, res->start, from);
    local_time(res, res->end, to);
    printf("contract %s%s%s%s\n", res->contract, res->customer ? " (" : "",
           res->customer ? res->customer : "", res->customer ? ")" : "");
    printf("sla %s, coverage window %s; %zu tickets from %s to %s\n", res->sla, res->coverage,
           res->tickets, from, to);
    if (skipped > 0)
        printf("%ld ticket%s skipped: unreadable or refused lines, reported on stderr\n", skipped,
               skipped == 1 ? "" : "s");
    for (size_t i = 0; i < res->period_count; i++)
        table_period(res, &res->periods[i]);
    fputs("\ntotal owed ", stdout);
    print_money(stdout, res->credits_owed);
    printf(" %s\n", res->currency ? res->currency : "");
}

static void json_text(const char *key, const char *value) {
    printf(", \"%s\": ", key);
    if (value == NULL)
        fputs("null", stdout);
    else
        cli_json_string(stdout, value);
}

static void json_money(const char *key, int64_t amount) {
    printf(", \"%s\": ", key);
    print_money(stdout, amount);
}

static void json_time(const char *key, slate_time t) {
    char text[SLATE_TIME_TEXT_MAX];
    slate_time_format(t, 0, text, sizeof text);
    printf(", \"%s\": \"%s\"", key, text);
}

static void json_period(const slate_report_period *p) {
    printf("{\"start\": ");
    char text[SLATE_TIME_TEXT_MAX];
    slate_time_format(p->start, 0, text, sizeof text);
    printf("\"%s\"", text);
    json_time("end", p->end);
    json_money("fee", p->fee);
    printf(", \"rows\": [");
    for (size_t i = 0; i < p->row_count; i++) {
        const slate_report_row *row = &p->rows[i];
        printf("%s{\"target\": ", i ? ", " : "");
        cli_json_string(stdout, row->target);
        json_text("priority", row->priority);
        printf(", \"met\": %zu, \"breached\": %zu, \"open\": %zu, \"finished\": %zu", row->met,
               row->breached, row->open, row->finished);
        if (row->finished > 0)
            printf(", \"median\": %lld, \"p90\": %lld}", (long long)row->median,
                   (long long)row->p90);
        else
            fputs(", \"median\": null, \"p90\": null}", stdout);
    }
    printf("], \"committed\": %lld, \"downtime\": %lld, \"availability\": %.4f, "
           "\"availability_met\": %s, \"credits\": [",
           (long long)p->committed, (long long)p->downtime, p->availability,
           p->availability_met ? "true" : "false");
    for (size_t i = 0; i < p->credit_count; i++) {
        const slate_report_credit *c = &p->credits[i];
        printf("%s{\"clause\": ", i ? ", " : "");
        cli_json_string(stdout, c->clause);
        json_text("pointer", c->pointer);
        json_text("ticket", c->ticket);
        json_text("target", c->target);
        json_text("priority", c->priority);
        json_time("at", c->at);
        printf(", \"late\": %lld, \"units\": %lld", (long long)c->late, (long long)c->units);
        json_money("amount", c->amount);
        putchar('}');
    }
    fputs("], \"breaches\": [", stdout);
    for (size_t i = 0; i < p->breach_count; i++) {
        const slate_report_breach *b = &p->breaches[i];
        printf("%s{\"ticket\": ", i ? ", " : "");
        if (b->ticket != NULL)
            cli_json_string(stdout, b->ticket);
        else
            fputs("null", stdout);
        printf(", \"cycle\": %d", b->cycle);
        json_text("target", b->target);
        json_text("priority", b->priority);
        if (b->has_due)
            json_time("due", b->due);
        else
            fputs(", \"due\": null", stdout);
        json_time("at", b->at);
        printf(", \"late_by\": %lld", (long long)b->late_by);
        json_text("clause", b->clause);
        putchar('}');
    }
    putchar(']');
    json_money("credits_due", p->credits_due);
    if (p->cap >= 0)
        json_money("cap", p->cap);
    else
        fputs(", \"cap\": null", stdout);
    json_money("credits_owed", p->credits_owed);
    putchar('}');
}

static void print_json(const slate_report_result *res, long skipped) {
    fputs("{\"contract\": ", stdout);
    cli_json_string(stdout, res->contract);
    json_text("customer", res->customer);
    json_text("currency", res->currency);
    json_text("sla", res->sla);
    json_text("coverage", res->coverage);
    json_text("timezone", res->zone != NULL ? slate_zone_name(res->zone) : "UTC");
    json_text("availability_calendar", res->availability_calendar);
    printf(", \"availability_target\": %.2f", res->availability_target);
    json_time("from", res->start);
    json_time("to", res->end);
    printf(", \"tickets\": %zu, \"skipped\": %ld, \"periods\": [", res->tickets, skipped);
    for (size_t i = 0; i < res->period_count; i++) {
        if (i) fputs(", ", stdout);
        json_period(&res->periods[i]);
    }
    putchar(']');
    json_money("credits_owed", res->credits_owed);
    puts("}");
}

static int parse_instant(const char *option, const char *text, slate_time *out) {
    slate_error err;
    if (text == NULL) {
        fprintf(stderr, "slate: report needs %s INSTANT\n", option);
        return 0;
    }
    if (slate_time_parse(text, out, &err) == SLATE_OK) return 1;
    cli_print_error(option, &err);
    return 0;
}

int cmd_report(int argc, char **argv) {
    cli_args args;
    if (!cli_parse(argc, argv, &args)) return EXIT_USAGE;
    if (args.help) {
        fputs(report_usage, stdout);
        return EXIT_OK;
    }
    slate_time from, to;
    if (args.policy == NULL || args.positional_count > 1) {
        fputs(report_usage, stderr);
        return EXIT_USAGE;
    }
    if (!parse_instant("--from", args.from, &from) || !parse_instant("--to", args.to, &to))
        return EXIT_USAGE;
    run r = {args.positional_count ? args.positional[0] : "-", NULL, 0};
    slate_tzdb *db = NULL;
    slate_policy *policy = NULL;
    slate_error err;
    const slate_report_result *res = NULL;
    int status = EXIT_INPUT;
    if (cli_open_tzdb(&args, &db) && cli_load_policy(&args, db, &policy)) {
        if (slate_report_new(policy, args.contract, from, to, &r.report, &err) != SLATE_OK)
            cli_print_error("report", &err);
        else if (((status = cli_each_line(r.path, add_line, &r)) == EXIT_OK || r.skipped > 0) &&
                 slate_report_result_get(r.report, &res, &err) != SLATE_OK)
            cli_print_error("report", &err), status = EXIT_INPUT, res = NULL;
    }
    if (res != NULL) {
        /* Bad lines were reported and skipped: the report stands, marked. */
        if (args.format == FORMAT_JSON)
            print_json(res, r.skipped);
        else
            print_table(res, r.skipped);
        status = r.skipped > 0 || (args.fail_on_breach && res->credits_owed > 0) ? EXIT_FINDINGS
                                                                                 : EXIT_OK;
    }
    slate_report_free(r.report);
    slate_policy_free(policy);
    slate_tzdb_free(db);
    return status;
}
