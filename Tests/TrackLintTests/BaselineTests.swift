import Foundation
import Testing
@testable import TrackLint
@testable import TrackLintCLI
@testable import TrackLintParsing
@testable import TrackLintPlatforms
@testable import TrackLintReporters

/// `--write-baseline` and `--baseline` through the built binary, in a folder of our own.
@Suite struct BaselineTests {
    static let footer = #"<a href="https://x.example/unsubscribe">Unsubscribe</a>"#
    static let template = """
        <html><body>
        <p><a href="/sale">Sale</a></p>
        <p><a href="#">Terms</a></p>
        \(footer)
        </body></html>
        """

    private func folder() throws -> URL {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("tracklint-baseline-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder.appendingPathComponent("mails"), withIntermediateDirectories: true)
        return folder
    }

    private func write(_ text: String, _ folder: URL) throws {
        try text.write(to: folder.appendingPathComponent("mails/a.html"), atomically: true, encoding: .utf8)
    }

    @Test func roundTrip() throws {
        let folder = try folder()
        defer { try? FileManager.default.removeItem(at: folder) }
        try write(Self.template, folder)

        let written = try TestSupport.run(["check", "--write-baseline", "baseline.json", "mails"], directory: folder)
        #expect(written.status == 0)
        #expect(written.stdout == "Wrote 2 findings of 1 input to baseline.json\n")
        #expect(written.stderr.isEmpty)
        let stored = try JSONSerialization.jsonObject(with: Data(contentsOf: folder.appendingPathComponent("baseline.json"))) as? [String: Any]
        let entries = try #require(stored?["findings"] as? [[String: Any]])
        #expect(entries.map { $0["code"] as? String } == ["TL301", "TL304"])
        #expect(entries.map { $0["evidence"] as? String } == ["/sale", "#"])
        #expect(entries.map { $0["path"] as? String } == ["mails/a.html", "mails/a.html"])

        let clean = try TestSupport.run(["check", "--baseline", "baseline.json", "mails"], directory: folder)
        #expect(clean.status == 0)
        #expect(clean.stdout == "No problems found in 1 input.\n")

        // Lines moved and added above: still accepted.
        try write("<!-- moved -->\n\n" + Self.template.replacingOccurrences(of: "<p><a href=\"/sale\">Sale</a></p>\n<p><a href=\"#\">Terms</a></p>",
                                                                             with: "<p><a href=\"#\">Terms</a></p>\n\n<p><a href=\"/sale\">Sale</a></p>"),
                  folder)
        let moved = try TestSupport.run(["check", "--baseline", "baseline.json", "mails"], directory: folder)
        #expect(moved.status == 0)

        // One new problem: only it is reported.
        try write(Self.template.replacingOccurrences(of: "</body>", with: "<p><a href=\"/new\">New</a></p>\n</body>"), folder)
        let added = try TestSupport.run(["check", "--baseline", "baseline.json", "--format", "json", "mails"], directory: folder)
        #expect(added.status == 1)
        let report = try JSONSerialization.jsonObject(with: Data(added.stdout.utf8)) as? [String: Any]
        let findings = try #require(report?["findings"] as? [[String: Any]])
        #expect(findings.map { $0["evidence"] as? String } == ["/new"])

        // A second copy of an accepted problem is new too (counts, not just presence).
        try write(Self.template.replacingOccurrences(of: "</body>", with: "<p><a href=\"/sale\">Sale</a></p>\n</body>"), folder)
        let copied = try TestSupport.run(["check", "--baseline", "baseline.json", "mails"], directory: folder)
        #expect(copied.status == 1)
        #expect(copied.stdout.hasPrefix("mails/a.html:5:13: error: Link `/sale` is relative"))
    }

    /// A pipeline that reads JSON (or SARIF, ...) from standard output gets nothing rather than a
    /// sentence; the sentence goes to standard error.
    @Test(arguments: ["json", "jsonl", "sarif", "github", "gitlab", "html"])
    func machineFormatsWriteTheLineOnStandardError(format: String) throws {
        let folder = try folder()
        defer { try? FileManager.default.removeItem(at: folder) }
        try write(Self.template, folder)
        let written = try TestSupport.run(["check", "--format", format, "--write-baseline", "baseline.json", "mails"], directory: folder)
        #expect(written.status == 0)
        #expect(written.stdout.isEmpty)
        #expect(written.stderr == "Wrote 2 findings of 1 input to baseline.json\n")
        #expect(FileManager.default.fileExists(atPath: folder.appendingPathComponent("baseline.json").path))
    }

    @Test func evidenceWithControlCharactersRoundTrips() throws {
        let folder = try folder()
        defer { try? FileManager.default.removeItem(at: folder) }
        try write(Self.template.replacingOccurrences(of: "/sale", with: "/sa\u{1F}le\u{7}"), folder)
        let written = try TestSupport.run(["check", "--write-baseline", "baseline.json", "mails"], directory: folder)
        // TL301 and TL303 (the control characters) on the link, TL304 on `#`.
        #expect(written.stdout == "Wrote 3 findings of 1 input to baseline.json\n")
        let run = try TestSupport.run(["check", "--baseline", "baseline.json", "mails"], directory: folder)
        #expect(run.status == 0)
        #expect(run.stderr.isEmpty)
    }

    @Test func fixedFindingsAreNotedOnStandardError() throws {
        let folder = try folder()
        defer { try? FileManager.default.removeItem(at: folder) }
        try write(Self.template, folder)
        _ = try TestSupport.run(["check", "--write-baseline", "baseline.json", "mails"], directory: folder)
        try write(Self.template.replacingOccurrences(of: "/sale", with: "https://x.example/sale"), folder)
        let run = try TestSupport.run(["check", "--baseline", "baseline.json", "mails"], directory: folder)
        #expect(run.status == 0)
        #expect(run.stderr == "tracklint: note: 1 baselined finding no longer occurs in the files linted; "
                + "rewrite the baseline with --write-baseline to drop it\n")
    }

