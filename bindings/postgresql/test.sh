#!/bin/sh
# Builds the slate extension against the library in BUILD_DIR (default
# build/), installs it into PostgreSQL 15 (as root: it writes into
# PostgreSQL's own directories), and runs the pg_regress suite against a
# throw-away cluster that pg_virtualenv (postgresql-common) starts and drops.
#   bindings/postgresql/test.sh [--install-only] [BUILD_DIR]
# SLATE_WRITE_EXPECTED=1 writes test/expected/ from the results instead.
# Exits 77 (skipped) when PostgreSQL 15's server development files or
# pg_virtualenv are missing, or when PostgreSQL's directories cannot be
# written (not root); .ci/run installs them, runs as root and sets
# SLATE_REQUIRE_POSTGRESQL=1, so CI never skips it.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
install_only=0
if [ "${1:-}" = "--install-only" ]; then install_only=1; shift; fi
build=$(cd "${1:-$here/../../build}" && pwd)
pg_config=/usr/lib/postgresql/15/bin/pg_config
# SLATE_REQUIRE_POSTGRESQL=1 (as .ci/run sets) turns a skip into a failure.
skip() {
    echo "SKIP: $1"
    [ "${SLATE_REQUIRE_POSTGRESQL:-}" = 1 ] && exit 1
    exit 77
}
if [ ! -x "$pg_config" ] || ! command -v pg_virtualenv >/dev/null 2>&1; then
    skip "PostgreSQL 15 (postgresql-15, postgresql-server-dev-15, postgresql-common) is not installed"
fi
if [ ! -w "$($pg_config --pkglibdir)" ] || [ ! -w "$($pg_config --sharedir)/extension" ]; then
    skip "cannot write into PostgreSQL's directories (run as root to install the extension)"
fi
if [ ! -f "$build/libslate.a" ]; then
    echo "no $build/libslate.a: build slate first (cmake -S . -B build && cmake --build build)"
    exit 1
fi
source=$(cd "$here/../.." && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
# Build in a copy two levels down, as bindings/postgresql is: the source
# tree gets no objects, builds of other trees share none, and the tests
# find the examples at ../../examples as they do in the source tree.
ext=$work/bindings/postgresql
mkdir -p "$ext"
ln -s "$source/examples" "$work/examples"
mkdir -p "$ext/src"
cp "$here/Makefile" "$here/slate.control" "$here/slate--0.1.0.sql" "$ext/"
cp "$here"/src/*.[ch] "$ext/src/"
cp -r "$here/test" "$ext/"
make -s -C "$ext" PG_CONFIG="$pg_config" SLATE_SOURCE="$source" SLATE_BUILD="$build"
make -s -C "$ext" PG_CONFIG="$pg_config" SLATE_SOURCE="$source" SLATE_BUILD="$build" install
[ "$install_only" = 1 ] && exit 0
chmod -R a+rwX "$work"
cd "$ext"
status=0
# The regression suite, then the README's SQL example as written, in one cluster.
pg_virtualenv -v 15 sh -c "make -s PG_CONFIG='$pg_config' SLATE_SOURCE='$source' SLATE_BUILD='$build' installcheck &&
    python3 '$here/readme_sql.py' '$source'" || status=$?
if [ "${SLATE_WRITE_EXPECTED:-}" = 1 ]; then
    cp test/out/results/*.out "$here/test/expected/" # then read every change before committing it
    exit 0
fi
if [ "$status" -ne 0 ] && [ -f test/out/regression.diffs ]; then cat test/out/regression.diffs; fi
exit "$status"
