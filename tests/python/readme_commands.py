#!/usr/bin/env python3
"""Runs every `$ command` shown in README.md and checks that it prints what
the README says it prints, so the README never drifts from the program.

A shown output line ending in "..." matches any line starting with the
text before it; a line that is just "..." matches any number of lines.
`build/` in commands is replaced by the build directory under test
(SLATE_BUILD_DIR), and `VAR=value` lines set variables for the commands
after them. The C program in the README is examples/due_time.c (checked
by its own test); the Python block is run and its commented results
checked.
"""
import ast
import os
import re
import subprocess
import sys

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))


def blocks(text, language):
    return re.findall(r"```" + language + r"\n(.*?)```", text, flags=re.S)


def matches(shown, actual):
    i = j = 0
    while i < len(shown):
        if shown[i] == "...":
            if i + 1 == len(shown):
                return True
            while j < len(actual) and not line_matches(shown[i + 1], actual[j]):
                j += 1
        elif j >= len(actual) or not line_matches(shown[i], actual[j]):
            return False
        else:
            j += 1
        i += 1
    return j == len(actual)


def line_matches(shown, actual):
    if shown.endswith("..."):
        return actual.startswith(shown[:-3])
    return shown.rstrip() == actual.rstrip()


def shell_commands(block):
    """(command, shown output lines) for each `$` line of a block."""
    out, lines, k = [], block.rstrip("\n").split("\n"), 0
    while k < len(lines):
        if not lines[k].startswith("$ "):
            k += 1
            continue
        command = lines[k][2:]
        while command.endswith("\\"):
            k += 1
            command = command[:-1] + lines[k].strip()
        k += 1
        shown = []
        while k < len(lines) and not lines[k].startswith("$ "):
            shown.append(lines[k])
            k += 1
        out.append((command, shown))
    return out


def literal_prefix(comment):
    """The longest leading part of a comment that is a Python literal, or None."""
    for end in range(len(comment), 0, -1):
        try:
            return repr(ast.literal_eval(comment[:end].strip()))
        except (ValueError, SyntaxError):
            continue
    return None


def python_checks(block):
    """The README's Python block, with each `code  # value` line checked:
    an expression's value, or an assignment's, must be that literal."""
    out = ["def __check(got, want, line):",
           "    assert repr(got) == want, f'README line {line!r}: got {got!r}, want {want}'"]
    for line in block.rstrip("\n").split("\n"):
        code, _, comment = line.partition("  # ")
        want = literal_prefix(comment) if comment else None
        out.append(code.rstrip() if want else line)
        if want is None:
            continue
        indent = code[:len(code) - len(code.lstrip())]
        stripped = code.strip()
        target = re.fullmatch(r"(\w+) = .*", stripped)
        value = target.group(1) if target else stripped
        out.append(f"{indent}__check(({value}), {want!r}, {stripped!r})")
    return "\n".join(out) + "\n"


def run_python_block(text, build):
    [block] = blocks(text, "python")
    env = dict(os.environ, PYTHONPATH=os.path.join(ROOT, "bindings", "python"),
               SLATE_LIBRARY=os.environ.get("SLATE_LIBRARY", os.path.join(build, "libslate.so")))
    proc = subprocess.run([sys.executable, "-c", python_checks(block)], cwd=ROOT, env=env, capture_output=True,
                          text=True, timeout=120)
    return proc.returncode, proc.stderr.strip().splitlines()[-1:] if proc.returncode else []


def main():
    build = os.environ.get("SLATE_BUILD_DIR", os.path.join(ROOT, "build"))
    with open(os.path.join(ROOT, "README.md"), encoding="utf-8") as f:
        text = f.read()
    env, failures, checked = dict(os.environ), [], 0
    for block in blocks(text, "sh"):
        for command, shown in shell_commands(block):
            assignment = re.fullmatch(r"(\w+)=(\S+)", command)
            if assignment:
                env[assignment.group(1)] = assignment.group(2)
                continue
            if not command.startswith("build/"):
                continue
            run = command.replace("build/", build + "/", 1)
            proc = subprocess.run(run, shell=True, cwd=ROOT, env=env, capture_output=True, text=True, timeout=120)
            actual = (proc.stdout + proc.stderr).rstrip("\n").split("\n")
            checked += 1
            if not matches(shown, actual):
                failures.append(f"$ {command}\n  README:\n    " + "\n    ".join(shown) +
                                "\n  printed:\n    " + "\n    ".join(actual))
    code, why = run_python_block(text, build)
    checked += 1
    if code:
        failures.append("the Python example: " + " ".join(why))
    for failure in failures:
        print("MISMATCH", failure)
    print(f"README: {checked} commands checked, {len(failures)} differ")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
