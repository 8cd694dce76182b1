#!/usr/bin/env python3
"""make bench: lint throughput over the corpus templates against libxml2's bare parse, in one run.

Usage: bench.py TRACKLINT_BINARY TEMPLATES_FOLDER

The templates are passed repeatedly (to at least 20 MB) to one tracklint invocation and to one
`xmllint --html --noout` invocation; each is timed best-of-5, so both pay one process start. Then
one tracklint invocation on a small file is timed (median of 30), against xmllint on the same file.
Last, a generated 1 GB mbox (in a temporary folder, deleted afterwards) is linted as a stream, and
its throughput and peak memory (from /usr/bin/time) are reported, against the time `cat` takes to
read the same file.
"""
import os
import re
import statistics
import subprocess
import sys
import tempfile
import time

MBOX_BYTES = 1 << 30
MEMORY_BUDGET_MB = 200

TARGET_BYTES = 20 * 1024 * 1024
ROUNDS = 5
JOBS_FILES = 10_000
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

    # One thread, like xmllint: the ratio compares work, not cores.
    lint = min(wall_time([binary, "check", "--format", "json", "--jobs", "1"] + inputs, ROUNDS))
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


def generated_message(index):
    """A realistic, clean newsletter: a branded SendGrid tracking domain, 40 tracked links, a pixel,
    an unsubscribe link and headers, a text part and a quoted-printable HTML part."""
    links = "".join(
        f'<tr><td><a href="https://url1234.acme.example/ls/click?upn=u001.{index:08x}{n:02d}a1B2c3D4e5F6">'
        f"Story {n} of issue {index}</a></td></tr>\n" for n in range(40))
    html = ("<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>Issue</title></head><body><table>\n" + links
            + "</table><p><a href=\"https://acme.example/unsubscribe\">Unsubscribe</a></p>"
            + "<img src=\"https://url1234.acme.example/wf/open?upn=u001.q1W2e3R4t5Y6\" "
            + "width=\"1\" height=\"1\" alt=\"\"></body></html>\n")
    qp = html.replace("=", "=3D")
    return (f"From news@acme.example Mon Nov  2 10:00:00 2026\n"
            f"DKIM-Signature: v=1; d=acme.example; s=k; h=from:subject:list-unsubscribe:list-unsubscribe-post; bh=x; b=y\n"
            f"From: Acme <news@acme.example>\nTo: reader{index}@example.org\nSubject: Issue {index}\n"
            f"Message-ID: <{index}@acme.example>\nMIME-Version: 1.0\n"
            f"List-Unsubscribe: <https://acme.example/u/{index}>\nList-Unsubscribe-Post: List-Unsubscribe=One-Click\n"
            f"Content-Type: multipart/alternative; boundary=\"b{index}\"\n\n"
            f"--b{index}\nContent-Type: text/plain; charset=utf-8\n\nIssue {index}: read it online.\n"
            f"--b{index}\nContent-Type: text/html; charset=utf-8\nContent-Transfer-Encoding: quoted-printable\n\n"
            f"{qp}--b{index}--\n\n")


def mbox_benchmark(binary):
    with tempfile.TemporaryDirectory() as folder:
        path = os.path.join(folder, "generated.mbox")
        written = count = 0
        with open(path, "w") as handle:
            while written < MBOX_BYTES:
                message = generated_message(count)
                handle.write(message)
                written += len(message)
                count += 1
        start = time.perf_counter()
        subprocess.run(["cat", path], stdout=subprocess.DEVNULL, check=True)
        read_time = time.perf_counter() - start
        start = time.perf_counter()
        result = subprocess.run(["/usr/bin/time", "-v", binary, "check", "--quiet", path],
                                stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        elapsed = time.perf_counter() - start
        peak_kb = int(re.search(r"Maximum resident set size \(kbytes\): (\d+)", result.stderr).group(1))
        findings = len([line for line in result.stdout.splitlines() if re.match(r"^\S.*: (error|warning|info): ", line)])
        megabytes = written / 1e6
        print(f"generated mbox: {count:,} messages, {megabytes:,.0f} MB; exit {result.returncode}, {findings} findings")
        print(f"tracklint check (streamed)    : {elapsed:.1f} s  ({megabytes / elapsed:.1f} MB/s, {count / elapsed:,.0f} messages/s)")
        print(f"cat of the same file          : {read_time:.1f} s  (ratio {elapsed / read_time:.0f}x)")
        print(f"peak memory                   : {peak_kb / 1024:.0f} MB (budget: under {MEMORY_BUDGET_MB} MB)")


def generated_html(index):
    """A small newsletter body with a problem or two, so that every run has findings to order."""
    links = "".join(f'<p><a href="https://url1234.acme.example/ls/click?upn=u{index:05d}{n:02d}">Story {n}</a></p>\n'
                    for n in range(10))
    return (f"<!DOCTYPE html><html><head><title>Issue {index}</title></head><body>\n{links}"
            f'<p><a href="/archive/{index}">Archive</a> <a href="#">Terms</a></p>\n'
            f'<img src="https://url1234.acme.example/wf/open?upn=q{index:05d}" width="1" height="1" alt="">\n'
            "</body></html>\n")


def jobs_benchmark(binary):
    """--jobs 1 against --jobs 2 on 10,000 generated files: the same output, in less time."""
    with tempfile.TemporaryDirectory() as folder:
        for index in range(JOBS_FILES):
            subfolder = os.path.join(folder, f"{index // 1000:02d}")
            os.makedirs(subfolder, exist_ok=True)
            with open(os.path.join(subfolder, f"mail{index:05d}.html"), "w") as handle:
                handle.write(generated_html(index))
        outputs = {}
        times = {}
        for jobs in (1, 2):
            command = [binary, "check", "--format", "json", "--jobs", str(jobs), folder]
            times[jobs] = min(wall_time(command, ROUNDS))
            outputs[jobs] = subprocess.run(command, capture_output=True).stdout
        same = "identical" if outputs[1] == outputs[2] else "DIFFERENT"
        print(f"{JOBS_FILES:,} generated files, --jobs 1   : {times[1]:.2f} s")
        print(f"{JOBS_FILES:,} generated files, --jobs 2   : {times[2]:.2f} s  "
              f"(speed-up {times[1] / times[2]:.2f}x on {os.cpu_count()} cores; output {same})")
        if outputs[1] != outputs[2]:
            sys.exit("--jobs 2 changed the output")


if __name__ == "__main__":
    main()
    jobs_benchmark(sys.argv[1])
    mbox_benchmark(sys.argv[1])
