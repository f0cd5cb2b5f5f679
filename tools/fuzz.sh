#!/usr/bin/env bash
# Builds the libFuzzer targets with clang and runs each one on a scratch
# copy of its seed corpus for a while. Fails on any crash, leak, sanitizer
# report or broken invariant, leaving the crashing input in build-fuzz/.
#   tools/fuzz.sh [SECONDS_PER_TARGET]      (default 20)
set -euo pipefail
cd "$(dirname "$0")/.."
seconds=${1:-20}
cmake -S . -B build-fuzz -DCMAKE_C_COMPILER=clang -DSLATE_FUZZ=ON -DSLATE_WERROR=ON \
    -DSLATE_BUILD_TESTS=OFF -DSLATE_BUILD_DOCS=OFF -DSLATE_BUILD_TOOLS=OFF -DSLATE_BUILD_EXAMPLES=OFF >/dev/null
cmake --build build-fuzz -j "$(nproc)" >/dev/null
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
status=0
for dir in tests/fuzz/corpus/*/; do
    name=$(basename "$dir")
    cp -r "$dir" "$work/$name"
    if (cd build-fuzz && ./tests/fuzz/"fuzz_$name" -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 \
            -print_final_stats=0 "$work/$name" >"$work/$name.log" 2>&1); then
        echo "fuzz_$name: $(grep -E '^Done' "$work/$name.log" | tail -n 1)"
    else
        echo "fuzz_$name: FAILED"
        tail -n 40 "$work/$name.log"
        status=1
    fi
done
exit $status
