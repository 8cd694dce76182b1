"""The broken environments of issue 14, each row run against the built binary: what it must do
(exit code, standard error word for word, what the report must say) within 10 s and 512 MB (a
row may have a smaller budget: row 12's baseline, 400 MB).

Each row writes what it needs into a folder of its own, readable by everyone (row 8 runs as the
unprivileged user nobody, through setpriv, when the suite runs as root).
"""
import json
import os
import stat
import subprocess
from dataclasses import dataclass, field

from measure import measure

MB = 1024 * 1024
LIMIT = 32 * MB
HTML = b'<html><body><a href="https://x.example/">x</a><img src="images/logo.png" alt=""></body></html>\n'
UNPRIVILEGED = ["/usr/bin/setpriv", "--reuid=65534", "--regid=65534", "--clear-groups"]


@dataclass
class Row:
    """One row: the arguments after the binary, the environment, and what must come of it.
    `exit` -13 means ended by SIGPIPE, as a Unix filter whose reader has gone. `prepare`, when
    given, is called with the binary before the measured run (to write what needs the binary)."""
    arguments: list
    exit: int
    stderr: str = ""
    stdin: object = "/dev/null"
    stdout: str = "report"
    output: list = field(default_factory=list)
    seconds: float = 10
    megabytes: float = 512
    unprivileged: bool = False
    prepare: object = None


def write(path, data):
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "wb") as handle:
        handle.write(data)


def cut_message(name, total=None):
    size = f"{total} bytes" if total else f"longer than {LIMIT} bytes"
    return f"{name}: error: Input is {size}; only the first {LIMIT} were read [TL106 input-limit]"


def endless_stdin(folder):
    return Row(["check", "-"], 1, stdin="/dev/zero", output=[cut_message("<stdin>")])


def piped_300_mb(folder):
    return Row(["check", "-"], 1, stdin={"pipe_from": "/dev/zero", "count": 300_000_000}, output=[cut_message("<stdin>")])


