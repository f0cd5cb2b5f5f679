/* slate report: a contract's compliance and service credits over a period. */
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "report_html.h"

static const char report_usage[] =
    "usage: slate report --policy FILE (--month YYYY-MM | --quarter YYYY-Qn |\n"
    "                    --from TIME --to TIME) [HISTORIES.jsonl|-] [--contract ID]\n"
    "                    [--format table|json|csv|html] [--tz ZONE] [--fail-on-breach]\n"
    "\n"
    "Replays ticket histories (one JSON object per line, as for 'slate evaluate')\n"
    "against a contract of the policy and reports, per calendar month of the\n"
    "contract's zone within [--from, --to): targets met, breached and open per\n"
    "priority, the median and 90th percentile of business time to respond and\n"
    "resolve, the availability achieved against the commitment, and each\n"
    "service credit owed with the clause behind it, capped per month, and every\n"
    "breach, credited or not. Every cycle of a target counts (a reopened\n"
    "ticket, a next-reply target), unless the contract says \"cycles\": \"last\".\n"
    "The period is a month or a quarter of the contract's zone, or [--from,\n"
    "--to): RFC 3339 instants, or local dates and times (2026-03-01,\n"
    "2026-03-01T08:00) read in the contract's zone. --format csv prints one\n"
    "row per period, target row, breach and credit, for spreadsheets; --format\n"
    "html one self-contained page to send or print (A4). Times\n"
    "are in the contract's zone in the table and UTC in JSON and CSV, or all\n"
    "in --tz ZONE.\n"
    "--contract names a contract; without it, a policy with several contracts\n"
    "is reported contract by contract over the same tickets (JSON: one line\n"
    "each), each over its own zone's month or quarter. With\n"
    "--fail-on-breach the exit code is 1 when any credit is owed. A line that\n"
    "cannot be read or replayed is reported on stderr with its position and\n"
    "skipped; the report says how many were, and the exit code is 1.\n"
    "\n"
    "examples:\n"
    "  slate report --policy examples/policies/amc-vendor.json --month 2026-03 \\\n"
    "    examples/tickets/amc-sample.jsonl\n"
    "  slate report --policy examples/policies/amc-vendor.json \\\n"
    "    --from 2026-03-01T00:00:00+05:30 --to 2026-04-01T00:00:00+05:30 "
    "examples/tickets/amc-sample.jsonl\n";

typedef struct run {
    const char *path;
    slate_report **reports; /* one per contract reported on */
    size_t count;
    long skipped; /* lines reported on stderr and left out */
} run;

static int add_line(void *ctx, const char *text, size_t len, long line) {
    run *r = ctx;
    slate_history *h;
    slate_error err;
    if (text == NULL) { /* too long to read, reported */
        r->skipped++;
        return EXIT_INPUT;
    }
    if (slate_history_from_json(text, len, &h, &err) != SLATE_OK) {
        cli_print_line_error(r->path, line, &err);
        r->skipped++;
        return EXIT_INPUT;
    }
    size_t n;
    const slate_event *events = slate_history_events(h, &n);
    int status = EXIT_OK;
    for (size_t i = 0; i < r->count; i++)
        if (slate_report_add(r->reports[i], slate_history_id(h), events, n, &err) != SLATE_OK &&
            status == EXIT_OK) {
            cli_print_line_error(r->path, line, &err);
            r->skipped++;
            status = EXIT_INPUT;
        }
    slate_history_free(h);
    return status;
}

/* An instant at a zone's local time (UTC for NULL). */
static void local_time(const slate_zone *zone, slate_time t, char *buf) {
    cli_format_time(t, zone, buf);
}

/* A duration, or "-" when there is nothing to measure. */
static void print_duration(slate_duration d, int known) {
    char text[SLATE_DURATION_TEXT_MAX] = "-";
    if (known) slate_duration_format(d, text, sizeof text);
    printf("%-10s", text);
}

static void table_breaches(const slate_report_period *p, const slate_zone *zone) {
    for (size_t i = 0; i < p->breach_count; i++) {
        const slate_report_breach *b = &p->breaches[i];
        char at[SLATE_TIME_TEXT_MAX], due[SLATE_TIME_TEXT_MAX] = "-";
        local_time(zone, b->at, at);
        if (b->has_due) local_time(zone, b->due, due);
        printf("  breach %-8s #%-2d %-10s %-3s due %s  at %s  late ", b->ticket ? b->ticket : "-",
               b->cycle, b->target, b->priority ? b->priority : "-", due, at);
        print_duration(b->late_by, 1);
        printf(" %s\n", b->clause ? b->clause : "(no credit)");
    }
}

