#!/bin/sh
# Runs the README's Install block exactly as written (as root, from the top
# of a clone that tools/setup.sh has built), then uses the result as a user
# would, with nothing set in the environment: the command from PATH, a
# program built with pkg-config, one linked with a bare -lslate (found
# through the loader's cache), a CMake consumer without CMAKE_PREFIX_PATH,
# and the Python package without SLATE_LIBRARY. CI runs it on a fresh
# machine; it installs into /usr/local, so it is not part of ctest.
set -eu
cd "$(dirname "$0")/../.."
unset LD_LIBRARY_PATH PKG_CONFIG_PATH SLATE_LIBRARY CMAKE_PREFIX_PATH PYTHONPATH
block=$(awk '/^## Install$/ {s = 1} s && /^```sh$/ {b = 1; next} b && /^```$/ {exit} b' README.md)
[ -n "$block" ] || { echo "README: no sh block under '## Install'"; exit 1; }
echo "$block" | while IFS= read -r line; do echo "\$ $line"; done
out=$(printf 'set -e\n%s\n' "$block" | sh)
echo "$out"
expected="2026-03-07T06:00:00Z  2026-03-07T11:30:00+05:30 IST"
echo "$out" | grep -qxF "$expected" || { echo "the installed command did not print: $expected"; exit 1; }

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cc -o "$work/by_pkgconfig" tests/install/consumer.c $(pkg-config --cflags --libs slate)
"$work/by_pkgconfig"
cc -o "$work/bare" tests/install/consumer.c -lslate
"$work/bare"
cmake -S tests/install -B "$work/consumer" -DSLATE_CONSUMER_SHARED_ONLY=ON >/dev/null
cmake --build "$work/consumer" >/dev/null
"$work/consumer/consumer"
.venv/bin/python -c 'import slate, sys; print("python", slate.__version__, slate._native.lib._name)'
man -w slate >/dev/null 2>&1 || test -f /usr/local/share/man/man1/slate.1
test -f /usr/local/share/doc/slate/html/index.html
echo "README install: as written, then used with nothing in the environment"
