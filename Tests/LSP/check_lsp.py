#!/usr/bin/env python3
"""`tracklint server` driven end to end by a real LSP client (pygls's LanguageClient, lsprotocol's types).

Usage: check_lsp.py TRACKLINT

Each scenario starts the server in a temporary folder of its own (templates and .tracklint.json
written there), talks to it over stdio as an editor would, and asserts exact diagnostics, code
actions, hover text and exit codes. The framing scenario writes raw bytes instead, since no client
library sends malformed messages. Prints the median time from didChange to publishDiagnostics over
20 edits of Fixtures/demo/broken-template.html, which must be under 50 ms.
"""
import asyncio
import json
import os
import pathlib
import statistics
import subprocess
import sys
import tempfile
import time

from lsprotocol import types
from pygls.lsp.client import LanguageClient

from lsp_raw import check_malformed_input

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
from checklist import Checklist  # noqa: E402 (Tests/checklist.py)

ROOT = pathlib.Path(__file__).resolve().parents[2]
TIMEOUT = 10
MEDIAN_BUDGET_MS = 50


class Session:
    """One server process and the diagnostics it published, by URI, in order."""

    def __init__(self, binary, folder, encodings=None, watch=True):
        self.binary, self.folder, self.encodings, self.watch = binary, folder, encodings, watch
        self.client = LanguageClient("tracklint-lsp-test", "1")
        self.published = asyncio.Queue()
        self.registrations = []
        self.versions = {}

        @self.client.feature(types.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS)
        def published(params):
            self.published.put_nowait(params)

        @self.client.feature(types.CLIENT_REGISTER_CAPABILITY)
        def register(params):
            self.registrations.extend(params.registrations)

    async def start(self):
        await self.client.start_io(self.binary, "server", cwd=self.folder)
        capabilities = types.ClientCapabilities(
            general=types.GeneralClientCapabilities(position_encodings=self.encodings),
            workspace=types.WorkspaceClientCapabilities(
                did_change_watched_files=types.DidChangeWatchedFilesClientCapabilities(dynamic_registration=self.watch)))
        result = await asyncio.wait_for(self.client.initialize_async(types.InitializeParams(
            capabilities=capabilities, process_id=os.getpid(), root_uri=uri(self.folder))), TIMEOUT)
        self.client.initialized(types.InitializedParams())
        return result

    async def stop(self):
        await asyncio.wait_for(self.client.shutdown_async(None), TIMEOUT)
        self.client.exit(None)
        await asyncio.wait_for(self.client.stop(), TIMEOUT)
        code = self.client._server.returncode
        expect(code == 0, f"the server exited with {code} after shutdown and exit")

    async def diagnostics(self, document_uri):
        """The next diagnostics published for a document (others are not expected here)."""
        params = await asyncio.wait_for(self.published.get(), TIMEOUT)
        expect(params.uri == document_uri, f"diagnostics for {params.uri}, expected {document_uri}")
        return params

    async def open(self, path, text):
        self.versions[uri(path)] = 1
        self.client.text_document_did_open(types.DidOpenTextDocumentParams(
            text_document=types.TextDocumentItem(uri=uri(path), language_id="html", version=1, text=text)))
        return await self.diagnostics(uri(path))

    async def change(self, path, *changes):
        """Sends changes: (range, text) pairs are incremental, a bare string is the whole text."""
        self.versions[uri(path)] += 1
        events = [types.TextDocumentContentChangePartial(range=change[0], text=change[1]) if isinstance(change, tuple)
                  else types.TextDocumentContentChangeWholeDocument(text=change) for change in changes]
        self.client.text_document_did_change(types.DidChangeTextDocumentParams(
            text_document=types.VersionedTextDocumentIdentifier(uri=uri(path), version=self.versions[uri(path)]),
            content_changes=events))
        params = await self.diagnostics(uri(path))
        expect(params.version == self.versions[uri(path)], f"published version {params.version}")
        return params

    async def code_actions(self, path, at):
        return await asyncio.wait_for(self.client.text_document_code_action_async(types.CodeActionParams(
            text_document=types.TextDocumentIdentifier(uri=uri(path)), range=at,
            context=types.CodeActionContext(diagnostics=[]))), TIMEOUT)


