#!/usr/bin/env python3
"""The Python package installs from the source tree with the standard
build backend, offline, and works from where it was installed.

Skips (exit 77) when pip, setuptools or wheel is missing (.ci/run installs
python3-pip, python3-setuptools and python3-wheel)."""
import importlib.util
import os
import shutil
import subprocess
import sys
import tempfile

ROOT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..")


def main():
    missing = [m for m in ("pip", "setuptools", "wheel") if importlib.util.find_spec(m) is None]
    if missing:
        print(f"SKIP: {', '.join(missing)} not installed for {sys.executable}")
        return 77
    with tempfile.TemporaryDirectory() as work:
        # Build from a copy, so that setuptools' build/ and egg-info stay out of the source tree.
        source, target = os.path.join(work, "src"), os.path.join(work, "site")
        shutil.copytree(os.path.join(ROOT, "bindings", "python"), source,
                        ignore=shutil.ignore_patterns("build", "*.egg-info", "tests", "__pycache__"))
        subprocess.run([sys.executable, "-m", "pip", "install", "--quiet", "--root-user-action=ignore",
                        "--no-build-isolation", "--no-deps", "--no-index", "--target", target, source], check=True)
        code = ("import slate, sys\n"
                "assert slate.__file__.startswith(sys.argv[1]), slate.__file__\n"
                "with slate.Policy.load(sys.argv[2]) as p:\n"
                "    print(slate.format_time(p.calendar('pune-l2').add('2026-03-06T10:00:00Z', 'PT4H')))\n")
        out = subprocess.run([sys.executable, "-c", code, target,
                              os.path.join(ROOT, "examples", "policies", "follow-the-sun.json")],
                             env=dict(os.environ, PYTHONPATH=target), capture_output=True, text=True, check=True)
        assert out.stdout.strip() == "2026-03-07T06:00:00Z", out.stdout
        print("package installs and works:", out.stdout.strip())
    return 0


if __name__ == "__main__":
    sys.exit(main())
