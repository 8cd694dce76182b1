#!/usr/bin/env python3
"""Validates tracklint's SARIF against the official SARIF 2.1.0 schema (Draft 4): every fixture
run (with its .args, the format switched to sarif), the Fixtures folder (also with a code scanning
category and rule pages) and the whole corpus as single runs. Also checks what the schema cannot:
rule indexes, GitHub's text limits, regions that end after they start, one result per finding of
the same run in JSON.

usage: validate_sarif.py TRACKLINT SCHEMA FIXTURES CORPUS
"""
import json
import os
import subprocess
import sys

import jsonschema

LINTABLE = (".html", ".htm", ".twig", ".eml", ".mbox", ".msg.txt")


def run(binary, arguments):
    result = subprocess.run([binary, "check"] + arguments, capture_output=True, text=True)
    if result.returncode not in (0, 1):
        sys.exit(f"tracklint {' '.join(arguments)} exited {result.returncode}: {result.stderr.strip()}")
    return json.loads(result.stdout)


def with_format(arguments, name):
    """The arguments with any --format replaced by --format NAME."""
    kept = []
    skip = False
    for argument in arguments:
        if skip:
            skip = False
        elif argument == "--format":
            skip = True
        else:
            kept.append(argument)
    return kept + ["--format", name]


def problems(log, json_report):
    """What is wrong with a schema-valid log beyond the schema."""
    found = []
    run_ = log["runs"][0]
    rules = run_["tool"]["driver"]["rules"]
    for rule in rules:
        for field in ("shortDescription", "fullDescription"):
            if len(rule[field]["text"]) > 1024:
                found.append(f"{rule['id']}: {field} is over GitHub's 1,024 characters")
    for result in run_["results"]:
        index = result.get("ruleIndex")
        if index is None or rules[index]["id"] != result["ruleId"]:
            found.append(f"result {result['ruleId']}: ruleIndex {index} names another rule")
    for result in run_["results"]:
        region = result["locations"][0]["physicalLocation"].get("region", {})
        if "endColumn" in region and region["endColumn"] <= region.get("startColumn", 0):
            found.append(f"result {result['ruleId']}: region {region} ends before it starts")
    if run_["results"] and "columnKind" not in run_:
        found.append("columnKind missing")
    expected = [finding["code"] for finding in json_report["findings"]]
    actual = [result["ruleId"] for result in run_["results"]]
    if actual != expected:
        found.append(f"results {actual[:5]}... differ from the JSON findings {expected[:5]}...")
    fingerprints = [result["partialFingerprints"]["tracklint/v1"] for result in run_["results"]]
    if len(set(fingerprints)) != len(fingerprints):
        found.append("fingerprints are not unique")
    return found


def main():
    binary, schema_path, fixtures, corpus = sys.argv[1:5]
    with open(schema_path) as handle:
        validator = jsonschema.Draft4Validator(json.load(handle))

    runs = []
    for root, folders, names in os.walk(fixtures):
        folders.sort()
        for name in sorted(names):
            if not name.endswith(LINTABLE):
                continue
            path = os.path.join(root, name)
            arguments = []
            if os.path.exists(path + ".args"):
                with open(path + ".args") as handle:
                    arguments = handle.read().split()
            runs.append(arguments + [path])
    runs.append([fixtures])
    runs.append(["--sarif-category", "fixtures", "--docs-url", "https://example.com/docs/rules/{slug}.md", fixtures])
    runs.append([corpus])

    failures = 0
    results = 0
    for arguments in runs:
        log = run(binary, with_format(arguments, "sarif"))
        errors = [f"{'/'.join(map(str, error.absolute_path))}: {error.message}" for error in validator.iter_errors(log)]
        errors += [] if errors else problems(log, run(binary, with_format(arguments, "json")))
        results += len(log["runs"][0]["results"])
        if errors:
            failures += 1
            print(f"FAIL {' '.join(arguments)}")
            for error in errors[:10]:
                print(f"  {error}")
    print(f"SARIF: {len(runs)} runs, {results} results, {failures} failing the SARIF 2.1.0 schema or our checks")
    sys.exit(1 if failures else 0)


if __name__ == "__main__":
    main()
