#!/usr/bin/env python3
"""Runs every example printed in an installed slate(1), as printed, from the
installed documentation directory, with the installed command first on PATH
and no LD_LIBRARY_PATH: the man page's examples must run where they are read.

    run_man_examples.py MAN_PAGE DOCDIR BINDIR
"""
import os
import re
import subprocess
import sys


def unroff(line):
    return line.replace("\\&", "").replace("\\-", "-").replace("\\e", "\\")


def examples(page):
    """Each example command of the page, continuation lines joined."""
    out, inside, pending = [], False, ""
    for raw in page.split("\n"):
        line = unroff(raw)
        if re.fullmatch(r"examples?:", line.strip()):
            inside = True
            continue
        if not inside:
            continue
        if not line.startswith("  "):
            inside = False
            continue
        pending += line.strip()
        if pending.endswith("\\"):
            pending = pending[:-1] + " "
            continue
        if pending.endswith("|"):
            pending += " "
            continue
        out.append(pending)
        pending = ""
    return out


def main():
    man, docdir, bindir = sys.argv[1:4]
    with open(man, encoding="utf-8") as f:
        commands = examples(f.read())
    env = {k: v for k, v in os.environ.items() if k != "LD_LIBRARY_PATH"}
    env["PATH"] = bindir + os.pathsep + env.get("PATH", "")
    failures = 0
    for command in commands:
        proc = subprocess.run(command, shell=True, cwd=docdir, env=env, capture_output=True, text=True, timeout=60)
        if proc.returncode != 0:
            failures += 1
            print(f"FAILED ({proc.returncode}): {command}\n{proc.stderr}")
    print(f"man page: {len(commands)} examples run from {docdir}, {failures} failed")
    return 1 if failures or len(commands) < 10 else 0


if __name__ == "__main__":
    sys.exit(main())