def uri(path):
    return pathlib.Path(path).as_uri()


def span(start_line, start_character, end_line, end_character):
    return types.Range(start=types.Position(line=start_line, character=start_character),
                       end=types.Position(line=end_line, character=end_character))


def expect(condition, message):
    if not condition:
        raise AssertionError(message)


def summary(diagnostics):
    """(code, range as four numbers, severity, source) of each diagnostic."""
    return [(d.code, (d.range.start.line, d.range.start.character, d.range.end.line, d.range.end.character),
             int(d.severity), d.source) for d in diagnostics]


def write(folder, name, text, newline=""):
    path = pathlib.Path(folder, name)
    with open(path, "w", encoding="utf-8", newline=newline) as file:
        file.write(text)
    return str(path)


def apply_edits(text, edits):
    """Applies TextEdits given in UTF-16 positions with LF lines (as the test documents are)."""
    lines = text.split("\n")

    def index(position):
        line = lines[position.line].encode("utf-16-le")[:2 * position.character].decode("utf-16-le")
        return sum(len(l) + 1 for l in lines[:position.line]) + len(line)
    for edit in sorted(edits, key=lambda e: (e.range.start.line, e.range.start.character), reverse=True):
        text = text[:index(edit.range.start)] + edit.new_text + text[index(edit.range.end):]
    return text


async def fix_round_trip(binary, folder):
    """The acceptance check: TL301 at its range, its fix applied, then no diagnostic."""
    write(folder, ".tracklint.json",
          '{"root": true, "baseURL": "https://x.example/shop/", "docsURL": "https://docs.x.example/rules/{code}.html"}\n')
    text = '<p>Hello <a href="/pricing">Pricing</a></p>\n'
    path = write(folder, "relative.html", text)
    session = Session(binary, folder)
    await session.start()
    published = await session.open(path, text)
    expect(summary(published.diagnostics) == [("TL301", (0, 18, 0, 26), 1, "tracklint")], summary(published.diagnostics))
    diagnostic = published.diagnostics[0]
    expect(diagnostic.code_description.href == "https://docs.x.example/rules/TL301.html", diagnostic.code_description)
    expect(diagnostic.message.startswith("Link `/pricing` is relative"), diagnostic.message)
    actions = await session.code_actions(path, span(0, 20, 0, 20))
    titles = [action.title for action in actions]
    expect(titles == ["Use the absolute URL `https://x.example/pricing` (unsafe fix: check the result)",
                      "Disable TL301 (href-relative) for this line"], titles)
    edits = actions[0].edit.changes[uri(path)]
    expect([(e.new_text, e.range) for e in edits] == [("https://x.example/pricing", span(0, 18, 0, 26))], edits)
    fixed = apply_edits(text, edits)
    expect(fixed == '<p>Hello <a href="https://x.example/pricing">Pricing</a></p>\n', fixed)
    after = await session.change(path, *[(edit.range, edit.new_text) for edit in edits])
    expect(summary(after.diagnostics) == [], summary(after.diagnostics))
    # TL305's fix is safe: preferred, and in the fix-all action that goes through the library's FixApplier.
    broken = '<p>Write to <a href="help@x.example">us</a> or <a href="sales@x.example">sales</a></p>\n'
    published = await session.change(path, broken)
    expect([d[0] for d in summary(published.diagnostics)] == ["TL305", "TL305"], summary(published.diagnostics))
    actions = await session.code_actions(path, span(0, 22, 0, 22))
    expect([(a.title, a.is_preferred) for a in actions][0] == ("Prefix `mailto:`", True), actions[0])
    fix_all = [a for a in actions if a.kind == "source.fixAll.tracklint"]
    expect([a.title for a in fix_all] == ["Apply every safe tracklint fix (2)"], [a.title for a in actions])
    fixed = apply_edits(broken, fix_all[0].edit.changes[uri(path)])
    expect(fixed == '<p>Write to <a href="mailto:help@x.example">us</a> or <a href="mailto:sales@x.example">sales</a></p>\n', fixed)
    expect(summary((await session.change(path, fixed)).diagnostics) == [], "diagnostics after fixing all")
    await session.stop()


