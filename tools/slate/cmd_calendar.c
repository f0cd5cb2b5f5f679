/* slate calendar: add, between, add-days, days, next-open, next-close,
 * prev-open, prev-close, intervals, holidays, list, chart. */
#include <stdlib.h>
#include <string.h>

#include "chart.h"
#include "cli.h"

static const char calendar_usage[] =
    "usage: slate calendar add        INSTANT DURATION  --policy FILE --calendar NAME\n"
    "       slate calendar between    FROM TO           --policy FILE --calendar NAME\n"
    "       slate calendar add-days   INSTANT N         --policy FILE --calendar NAME\n"
    "       slate calendar days       FROM TO           --policy FILE --calendar NAME\n"
    "       slate calendar next-open  INSTANT           --policy FILE --calendar NAME\n"
    "       slate calendar next-close INSTANT           --policy FILE --calendar NAME\n"
    "       slate calendar prev-open  INSTANT           --policy FILE --calendar NAME\n"
    "       slate calendar prev-close INSTANT           --policy FILE --calendar NAME\n"
    "       slate calendar intervals  FROM TO           --policy FILE --calendar NAME\n"
    "       slate calendar holidays   FROM TO           --policy FILE --calendar NAME [--inline]\n"
    "       (holidays also takes --from FROM --to TO)\n"
    "       slate calendar list                         --policy FILE\n"
    "       slate calendar chart      CALENDAR...       --policy FILE --week YYYY-Www [--tz ZONE]\n"
    "\n"
    "INSTANT, FROM, TO: RFC 3339 (2026-03-06T10:00:00Z). DURATION: ISO 8601 business\n"
    "time (PT4H, P2DT3H, -PT30M goes back). N: business days (-3 goes back): the\n"
    "same wall time on the N-th business day, or the next opening when closed\n"
    "then. days counts the business days after FROM's date up to TO's. holidays\n"
    "lists the days and stretches the calendar's own rules close (its closed dates,\n"
    "holiday rules and iCalendar feeds) with their names and sources, in local\n"
    "time; --inline prints instead the days as the policy's \"closed\" array, to\n"
    "paste a feed inline. chart writes an SVG of the ISO week to standard output:\n"
    "each calendar's open hours, closures by name and DST days at their real\n"
    "length, in --tz or each calendar's own zone; with several calendars, a band\n"
    "of their union marks the hours nobody covers. Instants print in UTC and in\n"
    "the calendar's zone. A\n"
    "policy file is '-' for standard input.\n"
    "\n"
    "options:\n"
    "  --policy FILE        the policy document\n"
    "  --calendar NAME      a calendar of that policy\n"
    "  --format table|json  output format (default table)\n"
    "  --tzdir DIR          zone directory (default $TZDIR or /usr/share/zoneinfo)\n"
    "  --inline             (holidays) the closed days as the policy's JSON\n"
    "  --explain            (add, between) the closures the answer crossed, by name\n"
    "  --week YYYY-Www      (chart) the ISO week to draw, 2026-W11\n"
    "  --tz ZONE            (chart) draw every band in this zone\n"
    "\n"
    "examples:\n"
    "  slate calendar add 2026-03-06T10:00:00Z PT4H --policy examples/policies/follow-the-sun.json "
    "--calendar pune-l2\n"
    "  slate calendar between 2026-03-02T00:00:00Z 2026-03-09T00:00:00Z \\\n"
    "    --policy examples/policies/follow-the-sun.json --calendar follow-the-sun\n"
    "  slate calendar add-days 2026-03-06T15:00:00Z 3 --policy examples/policies/us-office.json "
    "--calendar ny-office\n"
    "  slate calendar intervals 2026-03-06T00:00:00Z 2026-03-08T00:00:00Z \\\n"
    "    --policy examples/policies/follow-the-sun.json --calendar pune-l2\n"
    "  slate calendar holidays 2026-01-01T00:00:00+05:30 2027-01-01T00:00:00+05:30 \\\n"
    "    --policy examples/policies/india-support-ics.json --calendar pune-support\n";

typedef struct calendar_context {
    const cli_args *args;
    const slate_calendar *calendar;
    const slate_policy *policy;
} calendar_context;

static int need(int n, int want, const char *action) {
    if (n == want) return 1;
    fprintf(stderr, "slate calendar %s: expected %d argument%s (see slate calendar --help)\n",
            action, want, want == 1 ? "" : "s");
    return 0;
}

