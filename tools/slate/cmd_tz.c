/* slate tz: convert, resolve, transitions. */
#include <string.h>

#include "cli.h"

static const char tz_usage[] =
    "usage: slate tz convert INSTANT ZONE...      local time of an instant in each zone\n"
    "       slate tz resolve LOCAL ZONE           instant at which ZONE shows LOCAL\n"
    "       slate tz transitions ZONE FROM TO     every change of offset in [FROM, TO)\n"
    "\n"
    "INSTANT, FROM, TO: RFC 3339 with an offset (2026-03-08T07:30:00Z).\n"
    "LOCAL: a wall time with no offset (2026-03-08T02:30 or 2026-03-08T02:30:00).\n"
    "\n"
    "options:\n"
    "  --disambiguation compatible|earlier|later|reject\n"
    "                     for resolve, when LOCAL is skipped or repeated by a\n"
    "                     DST change (default compatible: gap shifts forward,\n"
    "                     overlap takes the earlier instant)\n"
    "  --format table|json  output format (default table)\n"
    "  --tzdir DIR        zone directory (default $TZDIR or /usr/share/zoneinfo)\n"
    "\n"
    "examples:\n"
    "  slate tz convert 2026-03-08T07:30:00Z America/Chicago Asia/Kolkata Asia/Manila\n"
    "  slate tz resolve 2026-03-08T02:30 America/New_York --disambiguation later\n"
    "  slate tz transitions Europe/Dublin 2026-01-01T00:00:00Z 2027-01-01T00:00:00Z\n";

typedef struct tz_context {
    const cli_args *args;
    slate_tzdb *db;
    int rows; /* JSON rows written so far */
} tz_context;

static int find_zone(tz_context *ctx, const char *name, const slate_zone **z) {
    slate_error err;
    if (slate_tzdb_zone(ctx->db, name, z, &err) == SLATE_OK) return 1;
    cli_print_error("zone", &err);
    return 0;
}

/* One row: the zone, the instant in UTC, the local time with offset, abbr, DST. */
static void print_row(tz_context *ctx, const slate_zone *z, slate_time t) {
    slate_zone_info info;
    char utc[SLATE_TIME_TEXT_MAX], local[SLATE_TIME_TEXT_MAX];
    slate_zone_lookup(z, t, &info);
    cli_time_text(t, 0, utc);
    cli_time_text(t, info.utc_offset, local);
    if (ctx->args->format == FORMAT_JSON) {
        fputs(ctx->rows++ ? ",\n " : "[", stdout);
        fputs("{\"zone\": ", stdout);
        cli_json_string(stdout, slate_zone_name(z));
        printf(", \"utc\": \"%s\", \"local\": \"%s\", \"utc_offset\": %d, \"abbr\": ", utc, local,
               (int)info.utc_offset);
        cli_json_string(stdout, info.abbr);
        printf(", \"is_dst\": %s}", info.is_dst ? "true" : "false");
        return;
    }
    printf("%-24s %s  %s%s\n", slate_zone_name(z), local, info.abbr, info.is_dst ? " (DST)" : "");
}

static void finish_rows(tz_context *ctx) {
    if (ctx->args->format == FORMAT_JSON) puts(ctx->rows ? "]" : "[]");
}

static int tz_convert(tz_context *ctx, int n, const char **pos) {
    slate_time t;
    if (n < 2) {
        fputs("slate tz convert: needs INSTANT and at least one ZONE\n", stderr);
        return EXIT_USAGE;
    }
    if (!cli_parse_instant("instant", pos[0], &t)) return EXIT_INPUT;
    for (int i = 1; i < n; i++) {
        const slate_zone *z;
        if (!find_zone(ctx, pos[i], &z)) return EXIT_INPUT;
        print_row(ctx, z, t);
    }
    finish_rows(ctx);
    return EXIT_OK;
}

static int parse_disambiguation(const char *name, slate_disambiguation *how) {
    static const char *names[] = {"compatible", "earlier", "later", "reject"};
    for (int i = 0; i < 4; i++)
        if (strcmp(name, names[i]) == 0) {
            *how = (slate_disambiguation)i;
            return 1;
        }
    fprintf(stderr,
            "slate: --disambiguation takes compatible, earlier, later or reject, not \"%s\"\n",
            name);
    return 0;
}

static int tz_resolve(tz_context *ctx, int n, const char **pos) {
    slate_civil c;
    slate_error err;
    slate_disambiguation how;
    const slate_zone *z;
    slate_time t;
    if (n != 2) {
        fputs("slate tz resolve: needs LOCAL and ZONE\n", stderr);
        return EXIT_USAGE;
    }
    if (!parse_disambiguation(ctx->args->disambiguation, &how)) return EXIT_USAGE;
    if (slate_civil_parse(pos[0], &c, &err) != SLATE_OK) {
        cli_print_error("local time", &err);
        return EXIT_INPUT;
    }
    if (!find_zone(ctx, pos[1], &z)) return EXIT_INPUT;
    if (slate_zone_from_civil(z, &c, how, &t, &err) != SLATE_OK) {
        cli_print_error("resolve", &err);
        return EXIT_INPUT;
    }
    print_row(ctx, z, t);
    finish_rows(ctx);
    return EXIT_OK;
}

static int tz_transitions(tz_context *ctx, int n, const char **pos) {
    const slate_zone *z;
    slate_time from, to, t;
    if (n != 3) {
        fputs("slate tz transitions: needs ZONE, FROM and TO\n", stderr);
        return EXIT_USAGE;
    }
    if (!find_zone(ctx, pos[0], &z) || !cli_parse_instant("instant", pos[1], &from) ||
        !cli_parse_instant("instant", pos[2], &to))
        return EXIT_INPUT;
    slate_time cursor = from > SLATE_TIME_MIN ? from - 1 : SLATE_TIME_MIN;
    while (slate_zone_next_transition(z, cursor, &t) == SLATE_OK && t < to) {
        print_row(ctx, z, t);
        cursor = t;
    }
    finish_rows(ctx);
    return EXIT_OK;
}

int cmd_tz(int argc, char **argv) {
    cli_args args;
    if (!cli_parse(argc, argv, &args) || !cli_no_csv(&args)) return EXIT_USAGE;
    if (args.help || args.positional_count == 0) {
        fputs(tz_usage, args.help ? stdout : stderr);
        return args.help ? EXIT_OK : EXIT_USAGE;
    }
    tz_context ctx = {&args, NULL, 0};
    const char *action = args.positional[0];
    int (*run)(tz_context *, int, const char **) = strcmp(action, "convert") == 0   ? tz_convert
                                                   : strcmp(action, "resolve") == 0 ? tz_resolve
                                                   : strcmp(action, "transitions") == 0
                                                       ? tz_transitions
                                                       : NULL;
    if (run == NULL) {
        fprintf(stderr, "slate tz: unknown action \"%s\"\n\n%s", action, tz_usage);
        return EXIT_USAGE;
    }
    if (!cli_open_tzdb(&args, &ctx.db)) return EXIT_INPUT;
    int status = run(&ctx, args.positional_count - 1, args.positional + 1);
    slate_tzdb_free(ctx.db);
    return status;
}
