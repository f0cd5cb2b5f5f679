#!/usr/bin/env python3
"""Runs the README's SQL example (the sql block under "## PostgreSQL") with
psql from the top of the clone, exactly as written, and checks that each
SELECT prints what its comment says. bindings/postgresql/test.sh runs it
inside the throw-away cluster, after the regression suite.

    readme_sql.py SOURCE_DIR
"""
import os
import re
import subprocess
import sys


def main():
    source = sys.argv[1]
    with open(os.path.join(source, "README.md"), encoding="utf-8") as f:
        readme = f.read()
    section = readme[readme.index("## PostgreSQL"):]
    block = re.search(r"```sql\n(.*?)```", section, re.S).group(1)
    wanted = [line.split("-- ", 1)[1].strip() for line in block.splitlines()
              if line.startswith("SELECT") and "-- " in line]
    proc = subprocess.run(["psql", "-X", "-q", "-At", "-v", "ON_ERROR_STOP=1", "-c", "SET timezone = 'UTC'",
                           "-f", "-"], input=block, cwd=source, capture_output=True, text=True)
    got = proc.stdout.splitlines()
    if proc.returncode != 0 or got != wanted:
        print(f"README SQL example: psql exited {proc.returncode}\n{proc.stderr}")
        for w, g in zip(wanted + [""] * len(got), got + [""] * len(wanted)):
            print(f"  README {w!r}\n  psql   {g!r}")
        return 1
    print(f"README SQL example: {len(wanted)} answers as written")
    return 0


if __name__ == "__main__":
    sys.exit(main())