    /// `mails/a.html` and `b.html`, and `bl.json` written for the whole folder, as the issue did it.
    private func baselinedFolder() throws -> URL {
        let folder = try folder()
        try write(Self.template, folder)
        try Self.template.write(to: folder.appendingPathComponent("b.html"), atomically: true, encoding: .utf8)
        let written = try TestSupport.run(["check", "--write-baseline", "bl.json", "."], directory: folder)
        #expect(written.stdout == "Wrote 4 findings of 2 inputs to bl.json\n")
        return folder
    }

    /// The issue's round trip: written for the whole folder, read for one file named another way.
    @Test func pathsMatchHoweverTheyAreWritten() throws {
        let folder = try baselinedFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        for path in ["mails/a.html", "./mails/a.html", folder.path + "/mails/a.html", "mails/../mails/a.html"] {
            let run = try TestSupport.run(["check", "--baseline", "bl.json", path], directory: folder)
            #expect(run.status == 0, "\(path)")
            #expect(run.stdout == "No problems found in 1 input.\n", "\(path)")
            #expect(run.stderr.isEmpty, "\(path): \(run.stderr)")
        }
        // From another folder, with the baseline's path relative to it.
        let inside = try TestSupport.run(["check", "--baseline", "../bl.json", "a.html"], directory: folder.appendingPathComponent("mails"))
        #expect(inside.stdout == "No problems found in 1 input.\n")
        #expect(inside.stderr.isEmpty)
    }

    /// A run over some files (as pre-commit hooks do) says nothing of the other files' entries.
    @Test func staleEntriesOnlyForFilesLinted() throws {
        let folder = try baselinedFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        try write(Self.footer, folder)  // a.html fixed: its two entries are stale
        let other = try TestSupport.run(["check", "--baseline", "bl.json", "b.html"], directory: folder)
        #expect(other.status == 0)
        #expect(other.stderr.isEmpty)
        let fixed = try TestSupport.run(["check", "--baseline", "bl.json", "mails"], directory: folder)
        #expect(fixed.stderr == "tracklint: note: 2 baselined findings no longer occur in the files linted; "
                + "rewrite the baseline with --write-baseline to drop them\n")
    }

    /// A baseline outside the linted folder stores paths with `..`, and hand-written paths are normalised.
    @Test func pathsOutsideTheBaselineFolder() throws {
        let folder = try folder()
        defer { try? FileManager.default.removeItem(at: folder) }
        try write(Self.template, folder)
        try FileManager.default.createDirectory(at: folder.appendingPathComponent("ci"), withIntermediateDirectories: true)
        _ = try TestSupport.run(["check", "--write-baseline", "ci/bl.json", "mails/a.html"], directory: folder)
        let text = try String(contentsOf: folder.appendingPathComponent("ci/bl.json"), encoding: .utf8)
        #expect(text.contains(#""path": "../mails/a.html""#))
        try text.replacingOccurrences(of: #""path": "../mails/a.html""#, with: #""path": "./../mails//a.html""#)
            .write(to: folder.appendingPathComponent("ci/bl.json"), atomically: true, encoding: .utf8)
        let run = try TestSupport.run(["check", "--baseline", "ci/bl.json", "mails/a.html"], directory: folder)
        #expect(run.stdout == "No problems found in 1 input.\n")
    }

    @Test(arguments: [
        ("{\"x\":", "tracklint: error: baseline `baseline.json` is not valid JSON\n"),
        ("[]", "tracklint: error: `baseline.json` is not a tracklint baseline (version 1); write one with --write-baseline\n"),
        (#"{"baselineVersion": 1, "findings": [{"path": "a"}]}"#,
         "tracklint: error: baseline `baseline.json` has an entry without path, code, evidence, context and count\n"),
        (#"{"baselineVersion": 1, "findings": [{"path": "a", "code": "TL301", "evidence": "", "context": "", "count": 1.5}]}"#,
         "tracklint: error: baseline `baseline.json` has an entry without path, code, evidence, context and count\n"),
        (#"{"baselineVersion": 2, "findings": []}"#,
         "tracklint: error: `baseline.json` is not a tracklint baseline (version 1); write one with --write-baseline\n"),
        (#"{"baselineVersion": 1, "findings": []} x"#, "tracklint: error: baseline `baseline.json` is not valid JSON\n"),
        (#"{"baselineVersion": 1, "findings": ["\x"]}"#, "tracklint: error: baseline `baseline.json` is not valid JSON\n"),
    ])
    func unreadableBaselinesExitTwo(_ contents: String, _ message: String) throws {
        let folder = try folder()
        defer { try? FileManager.default.removeItem(at: folder) }
        try write(Self.template, folder)
        try contents.write(to: folder.appendingPathComponent("baseline.json"), atomically: true, encoding: .utf8)
        let run = try TestSupport.run(["check", "--baseline", "baseline.json", "mails"], directory: folder)
        #expect(run.status == 2)
        #expect(run.stderr == message)
        #expect(run.stdout.isEmpty)
    }
}