static int report_status(slate_status st, const char *what) {
    if (st == SLATE_ENEVER && strncmp(what, "prev-", 5) == 0)
        fprintf(stderr,
                "slate: %s: no such instant since 1800 (the calendar never opened before, or has "
                "been open since)\n",
                what);
    else if (st == SLATE_ENEVER)
        fprintf(stderr, "slate: %s: the calendar never opens (or never closes) again before 2401\n",
                what);
    else
        fprintf(stderr, "slate: %s: %s\n", what, slate_status_string(st));
    return EXIT_INPUT;
}

/* Prints one labelled instant. */
static void print_result(const calendar_context *ctx, const char *label, slate_time t) {
    const slate_zone *zone = slate_calendar_zone(ctx->calendar);
    if (ctx->args->format == FORMAT_JSON) {
        printf("{\"calendar\": ");
        cli_json_string(stdout, slate_calendar_name(ctx->calendar));
        printf(", \"%s\": {", label);
        cli_print_instant(stdout, zone, t, FORMAT_JSON);
        puts("}}");
        return;
    }
    cli_print_instant(stdout, zone, t, FORMAT_TABLE);
    putchar('\n');
}

static void explain_closures(const calendar_context *ctx, slate_time a, slate_time b);

static int run_add(const calendar_context *ctx, int n, const char **pos) {
    slate_time t, due;
    slate_duration d;
    slate_error err;
    if (!need(n, 2, "add")) return EXIT_USAGE;
    if (!cli_parse_instant("instant", pos[0], &t)) return EXIT_INPUT;
    if (slate_duration_parse(pos[1], &d, &err) != SLATE_OK) {
        cli_print_error("duration", &err);
        return EXIT_INPUT;
    }
    slate_status st = slate_calendar_add(ctx->calendar, t, d, &due);
    if (st != SLATE_OK) return report_status(st, "add");
    print_result(ctx, "due", due);
    if (ctx->args->explain) explain_closures(ctx, t < due ? t : due, t < due ? due : t);
    return EXIT_OK;
}

/* The queries from one instant to another: next-open, next-close and their mirrors. */
typedef struct instant_query {
    const char *verb, *field;
    slate_status (*fn)(const slate_calendar *, slate_time, slate_time *);
} instant_query;

static const instant_query instant_queries[] = {
    {"next-open", "next_open", slate_calendar_next_open},
    {"next-close", "next_close", slate_calendar_next_close},
    {"prev-open", "prev_open", slate_calendar_prev_open},
    {"prev-close", "prev_close", slate_calendar_prev_close},
};

static int run_instant(const calendar_context *ctx, int n, const char **pos,
                       const instant_query *q) {
    slate_time t, found;
    if (!need(n, 1, q->verb)) return EXIT_USAGE;
    if (!cli_parse_instant("instant", pos[0], &t)) return EXIT_INPUT;
    slate_status st = q->fn(ctx->calendar, t, &found);
    if (st != SLATE_OK) return report_status(st, q->verb);
    print_result(ctx, q->field, found);
    return EXIT_OK;
}

static int run_between(const calendar_context *ctx, int n, const char **pos) {
    slate_time a, b;
    slate_duration d;
    char text[SLATE_DURATION_TEXT_MAX];
    if (!need(n, 2, "between")) return EXIT_USAGE;
    if (!cli_parse_instant("instant", pos[0], &a) || !cli_parse_instant("instant", pos[1], &b))
        return EXIT_INPUT;
    slate_status st = slate_calendar_between(ctx->calendar, a, b, &d);
    if (st != SLATE_OK) return report_status(st, "between");
    slate_duration_format(d, text, sizeof text);
    if (ctx->args->format == FORMAT_JSON) {
        printf("{\"calendar\": ");
        cli_json_string(stdout, slate_calendar_name(ctx->calendar));
        printf(", \"business_seconds\": %lld, \"duration\": \"%s\"}\n", (long long)d, text);
    } else {
        printf("%s (%lld seconds)\n", text, (long long)d);
        if (ctx->args->explain) explain_closures(ctx, a < b ? a : b, a < b ? b : a);
    }
    return EXIT_OK;
}

