#!/usr/bin/env python3
"""tracklint's accuracy on the shared corpus, measured against our reviewed expectations.

usage: accuracy.py TRACKLINT CORPUS [--min-recall R] [--max-false-positive-rate F] [--min-platform P] [--details]

`corpus-expectations.json` beside this script holds one entry per corpus file (paths relative to
the corpus): codes that must be reported, codes that must not, the platform (or null), whether a
pixel and a List-Unsubscribe header are there, and the context, each with the exact text from the
file that justifies it. Every quote is checked to occur in its file (raw, or in a decoded MIME
part or header) before anything is measured, so an entry cannot rest on text that is not there.

The measures (a code counts once per file, whatever its severity):
  recall               expected codes reported / expected codes
  false-positive rate  must-not codes reported / must-not codes
  platform             platform named right / files labelled with a platform (null labels not scored)
"""
import argparse
import email
import email.policy
import json
import os
import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor

HERE = os.path.dirname(os.path.abspath(__file__))
TABLE = os.path.join(HERE, "corpus-expectations.json")


def decoded_texts(raw):
    """The raw file and every decoded part and header of the message(s) in it."""
    texts = [raw.decode("utf-8", "replace")]
    chunks = [raw]
    if raw.startswith(b"From "):  # an mbox: each member separately
        chunks = [b"From " + c for c in raw.split(b"\nFrom ") if c]
    for chunk in chunks:
        try:
            message = email.message_from_bytes(chunk, policy=email.policy.compat32)
        except Exception:
            continue
        texts.extend(message_texts(message))
    return texts


def message_texts(message):
    texts = []
    for part in message.walk():
        for name, value in part.items():
            try:
                header = email.header.make_header(email.header.decode_header(value))
                texts.append(f"{name}: {header}")
                texts.append(str(header))
            except Exception:
                texts.append(f"{name}: {value}")
        if part.is_multipart():
            continue
        payload = part.get_payload(decode=True)
        if payload is None:
            continue
        charset = part.get_content_charset() or "utf-8"
        for candidate in (charset, "utf-8", "latin-1"):
            try:
                texts.append(payload.decode(candidate, "replace"))
                break
            except LookupError:
                continue
        if part.get_content_type() == "message/rfc822" or payload.startswith(b"Received:") or b"\nContent-Type:" in payload[:4000]:
            try:
                texts.extend(message_texts(email.message_from_bytes(payload, policy=email.policy.compat32)))
            except Exception:
                pass
    return texts


def quotes(entry):
    for key in ("platformQuote", "pixelQuote"):
        if entry.get(key):
            yield key, entry[key]
    for key in ("mustReport", "mustNotReport"):
        for item in entry[key]:
            yield f"{key} {item['code']}", item["quote"]


def check_quotes(entries, corpus):
    missing = []
    for entry in entries:
        path = os.path.join(corpus, entry["path"])
        if not os.path.exists(path):
            missing.append(f"{entry['path']}: the file is not in the corpus")
            continue
        with open(path, "rb") as handle:
            texts = decoded_texts(handle.read())
        for what, quote in quotes(entry):
            if not any(quote in text for text in texts):
                missing.append(f"{entry['path']}: {what}: quote not found: {quote!r}")
    return missing


def lint(tracklint, corpus, entry):
    run = subprocess.run([tracklint, "check", "--no-config", "--format", "json", entry["path"]],
                         cwd=corpus, capture_output=True, timeout=120)
    if run.returncode not in (0, 1):
        return {"error": f"exit {run.returncode}: {run.stderr.decode('utf-8', 'replace').strip()}"}
    output = json.loads(run.stdout)
    codes = {finding["code"] for finding in output["findings"]}
    diagnoses = []
    for item in output["inputs"]:
        if "diagnosis" in item:
            diagnoses.append(item["diagnosis"])
        diagnoses.extend(message["diagnosis"] for message in item.get("messages", []))
    first = diagnoses[0] if diagnoses else {}
    platform = (first.get("platform") or {}).get("name")
    return {"codes": codes, "platform": platform, "stderr": run.stderr.decode("utf-8", "replace")}


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("tracklint")
    parser.add_argument("corpus")
    parser.add_argument("--min-recall", type=float)
    parser.add_argument("--max-false-positive-rate", type=float)
    parser.add_argument("--min-platform", type=float)
    parser.add_argument("--details", action="store_true", help="list every miss")
    args = parser.parse_args()
    tracklint = os.path.abspath(args.tracklint)
    with open(TABLE) as handle:
        entries = json.load(handle)

    on_disk = sorted(os.path.relpath(os.path.join(root, name), args.corpus)
                     for root, _, names in os.walk(args.corpus) for name in names if name != "SOURCES.md")
    unlabelled = sorted(set(on_disk) - {entry["path"] for entry in entries})
    problems = check_quotes(entries, args.corpus)
    problems += [f"{path}: no expectation in the table" for path in unlabelled]
    if problems:
        print("accuracy: the expectations do not fit the corpus:", *problems, sep="\n  ", file=sys.stderr)
        return 2

    with ThreadPoolExecutor(max_workers=os.cpu_count() or 2) as pool:
        results = list(pool.map(lambda entry: lint(tracklint, args.corpus, entry), entries))

    expected = reported = must_not = false_positives = labelled = named = 0
    misses, wrong, platform_misses, errors = [], [], [], []
    for entry, result in zip(entries, results):
        if "error" in result:
            errors.append(f"{entry['path']}: {result['error']}")
            continue
        if result["stderr"]:
            errors.append(f"{entry['path']}: stderr: {result['stderr'].strip()}")
        for item in entry["mustReport"]:
            expected += 1
            if item["code"] in result["codes"]:
                reported += 1
            else:
                misses.append(f"{entry['path']}: {item['code']} not reported ({item['why']}): {item['quote']!r}")
        for item in entry["mustNotReport"]:
            must_not += 1
            if item["code"] in result["codes"]:
                false_positives += 1
                wrong.append(f"{entry['path']}: {item['code']} reported ({item['why']}): {item['quote']!r}")
        if entry["platform"]:
            labelled += 1
            if result["platform"] == entry["platform"]:
                named += 1
            else:
                platform_misses.append(f"{entry['path']}: platform {result['platform']!r}, expected {entry['platform']!r}")

    recall = reported / expected if expected else 1.0
    fp_rate = false_positives / must_not if must_not else 0.0
    platform = named / labelled if labelled else 1.0
    print(f"accuracy over {len(entries)} corpus files:")
    print(f"  recall               {recall:.3f}  ({reported} of {expected} expected codes reported)")
    print(f"  false-positive rate  {fp_rate:.3f}  ({false_positives} of {must_not} must-not codes reported)")
    print(f"  platform             {platform:.3f}  ({named} of {labelled} labelled files named right)")
    if args.details:
        for title, rows in (("missed", misses), ("reported but must not be", wrong), ("platform", platform_misses)):
            if rows:
                print(f"\n{title}:", *rows, sep="\n  ")
    failed = list(errors)
    if args.min_recall is not None and recall < args.min_recall:
        failed.append(f"recall {recall:.3f} is below {args.min_recall}")
    if args.max_false_positive_rate is not None and fp_rate > args.max_false_positive_rate:
        failed.append(f"false-positive rate {fp_rate:.3f} is above {args.max_false_positive_rate}")
    if args.min_platform is not None and platform < args.min_platform:
        failed.append(f"platform {platform:.3f} is below {args.min_platform}")
    if failed:
        print("accuracy: FAILED:", *failed, sep="\n  ", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
