#!/usr/bin/env python3
"""Checks that lib/ modules only look down.

The layers, bottom to top, are read from lib/CMakeLists.txt (the order of
the slate_module() calls). A source in lib/X may include headers of X, of
modules below X, and public headers (slate/...), never of a module above.
A module's DEPENDS in lib/CMakeLists.txt may name only modules below it.
Exits 1 and prints each offending line otherwise.
"""
import pathlib
import re
import sys

root = pathlib.Path(sys.argv[1] if len(sys.argv) > 1 else pathlib.Path(__file__).resolve().parents[2])
cmake = (root / "lib" / "CMakeLists.txt").read_text()
calls = re.findall(r"^slate_module\((\w+)(.*?)\)\s*$", cmake, re.M | re.S)
order = [name for name, _ in calls]
rank = {name: i for i, name in enumerate(order)}
problems = []

for name, rest in calls:
    deps = re.search(r"DEPENDS\s+([\w\s]+?)(?:PRIVATE|$)", rest, re.S)
    for dep in (deps.group(1).split() if deps else []):
        if dep not in rank or rank[dep] >= rank[name]:
            problems.append(f"lib/CMakeLists.txt: {name} depends on {dep}, which is not below it")

folders = {p.name for p in (root / "lib").iterdir() if p.is_dir()}
for missing in sorted(folders - set(order)):
    problems.append(f"lib/{missing}: a folder that lib/CMakeLists.txt does not place in the layers")

include = re.compile(r'^\s*#\s*include\s+"([^"]+)"', re.M)
for path in sorted((root / "lib").glob("*/*.[ch]")):
    module = path.parent.name
    for number, line in enumerate(path.read_text().splitlines(), 1):
        m = include.match(line)
        if not m:
            continue
        target = m.group(1)
        up = re.match(r"\.\./(\w+)/", target)
        if up and up.group(1) in rank and rank[up.group(1)] > rank.get(module, -1):
            problems.append(f"{path.relative_to(root)}:{number}: {module} includes {target}, "
                            f"a module above it")

for p in problems:
    print(p)
print(f"layers: {' < '.join(order)}")
print(f"{len(problems)} include or dependency problems")
sys.exit(1 if problems else 0)