def file_of_100_mb(folder):
    write(os.path.join(folder, "big.html"), HTML * (100 * MB // len(HTML)) + b"x" * (100 * MB % len(HTML)))
    return Row(["check", "big.html"], 1, output=[cut_message("big.html", 100 * MB)])


def mbox_piped_past_the_limit(folder):
    # 10,000 small messages (more than the limit together) with one of 40 MB among them: 75 MB
    # through a pipe, each message linted (TL206 in every one), the big one cut.
    message = (b"From a@x.example Sat Jan  1 00:00:00 2000\nFrom: a@x.example\nSubject: m\nContent-Type: text/html\n\n"
               + HTML + b"<p>" + b"y" * 3500 + b"</p>\n\n")
    big = message.replace(b"</p>", b"z" * (40 * MB) + b"</p>")
    path = os.path.join(folder, "archive.mbox")
    with open(path, "wb") as handle:
        for index in range(10_000):
            handle.write(big if index == 5_000 else message)
    return Row(["check", "--statistics", "-"], 1, stdin={"pipe_from": path},
               output=["10000  TL206", "    1  TL106  input-limit"])


def closed_stdin(folder):
    return Row(["check", "-"], 2, stdin="closed", stderr="tracklint: error: <stdin>: cannot be read (Bad file descriptor)\n")


def folder_as_stdin(folder):
    return Row(["check", "-"], 2, stdin=folder, stderr="tracklint: error: <stdin>: cannot be read (Is a directory)\n")


def closed_stdout(folder):
    write(os.path.join(folder, "x.html"), HTML)
    return Row(["check", "x.html"], 2, stdout="closed",
               stderr="tracklint: error: cannot write to standard output (Bad file descriptor)\n")


def full_stdout(folder):
    write(os.path.join(folder, "x.html"), HTML)
    return Row(["check", "--format", "json", "x.html"], 2, stdout="/dev/full",
               stderr="tracklint: error: cannot write to standard output (No space left on device)\n")


def full_output_file(folder):
    write(os.path.join(folder, "x.html"), HTML)
    return Row(["check", "--format", "html", "--output", "/dev/full", "x.html"], 2,
               stderr="tracklint: error: cannot write `/dev/full` (No space left on device)\n")


def exponential_glob(folder):
    name = "a" * 200
    write(os.path.join(folder, name, "x.html"), HTML)
    write(os.path.join(folder, ".tracklint.json"), b'{"root": true, "exclude": ["' + b"*a" * 13 + b'b"]}')
    return Row(["check", "."], 0, output=[f"./{name}/x.html:1:"], seconds=1)


def many_double_stars(folder):
    deep = "/".join(["d"] * 30)
    write(os.path.join(folder, deep, "x.html"), HTML)
    write(os.path.join(folder, ".tracklint.json"), b'{"root": true, "exclude": ["' + b"**/" * 12 + b'nomatch"]}')
    return Row(["check", "."], 0, output=[f"./{deep}/x.html:1:"], seconds=1)


def unreadable_folder(folder):
    write(os.path.join(folder, "ok.html"), HTML)
    write(os.path.join(folder, "locked", "inside.html"), HTML)
    os.chmod(os.path.join(folder, "locked"), 0)
    return Row(["check", "."], 2, stderr="tracklint: error: ./locked: cannot be read (Permission denied)\n",
               output=["./ok.html:1:"], unprivileged=True)


def name_not_utf8(folder):
    write(os.path.join(os.fsencode(folder), b"\xff.html"), HTML)
    return Row(["check", "."], 0, output=["./\\xFF.html:1:"])


def name_not_utf8_given(folder):
    write(os.path.join(os.fsencode(folder), b"\xff.html"), HTML)
    return Row(["check", os.fsdecode(b"\xff.html")], 0, output=["\\xFF.html:1:"])


def linked_folder(folder):
    write(os.path.join(folder, "real", "x.html"), HTML)
    write(os.path.join(folder, "real", "sub", "y.html"), HTML)
    os.symlink(".", os.path.join(folder, "real", "self"))
    os.symlink("..", os.path.join(folder, "real", "sub", "up"))
    os.symlink("real", os.path.join(folder, "link"))
    return Row(["check", "link"], 0, output=["link/sub/y.html:1:", "link/x.html:1:", "in 2 inputs"])


def deep_tree(folder):
    write(os.path.join(folder, "ok.html"), HTML)
    # 10,000 folders, each made inside the last: the whole path is far past PATH_MAX.
    descriptor = os.open(folder, os.O_RDONLY)
    for _ in range(10_000):
        os.mkdir("d", dir_fd=descriptor)
        inner = os.open("d", os.O_RDONLY, dir_fd=descriptor)
        os.close(descriptor)
        descriptor = inner
    with open(os.open("x.html", os.O_WRONLY | os.O_CREAT, 0o644, dir_fd=descriptor), "wb") as handle:
        handle.write(HTML)
    os.close(descriptor)
    deepest = "./" + "/".join(["d"] * 101)
    return Row(["check", "."], 2, stderr=f"tracklint: error: {deepest}: is more than 100 folders deep; not read\n",
               output=["./ok.html:1:"])


def large_baseline(folder):
    # A million entries for 10,000 other files after the template's own (sorted by path, as
    # --write-baseline writes them): loaded in one pass, the template's findings accepted, and the
    # other files' entries not called stale, as in a pre-commit run over one file.
    write(os.path.join(folder, "x.html"), HTML)

    def write_baseline(binary):
        subprocess.run([binary, "check", "--write-baseline", "own.json", "x.html"], cwd=folder, check=True, capture_output=True)
        with open(os.path.join(folder, "own.json"), encoding="utf-8") as handle:
            own = json.load(handle)["findings"]
        with open(os.path.join(folder, "baseline.json"), "w", encoding="utf-8") as handle:
            handle.write('{\n  "tool": "tracklint",\n  "baselineVersion": 1,\n  "findings": [\n')
            handle.writelines(f"    {json.dumps(entry)},\n" for entry in own)
            entries = 1_000_000
            for index in range(entries):
                entry = {"path": f"mails/campaign-{index // 100:05}.html", "code": "TL301",
                         "evidence": f"/products/item-{index}?utm_source=newsletter", "context": f"{index:032x}", "count": 1}
                handle.write(f"    {json.dumps(entry)}{',' if index < entries - 1 else ''}\n")
            handle.write("  ]\n}\n")

    return Row(["check", "--baseline", "baseline.json", "x.html"], 0, output=["No problems found in 1 input.\n"],
               megabytes=400, prepare=write_baseline)


def reader_leaves_early(folder):
    for index in range(400):
        write(os.path.join(folder, f"f{index:03}.html"), HTML * 50)
    return Row(["check", "."], -13, stdout="head")


# The rows, by number.
ROWS = [("1", endless_stdin), ("1", piped_300_mb), ("1", file_of_100_mb), ("1", mbox_piped_past_the_limit),
        ("2", closed_stdin), ("2", folder_as_stdin), ("3", closed_stdout), ("4", full_stdout), ("5", full_output_file),
        ("6", exponential_glob), ("7", many_double_stars), ("8", unreadable_folder), ("9", name_not_utf8),
        ("9", name_not_utf8_given), ("10", linked_folder), ("11", deep_tree), ("12", large_baseline), ("13", reader_leaves_early)]


def run_row(binary, folder, row):
    """The problems with one row's run (empty when it did what it must), and its measurements."""
    report = os.path.join(folder, ".report")
    errors = os.path.join(folder, ".stderr")
    prefix = UNPRIVILEGED if row.unprivileged and os.getuid() == 0 else []
    stdout = report if row.stdout == "report" else row.stdout
    if row.prepare:
        row.prepare(binary)
    code, seconds, megabytes = measure(prefix + [binary] + row.arguments, folder, row.seconds, stdin=row.stdin,
                                       stdout=stdout, stderr=errors)
    with open(errors, encoding="utf-8", errors="replace") as handle:
        stderr = handle.read()
    text = ""
    if row.stdout == "report":
        with open(report, encoding="utf-8", errors="replace") as handle:
            text = handle.read()
    problems = []
    if code != row.exit:
        problems.append(f"exit {code}, not {row.exit}")
    if stderr != row.stderr:
        problems.append(f"stderr {stderr[:300]!r}, not {row.stderr!r}")
    problems += [f"no {wanted!r} in the report" for wanted in row.output if wanted not in text]
    if seconds > row.seconds:
        problems.append(f"took {seconds:.1f} s of CPU (budget {row.seconds} s)")
    if megabytes > row.megabytes:
        problems.append(f"peak {megabytes:.0f} MB (budget {row.megabytes:.0f} MB)")
    return problems, seconds, megabytes, code


def remove(folder):
    # `rm -rf` walks 10,000 folders deep, which Python's rmtree cannot; a locked folder is opened first.
    for entry in os.scandir(folder):
        if entry.is_dir(follow_symlinks=False):
            os.chmod(entry.path, stat.S_IRWXU)
    subprocess.run(["rm", "-rf", folder], check=True)


def run_all(binary, base, chosen):
    """Runs every row (or the chosen ones) in folders under `base`; returns the failed rows' names."""
    os.chmod(base, 0o755)  # open to the unprivileged user, as is each row's folder
    copied = os.path.join(base, "tracklint")
    subprocess.run(["cp", binary, copied], check=True)
    os.chmod(copied, 0o755)
    failures = []
    for number, make in ROWS:
        if chosen and make.__name__ not in chosen:
            continue
        folder = os.path.join(base, make.__name__)
        os.mkdir(folder, 0o755)
        row = make(folder)
        problems, seconds, megabytes, code = run_row(copied, folder, row)
        status = "ok  " if not problems else "FAIL"
        print(f"{status} row {number:>2} {make.__name__:26} {seconds:6.2f} s CPU  {megabytes:6.0f} MB peak  exit {code}"
              + (f"  <- {'; '.join(problems)}" if problems else ""))
        if problems:
            failures.append(make.__name__)
        remove(folder)
    return failures