static int run_add_days(const calendar_context *ctx, int n, const char **pos) {
    slate_time t, found;
    char *end;
    if (!need(n, 2, "add-days")) return EXIT_USAGE;
    if (!cli_parse_instant("instant", pos[0], &t)) return EXIT_INPUT;
    long days = strtol(pos[1], &end, 10);
    if (*pos[1] == '\0' || *end != '\0' || days < -1000000 || days > 1000000) {
        fprintf(stderr,
                "slate calendar add-days: \"%s\" is not a number of days (-1000000 to "
                "1000000)\n",
                pos[1]);
        return EXIT_INPUT;
    }
    slate_status st = slate_calendar_add_business_days(ctx->calendar, t, (int32_t)days, &found);
    if (st != SLATE_OK) return report_status(st, "add-days");
    print_result(ctx, "due", found);
    return EXIT_OK;
}

static int run_days(const calendar_context *ctx, int n, const char **pos) {
    slate_time a, b;
    int32_t days;
    if (!need(n, 2, "days")) return EXIT_USAGE;
    if (!cli_parse_instant("instant", pos[0], &a) || !cli_parse_instant("instant", pos[1], &b))
        return EXIT_INPUT;
    slate_status st = slate_calendar_business_days(ctx->calendar, a, b, &days);
    if (st != SLATE_OK) return report_status(st, "days");
    if (ctx->args->format == FORMAT_JSON) {
        printf("{\"calendar\": ");
        cli_json_string(stdout, slate_calendar_name(ctx->calendar));
        printf(", \"business_days\": %d}\n", (int)days);
    } else {
        printf("%d business day%s\n", (int)days, days == 1 || days == -1 ? "" : "s");
    }
    return EXIT_OK;
}

static const char *source_name(slate_interval_source s) {
    static const char *names[] = {"weekly", "spill", "override", "24x7", "composed"};
    return (unsigned)s < 5 ? names[s] : "?";
}

static int run_intervals(const calendar_context *ctx, int n, const char **pos) {
    slate_time a, b;
    slate_interval_iter it;
    slate_interval iv;
    const slate_zone *zone = slate_calendar_zone(ctx->calendar);
    if (!need(n, 2, "intervals")) return EXIT_USAGE;
    if (!cli_parse_instant("instant", pos[0], &a) || !cli_parse_instant("instant", pos[1], &b))
        return EXIT_INPUT;
    slate_status st = slate_calendar_intervals(ctx->calendar, a, b, &it);
    if (st != SLATE_OK) return report_status(st, "intervals");
    int rows = 0, json = ctx->args->format == FORMAT_JSON;
    while (slate_calendar_intervals_next(&it, &iv)) {
        if (json) {
            fputs(rows ? ",\n {\"start\": {" : "[{\"start\": {", stdout);
            cli_print_instant(stdout, zone, iv.start, FORMAT_JSON);
            fputs("}, \"end\": {", stdout);
            cli_print_instant(stdout, zone, iv.end, FORMAT_JSON);
            printf("}, \"date\": \"%04d-%02d-%02d\", \"source\": \"%s\", \"rule\": ", (int)iv.year,
                   iv.month, iv.day, source_name(iv.source));
            cli_json_string(stdout, iv.rule);
            putchar('}');
        } else {
            char s[SLATE_TIME_TEXT_MAX], e[SLATE_TIME_TEXT_MAX];
            cli_time_text(iv.start, 0, s);
            cli_time_text(iv.end, 0, e);
            printf("%s  %s  %04d-%02d-%02d  %-8s  %s\n", s, e, (int)iv.year, iv.month, iv.day,
                   source_name(iv.source), iv.rule);
        }
        rows++;
    }
    if (json) puts(rows ? "]" : "[]");
    return EXIT_OK;
}

