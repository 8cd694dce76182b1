#!/usr/bin/env python3
"""make bench: lint throughput over the corpus templates against libxml2's bare parse, in one run.

Usage: bench.py TRACKLINT_BINARY TEMPLATES_FOLDER

The templates are passed repeatedly (to at least 20 MB) to one tracklint invocation and to one
`xmllint --html --noout` invocation; each is timed best-of-5, so both pay one process start. Then
one tracklint invocation on a small file is timed (median of 30), against xmllint on the same file.
"""
import os
import statistics
import subprocess
import sys
import time

TARGET_BYTES = 20 * 1024 * 1024
ROUNDS = 5
SMALL_RUNS = 30


def wall_time(command, rounds):
    times = []
    for _ in range(rounds):
        start = time.perf_counter()
        result = subprocess.run(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        times.append(time.perf_counter() - start)
        if result.returncode not in (0, 1) and command[0] != "xmllint":
            sys.exit(f"{command[0]} exited {result.returncode}")
    return times


def main():
    binary, folder = sys.argv[1], sys.argv[2]
    files = sorted(
        os.path.join(root, name)
        for root, _, names in os.walk(folder)
        for name in names
        if not name.startswith(".")
    )
    size = sum(os.path.getsize(path) for path in files)
    repeats = -(-TARGET_BYTES // size)
    inputs = files * repeats
    total_bytes = size * repeats
    megabytes = total_bytes / 1e6

    lint = min(wall_time([binary, "check", "--format", "json"] + inputs, ROUNDS))
    parse = min(wall_time(["xmllint", "--html", "--noout"] + inputs, ROUNDS))

    small = os.path.join(os.path.dirname(__file__), "..", "Fixtures", "cases", "select-and-ignore.html")
    small_lint = statistics.median(wall_time([binary, "check", small], SMALL_RUNS))
    small_parse = statistics.median(wall_time(["xmllint", "--html", "--noout", small], SMALL_RUNS))

    print(f"corpus: {len(files)} templates, {size / 1e6:.2f} MB, repeated {repeats}x = "
          f"{len(inputs)} files, {megabytes:.1f} MB")
    print(f"tracklint check --format json : {lint:.3f} s  ({len(inputs) / lint:,.0f} files/s, {megabytes / lint:.1f} MB/s)")
    print(f"xmllint --html --noout        : {parse:.3f} s  ({len(inputs) / parse:,.0f} files/s, {megabytes / parse:.1f} MB/s)")
    print(f"ratio lint / bare parse       : {lint / parse:.2f}x  (target: at most 1.5x)")
    print(f"one small file, tracklint     : {small_lint * 1000:.1f} ms median of {SMALL_RUNS} (target: under 20 ms)")
    print(f"one small file, xmllint       : {small_parse * 1000:.1f} ms median of {SMALL_RUNS} "
          f"(ratio {small_lint / small_parse:.2f}x)")


if __name__ == "__main__":
    main()
