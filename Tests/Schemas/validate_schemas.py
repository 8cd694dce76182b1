#!/usr/bin/env python3
"""Checks the JSON Schemas in schemas/ against what tracklint reads and writes:

- the config schema accepts the README's config example, every fixture config and what
  `tracklint init` writes, and rejects the configs tracklint refuses (exit 2) or warns about;
- the output schema accepts the `--format json` report of every fixture (with its .args) and of
  the Fixtures folder, with every object closed, so that a key the schema does not name fails
  here (the published schema stays open: additions keep schemaVersion);
- the JSON Lines schema accepts the lines a report's findings, inputs and summary make, and
  rejects a line without its type or fields; when the binary has `--format jsonl` (issue 15),
  every line it writes for every fixture run is validated too.

usage: validate_schemas.py TRACKLINT SCHEMAS FIXTURES README
"""
import copy
import json
import os
import re
import subprocess
import sys
import tempfile

import jsonschema
import referencing

LINTABLE = (".html", ".htm", ".twig", ".eml", ".mbox", ".msg.txt")
CONFIG_NAMES = (".tracklint.json",)

# Configs tracklint refuses (exit 2), or only warns about (exit 0 or 1, a warning): the schema
# rejects every one.
REFUSED = [
    {"stage": "later"},
    {"context": "newsletter"},
    {"failOn": "sometimes"},
    {"baseURL": "/relative/"},
    {"docsURL": "docs/rules"},
    {"online": "yes"},
    {"trackingDomains": "click.example.com"},
    {"rules": {"TL301": "loud"}},
    {"rules": []},
    {"overrides": [{"rules": {"TL301": "off"}}]},
    {"root": "yes"},
    {"extensions": ["email/tpl"]},
    {"extensions": "tpl"},
]
WARNED = [{"rootFolder": True}]


def load(path):
    with open(path, encoding="utf-8") as handle:
        return json.load(handle)


def closed(schema):
    """The schema with additionalProperties false wherever an object names its properties."""
    schema = copy.deepcopy(schema)

    def visit(node):
        if isinstance(node, dict):
            if "properties" in node and "additionalProperties" not in node:
                node["additionalProperties"] = False
            for value in node.values():
                visit(value)
        elif isinstance(node, list):
            for value in node:
                visit(value)

    visit(schema)
    return schema


def errors(validator, instance):
    return [f"{'/'.join(map(str, error.absolute_path)) or '(root)'}: {error.message}" for error in validator.iter_errors(instance)]


def readme_config(readme):
    """The JSON block of the README's Config section."""
    with open(readme, encoding="utf-8") as handle:
        text = handle.read()
    section = text[text.index("### Config"):]
    return json.loads(re.search(r"```json\n(.*?)```", section, re.S).group(1))


def lint_config(binary, config, folder):
    """Exit code and stderr of a check run with this config beside a small template."""
    path = os.path.join(folder, ".tracklint.json")
    with open(path, "w", encoding="utf-8") as handle:
        json.dump(config, handle)
    template = os.path.join(folder, "a.html")
    with open(template, "w", encoding="utf-8") as handle:
        handle.write('<a href="https://x.example/">x</a>\n')
    result = subprocess.run([binary, "check", "--config", path, template], capture_output=True, text=True)
    return result.returncode, result.stderr


def check_configs(binary, validator, fixtures, readme, folder):
    failures = []
    configs = {"README.md example": readme_config(readme)}
    for root, folders, names in os.walk(fixtures):
        folders.sort()
        for name in sorted(names):
            if name in CONFIG_NAMES:
                configs[os.path.join(root, name)] = load(os.path.join(root, name))
    init_folder = os.path.join(folder, "init")
    os.mkdir(init_folder)
    subprocess.run([binary, "init"], cwd=init_folder, check=True, capture_output=True)
    configs["tracklint init"] = load(os.path.join(init_folder, ".tracklint.json"))
    for name, config in configs.items():
        found = errors(validator, config)
        code, stderr = lint_config(binary, config, folder)
        if code not in (0, 1) or stderr:
            found.append(f"tracklint exits {code} with it: {stderr.strip()}")
        failures += [f"config {name}: {error}" for error in found]
    for config in REFUSED + WARNED:
        code, stderr = lint_config(binary, config, folder)
        expected = "warning" if config in WARNED else "error"
        if not errors(validator, config):
            failures.append(f"config {json.dumps(config)}: the schema accepts it")
        if f"tracklint: {expected}: config" not in stderr or (code == 2) != (expected == "error"):
            failures.append(f"config {json.dumps(config)}: tracklint exits {code} ({stderr.strip()}), not with an {expected}")
    print(f"config schema: {len(configs)} configs accepted, {len(REFUSED) + len(WARNED)} refused ones rejected")
    return failures


def fixture_runs(fixtures):
    runs = []
    for root, folders, names in os.walk(fixtures):
        folders.sort()
        for name in sorted(names):
            if name.endswith(LINTABLE):
                path = os.path.join(root, name)
                arguments = []
                if os.path.exists(path + ".args"):
                    with open(path + ".args") as handle:
                        arguments = handle.read().split()
                # The format is the test's to choose: drop any --format and its value.
                kept = [argument for index, argument in enumerate(arguments)
                        if argument != "--format" and (index == 0 or arguments[index - 1] != "--format")]
                runs.append(kept + [path])
    return runs + [[fixtures]]