/* One closure as a table row (after prefix), a JSON object, or an item of "closed". */
static void print_closure(const calendar_context *ctx, const slate_closure *h, int first,
                          const char *prefix) {
    const slate_zone *zone = slate_calendar_zone(ctx->calendar);
    char date[16];
    snprintf(date, sizeof date, "%04d-%02d-%02d", (int)h->year, h->month, h->day);
    if (ctx->args->inline_closed) {
        printf(first ? "[{\"date\": \"%s\"" : ",\n {\"date\": \"%s\"", date);
        if (h->name != NULL) {
            fputs(", \"name\": ", stdout);
            cli_json_string(stdout, h->name);
        }
        putchar('}');
    } else if (ctx->args->format == FORMAT_JSON) {
        printf(first ? "[{\"date\": \"%s\", \"whole_day\": %s, \"start\": {"
                     : ",\n {\"date\": \"%s\", \"whole_day\": %s, \"start\": {",
               date, h->whole_day ? "true" : "false");
        cli_print_instant(stdout, zone, h->start, FORMAT_JSON);
        fputs("}, \"end\": {", stdout);
        cli_print_instant(stdout, zone, h->end, FORMAT_JSON);
        fputs("}, \"name\": ", stdout);
        if (h->name != NULL)
            cli_json_string(stdout, h->name);
        else
            fputs("null", stdout);
        fputs(", \"source\": ", stdout);
        cli_json_string(stdout, h->source);
        putchar('}');
    } else {
        char s[SLATE_TIME_TEXT_MAX], e[SLATE_TIME_TEXT_MAX];
        slate_zone_info si = {0, 0, ""}, ei = {0, 0, ""};
        if (zone != NULL)
            slate_zone_lookup(zone, h->start, &si), slate_zone_lookup(zone, h->end, &ei);
        cli_time_text(h->start, si.utc_offset, s);
        cli_time_text(h->end, ei.utc_offset, e);
        char span[48] = "closed all day";
        if (!h->whole_day && strncmp(s, e, 10) == 0) /* "closed 14:00-16:00 +01:00" */
            snprintf(span, sizeof span, "closed %.5s-%.5s %.6s", s + 11, e + 11, s + 19);
        else if (!h->whole_day)
            snprintf(span, sizeof span, "closed %.5s to %.10s %.5s", s + 11, e, e + 11);
        printf("%s%s  %-28s %-32s %s\n", prefix, date, span, h->name ? h->name : "-", h->source);
    }
}

static int run_holidays(const calendar_context *ctx, int n, const char **pos) {
    slate_time a, b;
    slate_closure_iter it;
    slate_closure h;
    const char *from = n == 2 ? pos[0] : ctx->args->from, *to = n == 2 ? pos[1] : ctx->args->to;
    if (n == 0 && (from == NULL || to == NULL)) n = -1; /* FROM TO, or --from and --to */
    if (n != 0 && !need(n, 2, "holidays")) return EXIT_USAGE;
    if (!cli_parse_instant(n ? "instant" : "--from", from, &a) ||
        !cli_parse_instant(n ? "instant" : "--to", to, &b))
        return EXIT_INPUT;
    slate_status st = slate_calendar_closures(ctx->calendar, a, b, &it);
    if (st != SLATE_OK) return report_status(st, "holidays");
    int rows = 0, listing = ctx->args->inline_closed || ctx->args->format == FORMAT_JSON;
    while (slate_calendar_closures_next(&it, &h)) {
        if (ctx->args->inline_closed && !h.whole_day) {
            if (rows) puts("]");
            fprintf(stderr,
                    "slate calendar holidays: %s (%04d-%02d-%02d) closes part of a day, which the "
                    "policy's closed list cannot say: keep the feed\n",
                    h.name ? h.name : h.source, (int)h.year, h.month, h.day);
            return EXIT_INPUT;
        }
        print_closure(ctx, &h, rows == 0, "");
        rows++;
    }
    if (listing) puts(rows ? "]" : "[]");
    return EXIT_OK;
}

/* --explain for add and between (table output): the closures of the
 * calendar's own rules in the span the answer crossed, which is why the
 * answer is later (or the time shorter) than the weekly hours alone say. */
static void explain_closures(const calendar_context *ctx, slate_time a, slate_time b) {
    slate_closure_iter it;
    slate_closure h;
    if (ctx->args->format == FORMAT_JSON ||
        slate_calendar_closures(ctx->calendar, a, b, &it) != SLATE_OK)
        return;
    while (slate_calendar_closures_next(&it, &h))
        print_closure(ctx, &h, 0, "  skipped ");
}

static int run_list(const calendar_context *ctx) {
    size_t n = slate_policy_calendar_count(ctx->policy);
    for (size_t i = 0; i < n; i++) {
        const slate_calendar *c = slate_policy_calendar_at(ctx->policy, i);
        const slate_zone *z = slate_calendar_zone(c);
        printf("%-24s %-22s %zu bytes\n", slate_calendar_name(c),
               z ? slate_zone_name(z) : "(no zone)", slate_calendar_memory(c));
    }
    return EXIT_OK;
}

