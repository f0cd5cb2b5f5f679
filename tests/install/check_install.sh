#!/bin/sh
# Installs the build tree into a scratch prefix, then builds an outside
# program against it twice: through pkg-config and through find_package.
# usage: check_install.sh BUILD_DIR SOURCE_DIR
set -eu
build=$1
src=$2
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cmake --install "$build" --prefix "$work/prefix" >/dev/null
libdir=$(ls -d "$work"/prefix/lib*/pkgconfig | head -n 1)
libdir=${libdir%/pkgconfig}

PKG_CONFIG_PATH="$libdir/pkgconfig" pkg-config --exists slate
flags=$(PKG_CONFIG_PATH="$libdir/pkgconfig" pkg-config --cflags --libs slate)
# shellcheck disable=SC2086
cc -o "$work/by_pkgconfig" "$src/tests/install/consumer.c" $flags
LD_LIBRARY_PATH="$libdir" "$work/by_pkgconfig"

cmake -S "$src/tests/install" -B "$work/consumer" -DCMAKE_PREFIX_PATH="$work/prefix" >/dev/null
cmake --build "$work/consumer" >/dev/null
LD_LIBRARY_PATH="$libdir" "$work/consumer/consumer"
"$work/consumer/consumer_static"
test -x "$work/prefix/bin/slate"
test -f "$work/prefix/include/slate/version.h"
for header in common tz calendar policy ticket classify sla escalate contract; do
    test -f "$work/prefix/include/slate/$header.h"
done
test -f "$work/prefix/share/man/man1/slate.1"
# The installed command starts as a user runs it: no LD_LIBRARY_PATH.
env -u LD_LIBRARY_PATH "$work/prefix/bin/slate" check "$src/examples/policies/amc-vendor.json" >/dev/null
echo "install check: headers, man page and command installed; pkg-config, find_package (shared and static) consumers built and ran"
