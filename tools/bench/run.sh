#!/usr/bin/env bash
# Builds slate in Release mode, runs its benchmarks and the peers' on the
# same work, and rewrites docs/benchmarks.md (tools/bench/compare.py).
#   tools/bench/run.sh [--install-peers] [--tickets N]
# --install-peers first installs the peers: cctz, ICU, Howard Hinnant's date
# and Business::Hours from Debian (apt-get, as root), and
# moment-business-time and luxon-business-days from npm into
# tools/bench/peers/node_modules.
set -euo pipefail
cd "$(dirname "$0")/../.."
if [ "${1:-}" = "--install-peers" ]; then
    shift
    apt-get install -y g++ libcctz-dev libicu-dev libhowardhinnant-date-dev libbusiness-hours-perl
    # Debian's npm conflicts with a nodejs that brings its own (NodeSource's).
    command -v npm >/dev/null || apt-get install -y nodejs npm
    npm install --prefix tools/bench/peers --no-audit --no-fund
fi
cmake -S . -B build-bench -DCMAKE_BUILD_TYPE=Release -DSLATE_BUILD_TESTS=OFF >/dev/null
cmake --build build-bench -j "$(nproc)" --target bench_calendar bench_classify bench_replay bench_tz bench_peak bench_tenants slate_cli >/dev/null
exec python3 tools/bench/compare.py "$@"
