#!/usr/bin/env python3
"""Differential test: the text/html parts tracklint extracts from every message in the corpus,
compared with Python's `email` package (policy.default, get_content()).

Usage: compare_with_python_email.py TRACKLINT_BINARY MESSAGES_FOLDER

Parts are compared in order within each file, after normalising line endings and trailing white
space. Every difference must be in ALLOWED, with the reason. The test passes when no difference is
unexplained and at least 97% of the parts agree: identical, or different only where ALLOWED says
Python is the one that is wrong. Prints both figures; exits 1 on failure.
"""
import email
import email.policy
import json
import mailbox
import os
import subprocess
import sys

THRESHOLD = 0.97

# (file name, index of the html part in the file): why the two readings differ and who is right.
ALLOWED = {
    ("raw_email_with_illegal_boundary.eml", 0):
        "Python is wrong: the unquoted boundary `----=_NextPart_000_0093_01C81419.EB75E850` holds `=`; "
        "Python's parameter parser stops at it, reads the boundary as `----` and finds no parts. Mail "
        "clients read the whole token, as tracklint does, and show the HTML part.",
    ("mail_test_9.eml", 0):
        "Python is wrong: the part says charset=gb2312 but uses GBK characters (U+5C44 among them). "
        "Browsers and mail clients decode the gb2312 label as GBK/GB18030, as tracklint does; "
        "Python's strict gb2312 codec replaces them with U+FFFD.",
}


def normalise(text):
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    return "\n".join(line.rstrip() for line in lines).rstrip()


def python_messages(path):
    if path.endswith(".mbox"):
        box = mailbox.mbox(path, create=False)
        return [email.message_from_bytes(box.get_bytes(key), policy=email.policy.default) for key in box.keys()]
    with open(path, "rb") as handle:
        return [email.message_from_bytes(handle.read(), policy=email.policy.default)]


def python_html_parts(path):
    parts = []
    for message in python_messages(path):
        for part in message.walk():
            if part.get_content_type() != "text/html" or part.get_content_disposition() == "attachment":
                continue
            try:
                parts.append(part.get_content())
            except Exception as error:  # Python gives up on some malformed parts
                parts.append(f"<python could not decode: {error}>")
    return parts


def tracklint_html_parts(binary, path):
    result = subprocess.run([binary, "extract", "--format", "json", path], capture_output=True)
    if result.returncode == 2 and b"has no text/html part" in result.stderr:
        return []
    if result.returncode != 0:
        raise SystemExit(f"tracklint extract failed on {path}: {result.stderr.decode()}")
    return [entry["html"] for entry in json.loads(result.stdout)]


def main():
    binary, folder = sys.argv[1], sys.argv[2]
    files = sorted(os.path.join(root, name) for root, _, names in os.walk(folder) for name in names)
    if not files:
        sys.exit(f"differential test: no messages in {folder}")
    total = identical = 0
    unexplained = []
    for path in files:
        ours = tracklint_html_parts(binary, path)
        theirs = python_html_parts(path)
        for index in range(max(len(ours), len(theirs))):
            total += 1
            mine = normalise(ours[index]) if index < len(ours) else None
            other = normalise(theirs[index]) if index < len(theirs) else None
            if mine == other:
                identical += 1
                continue
            key = (os.path.basename(path), index)
            if key not in ALLOWED:
                detail = "missing in tracklint" if mine is None else "missing in Python" if other is None else first_difference(mine, other)
                unexplained.append(f"{key}: {detail}")
    allowed = total - identical - len(unexplained)
    share = identical / total if total else 1.0
    agreement = (identical + allowed) / total if total else 1.0
    print(f"differential test: {identical} of {total} text/html parts identical ({share:.1%}); "
          f"{allowed} allowed differences where Python is wrong ({agreement:.1%} agreement); "
          f"{len(unexplained)} unexplained")
    for line in unexplained:
        print("  " + line)
    return 0 if agreement >= THRESHOLD and not unexplained else 1


def first_difference(mine, other):
    for position, (a, b) in enumerate(zip(mine, other)):
        if a != b:
            return f"differs at {position}: tracklint {mine[max(0, position - 30):position + 30]!r} vs python {other[max(0, position - 30):position + 30]!r}"
    return f"lengths {len(mine)} vs {len(other)}"


if __name__ == "__main__":
    sys.exit(main())
