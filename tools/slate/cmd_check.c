/* slate check: validates a policy and summarises what it defines. */
#include <string.h>

#include "cli.h"

static const char check_usage[] =
    "usage: slate check POLICY [--format table|json] [--strict]\n"
    "\n"
    "Loads a policy document ('-' for standard input) as the other commands do,\n"
    "and prints what it defines: calendars (zone, memory held), priority\n"
    "levels, SLAs with their targets, escalation chains and contracts. An\n"
    "invalid policy is reported on stderr with its file, line, column and JSON\n"
    "Pointer, and the exit code is 3.\n"
    "\n"
    "Warnings (a policy that loads but probably does not mean what it says,\n"
    "such as deadlines or report months on UTC dates because a calendar names\n"
    "no time zone) go to stderr as 'slate: warning: ...'. With --strict they\n"
    "make the exit code 1.\n"
    "\n"
    "examples:\n"
    "  slate check examples/policies/itsm-desk.json\n"
    "  slate check examples/policies/amc-vendor.json --format json --strict\n";

/* Prints the policy's warnings on stderr; returns how many. */
static size_t warnings(const slate_policy *p) {
    size_t n = slate_policy_warning_count(p);
    for (size_t i = 0; i < n && i < SLATE_POLICY_WARNINGS_MAX; i++)
        fprintf(stderr, "slate: warning: %s\n", slate_policy_warning(p, i)->message);
    if (n > SLATE_POLICY_WARNINGS_MAX)
        fprintf(stderr, "slate: warning: and %zu more\n", n - SLATE_POLICY_WARNINGS_MAX);
    return n;
}

static void table(const slate_policy *p) {
    size_t n = slate_policy_calendar_count(p);
    printf("calendars    %zu\n", n);
    for (size_t i = 0; i < n; i++) {
        const slate_calendar *c = slate_policy_calendar_at(p, i);
        const slate_zone *z = slate_calendar_zone(c);
        printf("  %-22s %-22s %zu KiB\n", slate_calendar_name(c),
               z ? slate_zone_name(z) : "(no zone)", (slate_calendar_memory(c) + 1023) / 1024);
    }
    n = slate_policy_priority_count(p);
    printf("priorities   %zu", n);
    for (size_t i = 0; i < n; i++)
        printf("%s%s", i ? " " : "  ", slate_policy_priority_id(p, i));
    printf("\nslas         %zu\n", slate_policy_sla_count(p));
    for (size_t i = 0; i < slate_policy_sla_count(p); i++) {
        printf("  %-22s", slate_policy_sla_id(p, i));
        for (size_t j = 0; j < slate_policy_sla_target_count(p, i); j++)
            printf(" %s", slate_policy_sla_target_id(p, i, j));
        putchar('\n');
    }
    printf("escalations  %zu\n", slate_policy_escalation_count(p));
    for (size_t i = 0; i < slate_policy_escalation_count(p); i++) {
        printf("  %-22s %s/%s, %zu steps\n", slate_policy_escalation_id(p, i),
               slate_policy_escalation_sla(p, i), slate_policy_escalation_target(p, i),
               slate_policy_escalation_step_count(p, i));
    }
    printf("contracts    %zu\n", slate_policy_contract_count(p));
    for (size_t i = 0; i < slate_policy_contract_count(p); i++)
        printf("  %s\n", slate_policy_contract_id(p, i));
    if (slate_policy_schedule_count(p) == 0) return; /* a line only for policies with schedules */
    printf("oncall       %zu\n", slate_policy_schedule_count(p));
    for (size_t i = 0; i < slate_policy_schedule_count(p); i++)
        printf("  %s\n", slate_policy_schedule_id(p, i));
}

static void json_names(const char *key, size_t n, const char *(*name)(const slate_policy *, size_t),
                       const slate_policy *p) {
    printf(", \"%s\": [", key);
    for (size_t i = 0; i < n; i++) {
        if (i) fputs(", ", stdout);
        cli_json_string(stdout, name(p, i));
    }
    putchar(']');
}

static void json(const slate_policy *p) {
    fputs("{\"valid\": true, \"calendars\": [", stdout);
    for (size_t i = 0; i < slate_policy_calendar_count(p); i++) {
        const slate_calendar *c = slate_policy_calendar_at(p, i);
        const slate_zone *z = slate_calendar_zone(c);
        fputs(i ? ", {\"name\": " : "{\"name\": ", stdout);
        cli_json_string(stdout, slate_calendar_name(c));
        fputs(", \"timezone\": ", stdout);
        if (z != NULL)
            cli_json_string(stdout, slate_zone_name(z));
        else
            fputs("null", stdout);
        printf(", \"bytes\": %zu}", slate_calendar_memory(c));
    }
    putchar(']');
    json_names("priorities", slate_policy_priority_count(p), slate_policy_priority_id, p);
    fputs(", \"slas\": [", stdout);
    for (size_t i = 0; i < slate_policy_sla_count(p); i++) {
        fputs(i ? ", {\"id\": " : "{\"id\": ", stdout);
        cli_json_string(stdout, slate_policy_sla_id(p, i));
        fputs(", \"targets\": [", stdout);
        for (size_t j = 0; j < slate_policy_sla_target_count(p, i); j++) {
            if (j) fputs(", ", stdout);
            cli_json_string(stdout, slate_policy_sla_target_id(p, i, j));
        }
        fputs("]}", stdout);
    }
    fputs("], \"escalations\": [", stdout);
    for (size_t i = 0; i < slate_policy_escalation_count(p); i++) {
        fputs(i ? ", {\"id\": " : "{\"id\": ", stdout);
        cli_json_string(stdout, slate_policy_escalation_id(p, i));
        fputs(", \"sla\": ", stdout);
        cli_json_string(stdout, slate_policy_escalation_sla(p, i));
        fputs(", \"target\": ", stdout);
        cli_json_string(stdout, slate_policy_escalation_target(p, i));
        printf(", \"steps\": %zu}", slate_policy_escalation_step_count(p, i));
    }
    putchar(']');
    json_names("contracts", slate_policy_contract_count(p), slate_policy_contract_id, p);
    json_names("oncall", slate_policy_schedule_count(p), slate_policy_schedule_id, p);
    puts("}");
}

int cmd_check(int argc, char **argv) {
    cli_args args;
    if (!cli_parse(argc, argv, &args) || !cli_no_csv(&args)) return EXIT_USAGE;
    if (args.help) {
        fputs(check_usage, stdout);
        return EXIT_OK;
    }
    if (args.positional_count != 1 || args.policy != NULL) {
        fputs(check_usage, stderr);
        return EXIT_USAGE;
    }
    args.policy = args.positional[0];
    slate_tzdb *db = NULL;
    slate_policy *policy = NULL;
    int status = EXIT_INPUT;
    if (cli_open_tzdb(&args, &db) && cli_load_policy(&args, db, &policy)) {
        if (args.format == FORMAT_JSON)
            json(policy);
        else
            table(policy);
        status = warnings(policy) > 0 && args.strict ? EXIT_FINDINGS : EXIT_OK;
    }
    slate_policy_free(policy);
    slate_tzdb_free(db);
    return status;
}
