#!/bin/sh
# Installs the build tree into a fresh prefix and uses it as a user would,
# with no LD_LIBRARY_PATH anywhere: the installed command and its man page's
# examples, a program built through pkg-config (shared and static), programs
# built through find_package (shared, static, and shared alone on a machine
# without cJSON's and PCRE2's pkg-config files), and the Python package
# installed with pip into a fresh virtual environment.
# usage: check_install.sh BUILD_DIR SOURCE_DIR PYTHON
set -eu
build=$1
src=$2
python=$3
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
unset LD_LIBRARY_PATH
prefix=$work/prefix
cmake --install "$build" --prefix "$prefix" >/dev/null
libdir=$(ls -d "$prefix"/lib*/pkgconfig | head -n 1)
libdir=${libdir%/pkgconfig}
docdir=$prefix/share/doc/slate

for header in slate common tz calendar policy ticket classify sla escalate contract version; do
    test -f "$prefix/include/slate/$header.h" || test -f "$prefix/include/$header.h"
done
test -f "$prefix/share/man/man1/slate.1"
test -f "$docdir/html/index.html"
test -f "$docdir/guides/calendars.md"
"$prefix/bin/slate" check "$docdir/examples/policies/amc-vendor.json" >/dev/null
"$python" "$src/tests/install/run_man_examples.py" "$prefix/share/man/man1/slate.1" "$docdir" "$prefix/bin"

# pkg-config: only slate's own include directory, and a runtime path.
export PKG_CONFIG_PATH="$libdir/pkgconfig"
cflags=$(pkg-config --cflags slate)
case $cflags in *cjson* | *pcre*) echo "slate.pc leaks private flags: $cflags"; exit 1 ;; esac
# shellcheck disable=SC2046
cc -o "$work/by_pkgconfig" "$src/tests/install/consumer.c" $(pkg-config --cflags --libs slate)
"$work/by_pkgconfig"
# shellcheck disable=SC2046
cc -static-libgcc -o "$work/by_pkgconfig_static" "$src/tests/install/consumer.c" \
    $(pkg-config --cflags slate) "$libdir/libslate.a" $(pkg-config --static --libs-only-l slate | sed 's/-lslate//')
"$work/by_pkgconfig_static"
unset PKG_CONFIG_PATH

# find_package: both targets; then the shared one alone, with pkg-config
# finding nothing (as on a machine without libcjson-dev and libpcre2-dev).
cmake -S "$src/tests/install" -B "$work/consumer" -DCMAKE_PREFIX_PATH="$prefix" >/dev/null
cmake --build "$work/consumer" >/dev/null
"$work/consumer/consumer"
"$work/consumer/consumer_static"
PKG_CONFIG_LIBDIR=$work/none cmake -S "$src/tests/install" -B "$work/shared_only" -DCMAKE_PREFIX_PATH="$prefix" \
    -DSLATE_CONSUMER_SHARED_ONLY=ON >/dev/null
cmake --build "$work/shared_only" >/dev/null
"$work/shared_only/consumer"
if PKG_CONFIG_LIBDIR=$work/none cmake -S "$src/tests/install" -B "$work/static_missing" \
    -DCMAKE_PREFIX_PATH="$prefix" >"$work/static_missing.log" 2>&1; then
    echo "find_package(slate COMPONENTS static) succeeded without cJSON and PCRE2"; exit 1
fi
grep -q "slate::slate_static needs pkg-config, libcjson and libpcre2-8" "$work/static_missing.log"

# Python: the README's way (a virtual environment, pip from the source tree),
# the library named by SLATE_LIBRARY since this prefix is not the system's.
"$python" -m venv "$work/venv"
"$work/venv/bin/pip" install --quiet "$src/bindings/python"
SLATE_LIBRARY="$libdir/libslate.so.0" "$work/venv/bin/python" -c '
import sys, slate
assert slate.__file__.startswith(sys.argv[1]), slate.__file__
with slate.Policy.load(sys.argv[2]) as p:
    print("python:", p.calendar("pune-l2").add("2026-03-06T10:00:00Z", "PT4H"))
' "$work/venv" "$docdir/examples/policies/follow-the-sun.json"
test -f "$(ls -d "$work"/venv/lib/python3*/site-packages/slate)/py.typed"
echo "install check: command, man page examples, HTML manual, pkg-config (shared, static), find_package (shared, static, shared alone) and the Python package, none with LD_LIBRARY_PATH"