def report(binary, arguments):
    result = subprocess.run([binary, "check", *arguments, "--format", "json"], capture_output=True, text=True)
    if result.returncode not in (0, 1):
        sys.exit(f"tracklint {' '.join(arguments)} exited {result.returncode}: {result.stderr.strip()}")
    return json.loads(result.stdout)


def check_output(binary, output_schema, fixtures):
    validator = jsonschema.Draft202012Validator(closed(output_schema))
    failures = []
    reports = []
    for arguments in fixture_runs(fixtures):
        document = report(binary, arguments)
        reports.append(document)
        failures += [f"json {' '.join(arguments)}: {error}" for error in errors(validator, document)[:5]]
    findings = sum(len(document["findings"]) for document in reports)
    print(f"output schema: {len(reports)} reports, {findings} findings, every key named by the schema")
    return failures, reports


def jsonl_validator(output_schema, jsonl_schema):
    """The JSON Lines schema, with the output schema it refers to (both open, as published)."""
    registry = referencing.Registry().with_resources(
        [(schema["$id"], referencing.Resource.from_contents(schema)) for schema in (output_schema, jsonl_schema)])
    return jsonschema.Draft202012Validator(jsonl_schema, registry=registry)


def check_jsonl(output_schema, jsonl_schema, reports):
    validator = jsonl_validator(output_schema, jsonl_schema)
    failures = []
    lines = 0
    for document in reports:
        made = [{"type": "finding", **finding} for finding in document["findings"]]
        made += [{"type": "input", **entry} for entry in document["inputs"]]
        made.append({"type": "summary", **document["summary"]})
        for line in made:
            lines += 1
            failures += [f"jsonl {line['type']}: {error}" for error in errors(validator, line)[:3]]
    finding = {"type": "finding", **reports[0]["findings"][0]} if reports[0]["findings"] else None
    wrong = [{"inputs": 1, "messages": 0, "errors": 0, "warnings": 0, "infos": 0}, {"type": "verdict"}]
    if finding:
        wrong.append({key: value for key, value in finding.items() if key != "code"})
    for line in wrong:
        if not errors(validator, line):
            failures.append(f"jsonl: the schema accepts {json.dumps(line)[:120]}")
    print(f"jsonl schema: {lines} lines from the reports accepted, {len(wrong)} wrong lines rejected")
    return failures


def has_jsonl(binary):
    """Whether `check --format` offers jsonl, as the help lists the formats the command accepts."""
    help_text = subprocess.run([binary, "check", "--help"], capture_output=True, text=True, check=True).stdout
    return any(re.search(r"--format \S*\bjsonl\b", line) for line in help_text.splitlines())


def check_jsonl_output(binary, output_schema, jsonl_schema, fixtures):
    validator = jsonl_validator(output_schema, jsonl_schema)
    failures = []
    lines = 0
    for arguments in fixture_runs(fixtures):
        result = subprocess.run([binary, "check", *arguments, "--format", "jsonl"], capture_output=True, text=True)
        if result.returncode not in (0, 1):
            failures.append(f"jsonl {' '.join(arguments)}: exit {result.returncode}: {result.stderr.strip()}")
            continue
        written = [json.loads(line) for line in result.stdout.splitlines()]
        if not written or written[-1].get("type") != "summary":
            failures.append(f"jsonl {' '.join(arguments)}: the last line is not the summary")
        for line in written:
            lines += 1
            failures += [f"jsonl {' '.join(arguments)}: {error}" for error in errors(validator, line)[:3]]
    print(f"jsonl output: {lines} lines written by --format jsonl accepted")
    return failures


def main():
    binary, schemas, fixtures, readme = os.path.abspath(sys.argv[1]), *sys.argv[2:5]
    config_schema = load(os.path.join(schemas, "tracklint-config.schema.json"))
    output_schema = load(os.path.join(schemas, "tracklint-output.schema.json"))
    jsonl_schema = load(os.path.join(schemas, "tracklint-jsonl.schema.json"))
    for schema in (config_schema, output_schema, jsonl_schema):
        jsonschema.Draft202012Validator.check_schema(schema)
    with tempfile.TemporaryDirectory(prefix="tracklint-schemas-") as folder:
        failures = check_configs(binary, jsonschema.Draft202012Validator(config_schema), fixtures, readme, folder)
    output_failures, reports = check_output(binary, output_schema, fixtures)
    failures += output_failures + check_jsonl(output_schema, jsonl_schema, reports)
    if has_jsonl(binary):
        failures += check_jsonl_output(binary, output_schema, jsonl_schema, fixtures)
    else:
        print("jsonl output: this tracklint has no --format jsonl yet; only the schema was checked")
    for failure in failures:
        print(f"FAIL {failure}")
    sys.exit(1 if failures else 0)


if __name__ == "__main__":
    main()
