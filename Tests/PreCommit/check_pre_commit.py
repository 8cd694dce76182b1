#!/usr/bin/env python3
"""The pre-commit hooks, with the real pre-commit package, as the README shows them.

Usage: check_pre_commit.py TRACKLINT

Validates .pre-commit-hooks.yaml, then in a scratch git repository writes the
.pre-commit-config.yaml of the README's pre-commit section (the repository's URL and rev replaced
by a snapshot of this checkout's hooks file, so uncommitted changes count) and, with TRACKLINT's
folder first on PATH, checks that the `tracklint` hook blocks a commit adding a broken template,
lets a clean one through, and is skipped for a commit with no template.
"""
import os
import re
import shutil
import subprocess
import sys
import tempfile

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
from checklist import Checklist  # noqa: E402 (Tests/checklist.py)

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
PUBLISHED_REPO = "https://github.com/tracklint/tracklint"


def run(arguments, folder, environment):
    return subprocess.run(arguments, cwd=folder, env=environment, capture_output=True, text=True)


def readme_config():
    """The first YAML block of the README's pre-commit section."""
    with open(os.path.join(ROOT, "README.md"), encoding="utf-8") as handle:
        readme = handle.read()
    section = readme.split("### pre-commit", 1)[1]
    return re.search(r"```yaml\n(.*?)```", section, re.S).group(1)


def snapshot_of_hooks(folder, environment):
    """A one-commit repository holding this checkout's .pre-commit-hooks.yaml; its commit."""
    os.makedirs(folder)
    shutil.copy(os.path.join(ROOT, ".pre-commit-hooks.yaml"), folder)
    for command in (["git", "init", "-q"], ["git", "add", "."], ["git", "commit", "-q", "-m", "hooks"]):
        subprocess.run(command, cwd=folder, env=environment, check=True)
    return run(["git", "rev-parse", "HEAD"], folder, environment).stdout.strip()


def commit_templates(project, environment, check):
    """Three commits: a broken template (blocked), a clean one, a file that is no template."""
    demo = os.path.join(ROOT, "Fixtures", "demo")
    shutil.copy(os.path.join(demo, "broken-template.html"), os.path.join(project, "welcome.html"))
    run(["git", "add", "welcome.html"], project, environment)
    blocked = run(["git", "commit", "-m", "broken"], project, environment)
    output = blocked.stdout + blocked.stderr
    no_commit = run(["git", "rev-parse", "--verify", "-q", "HEAD"], project, environment).returncode != 0
    check(blocked.returncode != 0 and no_commit, "a commit adding a broken template is blocked", output)
    check("welcome.html:13:57: error: Link `/sale` is relative" in output and "[TL301 href-relative]" in output,
          "the hook prints the findings", output)

    shutil.copy(os.path.join(demo, "clean-template.html"), os.path.join(project, "welcome.html"))
    run(["git", "add", "welcome.html"], project, environment)
    passed = run(["git", "commit", "-m", "clean"], project, environment)
    output = passed.stdout + passed.stderr
    check(passed.returncode == 0 and re.search(r"tracklint\.+Passed", output), "a commit adding a clean template passes", output)

    shutil.copy(os.path.join(demo, "broken-template.html"), os.path.join(project, "notes.txt"))
    run(["git", "add", "notes.txt"], project, environment)
    skipped = run(["git", "commit", "-m", "notes"], project, environment)
    output = skipped.stdout + skipped.stderr
    check(skipped.returncode == 0 and "(no files to check)Skipped" in output, "a commit with no template skips the hook", output)


def main():
    tracklint = os.path.abspath(sys.argv[1])
    pre_commit = [sys.executable, "-m", "pre_commit"]
    scratch = tempfile.mkdtemp(prefix="tracklint-pre-commit-")
    environment = dict(os.environ, PATH=os.path.dirname(tracklint) + os.pathsep + os.environ["PATH"],
                       PRE_COMMIT_HOME=os.path.join(scratch, "cache"), NO_COLOR="1", GIT_CONFIG_GLOBAL=os.devnull,
                       GIT_AUTHOR_NAME="t", GIT_AUTHOR_EMAIL="t@example.com",
                       GIT_COMMITTER_NAME="t", GIT_COMMITTER_EMAIL="t@example.com")
    checklist = Checklist("check_pre_commit")
    check = checklist.check
    manifest = run(pre_commit + ["validate-manifest", os.path.join(ROOT, ".pre-commit-hooks.yaml")], ROOT, environment)
    check(manifest.returncode == 0, "pre-commit accepts .pre-commit-hooks.yaml", manifest.stdout + manifest.stderr)

    hooks_repo = os.path.join(scratch, "tracklint")
    revision = snapshot_of_hooks(hooks_repo, environment)
    config = readme_config()
    check(PUBLISHED_REPO in config and "id: tracklint\n" in config, "the README's config uses the `tracklint` hook", config)
    config = config.replace(PUBLISHED_REPO, hooks_repo)
    config = re.sub(r"rev: \S+", f"rev: {revision}", config)

    project = os.path.join(scratch, "project")
    os.makedirs(project)
    with open(os.path.join(project, ".pre-commit-config.yaml"), "w", encoding="utf-8") as handle:
        handle.write(config)
    run(["git", "init", "-q"], project, environment)
    installed = run(pre_commit + ["install"], project, environment)
    check(installed.returncode == 0, "pre-commit install", installed.stdout + installed.stderr)
    run(["git", "add", ".pre-commit-config.yaml"], project, environment)

    commit_templates(project, environment, check)
    shutil.rmtree(scratch, ignore_errors=True)
    return checklist.finish("the hook blocks broken templates and passes clean ones")


if __name__ == "__main__":
    sys.exit(main())