/* chart: the named calendars (positionals, or --calendar) over one week. */
static int run_chart(const calendar_context *ctx, slate_tzdb *db, int n, const char **pos) {
    const slate_calendar *cals[32];
    const slate_zone *zone;
    int64_t monday;
    size_t count = 0;
    if (ctx->args->week == NULL || !chart_parse_week(ctx->args->week, &monday)) {
        fprintf(stderr, "slate calendar chart: --week is an ISO week, YYYY-Www (2026-W11)%s%s%s\n",
                ctx->args->week ? ", not \"" : "", ctx->args->week ? ctx->args->week : "",
                ctx->args->week ? "\"" : "");
        return ctx->args->week ? EXIT_INPUT : EXIT_USAGE;
    }
    if (ctx->calendar != NULL) cals[count++] = ctx->calendar;
    for (int i = 0; i < n; i++) {
        if (count == sizeof cals / sizeof cals[0]) {
            fputs("slate calendar chart: at most 32 calendars\n", stderr);
            return EXIT_USAGE;
        }
        if ((cals[count++] = slate_policy_calendar(ctx->policy, pos[i])) == NULL) {
            fprintf(stderr, "slate: no calendar \"%s\" in %s\n", pos[i], ctx->args->policy);
            return EXIT_INPUT;
        }
    }
    if (count == 0) {
        fputs("slate calendar chart: name one or more calendars\n", stderr);
        return EXIT_USAGE;
    }
    if (!cli_display_zone(ctx->args, db, &zone)) return EXIT_INPUT;
    char title[160];
    const char *base = strrchr(ctx->args->policy, '/');
    snprintf(title, sizeof title, "%s, week %s", base != NULL ? base + 1 : ctx->args->policy,
             ctx->args->week);
    slate_status st = chart_week_svg(stdout, cals, count, zone, monday, title);
    return st == SLATE_OK ? EXIT_OK : report_status(st, "chart");
}

int cmd_calendar(int argc, char **argv) {
    cli_args args;
    if (!cli_parse(argc, argv, &args) || !cli_no_csv(&args)) return EXIT_USAGE;
    if (args.help || args.positional_count == 0) {
        fputs(calendar_usage, args.help ? stdout : stderr);
        return args.help ? EXIT_OK : EXIT_USAGE;
    }
    const char *action = args.positional[0];
    static const char *actions[] = {"add",      "between", "intervals", "list",
                                    "add-days", "days",    "holidays",  "chart"};
    int which = -1, instant = -1;
    for (int i = 0; i < 8; i++)
        if (strcmp(action, actions[i]) == 0) which = i;
    for (int i = 0; i < 4; i++)
        if (strcmp(action, instant_queries[i].verb) == 0) instant = i;
    if (which < 0 && instant < 0) {
        fprintf(stderr, "slate calendar: unknown action \"%s\"\n\n%s", action, calendar_usage);
        return EXIT_USAGE;
    }
    int listing = which == 3 || which == 7; /* chart names its calendars itself */
    if (args.policy == NULL || (!listing && args.calendar == NULL)) {
        fprintf(stderr, "slate calendar %s: --policy%s is required\n", action,
                !listing ? " and --calendar" : "");
        return EXIT_USAGE;
    }
    slate_tzdb *db;
    slate_policy *policy = NULL;
    if (!cli_open_tzdb(&args, &db)) return EXIT_INPUT;
    int status = EXIT_INPUT;
    if (cli_load_policy(&args, db, &policy)) {
        calendar_context ctx = {&args, NULL, policy};
        if (args.calendar != NULL &&
            (ctx.calendar = slate_policy_calendar(policy, args.calendar)) == NULL) {
            fprintf(stderr, "slate: no calendar \"%s\" in %s\n", args.calendar, args.policy);
        } else {
            int n = args.positional_count - 1;
            const char **pos = args.positional + 1;
            switch (which) {
            case 0: status = run_add(&ctx, n, pos); break;
            case 1: status = run_between(&ctx, n, pos); break;
            case 2: status = run_intervals(&ctx, n, pos); break;
            case 3: status = run_list(&ctx); break;
            case 4: status = run_add_days(&ctx, n, pos); break;
            case 5: status = run_days(&ctx, n, pos); break;
            case 6: status = run_holidays(&ctx, n, pos); break;
            case 7: status = run_chart(&ctx, db, n, pos); break;
            default: status = run_instant(&ctx, n, pos, &instant_queries[instant]); break;
            }
        }
    }
    slate_policy_free(policy);
    slate_tzdb_free(db);
    return status;
}
