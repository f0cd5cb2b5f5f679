/* The slate command: subcommand dispatch and top-level help. */
#include <string.h>

#include "cli.h"

static const char usage[] =
    "usage: slate <command> [arguments] [options]\n"
    "\n"
    "Service-level agreement arithmetic: time zones, business-hours calendars,\n"
    "SLA clocks and escalations.\n"
    "\n"
    "commands:\n"
    "  calendar  business-hours arithmetic on a policy's calendars\n"
    "  check     validate a policy and summarise what it defines\n"
    "  classify  priorities for tickets (JSON Lines) by a policy's rules\n"
    "  evaluate  SLA targets and escalations of ticket histories (JSON Lines)\n"
    "  oncall    who is on call in a policy's schedules, their timeline and handoffs\n"
    "  report    a contract's compliance and service credits over a period\n"
    "  tz        convert instants and local times in IANA time zones\n"
    "  version   print the library version\n"
    "\n"
    "Run 'slate <command> --help' for a command's arguments and examples.\n"
    "Exit codes: 0 ok, 1 findings, 2 usage error, 3 input error.\n";

static int run(int argc, char **argv) {
    if (argc < 2 || strcmp(argv[1], "-h") == 0 || strcmp(argv[1], "--help") == 0) {
        fputs(usage, argc < 2 ? stderr : stdout);
        return argc < 2 ? EXIT_USAGE : EXIT_OK;
    }
    const char *command = argv[1];
    if (strcmp(command, "tz") == 0) return cmd_tz(argc - 2, argv + 2);
    if (strcmp(command, "check") == 0) return cmd_check(argc - 2, argv + 2);
    if (strcmp(command, "calendar") == 0) return cmd_calendar(argc - 2, argv + 2);
    if (strcmp(command, "oncall") == 0) return cmd_oncall(argc - 2, argv + 2);
    if (strcmp(command, "classify") == 0) return cmd_classify(argc - 2, argv + 2);
    if (strcmp(command, "evaluate") == 0) return cmd_evaluate(argc - 2, argv + 2);
    if (strcmp(command, "report") == 0) return cmd_report(argc - 2, argv + 2);
    if (strcmp(command, "version") == 0 || strcmp(command, "--version") == 0) {
        printf("slate %s\n", slate_version());
        return EXIT_OK;
    }
    fprintf(stderr, "slate: unknown command \"%s\"\n\n%s", command, usage);
    return EXIT_USAGE;
}

int main(int argc, char **argv) {
    cli_watch_pipe();
    return cli_finish_output(run(argc, argv));
}
