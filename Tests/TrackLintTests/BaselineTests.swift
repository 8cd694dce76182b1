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
        #expect(written.stderr == "tracklint: wrote baseline `baseline.json` (2 findings accepted)\n")
        let stored = try JSONSerialization.jsonObject(with: Data(contentsOf: folder.appendingPathComponent("baseline.json"))) as? [String: Any]
        let entries = try #require(stored?["findings"] as? [[String: Any]])
        #expect(entries.map { $0["code"] as? String } == ["TL301", "TL304"])
        #expect(entries.map { $0["evidence"] as? String } == ["/sale", "#"])

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

    @Test func evidenceWithControlCharactersRoundTrips() throws {
        let folder = try folder()
        defer { try? FileManager.default.removeItem(at: folder) }
        try write(Self.template.replacingOccurrences(of: "/sale", with: "/sa\u{1F}le\u{7}"), folder)
        let written = try TestSupport.run(["check", "--write-baseline", "baseline.json", "mails"], directory: folder)
        // TL301 and TL303 (the control characters) on the link, TL304 on `#`.
        #expect(written.stderr == "tracklint: wrote baseline `baseline.json` (3 findings accepted)\n")
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
        #expect(run.stderr == "tracklint: note: 1 baselined findings no longer occur; rewrite the baseline with --write-baseline to drop them\n")
    }

    @Test(arguments: [
        ("{\"x\":", "tracklint: error: baseline `baseline.json` is not valid JSON\n"),
        ("[]", "tracklint: error: `baseline.json` is not a tracklint baseline (version 1); write one with --write-baseline\n"),
        (#"{"baselineVersion": 1, "findings": [{"path": "a"}]}"#,
         "tracklint: error: baseline `baseline.json` has an entry without path, code, evidence, context and count\n"),
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
