/* slate oncall: who is on call, the timeline of a range, the next handoff. */
#include <string.h>

#include "cli.h"

static const char oncall_usage[] =
    "usage: slate oncall who      SCHEDULE INSTANT  --policy FILE\n"
    "       slate oncall timeline SCHEDULE FROM TO  --policy FILE\n"
    "       slate oncall next     SCHEDULE INSTANT  --policy FILE\n"
    "\n"
    "who prints who is on call at the instant, and the layer or override that\n"
    "decided; timeline prints each stretch of [FROM, TO) with its person (\"-\"\n"
    "for nobody); next prints the first instant after INSTANT at which the person\n"
    "on call changes. At a handoff instant the incoming person is on call.\n"
    "Instants print in UTC and in the schedule's zone.\n"
    "\n"
    "options:\n"
    "  --policy FILE        the policy document (its \"oncall\" section)\n"
    "  --format table|json  output format (default table)\n"
    "  --tzdir DIR          zone directory (default $TZDIR or /usr/share/zoneinfo)\n"
    "\n"
    "examples:\n"
    "  slate oncall who l3-krakow 2026-03-29T08:00:00Z --policy "
    "examples/policies/follow-the-sun.json\n"
    "  slate oncall timeline l3-krakow 2026-03-23T00:00:00Z 2026-04-06T00:00:00Z \\\n"
    "    --policy examples/policies/follow-the-sun.json\n"
    "  slate oncall next l3-krakow 2026-03-23T12:00:00Z --policy "
    "examples/policies/follow-the-sun.json\n";

typedef struct oncall_context {
    const cli_args *args;
    const slate_schedule *schedule;
    const slate_zone *zone;
} oncall_context;

static void print_who(const oncall_context *ctx, const slate_oncall *o, slate_time from,
                      slate_time to, int first) {
    if (ctx->args->format == FORMAT_JSON) {
        fputs(first ? "[{\"from\": {" : ",\n {\"from\": {", stdout);
        cli_print_instant(stdout, ctx->zone, from, FORMAT_JSON);
        fputs("}, \"to\": {", stdout);
        cli_print_instant(stdout, ctx->zone, to, FORMAT_JSON);
        fputs("}, \"member\": ", stdout);
        if (o->member != NULL)
            cli_json_string(stdout, o->member);
        else
            fputs("null", stdout);
        fputs(", \"layer\": ", stdout);
        if (o->layer != NULL)
            cli_json_string(stdout, o->layer);
        else
            fputs("null", stdout);
        fputs(", \"rule\": ", stdout);
        cli_json_string(stdout, o->rule);
        putchar('}');
        return;
    }
    char a[SLATE_TIME_TEXT_MAX], b[SLATE_TIME_TEXT_MAX];
    slate_zone_info ai = {0, 0, ""}, bi = {0, 0, ""};
    slate_zone_lookup(ctx->zone, from, &ai);
    slate_zone_lookup(ctx->zone, to, &bi);
    cli_time_text(from, ai.utc_offset, a);
    cli_time_text(to, bi.utc_offset, b);
    printf("%s  %s  %-16s %-10s %s\n", a, b, o->member ? o->member : "-", o->layer ? o->layer : "-",
           o->rule);
}

static int run_who(const oncall_context *ctx, int n, const char **pos) {
    slate_time t;
    slate_oncall o;
    if (n != 1) {
        fputs(oncall_usage, stderr);
        return EXIT_USAGE;
    }
    if (!cli_parse_instant("instant", pos[0], &t)) return EXIT_INPUT;
    slate_status st = slate_schedule_who(ctx->schedule, t, &o);
    if (st != SLATE_OK) {
        fprintf(stderr, "slate: oncall who: %s\n", slate_status_string(st));
        return EXIT_INPUT;
    }
    print_who(ctx, &o, t, o.until, 1);
    if (ctx->args->format == FORMAT_JSON) puts("]");
    return EXIT_OK;
}

static int run_timeline(const oncall_context *ctx, int n, const char **pos) {
    slate_time a, b;
    if (n != 2) {
        fputs(oncall_usage, stderr);
        return EXIT_USAGE;
    }
    if (!cli_parse_instant("instant", pos[0], &a) || !cli_parse_instant("instant", pos[1], &b))
        return EXIT_INPUT;
    int rows = 0;
    slate_oncall_iter it;
    slate_oncall_stretch r;
    slate_status st = slate_schedule_stretches(ctx->schedule, a, b, &it);
    if (st != SLATE_OK) {
        fprintf(stderr, "slate: oncall timeline: %s\n", slate_status_string(st));
        return EXIT_INPUT;
    }
    while (slate_schedule_stretches_next(&it, &r)) {
        slate_oncall o = {r.member, r.layer, r.rule, r.to};
        print_who(ctx, &o, r.from, r.to, rows++ == 0);
    }
    if (ctx->args->format == FORMAT_JSON) puts(rows ? "]" : "[]");
    return EXIT_OK;
}

static int run_next(const oncall_context *ctx, int n, const char **pos) {
    slate_time t, u;
    if (n != 1) {
        fputs(oncall_usage, stderr);
        return EXIT_USAGE;
    }
    if (!cli_parse_instant("instant", pos[0], &t)) return EXIT_INPUT;
    slate_status st = slate_schedule_next_handoff(ctx->schedule, t, &u);
    if (st == SLATE_ENEVER) {
        fputs("slate: oncall next: nobody takes over before 2401\n", stderr);
        return EXIT_INPUT;
    }
    if (st != SLATE_OK) {
        fprintf(stderr, "slate: oncall next: %s\n", slate_status_string(st));
        return EXIT_INPUT;
    }
    if (ctx->args->format == FORMAT_JSON) fputs("{\"next_handoff\": {", stdout);
    cli_print_instant(stdout, ctx->zone, u, ctx->args->format);
    puts(ctx->args->format == FORMAT_JSON ? "}}" : "");
    return EXIT_OK;
}

int cmd_oncall(int argc, char **argv) {
    cli_args args;
    if (!cli_parse(argc, argv, &args) || !cli_no_csv(&args)) return EXIT_USAGE;
    if (args.help || args.positional_count < 2) {
        fputs(oncall_usage, args.help ? stdout : stderr);
        return args.help ? EXIT_OK : EXIT_USAGE;
    }
    static const char *const actions[] = {"who", "timeline", "next"};
    int which = -1;
    for (int i = 0; i < 3; i++)
        if (strcmp(args.positional[0], actions[i]) == 0) which = i;
    if (which < 0 || args.policy == NULL) {
        fprintf(stderr, "slate oncall: %s\n\n%s",
                which < 0 ? "unknown action" : "--policy is required", oncall_usage);
        return EXIT_USAGE;
    }
    slate_tzdb *db;
    slate_policy *policy = NULL;
    if (!cli_open_tzdb(&args, &db)) return EXIT_INPUT;
    int status = EXIT_INPUT;
    if (cli_load_policy(&args, db, &policy)) {
        const char *name = args.positional[1];
        oncall_context ctx = {&args, slate_policy_schedule(policy, name), NULL};
        if (ctx.schedule == NULL) {
            fprintf(stderr, "slate: no schedule \"%s\" in %s\n", name, args.policy);
        } else {
            ctx.zone = slate_schedule_zone(ctx.schedule);
            int n = args.positional_count - 2;
            const char **pos = args.positional + 2;
            status = which == 0   ? run_who(&ctx, n, pos)
                     : which == 1 ? run_timeline(&ctx, n, pos)
                                  : run_next(&ctx, n, pos);
        }
    }
    slate_policy_free(policy);
    slate_tzdb_free(db);
    return status;
}