async def disable_comment(binary, folder):
    """"Disable for this line" inserts an indented comment line above, which suppresses the finding."""
    text = '<table>\n  <tr><td>\n    <a href="/pricing">Pricing</a>\n  </td></tr>\n</table>\n'
    path = write(folder, "indented.html", text)
    session = Session(binary, folder)
    await session.start()
    published = await session.open(path, text)
    expect(summary(published.diagnostics) == [("TL301", (2, 13, 2, 21), 1, "tracklint")], summary(published.diagnostics))
    actions = await session.code_actions(path, span(2, 14, 2, 14))
    disable = [a for a in actions if a.title == "Disable TL301 (href-relative) for this line"]
    edits = disable[0].edit.changes[uri(path)]
    expect([(e.new_text, e.range) for e in edits] == [("    <!-- tracklint-disable-next-line TL301 -->\n", span(2, 0, 2, 0))],
           edits)
    after = await session.change(path, apply_edits(text, edits))
    expect(summary(after.diagnostics) == [], summary(after.diagnostics))
    # Inside a multi-line start tag a comment line would break the tag: no such action there.
    split_tag = '<p><a\n  href="/pricing">Pricing</a></p>\n'
    expect(summary((await session.change(path, split_tag)).diagnostics)[0][:2] == ("TL301", (1, 8, 1, 16)), "split tag")
    titles = [a.title for a in await session.code_actions(path, span(1, 9, 1, 9))]
    expect(not any(t.startswith("Disable") for t in titles), titles)
    await session.stop()


async def position_encodings(binary, folder):
    """Columns count code points in tracklint; LSP gets them in the negotiated unit, with astral
    characters, CRLF and a lone CR before the finding."""
    text = 'x\r\ny\rz\n<p>😀 Grüße <a href="/x">x</a></p>\r\n'
    path = write(folder, "unicode.html", text)
    # 😀 is 1 code point, 2 UTF-16 units, 4 UTF-8 bytes; ü and ß are 1 code point, 2 bytes each.
    # A byte order mark, where a client keeps it in the text, is one UTF-16 or UTF-32 unit and three UTF-8 ones.
    marked = "\ufeff<p><a href=\"/x\">x</a></p>\n"
    marked_path = write(folder, "marked.html", marked)
    cases = [(None, "utf-16", 21, 13), (["utf-32", "utf-16"], "utf-32", 20, 13), (["utf-8"], "utf-8", 25, 15),
             (["ucs-7"], "utf-16", 21, 13)]
    for offered, negotiated, start, marked_start in cases:
        session = Session(binary, folder, encodings=offered)
        result = await session.start()
        expect(result.capabilities.position_encoding == negotiated, (offered, result.capabilities.position_encoding))
        published = await session.open(path, text)
        expect(summary(published.diagnostics) == [("TL301", (3, start, 3, start + 2), 1, "tracklint")],
               (offered, summary(published.diagnostics)))
        hover = await session.client.text_document_hover_async(types.HoverParams(
            text_document=types.TextDocumentIdentifier(uri=uri(path)), position=types.Position(line=3, character=start + 1)))
        expect(hover is not None and hover.range == span(3, start, 3, start + 2), (offered, hover))
        published = await session.open(marked_path, marked)
        expect(summary(published.diagnostics) == [("TL301", (0, marked_start, 0, marked_start + 2), 1, "tracklint")],
               (offered, summary(published.diagnostics)))
        await session.stop()


