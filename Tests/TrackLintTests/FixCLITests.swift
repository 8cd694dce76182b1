import Foundation
import Testing
@testable import TrackLintReporters

/// `--fix`, `--unsafe-fixes` and `--diff` through the built binary, on copies in a temporary
/// folder: no test writes to `Fixtures/`.
@Suite struct FixCLITests {
    static let demo = "Fixtures/demo/broken-template.html"

    /// A fresh temporary folder, removed by the caller.
    static func folder() throws -> URL {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("tracklint-fix-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        return folder
    }

    static func write(_ bytes: [UInt8], _ name: String, in folder: URL) throws -> URL {
        let url = folder.appendingPathComponent(name)
        try Data(bytes).write(to: url)
        return url
    }

    static func bytes(_ url: URL) throws -> [UInt8] { [UInt8](try Data(contentsOf: url)) }

    static func codes(_ json: String) throws -> [String] {
        let object = try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any]
        return (object?["findings"] as? [[String: Any]] ?? []).compactMap { $0["code"] as? String }
    }

    /// The acceptance check: every safe fix of the demo applied, a second run fixes nothing, and
    /// `--diff` on the original prints exactly the change.
    @Test func demoTemplateIsFixedToAFixedPointAndDiffShowsExactlyThat() throws {
        let folder = try Self.folder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let original = try Self.bytes(TestSupport.packageRoot.appendingPathComponent(Self.demo))
        let copy = try Self.write(original, "broken-template.html", in: folder)
        let before = try Self.codes(TestSupport.run(["check", "--format", "json", copy.path]).stdout)

        let first = try TestSupport.run(["check", "--fix", "--format", "json", copy.path])
        #expect(first.stderr == "tracklint: 4 fixed, 5 remaining (1 file changed)\n")
        #expect(first.status == 1)
        let remaining = try Self.codes(first.stdout)
        #expect(before == ["TL206", "TL301", "TL302", "TL302", "TL303", "TL304", "TL305", "TL306", "TL501"])
        #expect(remaining == ["TL206", "TL301", "TL304", "TL306", "TL501"])
        let fixed = try Self.bytes(copy)
        let fixedText = String(decoding: fixed, as: UTF8.self)
        #expect(fixedText.contains(#"<a href="https://facebook.com/acme">"#) && fixedText.contains(#"<a href="https://twitter.com/acme">"#))
        #expect(fixedText.contains(#"<a href="https://shop.example.com/spring-sale">"#))
        #expect(fixedText.contains(#"<a href="mailto:help@example.com">"#))

        let second = try TestSupport.run(["check", "--fix", copy.path])
        #expect(second.stderr == "tracklint: 0 fixed, 5 remaining (0 files changed)\n")
        #expect(try Self.bytes(copy) == fixed)

        let diff = try TestSupport.run(["check", "--diff", Self.demo])
        #expect(diff.status == 1)
        #expect(diff.stderr == "tracklint: would fix 4 in 1 file, 5 would remain\n")
        #expect(try Self.bytes(TestSupport.packageRoot.appendingPathComponent(Self.demo)) == original)
        // The same hunks as `diff -u` prints between the original and the fixed copy.
        let reference = try TestSupport.runTool("/usr/bin/diff", ["-u", Self.demo, copy.path])
        let hunks = { (text: String) in text.split(separator: "\n", omittingEmptySubsequences: false).dropFirst(2).joined(separator: "\n") }
        #expect(diff.stdout.hasPrefix("--- \(Self.demo)\n+++ \(Self.demo)\n@@ -11,10 +11,10 @@\n"))
        #expect(hunks(diff.stdout) == hunks(reference.stdout))
    }

    @Test func standardInputIsFixedOntoStandardOutputWithTheReportOnStandardError() throws {
        let run = try TestSupport.run(["check", "--fix", "-"], stdin: "<p><a href=\"www.x.example\">Shop</a> <a href=\"/x\">X</a></p>\n")
        #expect(run.stdout == "<p><a href=\"https://www.x.example\">Shop</a> <a href=\"/x\">X</a></p>\n")
        // Located in the fixed text, which is what standard output shows.
        #expect(run.stderr.hasPrefix("<stdin>:1:54: error: Link `/x` is relative"))
        #expect(run.stderr.hasSuffix("Found 1 problem (1 error) in 1 input.\ntracklint: 1 fixed, 1 remaining (1 file changed)\n"))
        #expect(run.status == 1)
    }

