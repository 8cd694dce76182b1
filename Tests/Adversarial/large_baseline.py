#!/usr/bin/env python3
"""A baseline of a million entries (issue 14, row 12): `tracklint check --baseline` over one file
must load it in one pass within 400 MB and 10 s, accept that file's entries, and not call the
other files' entries stale (a pre-commit run lints only some files).

Usage: large_baseline.py TRACKLINT
"""
import json
import os
import shutil
import subprocess
import sys
import tempfile

from adversarial import run

ENTRIES = 1_000_000
MEMORY_MB = 400
SECONDS = 10
TEMPLATE = '<html><body><p><a href="/sale">Sale</a> <a href="#">Terms</a></p></body></html>\n'


def write_baseline(path, own_entries):
    """The run's own entries, then a million for 10,000 other files, sorted by path as --write-baseline
    writes them."""
    with open(path, "w", encoding="utf-8") as handle:
        handle.write('{\n  "tool": "tracklint",\n  "baselineVersion": 1,\n  "findings": [\n')
        for entry in own_entries:
            handle.write("    " + json.dumps(entry) + ",\n")
        for index in range(ENTRIES):
            entry = {"path": f"mails/campaign-{index // 100:05}.html", "code": "TL301",
                     "evidence": f"/products/item-{index}?utm_source=newsletter", "context": f"{index:032x}", "count": 1}
            handle.write("    " + json.dumps(entry) + (",\n" if index < ENTRIES - 1 else "\n"))
        handle.write("  ]\n}\n")


def main():
    binary = os.path.abspath(sys.argv[1])
    folder = tempfile.mkdtemp(prefix="tracklint-baseline-")
    try:
        template = os.path.join(folder, "x.html")
        with open(template, "w", encoding="utf-8") as handle:
            handle.write(TEMPLATE)
        own = os.path.join(folder, "own.json")
        subprocess.run([binary, "check", "--write-baseline", own, template], check=True, capture_output=True)
        with open(own, encoding="utf-8") as handle:
            own_entries = json.load(handle)["findings"]
        baseline = os.path.join(folder, "baseline.json")
        write_baseline(baseline, own_entries)
        size = os.path.getsize(baseline) / 1024 / 1024
        output = os.path.join(folder, "out.txt")
        code, seconds, megabytes, stderr = run(binary, template, output, ("--baseline", baseline))
        with open(output, encoding="utf-8") as handle:
            stdout = handle.read()
        problems = []
        if code != 0 or stdout != "No problems found in 1 input.\n" or stderr:
            problems.append(f"exit {code}, stdout {stdout!r}, stderr {stderr.strip()[:300]!r}")
        if seconds > SECONDS:
            problems.append(f"took {seconds:.1f} s (budget {SECONDS} s)")
        if megabytes > MEMORY_MB:
            problems.append(f"peak {megabytes:.0f} MB (budget {MEMORY_MB} MB)")
        print(f"{'ok  ' if not problems else 'FAIL'} large baseline: {ENTRIES + len(own_entries):,} entries, {size:.0f} MB, "
              f"{seconds:.2f} s, {megabytes:.0f} MB peak" + (f"  <- {'; '.join(problems)}" if problems else ""))
        return 1 if problems else 0
    finally:
        shutil.rmtree(folder, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