static void table_period(const slate_report_result *res, const slate_report_period *p,
                         const slate_zone *zone) {
    char from[SLATE_TIME_TEXT_MAX], to[SLATE_TIME_TEXT_MAX];
    local_time(zone, p->start, from);
    local_time(zone, p->end, to);
    printf("\n%s .. %s   fee ", from, to);
    cli_print_money(stdout, p->fee);
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
    table_breaches(p, zone);
    if (res->availability_calendar != NULL)
        printf("  availability %.3f%% (down %lld s of %lld s on %s), commitment %.2f%%: %s\n",
               p->availability, (long long)p->downtime, (long long)p->committed,
               res->availability_calendar, res->availability_target,
               p->availability_met ? "met" : "missed");
    for (size_t i = 0; i < p->credit_count; i++) {
        const slate_report_credit *c = &p->credits[i];
        char at[SLATE_TIME_TEXT_MAX];
        local_time(zone, c->at, at);
        printf("  credit %-18s %s  %-8s %-10s %-3s %4lld x  ", c->clause, at,
               c->ticket ? c->ticket : "-", c->target ? c->target : "availability",
               c->priority ? c->priority : "", (long long)c->units);
        cli_print_money(stdout, c->amount);
        putchar('\n');
    }
    fputs("  credits due ", stdout);
    cli_print_money(stdout, p->credits_due);
    if (p->cap >= 0) fputs(", cap ", stdout), cli_print_money(stdout, p->cap);
    fputs(", owed ", stdout);
    cli_print_money(stdout, p->credits_owed);
    putchar('\n');
}

static void print_table(const slate_report_result *res, long skipped, const slate_zone *zone) {
    char from[SLATE_TIME_TEXT_MAX], to[SLATE_TIME_TEXT_MAX];
    local_time(zone, res->start, from);
    local_time(zone, res->end, to);
    printf("contract %s%s%s%s\n", res->contract, res->customer ? " (" : "",
           res->customer ? res->customer : "", res->customer ? ")" : "");
    printf("sla %s, coverage window %s; %zu tickets from %s to %s\n", res->sla, res->coverage,
           res->tickets, from, to);
    if (skipped > 0)
        printf("%ld ticket%s skipped: unreadable or refused lines, reported on stderr\n", skipped,
               skipped == 1 ? "" : "s");
    if (res->uncovered_count > 0) {
        printf("%zu ticket%s not covered by the contract's scope:", res->uncovered_count,
               res->uncovered_count == 1 ? "" : "s");
        for (size_t i = 0; i < res->uncovered_count; i++)
            printf(" %s", res->uncovered[i] ? res->uncovered[i] : "-");
        putchar('\n');
    }
    for (size_t i = 0; i < res->period_count; i++)
        table_period(res, &res->periods[i], zone);
    fputs("\ntotal owed ", stdout);
    cli_print_money(stdout, res->credits_owed);
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
    cli_print_money(stdout, amount);
}

static void json_time(const char *key, slate_time t, const slate_zone *zone) {
    char text[SLATE_TIME_TEXT_MAX];
    cli_format_time(t, zone, text);
    printf(", \"%s\": \"%s\"", key, text);
}