    /// Text that is not UTF-8 (Latin-1 here) is offered no fix, and comes back byte for byte.
    @Test func standardInputThatIsNotUTF8ComesBackAsItWentIn() throws {
        let source = Array("<p>Gr".utf8) + [0xFC, 0xDF] + Array("e <a href=\"www.x.example\">Shop</a></p>\n".utf8)
        let run = try TestSupport.run(["check", "--fix", "-"], stdinData: Data(source))
        #expect(run.stdoutBytes == source)
        #expect(run.stderr.contains("[TL302 href-missing-scheme]"))
        #expect(run.status == 1)
    }

    @Test func bytesOutsideTheEditsStayAsTheyAre() throws {
        let folder = try Self.folder()
        defer { try? FileManager.default.removeItem(at: folder) }
        // A byte order mark, CRLF, a lone CR, a tab, no final line break, and text in three scripts.
        let source = [0xEF, 0xBB, 0xBF] + Array("<html><body>\r\n<p>Grüße 日本 🙂</p>\r\n\t<a href=\"www.x.example\">x</a>\r<a href=\"a@x.example\">m</a></body></html>".utf8)
        let file = try Self.write(source, "t.html", in: folder)
        let run = try TestSupport.run(["check", "--fix", file.path])
        #expect(run.stderr == "tracklint: 2 fixed, 1 remaining (1 file changed)\n")
        let expected = [0xEF, 0xBB, 0xBF] + Array("<html><body>\r\n<p>Grüße 日本 🙂</p>\r\n\t<a href=\"https://www.x.example\">x</a>\r<a href=\"mailto:a@x.example\">m</a></body></html>".utf8)
        #expect(try Self.bytes(file) == expected)
    }

    @Test func twoRulesFixingOneValueConvergeInPasses() throws {
        let folder = try Self.folder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let file = try Self.write(Array("<a href=\"//x.example/a\u{200B}b\">A</a> <a href=\"HTTPS://x.example/b\">B</a>\n".utf8), "t.html", in: folder)
        let run = try TestSupport.run(["check", "--fix", "--platform", "mautic", file.path])
        #expect(run.stdout == "No problems found in 1 input.\n")
        #expect(run.stderr == "tracklint: 3 fixed, 0 remaining (1 file changed)\n")
        #expect(run.status == 0)
        #expect(String(decoding: try Self.bytes(file), as: UTF8.self)
                == "<a href=\"https://x.example/ab\">A</a> <a href=\"https://x.example/b\">B</a>\n")
    }

    @Test func unsafeFixesNeedAskingForAndABaseURL() throws {
        let folder = try Self.folder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let source = Array("<html><body><img src=\"img/logo.png\" alt=\"\"><a href=\"/sale\">Sale</a> <a href=\"{{ unsubscribe }}\">Unsubscribe</a></body></html>\n".utf8)
        let file = try Self.write(source, "t.html", in: folder)
        let safeOnly = try TestSupport.run(["check", "--fix", "--base-url", "https://x.example/mail/", file.path])
        #expect(safeOnly.stderr == "tracklint: 0 fixed, 2 remaining (0 files changed) (2 more fixable with --unsafe-fixes)\n")
        #expect(try Self.bytes(file) == source)
        let unsafe = try TestSupport.run(["check", "--fix", "--unsafe-fixes", "--base-url", "https://x.example/mail/", file.path])
        #expect(unsafe.stderr == "tracklint: 2 fixed, 0 remaining (1 file changed)\n")
        #expect(unsafe.status == 0)
        #expect(String(decoding: try Self.bytes(file), as: UTF8.self) == "<html><body><img src=\"https://x.example/mail/img/logo.png\" alt=\"\">"
                + "<a href=\"https://x.example/sale\">Sale</a> <a href=\"{{ unsubscribe }}\">Unsubscribe</a></body></html>\n")
        let alone = try TestSupport.run(["check", "--unsafe-fixes", file.path])
        #expect(alone.status == 2)
        #expect(alone.stderr == "tracklint: error: `--unsafe-fixes` widens `--fix` or `--diff`: give one of them too\n")
    }

    @Test func messagesAreNeverChanged() throws {
        let folder = try Self.folder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let message = Array("From: a@x.example\r\nTo: b@y.example\r\nSubject: Hi\r\nContent-Type: text/html\r\n\r\n<a href=\"www.x.example\">x</a>\r\n".utf8)
        let file = try Self.write(message, "m.eml", in: folder)
        let run = try TestSupport.run(["check", "--fix", "--format", "json", file.path])
        #expect(run.stderr.hasPrefix("tracklint: note: \(file.path) is a message, not a template: --fix never changes it\n"))
        #expect(run.stderr.hasSuffix("tracklint: 0 fixed, \(try Self.codes(run.stdout).count) remaining (0 files changed)\n"))
        #expect(try Self.codes(run.stdout).contains("TL302"))
        #expect(try Self.bytes(file) == message)
        let diff = try TestSupport.run(["check", "--diff", file.path])
        #expect(diff.stdout.isEmpty)
        #expect(diff.status == 0)
    }

    /// A file that cannot be written is an input error naming it; the other inputs are still fixed.
    /// (An immutable file refuses even root, which the tests may run as.)
    @Test func aFileThatCannotBeWrittenIsNamedAndTheOthersAreFixed() throws {
        let folder = try Self.folder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let source = Array("<a href=\"www.x.example\">x</a>\n".utf8)
        let locked = try Self.write(source, "a.html", in: folder), open = try Self.write(source, "b.html", in: folder)
        guard try TestSupport.runTool("/usr/bin/chattr", ["+i", locked.path]).status == 0 else { return }
        defer { _ = try? TestSupport.runTool("/usr/bin/chattr", ["-i", locked.path]) }
        let run = try TestSupport.run(["check", "--fix", locked.path, open.path])
        #expect(run.status == 2)
        #expect(run.stderr == "tracklint: error: \(locked.path): cannot be fixed: cannot write `\(locked.path)` (Operation not permitted)\n"
                + "tracklint: 1 fixed, 0 remaining (1 file changed)\n")
        #expect(try Self.bytes(locked) == source)
        #expect(String(decoding: try Self.bytes(open), as: UTF8.self) == "<a href=\"https://www.x.example\">x</a>\n")
    }

    @Test func diffOfACleanTemplateIsEmptyAndExitsZero() throws {
        let run = try TestSupport.run(["check", "--diff", "Fixtures/demo/clean-template.html"])
        #expect(run.stdout.isEmpty)
        #expect(run.stderr == "tracklint: would fix 0 in 0 files, 0 would remain\n")
        #expect(run.status == 0)
    }

    @Test func fixOfStandardInputCannotAlsoWriteAReportFile() throws {
        let run = try TestSupport.run(["check", "--fix", "--output", "/tmp/never-written.txt", "-"], stdin: "<a href=\"/x\">x</a>")
        #expect(run.status == 2)
        #expect(run.stderr == "tracklint: error: `--fix -` writes the fixed text to standard output, so `--output` cannot be used with it\n")
    }
}

