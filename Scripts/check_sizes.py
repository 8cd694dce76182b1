#!/usr/bin/env python3
"""Fails when a Swift source file under the given folders has more than 400 lines or a function
(func, init, subscript, accessor-less closure bodies excluded) longer than 60 lines, from its
declaration to its closing brace. Braces inside strings and comments are ignored.

usage: check_sizes.py [FOLDER ...]   (default: Sources)
"""
import re
import sys
from pathlib import Path

MAX_FILE_LINES = 400
MAX_FUNCTION_LINES = 60
DECLARATION = re.compile(r"\b(func\s+[^\s(<]+|init[?!]?\s*[(<]|subscript\s*[(<]|deinit\b)")


def code_only(text):
    """The text with string contents and comments replaced by spaces (line breaks kept), so that
    braces and keywords are those of the code. Handles `//`, nested `/* */`, "..." with escapes
    and interpolation, raw strings `#"..."#` and multi-line `\"\"\"` strings."""
    out = []
    i, n = 0, len(text)
    # A stack of open string literals: (hashes, multiline); interpolation pushes a code level,
    # recorded as None with its parenthesis depth.
    stack = []
    paren_depth = []

    def blank(chunk):
        out.append("".join("\n" if c == "\n" else " " for c in chunk))

    while i < n:
        in_string = stack and stack[-1] is not None
        if not in_string:
            if text.startswith("//", i):
                end = text.find("\n", i)
                end = n if end < 0 else end
                blank(text[i:end])
                i = end
                continue
            if text.startswith("/*", i):
                depth, j = 1, i + 2
                while j < n and depth:
                    if text.startswith("/*", j):
                        depth, j = depth + 1, j + 2
                    elif text.startswith("*/", j):
                        depth, j = depth - 1, j + 2
                    else:
                        j += 1
                blank(text[i:j])
                i = j
                continue
            match = re.compile(r'(#*)("""|")').match(text, i)
            if match:
                hashes, quote = len(match.group(1)), match.group(2)
                stack.append((hashes, quote == '"""'))
                out.append(" " * len(match.group(0)))
                i = match.end()
                continue
            c = text[i]
            if stack and stack[-1] is None:
                if c == "(":
                    paren_depth[-1] += 1
                elif c == ")":
                    paren_depth[-1] -= 1
                    if paren_depth[-1] == 0:
                        stack.pop()
                        paren_depth.pop()
                        out.append(" ")
                        i += 1
                        continue
            out.append(c)
            i += 1
            continue
        hashes, multiline = stack[-1]
        closing = ('"""' if multiline else '"') + "#" * hashes
        if text.startswith(closing, i):
            stack.pop()
            out.append(" " * len(closing))
            i += len(closing)
            continue
        escape = "\\" + "#" * hashes
        if text.startswith(escape + "(", i):
            stack.append(None)
            paren_depth.append(1)
            out.append(" " * (len(escape) + 1))
            i += len(escape) + 1
            continue
        if text.startswith(escape, i) and i + len(escape) < n:
            blank(text[i:i + len(escape) + 1])
            i += len(escape) + 1
            continue
        blank(text[i])
        i += 1
    return "".join(out)


def long_functions(code):
    """(name, first line, line count) of each function whose body runs over the limit."""
    lines = code.split("\n")
    offenders = []
    line_of = []
    for number, line in enumerate(lines, start=1):
        line_of.extend([number] * (len(line) + 1))
    for match in DECLARATION.finditer(code):
        # The body opens at the first `{` after the declaration at parenthesis depth 0; a
        # protocol requirement (no body) ends at a line break before any `{`.
        depth, j = 0, match.end()
        if match.group(0).endswith(("(", "<")):
            depth = 1
        while j < len(code):
            c = code[j]
            if c in "(<[":
                depth += 1
            elif c in ")>]":
                depth = max(0, depth - 1)
            elif c == "{" and depth == 0:
                break
            elif c == "\n" and depth == 0 and not code[j + 1:].lstrip(" ").startswith(("->", "throws", "where", "async", "{")):
                j = -1
                break
            j += 1
        if j < 0 or j >= len(code):
            continue
        braces, k = 0, j
        while k < len(code):
            if code[k] == "{":
                braces += 1
            elif code[k] == "}":
                braces -= 1
                if braces == 0:
                    break
            k += 1
        start, end = line_of[match.start()], line_of[min(k, len(line_of) - 1)]
        if end - start + 1 > MAX_FUNCTION_LINES:
            offenders.append((match.group(0).rstrip("(<").strip(), start, end - start + 1))
    return offenders


def main(folders):
    problems = []
    for folder in folders:
        for path in sorted(Path(folder).rglob("*.swift")):
            text = path.read_text(encoding="utf-8")
            count = text.count("\n") + (0 if text.endswith("\n") or not text else 1)
            if count > MAX_FILE_LINES:
                problems.append(f"{path}: {count} lines (at most {MAX_FILE_LINES})")
            for name, line, length in long_functions(code_only(text)):
                problems.append(f"{path}:{line}: `{name}` is {length} lines (at most {MAX_FUNCTION_LINES})")
    for problem in problems:
        print(problem, file=sys.stderr)
    if problems:
        print(f"check_sizes: {len(problems)} over the limits", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:] or ["Sources"]))
