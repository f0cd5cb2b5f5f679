/* slate classify: one JSON line out per ticket line in. */
#include <stdlib.h>
#include <string.h>

#include "cli.h"

static const char classify_usage[] =
    "usage: slate classify --policy FILE [TICKETS.jsonl|-] [--explain] [--format json|table]\n"
    "\n"
    "Reads one JSON object per line (a ticket's fields; nested objects become\n"
    "dotted names such as customer.tier) and prints, per ticket, its priority,\n"
    "the impact and urgency used, what decided (rule, matrix or default) and the\n"
    "rules that fired; --explain adds each rule tried and why. Tickets come from\n"
    "the file, or standard input when it is '-' or absent. A ticket that cannot\n"
    "be read is reported on stderr with its line and the run goes on; the exit\n"
    "code is then 3.\n"
    "\n"
    "examples:\n"
    "  slate classify --policy examples/policies/itsm-desk.json examples/tickets.jsonl\n"
    "  echo '{\"summary\": \"VPN down\", \"affected_users\": 80}' |\n"
    "    slate classify --policy examples/policies/itsm-desk.json --explain\n";

static void print_json(const slate_classification *r, const char *id, long line, int explain) {
    printf("{\"line\": %ld", line);
    if (id != NULL) {
        fputs(", \"id\": ", stdout);
        cli_json_string(stdout, id);
    }
    fputs(", \"priority\": ", stdout);
    cli_json_string(stdout, r->priority_name);
    const char *names[2] = {r->impact_name, r->urgency_name}, *keys[2] = {"impact", "urgency"};
    for (int i = 0; i < 2; i++) {
        printf(", \"%s\": ", keys[i]);
        if (names[i] != NULL)
            cli_json_string(stdout, names[i]);
        else
            fputs("null", stdout);
    }
    printf(", \"decided_by\": \"%s\", \"rules\": [", r->decided_by);
    for (size_t i = 0; i < r->fired_count; i++) {
        if (i) fputs(", ", stdout);
        cli_json_string(stdout, r->fired[i]);
    }
    putchar(']');
    if (explain) {
        fputs(", \"trail\": [", stdout);
        for (size_t i = 0; i < r->trail_count; i++) {
            fputs(i ? ", {\"rule\": " : "{\"rule\": ", stdout);
            cli_json_string(stdout, r->trail[i].rule);
            printf(", \"matched\": %s, \"reason\": ", r->trail[i].matched ? "true" : "false");
            cli_json_string(stdout, r->trail[i].reason);
            putchar('}');
        }
        putchar(']');
    }
    puts("}");
}

static void print_table(const slate_classification *r, const char *id, long line, int explain) {
    char label[32];
    snprintf(label, sizeof label, "line %ld", line);
    printf("%-16s %-4s %-8s", id != NULL ? id : label, r->priority_name, r->decided_by);
    for (size_t i = 0; i < r->fired_count; i++)
        printf(" %s", r->fired[i]);
    putchar('\n');
    for (size_t i = 0; explain && i < r->trail_count; i++)
        printf("    %s %s: %s\n", r->trail[i].matched ? "+" : "-", r->trail[i].rule,
               r->trail[i].reason);
}

/* Classifies one line; returns 0 when the line could not be read. */
static int classify_line(slate_classifier *c, const cli_args *args, const char *path,
                         const char *text, size_t len, long line) {
    slate_ticket *ticket;
    slate_error err;
    char where[64];
    snprintf(where, sizeof where, "ticket on line %ld", line);
    if (slate_ticket_from_json(text, len, &ticket, &err) != SLATE_OK) {
        cli_print_line_error(path, line, &err);
        return 0;
    }
    size_t n;
    const slate_field *fields = slate_ticket_fields(ticket, &n);
    const char *id = NULL;
    for (size_t i = 0; i < n && id == NULL; i++)
        if (strcmp(fields[i].name, "id") == 0) id = fields[i].value;
    slate_classification r;
    int ok = slate_classify(c, fields, n, args->explain, &r, &err) == SLATE_OK;
    if (!ok)
        cli_print_error(where, &err);
    else if (args->format == FORMAT_JSON)
        print_json(&r, id, line, args->explain);
    else
        print_table(&r, id, line, args->explain);
    slate_ticket_free(ticket);
    return ok;
}

typedef struct classify_run {
    slate_classifier *classifier;
    const cli_args *args;
    const char *path;
} classify_run;

static int classify_each(void *ctx, const char *text, size_t len, long line) {
    classify_run *r = ctx;
    if (text == NULL) return EXIT_INPUT; /* too long to read, reported */
    return classify_line(r->classifier, r->args, r->path, text, len, line) ? EXIT_OK : EXIT_INPUT;
}

int cmd_classify(int argc, char **argv) {
    cli_args args;
    if (!cli_parse(argc, argv, &args) || !cli_no_csv(&args)) return EXIT_USAGE;
    if (!args.format_set) args.format = FORMAT_JSON; /* JSON Lines unless asked otherwise */
    if (args.help) {
        fputs(classify_usage, stdout);
        return EXIT_OK;
    }
    if (args.policy == NULL || args.positional_count > 1) {
        fputs(classify_usage, stderr);
        return EXIT_USAGE;
    }
    const char *path = args.positional_count == 1 ? args.positional[0] : "-";
    slate_tzdb *db = NULL;
    slate_policy *policy = NULL;
    slate_classifier *c = NULL;
    slate_error err;
    int status = EXIT_INPUT;
    if (cli_open_tzdb(&args, &db) && cli_load_policy(&args, db, &policy)) {
        if (slate_classifier_new(policy, &c, &err) != SLATE_OK) {
            cli_print_error("classify", &err);
        } else {
            classify_run r = {c, &args, path};
            status = cli_each_line(path, classify_each, &r);
        }
    }
    slate_classifier_free(c);
    slate_policy_free(policy);
    slate_tzdb_free(db);
    return status;
}