static void json_period(const slate_report_period *p, const slate_zone *zone) {
    printf("{\"start\": ");
    char text[SLATE_TIME_TEXT_MAX];
    cli_format_time(p->start, zone, text);
    printf("\"%s\"", text);
    json_time("end", p->end, zone);
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
        json_time("at", c->at, zone);
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
            json_time("due", b->due, zone);
        else
            fputs(", \"due\": null", stdout);
        json_time("at", b->at, zone);
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

static void print_json(const slate_report_result *res, long skipped, const slate_zone *zone) {
    fputs("{\"contract\": ", stdout);
    cli_json_string(stdout, res->contract);
    json_text("customer", res->customer);
    json_text("currency", res->currency);
    json_text("sla", res->sla);
    json_text("coverage", res->coverage);
    json_text("timezone", res->zone != NULL ? slate_zone_name(res->zone) : "UTC");
    json_text("availability_calendar", res->availability_calendar);
    printf(", \"availability_target\": %.2f", res->availability_target);
    json_time("from", res->start, zone);
    json_time("to", res->end, zone);
    printf(", \"tickets\": %zu, \"skipped\": %ld, \"not_covered\": [", res->tickets, skipped);
    for (size_t i = 0; i < res->uncovered_count; i++) {
        if (i) fputs(", ", stdout);
        if (res->uncovered[i] != NULL)
            cli_json_string(stdout, res->uncovered[i]);
        else
            fputs("null", stdout);
    }
    fputs("], \"periods\": [", stdout);
    for (size_t i = 0; i < res->period_count; i++) {
        if (i) fputs(", ", stdout);
        json_period(&res->periods[i], zone);
    }
    putchar(']');
    json_money("credits_owed", res->credits_owed);
    puts("}");
}

/* ---- CSV: one record a line, the same columns for every kind ---- */

static const char csv_header[] =
    "contract,record,period_start,period_end,target,priority,ticket,cycle,met,breached,open,"
    "finished,"
    "median_seconds,p90_seconds,due,at,late_seconds,clause,units,amount,fee,credits_due,cap,"
    "credits_owed,currency\n";

/* A text cell, quoted when it holds a comma, a quote or a line break. */
static void csv_text(const char *text, int last) {
    if (text != NULL && strpbrk(text, ",\"\r\n") != NULL) {
        putchar('"');
        for (const char *c = text; *c; c++) {
            if (*c == '"') putchar('"');
            putchar(*c);
        }
        putchar('"');
    } else if (text != NULL) {
        fputs(text, stdout);
    }
    putchar(last ? '\n' : ',');
}

static void csv_time(int has, slate_time t, const slate_zone *zone) {
    char text[SLATE_TIME_TEXT_MAX] = "";
    if (has) cli_format_time(t, zone, text);
    csv_text(text, 0);
}

static void csv_count(int has, long long n) {
    if (has) printf("%lld", n);
    putchar(',');
}

static void csv_money(int has, int64_t amount) {
    if (has) cli_print_money(stdout, amount);
    putchar(',');
}

/* contract, record, period start and end. */
static void csv_lead(const slate_report_result *res, const char *record,
                     const slate_report_period *p, const slate_zone *zone) {
    csv_text(res->contract, 0);
    csv_text(record, 0);
    csv_time(1, p->start, zone);
    csv_time(1, p->end, zone);
}

static void csv_period(const slate_report_result *res, const slate_report_period *p,
                       const slate_zone *zone) {
    csv_lead(res, "period", p, zone);
    fputs(",,,,,,,,,,,,,,,,", stdout); /* target .. amount */
    csv_money(1, p->fee);
    csv_money(1, p->credits_due);
    csv_money(p->cap >= 0, p->cap);
    csv_money(1, p->credits_owed);
    csv_text(res->currency, 1);
    for (size_t i = 0; i < p->row_count; i++) {
        const slate_report_row *row = &p->rows[i];
        csv_lead(res, "row", p, zone);
        csv_text(row->target, 0);
        csv_text(row->priority, 0);
        fputs(",,", stdout); /* ticket, cycle */
        csv_count(1, (long long)row->met);
        csv_count(1, (long long)row->breached);
        csv_count(1, (long long)row->open);
        csv_count(1, (long long)row->finished);
        csv_count(row->finished > 0, row->median);
        csv_count(row->finished > 0, row->p90);
        fputs(",,,,,,,,,,", stdout); /* due .. credits_owed */
        csv_text(res->currency, 1);
    }
    for (size_t i = 0; i < p->breach_count; i++) {
        const slate_report_breach *b = &p->breaches[i];
        csv_lead(res, "breach", p, zone);
        csv_text(b->target, 0);
        csv_text(b->priority, 0);
        csv_text(b->ticket, 0);
        csv_count(1, b->cycle);
        fputs(",,,,,,", stdout); /* met .. p90 */
        csv_time(b->has_due, b->due, zone);
        csv_time(1, b->at, zone);
        csv_count(1, b->late_by);
        csv_text(b->clause, 0);
        fputs(",,,,,,", stdout); /* units .. credits_owed */
        csv_text(res->currency, 1);
    }
    for (size_t i = 0; i < p->credit_count; i++) {
        const slate_report_credit *c = &p->credits[i];
        csv_lead(res, "credit", p, zone);
        csv_text(c->target, 0);
        csv_text(c->priority, 0);
        csv_text(c->ticket, 0);
        fputs(",,,,,,,,", stdout); /* cycle .. due */
        csv_time(1, c->at, zone);
        csv_count(1, c->late);
        csv_text(c->clause, 0);
        csv_count(1, c->units);
        csv_money(1, c->amount);
        fputs(",,,,", stdout); /* fee .. credits_owed */
        csv_text(res->currency, 1);
    }
}

static void print_csv(const slate_report_result *res, const slate_zone *zone) {
    for (size_t i = 0; i < res->period_count; i++)
        csv_period(res, &res->periods[i], zone);
}

/* The index of the contract the report is about: named, or the only one;
 * -1 (the library says why later) when there is none such. */
static long contract_index(const slate_policy *p, const char *id) {
    size_t n = slate_policy_contract_count(p);
    for (size_t i = 0; i < n; i++)
        if (id == NULL ? n == 1 : strcmp(slate_policy_contract_id(p, i), id) == 0) return (long)i;
    return -1;
}

/* --from / --to: an RFC 3339 instant, or a local date-time of the zone.
 * EXIT_OK, EXIT_USAGE when it is missing, EXIT_INPUT when it is not a time. */
static int parse_bound(const char *option, const char *text, const slate_zone *zone,
                       slate_time *out) {
    slate_error err;
    slate_civil c;
    if (text == NULL) {
        fprintf(stderr, "slate: report needs --month, --quarter, or %s\n", option);
        return EXIT_USAGE;
    }
    if (slate_time_parse(text, out, NULL) == SLATE_OK) return EXIT_OK;
    if (slate_civil_parse(text, &c, &err) != SLATE_OK) {
        fprintf(stderr,
                "slate: %s: \"%s\" is neither an RFC 3339 instant nor a local date or date-time\n",
                option, text);
        return EXIT_INPUT;
    }
    if (zone == NULL) {
        *out = slate_days_from_civil(c.year, c.month, c.day) * 86400 + c.hour * 3600 +
               c.minute * 60 + c.second;
        return EXIT_OK;
    }
    if (slate_zone_from_civil(zone, &c, SLATE_DISAMBIGUATE_COMPATIBLE, out, &err) == SLATE_OK)
        return EXIT_OK;
    cli_print_error(option, &err);
    return EXIT_INPUT;
}

/* The first month and the month count of --month or --quarter, or
 * EXIT_INPUT when the text is not one. */
static int month_or_quarter(const cli_args *args, int *year, int *first, int *months) {
    char extra;
    if (args->month != NULL) {
        if (sscanf(args->month, "%4d-%2d%c", year, first, &extra) != 2 ||
            strlen(args->month) != 7 || *first < 1 || *first > 12) {
            fprintf(stderr, "slate: --month takes YYYY-MM, not \"%s\"\n", args->month);
            return EXIT_INPUT;
        }
        *months = 1;
        return EXIT_OK;
    }
    if (sscanf(args->quarter, "%4d-Q%1d%c", year, first, &extra) != 2 ||
        strlen(args->quarter) != 7 || *first < 1 || *first > 4) {
        fprintf(stderr, "slate: --quarter takes YYYY-Qn (n 1 to 4), not \"%s\"\n", args->quarter);
        return EXIT_INPUT;
    }
    *first = 3 * *first - 2, *months = 3;
    return EXIT_OK;
}

/* The report's period from --month, --quarter or --from/--to, in the
 * contract's zone: EXIT_OK, EXIT_USAGE for options that do not go
 * together, EXIT_INPUT for a bad time (as for every other bad time). */
static int report_period(const cli_args *args, const slate_zone *zone, slate_time *from,
                         slate_time *to) {
    int year, first, months, st;
    if ((args->month != NULL) + (args->quarter != NULL) + (args->from != NULL || args->to != NULL) >
        1) {
        fputs("slate: report takes one of --month, --quarter, or --from and --to\n", stderr);
        return EXIT_USAGE;
    }
    if (args->month == NULL && args->quarter == NULL) {
        if ((st = parse_bound("--from", args->from, zone, from)) != EXIT_OK) return st;
        return parse_bound("--to", args->to, zone, to);
    }
    if ((st = month_or_quarter(args, &year, &first, &months)) != EXIT_OK) return st;
    int last = first + months; /* the month after, 13 for January next year */
    if (year < SLATE_YEAR_MIN || year >= SLATE_YEAR_MAX ||
        !cli_local_midnight(zone, year, first, 1, from) ||
        !cli_local_midnight(zone, year + (last > 12), (last - 1) % 12 + 1, 1, to)) {
        fputs("slate: the period is out of range\n", stderr);
        return EXIT_INPUT;
    }
    return EXIT_OK;
}

/* A report per contract asked for: the one named (or the only one), or
 * every contract of the policy, each over its own month or quarter. */
static int open_reports(const cli_args *args, const slate_policy *policy, run *r) {
    size_t n = slate_policy_contract_count(policy);
    int every = args->contract == NULL && n > 1;
    long named = contract_index(policy, args->contract);
    slate_error err;
    if ((r->reports = calloc(every ? n : 1, sizeof *r->reports)) == NULL) {
        fputs("slate: out of memory\n", stderr);
        return EXIT_INPUT;
    }
    for (size_t i = 0; i < (every ? n : 1); i++) {
        size_t k = every ? i : (size_t)(named >= 0 ? named : 0);
        slate_time from = 0, to = 0;
        const slate_zone *zone =
            named >= 0 || every ? slate_policy_contract_timezone(policy, k) : NULL;
        int period = report_period(args, zone, &from, &to);
        if (period != EXIT_OK) return period;
        const char *id = every ? slate_policy_contract_id(policy, k) : args->contract;
        if (slate_report_new(policy, id, from, to, &r->reports[i], &err) != SLATE_OK) {
            cli_print_error("report", &err);
            return EXIT_INPUT;
        }
        r->count++;
    }
    return EXIT_OK;
}

/* Prints each report; returns the exit status they make. */
static int print_reports(const cli_args *args, run *r, const slate_zone *shown) {
    int owed = 0;
    slate_error err;
    if (args->format == FORMAT_CSV) fputs(csv_header, stdout);
    if (args->format == FORMAT_HTML) report_html_begin(stdout, "slate compliance report");
    for (size_t i = 0; i < r->count; i++) {
        const slate_report_result *res;
        if (slate_report_result_get(r->reports[i], &res, &err) != SLATE_OK) {
            cli_print_error("report", &err);
            return EXIT_INPUT;
        }
        /* Times in --tz, else the table's in the contract's zone and data in UTC. */
        if (args->format == FORMAT_JSON)
            print_json(res, r->skipped, shown);
        else if (args->format == FORMAT_CSV)
            print_csv(res, shown);
        else if (args->format == FORMAT_HTML)
            report_html_contract(stdout, res, r->skipped, shown);
        else {
            if (i > 0) putchar('\n');
            print_table(res, r->skipped, shown != NULL ? shown : res->zone);
        }
        owed |= res->credits_owed > 0;
    }
    if (args->format == FORMAT_HTML) report_html_end(stdout);
    /* Bad lines were reported and skipped: the reports stand, marked. */
    return r->skipped > 0 || (args->fail_on_breach && owed) ? EXIT_FINDINGS : EXIT_OK;
}

int cmd_report(int argc, char **argv) {
    cli_args args;
    if (!cli_parse(argc, argv, &args)) return EXIT_USAGE;
    if (args.help) {
        fputs(report_usage, stdout);
        return EXIT_OK;
    }
    if (args.policy == NULL || args.positional_count > 1) {
        fputs(report_usage, stderr);
        return EXIT_USAGE;
    }
    run r = {args.positional_count ? args.positional[0] : "-", NULL, 0, 0};
    slate_tzdb *db = NULL;
    slate_policy *policy = NULL;
    int status = EXIT_INPUT;
    const slate_zone *shown = NULL;
    if (cli_open_tzdb(&args, &db) && cli_load_policy(&args, db, &policy) &&
        cli_display_zone(&args, db, &shown) &&
        (status = open_reports(&args, policy, &r)) == EXIT_OK &&
        ((status = cli_each_line(r.path, add_line, &r)) == EXIT_OK || r.skipped > 0))
        status = print_reports(&args, &r, shown);
    for (size_t i = 0; i < r.count; i++)
        slate_report_free(r.reports[i]);
    free(r.reports);
    slate_policy_free(policy);
    slate_tzdb_free(db);
    return status;
}
