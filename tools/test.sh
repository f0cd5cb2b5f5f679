#!/usr/bin/env bash
# Configures, builds and runs every test with ctest.
#   tools/test.sh [BUILD_DIR [CTEST_ARGS...]]      (default: build)
# Extra CMake flags may be given in $SLATE_CMAKE_FLAGS; CTEST_ARGS (such as
# -R '^check_') go to ctest.
set -euo pipefail
cd "$(dirname "$0")/.."
dir=${1:-build}
shift || true
# shellcheck disable=SC2086
cmake -S . -B "$dir" ${SLATE_CMAKE_FLAGS:-} >/dev/null
cmake --build "$dir" -j "$(nproc)"
ctest --test-dir "$dir" --output-on-failure --verbose -j "$(nproc)" "$@"