async def incremental_sync(binary, folder):
    """Incremental changes in UTF-16 positions after an astral character, several in one event."""
    text = '<p>😀 <b>bold</b></p>\n<p>end</p>\n'
    path = write(folder, "incremental.html", text)
    session = Session(binary, folder)
    await session.start()
    expect(summary((await session.open(path, text)).diagnostics) == [], "a clean document")
    # "<b>bold</b>" is UTF-16 characters 6..17 of line 0: replace it with a relative link.
    published = await session.change(path, (span(0, 6, 0, 17), '<a href="/new">new</a>'))
    expect(summary(published.diagnostics) == [("TL301", (0, 15, 0, 19), 1, "tracklint")], summary(published.diagnostics))
    # Two changes in one event: a line inserted above, then the link made absolute on its new line.
    published = await session.change(path, (span(0, 0, 0, 0), '<p>top</p>\n'), (span(1, 15, 1, 15), "https://x.example"))
    expect(summary(published.diagnostics) == [], summary(published.diagnostics))
    # A deletion across lines, then an insertion at the very end.
    published = await session.change(path, (span(0, 0, 1, 0), ""), (span(2, 0, 2, 0), '<a href="../up">up</a>'))
    expect(summary(published.diagnostics) == [("TL301", (2, 9, 2, 14), 1, "tracklint")], summary(published.diagnostics))
    session.client.text_document_did_close(types.DidCloseTextDocumentParams(text_document=types.TextDocumentIdentifier(uri=uri(path))))
    expect(summary((await session.diagnostics(uri(path))).diagnostics) == [], "diagnostics cleared on close")
    await session.stop()


async def hover_explains(binary, folder):
    """Hover on a diagnostic shows `tracklint explain`; elsewhere it shows nothing. Without a
    `docsURL` configured, the diagnostic links to no page."""
    text = '<p><a href="/pricing">Pricing</a></p>\n'
    path = write(folder, "hover.html", text)
    session = Session(binary, folder)
    await session.start()
    published = await session.open(path, text)
    expect(published.diagnostics[0].code_description is None, published.diagnostics[0].code_description)

    async def hover(character):
        return await session.client.text_document_hover_async(types.HoverParams(
            text_document=types.TextDocumentIdentifier(uri=uri(path)), position=types.Position(line=0, character=character)))
    explained = subprocess.run([binary, "explain", "TL301"], capture_output=True, text=True, check=True).stdout
    on = await hover(15)
    expect(on.contents.kind == "plaintext" and on.contents.value == explained, on.contents)
    expect(on.range == span(0, 12, 0, 20), on.range)
    expect(await hover(30) is None, "hover away from a diagnostic")
    await session.stop()


async def raw_message(binary, folder):
    """A raw message gets its diagnostics at file lines, but no edit: messages are never modified."""
    text = ("From: a@x.example\nTo: b@x.example\nSubject: s\nContent-Type: text/html\n\n"
            '<p><a href="help@x.example">x</a></p>\n')
    path = write(folder, "message.eml", text)
    session = Session(binary, folder)
    await session.start()
    published = await session.open(path, text)
    expect(("TL305", (5, 12, 5, 26), 1, "tracklint") in summary(published.diagnostics), summary(published.diagnostics))
    actions = await session.code_actions(path, span(0, 0, 6, 0))
    expect(not actions, [a.title for a in actions])
    await session.stop()


