#!/bin/sh
# Every global symbol that libslate.a defines is public (slate_) or marked
# internal (slate__), so that a host program linking the static library
# cannot collide with a name of ours. Usage: check_symbols.sh LIBSLATE_A
set -eu
bad=$(nm -g --defined-only "$1" | awk 'NF == 3 { print $3 }' | grep -v '^slate_' || true)
if [ -n "$bad" ]; then
    echo "global names in $1 without the slate_ or slate__ prefix:"
    echo "$bad"
    exit 1
fi
count=$(nm -g --defined-only "$1" | awk 'NF == 3' | wc -l)
echo "symbols: all $count global names in $1 start with slate_"
