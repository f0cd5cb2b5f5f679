#!/usr/bin/env bash
# Runs the slate command's examples, and issue 16's reproductions from the
# adversarial catalogue, under valgrind memcheck: any error or leak fails. PCRE2 JIT's harmless reads past a subject are suppressed
# (tests/valgrind/pcre2-jit.supp).
#   tools/valgrind.sh [BUILD_DIR]      (default: build)
set -euo pipefail
cd "$(dirname "$0")/.."
slate=${1:-build}/slate
P=examples/policies
status=0
run() {
    if valgrind -q --leak-check=full --errors-for-leak-kinds=all --error-exitcode=99 \
            --suppressions=tests/valgrind/pcre2-jit.supp "$slate" "$@" >/dev/null 2>/tmp/slate-valgrind.log ||
       [ $? -ne 99 ]; then
        echo "valgrind clean: slate $*"
    else
        echo "valgrind FAILED: slate $*"
        cat /tmp/slate-valgrind.log
        status=1
    fi
}
run tz convert 2026-03-08T07:30:00Z America/Chicago Asia/Kolkata Asia/Manila
run tz resolve 2026-03-08T02:30 America/New_York --disambiguation reject
run calendar add 2026-03-06T10:00:00Z PT4H --policy $P/follow-the-sun.json --calendar pune-l2
run calendar intervals 2026-03-06T00:00:00Z 2026-03-09T00:00:00Z --policy $P/follow-the-sun.json --calendar follow-the-sun
run calendar list --policy $P/india-support.json
run classify --policy $P/itsm-desk.json examples/tickets.jsonl --explain
run evaluate --policy $P/itsm-desk.json examples/tickets/itsm-sample.jsonl --explain --at 2026-03-09T04:00:00Z
run evaluate --policy $P/itsm-desk.json examples/tickets/itsm-sample.jsonl --explain --at 2026-03-09T12:00:00Z
run report --policy $P/amc-vendor.json --from 2026-02-15T00:00:00+05:30 --to 2026-04-01T00:00:00+05:30 examples/tickets/amc-sample.jsonl --format json
run calendar add 2026-03-06T10:00:00Z P1M --policy $P/follow-the-sun.json --calendar pune-l2
run classify --policy $P/follow-the-sun.json examples/tickets.jsonl
run calendar chart manila-l1 pune-l2 krakow-l3 --week 2026-W13 --policy $P/follow-the-sun.json
run evaluate --policy $P/itsm-desk.json examples/tickets/itsm-sample.jsonl --at 2026-03-09T12:00:00Z --timeline INC-2004
run report --policy $P/amc-vendor.json --month 2026-03 examples/tickets/amc-sample.jsonl --format html
# Every numbered reproduction but the 512 MiB calendar budget (minutes under valgrind).
if python3 tests/adversarial/catalogue.py "$slate" --match '(^|: )[0-9]+ ' --skip '16 300 heavy' \
        --wrap "valgrind -q --leak-check=full --errors-for-leak-kinds=all --error-exitcode=99 \
                --suppressions=tests/valgrind/pcre2-jit.supp" >/tmp/slate-valgrind-catalogue.log 2>&1; then
    echo "valgrind clean: $(tail -n 1 /tmp/slate-valgrind-catalogue.log)"
else
    echo "valgrind FAILED: the adversarial catalogue"
    grep -v '^ok ' /tmp/slate-valgrind-catalogue.log
    status=1
fi
exit $status
