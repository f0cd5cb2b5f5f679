#!/usr/bin/env bash
# Builds the libFuzzer targets with clang and runs them on scratch copies of
# their seed corpora. Fails on any crash, leak, sanitizer report or broken
# invariant, leaving the crashing input in build-fuzz/.
#
#   tools/fuzz.sh [--total SECONDS] [--keep] [TARGET...]
#   tools/fuzz.sh SECONDS_PER_TARGET                 (the older form)
#
# --total shares SECONDS between the targets named (default: all of
# tests/fuzz/corpus/*, 20 s each); --keep merges what each run found back
# into its seed corpus. Prints, per target, its runs and libFuzzer's
# coverage (cov: edges reached, ft: features, corp: corpus size), the
# figures docs/guides/testing.md records.
set -euo pipefail
cd "$(dirname "$0")/.."

total="" per_target=20 keep=0 targets=()
while [ $# -gt 0 ]; do
    case "$1" in
    --total) total=$2; shift 2 ;;
    --keep) keep=1; shift ;;
    -h | --help) sed -n '2,14p' "$0"; exit 0 ;;
    [0-9]*) per_target=$1; shift ;;
    *) targets+=("${1#fuzz_}"); shift ;;
    esac
done
if [ ${#targets[@]} -eq 0 ]; then
    for dir in tests/fuzz/corpus/*/; do targets+=("$(basename "$dir")"); done
fi
for name in "${targets[@]}"; do
    [ -d "tests/fuzz/corpus/$name" ] || { echo "fuzz.sh: no target \"$name\" (tests/fuzz/corpus/$name)" >&2; exit 2; }
done
if [ -n "$total" ]; then
    per_target=$((total / ${#targets[@]}))
    [ "$per_target" -ge 1 ] || per_target=1
fi

cmake -S . -B build-fuzz -DCMAKE_C_COMPILER=clang -DSLATE_FUZZ=ON -DSLATE_WERROR=ON \
    -DSLATE_BUILD_TESTS=OFF -DSLATE_BUILD_DOCS=OFF -DSLATE_BUILD_TOOLS=OFF -DSLATE_BUILD_EXAMPLES=OFF >/dev/null
cmake --build build-fuzz -j "$(nproc)" >/dev/null
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
status=0
printf '%-16s %8s %10s %8s %8s %10s\n' target seconds runs cov ft corpus
for name in "${targets[@]}"; do
    cp -r "tests/fuzz/corpus/$name" "$work/$name"
    if (cd build-fuzz && ./tests/fuzz/"fuzz_$name" -max_total_time="$per_target" -timeout=10 -rss_limit_mb=2048 \
            -print_final_stats=1 "$work/$name" >"$work/$name.log" 2>&1); then
        done_line=$(grep -E '^#[0-9]+[[:space:]]+DONE' "$work/$name.log" | tail -n 1 || true)
        runs=$(sed -nE 's/^stat::number_of_executed_units: *([0-9]+)/\1/p' "$work/$name.log")
        cov=$(sed -nE 's/.* cov: ([0-9]+).*/\1/p' <<<"$done_line")
        ft=$(sed -nE 's/.* ft: ([0-9]+).*/\1/p' <<<"$done_line")
        corp=$(sed -nE 's/.* corp: ([0-9]+)\/.*/\1/p' <<<"$done_line")
        printf '%-16s %8s %10s %8s %8s %10s\n' "fuzz_$name" "$per_target" "${runs:-?}" "${cov:-?}" "${ft:-?}" "${corp:-?}"
        if [ "$keep" -eq 1 ]; then
            (cd build-fuzz && ./tests/fuzz/"fuzz_$name" -merge=1 "../tests/fuzz/corpus/$name" "$work/$name" \
                >/dev/null 2>&1)
        fi
    else
        echo "fuzz_$name: FAILED"
        tail -n 40 "$work/$name.log"
        status=1
    fi
done
exit $status