/// The diff `--diff` prints, against what `diff -u` would.
@Suite struct UnifiedDiffTests {
    @Test func oneChangedLineWithContext() {
        let old = Array("1\n2\n3\n4\n5\n6\n7\n8\n9\n".utf8), new = Array("1\n2\n3\n4\nfive\n6\n7\n8\n9\n".utf8)
        #expect(UnifiedDiff.diff(old, new, path: "f") == "--- f\n+++ f\n@@ -2,7 +2,7 @@\n 2\n 3\n 4\n-5\n+five\n 6\n 7\n 8\n")
    }

    @Test func lineBreaksRemovedAndTheLastLineWithoutOne() {
        let old = Array("a\r\nhref=\"x\r\ny\"\r\nend".utf8), new = Array("a\r\nhref=\"xy\"\r\nend!".utf8)
        #expect(UnifiedDiff.diff(old, new, path: "f")
                == "--- f\n+++ f\n@@ -1,4 +1,3 @@\n a\r\n-href=\"x\r\n-y\"\r\n-end\n\\ No newline at end of file\n+href=\"xy\"\r\n+end!\n\\ No newline at end of file\n")
    }

    @Test func distantChangesAreSeparateHunksAndEqualTextsNone() {
        let lines = (1...30).map { "\($0)\n" }
        var changed = lines
        changed[1] = "two\n"
        changed[27] = "twenty-eight\n"
        let diff = UnifiedDiff.diff(Array(lines.joined().utf8), Array(changed.joined().utf8), path: "f")
        #expect(diff.components(separatedBy: "\n@@ ").count == 3)
        #expect(diff.contains("@@ -1,5 +1,5 @@\n 1\n-2\n+two\n 3\n") && diff.contains("@@ -25,6 +25,6 @@\n"))
        #expect(UnifiedDiff.diff(Array("same".utf8), Array("same".utf8), path: "f").isEmpty)
    }
}
