#!/usr/bin/env bash
# Configures, builds and runs every test with ctest.
#   tools/test.sh [BUILD_DIR]      (default: build)
# Extra CMake flags may be given in $SLATE_CMAKE_FLAGS.
set -euo pipefail
cd "$(dirname "$0")/.."
dir=${1:-build}
# shellcheck disable=SC2086
cmake -S . -B "$dir" ${SLATE_CMAKE_FLAGS:-} >/dev/null
cmake --build "$dir" -j "$(nproc)"
ctest --test-dir "$dir" --output-on-failure --verbose -j "$(nproc)"
