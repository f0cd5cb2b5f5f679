#!/usr/bin/env python3
"""Writes the slate(1) man page from the command's own help texts, so the
two never disagree.

    make_man.py SLATE_BINARY OUTPUT.1 VERSION DOCDIR

DOCDIR is where the installed examples live; the examples in the help
texts name files under examples/, so they run as printed from there.
"""
import subprocess
import sys

COMMANDS = ["check", "tz", "calendar", "oncall", "classify", "evaluate", "report"]


def roff(text):
    """Help text as literal roff lines."""
    out = []
    for line in text.rstrip("\n").split("\n"):
        line = line.replace("\\", "\\e")
        if line.startswith((".", "'")):
            line = "\\&" + line
        out.append(line)
    return "\n".join(out)


def main():
    binary, output, version, docdir = sys.argv[1:5]

    def helptext(*args):
        return subprocess.run([binary, *args, "--help"], capture_output=True, text=True, check=True).stdout

    page = [f'.TH SLATE 1 "" "slate {version}" "User Commands"',
            ".SH NAME", "slate \\- service-level agreement arithmetic: time zones, business hours, SLA clocks",
            ".SH SYNOPSIS", ".B slate", "\\fICOMMAND\\fR [\\fIARGUMENTS\\fR] [\\fIOPTIONS\\fR]",
            ".SH DESCRIPTION", ".nf", roff(helptext()), ".fi"]
    for command in COMMANDS:
        page += [f".SH {command.upper()}", ".nf", roff(helptext(command)), ".fi"]
    page += [".SH EXIT STATUS", "0 ok; 1 findings (breaches or credits with \\-\\-fail\\-on\\-breach); "
             "2 usage error; 3 input error (a bad time, zone, file or policy, explained on stderr with "
             "file, line, column and JSON Pointer).",
             ".SH FILES",
             f"The examples above name files under examples/. In a source tree they run from its top; "
             f"installed, the files are in {roff(docdir)}/examples, so run the examples from "
             f"{roff(docdir)} (cd there first; another install prefix has them in "
             f"PREFIX/share/doc/slate). The HTML manual is in {roff(docdir)}/html and the guides in "
             f"{roff(docdir)}/guides.",
             ".SH SEE ALSO", "The guides (docs/guides in the source tree), the HTML manual, and the project's README."]
    with open(output, "w") as f:
        f.write("\n".join(page) + "\n")


if __name__ == "__main__":
    main()