async def configuration_reload(binary, folder):
    """The config found from the document's folder up, read again on didChangeWatchedFiles."""
    nested = pathlib.Path(folder, "templates", "mail")
    nested.mkdir(parents=True)
    config = write(folder, ".tracklint.json", '{"root": true}\n')
    text = '<p><a href="/pricing">Pricing</a> <a href="facebook.com/x">F</a></p>\n'
    path = write(nested, "config.html", text)
    session = Session(binary, folder)
    await session.start()
    codes = [d.code for d in (await session.open(path, text)).diagnostics]
    expect(codes == ["TL301", "TL302"], codes)
    expect([r.register_options["watchers"][0]["globPattern"] for r in session.registrations] == ["**/.tracklint.json"],
           session.registrations)
    events = types.DidChangeWatchedFilesParams(changes=[types.FileEvent(uri=uri(config), type=types.FileChangeType.Changed)])
    for contents, expected in [('{"root": true, "rules": {"href-relative": "off", "TL302": "warning"}}\n', [("TL302", 2)]),
                               ('{"root": true, "rules": {"TL301": "sometimes"}}\n', [(None, 1)]),
                               ('{"root": true}\n', [("TL301", 1), ("TL302", 1)])]:
        write(folder, ".tracklint.json", contents)
        session.client.workspace_did_change_watched_files(events)
        published = await session.diagnostics(uri(path))
        got = [(d.code, int(d.severity)) for d in published.diagnostics]
        expect(got == expected, (contents, got, [d.message for d in published.diagnostics]))
        if expected == [(None, 1)]:
            message = published.diagnostics[0].message
            expect(message.startswith("tracklint cannot use its configuration: ") and "rule `TL301` must be off, info" in message, message)
    # A save reads the configurations again too, for editors that watch no files.
    write(folder, ".tracklint.json", '{"root": true, "rules": {"TL302": "off"}}\n')
    session.client.text_document_did_save(types.DidSaveTextDocumentParams(text_document=types.TextDocumentIdentifier(uri=uri(path))))
    got = [(d.code, int(d.severity)) for d in (await session.diagnostics(uri(path))).diagnostics]
    expect(got == [("TL301", 1)], got)
    await session.stop()


async def publish_speed(binary, folder):
    """The median time from didChange to publishDiagnostics over 20 edits of the demo template."""
    text = (ROOT / "Fixtures/demo/broken-template.html").read_text(encoding="utf-8")
    path = write(folder, "broken-template.html", text)
    session = Session(binary, folder)
    await session.start()
    first = await session.open(path, text)
    expected = summary(first.diagnostics)
    expect(len(expected) >= 8, expected)
    line = next(i for i, l in enumerate(text.split("\n")) if "<h1>Spring sale</h1>" in l)
    column = text.split("\n")[line].index("</h1>")
    timings = []
    for edit in range(20):
        started = time.perf_counter()
        published = await session.change(path, (span(line, column + edit, line, column + edit), "!"))
        timings.append((time.perf_counter() - started) * 1000)
        expect(summary(published.diagnostics) == expected, (edit, summary(published.diagnostics)))
    await session.stop()
    median = statistics.median(timings)
    print(f"lsp: didChange to publishDiagnostics over 20 edits of broken-template.html: median {median:.1f} ms, "
          f"max {max(timings):.1f} ms")
    expect(median < MEDIAN_BUDGET_MS, f"median {median:.1f} ms is over {MEDIAN_BUDGET_MS} ms")


SCENARIOS = [fix_round_trip, disable_comment, position_encodings, incremental_sync, hover_explains, raw_message,
             configuration_reload, publish_speed]


def main():
    binary = os.path.abspath(sys.argv[1])
    checklist = Checklist("check_lsp")
    for scenario in SCENARIOS + [check_malformed_input]:
        with tempfile.TemporaryDirectory() as folder:
            failure = ""
            try:
                if asyncio.iscoroutinefunction(scenario):
                    asyncio.run(asyncio.wait_for(scenario(binary, folder), 60))
                else:
                    scenario(binary, folder)
            except Exception as error:  # every scenario is reported, then the script fails
                failure = f"{type(error).__name__}: {error}"
            checklist.check(not failure, scenario.__name__.replace("_", " "), failure)
    sys.exit(checklist.finish("tracklint server answers a real LSP client as LSP says"))


if __name__ == "__main__":
    main()
