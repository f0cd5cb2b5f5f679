#!/usr/bin/env python3
"""The ctypes mirrors of the public structs have the C layout.

Every ctypes.Structure in slate._native whose docstring reads "Mirror of
``slate_x``" is checked against the C compiler's view of slate_x: the
struct's size, and each field's offset and size (a ctypes field "from_"
mirrors the C field "from"). A mirror that drifts from its header fails
here rather than corrupting memory in a user's program.

Usage: abi_layout.py CC SOURCE_DIR BUILD_DIR (SLATE_LIBRARY names the library).
"""
import ctypes
import os
import pathlib
import re
import subprocess
import sys
import tempfile

cc, source, build = sys.argv[1], pathlib.Path(sys.argv[2]), pathlib.Path(sys.argv[3])
sys.path.insert(0, str(source / "bindings" / "python"))
from slate import _native  # noqa: E402

mirrors = []
for name in dir(_native):
    cls = getattr(_native, name)
    if isinstance(cls, type) and issubclass(cls, ctypes.Structure) and cls.__doc__:
        m = re.match(r"Mirror of ``(slate_\w+)``", cls.__doc__)
        if m:
            mirrors.append((m.group(1), cls))
if len(mirrors) < 17:
    sys.exit(f"found only {len(mirrors)} mirrors; the docstrings changed?")

lines = ['#include <stddef.h>', '#include <stdio.h>', '#include "slate.h"',
         '#define FIELD(T, f) printf("%s.%s %zu %zu\\n", #T, #f, offsetof(T, f), sizeof(((T *)0)->f))',
         'int main(void) {']
for cname, cls in mirrors:
    lines.append(f'    printf("{cname} %zu\\n", sizeof({cname}));')
    for field, _ in cls._fields_:
        lines.append(f"    FIELD({cname}, {field.rstrip('_')});")
lines += ["    return 0;", "}"]

with tempfile.TemporaryDirectory() as tmp:
    src = pathlib.Path(tmp) / "layout.c"
    exe = pathlib.Path(tmp) / "layout"
    src.write_text("\n".join(lines) + "\n")
    subprocess.run([cc, "-std=c11", f"-I{source / 'include'}", f"-I{build / 'include'}", str(src),
                    "-o", str(exe)], check=True)
    output = subprocess.run([str(exe)], check=True, capture_output=True, text=True).stdout
    c_view = {words[0]: [int(w) for w in words[1:]] for words in map(str.split, output.splitlines())}

problems = []
checked = 0
for cname, cls in mirrors:
    if c_view[cname][0] != ctypes.sizeof(cls):
        problems.append(f"{cname}: C size {c_view[cname][0]}, ctypes {ctypes.sizeof(cls)}")
    for field, ctype in cls._fields_:
        key = f"{cname}.{field.rstrip('_')}"
        c_offset, c_size = c_view[key]
        offset, size = getattr(cls, field).offset, ctypes.sizeof(ctype)
        if (c_offset, c_size) != (offset, size):
            problems.append(f"{key}: C offset {c_offset} size {c_size}, ctypes offset {offset} size {size}")
        checked += 1

for p in problems:
    print(p)
print(f"abi: {len(mirrors)} structs and {checked} fields compared with C, {len(problems)} differences")
sys.exit(1 if problems else 0)
