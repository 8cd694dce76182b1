#!/usr/bin/env python3
"""The progress line in a real terminal: tmux runs `tracklint check -` on a generated mbox fed
through a pipe over a few seconds (so that the run lasts as long whatever the machine's speed),
with `CI` unset, and the pane (as the user sees it) and its raw output are read.

- On the terminal, the line appears after two seconds (inputs, messages, MB, MB/s, elapsed),
  is redrawn in place (never two progress lines on screen), at most a few times a second, and is
  erased at the end.
- With `CI=1`, with `--no-progress`, with `--quiet`, and with stderr sent to a file, it never appears.

Usage: progress_tmux.py TRACKLINT
"""
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time

MESSAGES = 5_000
# How long the feeder takes to write the mbox into tracklint's standard input.
FEED_SECONDS = 4
FEEDER = """
import sys, time
data = open(sys.argv[1], "rb").read()
slices = 40
for index in range(slices):
    sys.stdout.buffer.write(data[len(data) * index // slices:len(data) * (index + 1) // slices])
    sys.stdout.buffer.flush()
    time.sleep(float(sys.argv[2]) / slices)
"""
PROGRESS = re.compile(r"tracklint: \d+/1 input, [\d,]+ messages?, [\d.]+ MB at [\d.]+ MB/s, \d+:\d\d")
# The meter draws at most every 0.25 s: four a second, and one more for rounding.
MOST_DRAWS_PER_SECOND = 5
TIMEOUT = 120
SOCKET = f"tracklint-progress-{os.getpid()}"


def tmux(*arguments):
    result = subprocess.run(["tmux", "-L", SOCKET, *arguments], capture_output=True, text=True)
    if result.returncode != 0:
        sys.exit(f"progress_tmux.py: tmux {' '.join(arguments[:3])} failed: {result.stderr.strip()}")
    return result.stdout


def write_mbox(path):
    message = (b"From a@x.example Sat Jan  1 00:00:00 2000\nFrom: a@x.example\nSubject: s\n"
               b"Content-Type: text/html\n\n<p><a href=\"https://x.example/a\">a</a></p>\n")
    with open(path, "wb") as handle:
        handle.write(message * MESSAGES)


def run_in_terminal(name, command, raw_log):
    """Runs `command` in a fresh tmux window; returns every screen seen while it ran, and its exit code."""
    tmux("new-session", "-d", "-x", "160", "-y", "20", "-s", name, f"{command}; echo DONE $?; sleep {TIMEOUT}")
    tmux("pipe-pane", "-o", "-t", name, f"cat > {raw_log}")
    screens = []
    started = time.monotonic()
    while time.monotonic() - started < TIMEOUT:
        screen = tmux("capture-pane", "-p", "-t", name)
        screens.append(screen)
        done = re.search(r"DONE (\d+)", screen)
        if done:
            tmux("kill-session", "-t", name)
            return screens, int(done.group(1))
        time.sleep(0.1)
    tmux("kill-session", "-t", name)
    return screens, None


def check(name, binary, mbox, folder, environment, extra="", stderr_to_file=False, shows=False):
    raw_log = os.path.join(folder, f"{name}.raw")
    stderr_file = os.path.join(folder, f"{name}.stderr")
    redirect = f"2> {stderr_file}" if stderr_to_file else ""
    feeder = os.path.join(folder, "feed.py")
    command = f"{sys.executable} {feeder} {mbox} {FEED_SECONDS} | {environment} {binary} check {extra} - > /dev/null {redirect}"
    started = time.monotonic()
    screens, code = run_in_terminal(name, command, raw_log)
    seconds = time.monotonic() - started
    problems = []
    if code not in (0, 1):
        problems.append(f"exit {code}")
    if seconds < 3:
        problems.append(f"the run took {seconds:.1f} s, too short to show progress: raise FEED_SECONDS")
    seen = [screen for screen in screens if PROGRESS.search(screen)]
    with open(raw_log, "rb") as handle:
        raw = handle.read()
    draws = raw.count(b"\rtracklint: ")
    if shows:
        if not seen:
            problems.append("no progress line was shown")
        if any(len(PROGRESS.findall(screen)) > 1 for screen in screens):
            problems.append("two progress lines on the screen: it was not redrawn in place")
        if "tracklint:" in screens[-1]:
            problems.append(f"the progress line was not erased: {screens[-1].strip()!r}")
        if draws > MOST_DRAWS_PER_SECOND * seconds:
            problems.append(f"{draws} draws in {seconds:.1f} s")
        if not raw.rstrip(b"\r\nDONE 01").endswith(b"\r\x1b[K"):
            problems.append(f"the run did not end by erasing the line: ...{raw[-60:]!r}")
    else:
        if seen or draws:
            problems.append(f"a progress line was shown: {seen[0].strip() if seen else raw[:80]!r}")
        if stderr_to_file and os.path.getsize(stderr_file):
            problems.append("stderr (a file) got output")
    print(f"{'ok  ' if not problems else 'FAIL'} progress {name:12} {seconds:5.1f} s, {len(seen)} screens with the line, "
          f"{draws} draws" + (f", last: {PROGRESS.findall(seen[-1])[-1]!r}" if seen else "")
          + (f"  <- {'; '.join(problems)}" if problems else ""))
    return not problems


def main():
    binary = os.path.abspath(sys.argv[1])
    if not shutil.which("tmux"):
        sys.exit("progress_tmux.py: tmux is not installed (make test installs it)")
    folder = tempfile.mkdtemp(prefix="tracklint-progress-")
    try:
        mbox = os.path.join(folder, "long.mbox")
        write_mbox(mbox)
        with open(os.path.join(folder, "feed.py"), "w", encoding="utf-8") as handle:
            handle.write(FEEDER)
        # A session that outlives the checks' own: the server stays up between them (a new session
        # made while the server is exiting after the last one fails).
        tmux("new-session", "-d", "-s", "keep", f"sleep {TIMEOUT * 5}")
        results = [
            check("terminal", binary, mbox, folder, "env -u CI", shows=True),
            check("ci", binary, mbox, folder, "env CI=1"),
            check("no-progress", binary, mbox, folder, "env -u CI", extra="--no-progress"),
            check("quiet", binary, mbox, folder, "env -u CI", extra="--quiet"),
            check("stderr-file", binary, mbox, folder, "env -u CI", stderr_to_file=True),
        ]
    finally:
        subprocess.run(["tmux", "-L", SOCKET, "kill-server"], capture_output=True)
        shutil.rmtree(folder, ignore_errors=True)
    return 0 if all(results) else 1


if __name__ == "__main__":
    sys.exit(main())
