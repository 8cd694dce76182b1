"""The checks of a test script: each printed as ok or FAIL (a failure with its detail), and the
script's exit code from them."""
import sys


class Checklist:
    def __init__(self, script):
        self.script = script
        self.failures = []

    def check(self, condition, what, detail=""):
        print(("  ok    " if condition else "  FAIL  ") + what)
        if not condition:
            self.failures.append(what)
            if detail.strip():
                print("        " + detail.strip()[:2000].replace("\n", "\n        "))

    def finish(self, passed):
        """1 with the number of failed checks on stderr, else 0 with what PASSED says."""
        if self.failures:
            print(f"{self.script}: {len(self.failures)} check(s) failed", file=sys.stderr)
            return 1
        print(f"{self.script}: {passed}")
        return 0
