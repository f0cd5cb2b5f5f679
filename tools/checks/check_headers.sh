#!/bin/sh
# Each public header compiles on its own, first thing in a file, as C99
# with -pedantic and as C++11, warnings as errors: a header includes what
# it needs and uses nothing a C99 or C++ host lacks.
# Usage: check_headers.sh SOURCE_DIR BUILD_DIR [CC [CXX]]
set -eu
src=$1
build=$2
cc=${3:-cc}
cxx=${4:-c++}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
n=0
for h in "$src"/include/slate.h "$src"/include/slate/*.h; do
    name=${h#"$src"/include/}
    printf '#include "%s"\nint main(void) { return 0; }\n' "$name" > "$work/t.c"
    cp "$work/t.c" "$work/t.cc"
    "$cc" -std=c99 -pedantic -Wall -Wextra -Werror -I"$src/include" -I"$build/include" \
        -c "$work/t.c" -o "$work/t.o" || { echo "FAIL: $name as C99"; exit 1; }
    "$cxx" -std=c++11 -pedantic -Wall -Wextra -Werror -I"$src/include" -I"$build/include" \
        -c "$work/t.cc" -o "$work/t.o" || { echo "FAIL: $name as C++11"; exit 1; }
    n=$((n + 1))
done
echo "headers: $n public headers compile alone as C99 -pedantic and as C++11"
