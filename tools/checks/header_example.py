#!/usr/bin/env python3
"""Writes the @code example of a public header's file comment to a C file,
so that the build compiles it and the tests run it: the examples in the
reference cannot rot. Usage: header_example.py HEADER OUT.c"""
import re
import sys

header, out = sys.argv[1], sys.argv[2]
text = open(header, encoding="utf-8").read()
comment = text[:text.index("*/")]
m = re.search(r"@code\n(.*?)\n \* @endcode", comment, re.S)
if not m:
    sys.exit(f"{header}: no @code example in the file comment")
lines = [re.sub(r"^ \* ?", "", line) for line in m.group(1).splitlines()]
with open(out, "w", encoding="utf-8") as f:
    f.write(f"/* Generated from the file comment of {header}. */\n" + "\n".join(lines) + "\n")
