import Foundation
import Testing
import TrackLint

/// The library as its users see it: only the public API of `TrackLint`.
@Suite struct LibraryAPITests {
    /// One TL301 (`/a`, column 25) and one TL304 (`#`, column 44); three links.
    static let template = ##"<html><body><p><a href="/a">A</a> <a href="#">T</a></p><a href="https://x.example/unsubscribe">Unsubscribe</a></body></html>"##

    /// A quoted-printable message whose second line links without a scheme (TL302).
    static let message = "From: News <news@shop.example>\r\nTo: ann@example.org\r\nSubject: Sale\r\n"
        + "Date: Tue, 1 Dec 2026 09:00:00 +0000\r\nMessage-ID: <1@shop.example>\r\nMIME-Version: 1.0\r\n"
        + "Content-Type: text/html; charset=utf-8\r\nContent-Transfer-Encoding: quoted-printable\r\n\r\n"
        + "<p><a href=3D\"https://shop.example/sale\">Sale</a></p>\r\n<p><a href=3D\"www.shop.example/help\">Help</a></p>\r\n"

    /// "path:line:column severity code" of each finding.
    private func described(_ results: [InputResult]) -> [String] {
        results.flatMap(\.findings).map { finding in
            let location = finding.location
            return "\(location.path):\(location.line ?? 0):\(location.column.map(String.init) ?? "-") \(finding.severity.rawValue) \(finding.code)"
        }
    }

    /// A folder of our own: `files` maps relative paths to contents.
    private func folder(_ files: [String: String]) throws -> URL {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("tracklint-api-\(UUID().uuidString)")
        for (path, contents) in files {
            let url = root.appendingPathComponent(path)
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try contents.write(to: url, atomically: true, encoding: .utf8)
        }
        return root
    }

    @Test func lintsATemplateGivenAsText() throws {
        let results = Linter(options: LintOptions(stage: .template)).lint(Self.template, path: "welcome.html")
        #expect(described(results) == ["welcome.html:1:25 error TL301", "welcome.html:1:44 warning TL304"])
        let result = try #require(results.first)
        #expect(result.stage == .template && result.kind == .html)
        #expect(result.diagnosis.links.total == 3)
        #expect(result.diagnosis.unsubscribeBodyLink == true)
        #expect(result.diagnosis.listUnsubscribe == nil)
    }

    @Test func lintsAMessageGivenAsBytes() throws {
        let results = Linter().lint(Array(Self.message.utf8), path: "sale.eml")
        // Without list headers or a platform the message is judged transactional: what the
        // diagnosis says of its pixel and unsubscribe paths is said at info.
        #expect(described(results) == ["sale.eml:1:- info TL403", "sale.eml:10:- info TL201", "sale.eml:10:- info TL402",
                                       "sale.eml:10:- error TL302"])
        let finding = try #require(results.first?.findings.first { $0.code == "TL302" })
        #expect(finding.location.part == "1" && finding.location.partLine == 2 && finding.location.partColumn == 13)
        let diagnosis = try #require(results.first?.diagnosis)
        #expect(diagnosis.stage == .sent && diagnosis.htmlParts == 1 && diagnosis.links.total == 2)
        #expect(diagnosis.listUnsubscribe == false && diagnosis.platform == nil)
    }

    @Test func lintsAConfiguredFolder() throws {
        let root = try folder([
            ".tracklint.json": #"{"rules": {"href-empty": "error"}, "exclude": ["legacy/**"], "overrides": [{"files": ["new/*.html"], "rules": {"TL301": "off"}}]}"#,
            "new/a.html": Self.template,
            "old/b.html": Self.template,
            "legacy/c.html": Self.template,
        ])
        defer { try? FileManager.default.removeItem(at: root) }
        let linter = try ConfiguredLinter()
        let results = try ["new/a.html", "old/b.html", "legacy/c.html"].map { try linter.lint(fileAt: root.appendingPathComponent($0).path) }
        #expect(results.map(described) == [
            ["\(root.path)/new/a.html:1:44 error TL304"],
            ["\(root.path)/old/b.html:1:25 error TL301", "\(root.path)/old/b.html:1:44 error TL304"],
            [],
        ])
        // Without configurations, the rules' own severities.
        let bare = try ConfiguredLinter(source: .none).lint(fileAt: root.appendingPathComponent("new/a.html").path)
        #expect(described(bare).map { $0.replacingOccurrences(of: root.path, with: "") }
                    == ["/new/a.html:1:25 error TL301", "/new/a.html:1:44 warning TL304"])
    }

    @Test func configurationsDecodeEncodeAndNameWhatIsWrong() throws {
        let text = #"{"root": true, "stage": "template", "failOn": "warning", "rules": {"href-empty": "off", "TL301": "info"}, "speed": 3}"#
        let configuration = try JSONDecoder().decode(Configuration.self, from: Data(text.utf8))
        var expected = Configuration(root: true, stage: .template, failOn: .warning, rules: ["TL304": .off, "TL301": .severity(.info)])
        expected.unknownKeys = ["speed"]
        #expect(configuration == expected)
        let encoded = try JSONEncoder().encode(configuration)
        expected.unknownKeys = []
        #expect(try JSONDecoder().decode(Configuration.self, from: encoded) == expected)
        #expect(throws: LintError("`stage` must be auto, template or sent")) {
            try JSONDecoder().decode(Configuration.self, from: Data(#"{"stage": "later"}"#.utf8))
        }
        let root = try folder([".tracklint.json": #"{"rules": {"TL999": "off"}}"#])
        defer { try? FileManager.default.removeItem(at: root) }
        let path = root.appendingPathComponent(".tracklint.json").path
        #expect(throws: LintError("config `\(path)`: unknown rule `TL999` in `rules` (see `tracklint rules`)")) {
            try Configuration(contentsOfFile: path)
        }
    }

    @Test func findingsAndDiagnosesRoundTripThroughCodable() throws {
        let results = Linter().lint(Array(Self.message.utf8), path: "sale.eml") + Linter().lint(Self.template)
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        for result in results {
            let findings = try JSONDecoder().decode([Finding].self, from: encoder.encode(result.findings))
            #expect(findings == result.findings)
            let diagnosis = try encoder.encode(result.diagnosis)
            #expect(try encoder.encode(JSONDecoder().decode(Diagnosis.self, from: diagnosis)) == diagnosis)
        }
    }

    @Test func unreadableFilesThrow() {
        #expect(throws: LintError("cannot read `/no/such/mail.html`")) { try Linter().lint(fileAt: "/no/such/mail.html") }
    }

    @Test func fixApplierResolvesOverlapsTheSameWayEveryTime() {
        let source = Array("<a href=\"grüße@x.example\">A</a>\n<a href=\"b.example\">B</a>".utf8)
        func fix(_ line: Int, _ column: Int, _ length: Int, _ text: String, _ applicability: Fix.Applicability = .safe) -> Fix {
            Fix(description: text, applicability: applicability, edits: [Edit(line: line, column: column, length: length, text: text)])
        }
        let mailto = fix(1, 10, 0, "mailto:")
        let replaced = fix(1, 10, 5, "hello")  // starts where `mailto` inserts: no overlap
        let inside = fix(1, 12, 2, "XX")       // inside `replaced`: skipped
        let second = fix(2, 10, 0, "https://", .unsafe)
        let outside = fix(3, 1, 0, "x")        // no line 3: skipped
        for order in [[inside, replaced, mailto, second, outside], [outside, second, mailto, replaced, inside]] {
            let outcome = FixApplier.apply(order, to: source, applicabilities: [.safe, .unsafe])
            #expect(String(decoding: outcome.bytes, as: UTF8.self) == "<a href=\"mailto:hello@x.example\">A</a>\n<a href=\"https://b.example\">B</a>")
            #expect(Set(outcome.skipped) == [inside, outside])
        }
        // Unsafe fixes apply only when asked for.
        #expect(FixApplier.apply([second], to: source).applied.isEmpty)
    }

    /// `Linter.fix` is `--fix` for library users (the language server): a template fixed to its
    /// fixed point, with what remains; a message is linted and left as it is.
    @Test func linterFixesTemplatesToAFixedPointAndLeavesMessagesAlone() {
        let template = Array("<p><a href=\"www.x.example\">Shop</a> <a href=\"/a\">A</a> <a href=\"b@x.example\">B</a></p>\n".utf8)
        let linter = Linter(options: LintOptions(baseURL: "https://x.example/"))
        let safe = linter.fix(template, path: "t.html")
        #expect(String(decoding: safe.bytes, as: UTF8.self)
                == "<p><a href=\"https://www.x.example\">Shop</a> <a href=\"/a\">A</a> <a href=\"mailto:b@x.example\">B</a></p>\n")
        #expect(safe.fixed == 2 && safe.isFixable)
        #expect(safe.results.flatMap(\.findings).map(\.code) == ["TL301"])
        let unsafe = linter.fix(template, path: "t.html", applicabilities: [.safe, .unsafe])
        #expect(unsafe.fixed == 3 && unsafe.results.flatMap(\.findings).isEmpty)
        #expect(linter.fix(unsafe.bytes, path: "t.html", applicabilities: [.safe, .unsafe]).fixed == 0)
        // A caller can leave findings out (the CLI: those a baseline accepts).
        let selected = linter.fix(template, path: "t.html") { $0.filter { $0.code != "TL305" } }
        #expect(selected.fixed == 1)
        let message = Array("From: a@x.example\r\nSubject: Hi\r\nContent-Type: text/html\r\n\r\n<a href=\"www.x.example\">x</a>\r\n".utf8)
        let untouched = linter.fix(message, path: "m.eml")
        #expect(!untouched.isFixable && untouched.fixed == 0 && untouched.bytes == message)
        #expect(untouched.results.flatMap(\.findings).contains { $0.code == "TL302" })
    }

    /// README "Use as a library" shows `ReadmeExample.swift` as it is, which this target compiles.
    @Test func readmeShowsTheExampleThatCompiles() throws {
        let tests = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        let example = try String(contentsOf: tests.appendingPathComponent("ReadmeExample.swift"), encoding: .utf8)
        let readme = try String(contentsOf: tests.appendingPathComponent("../../README.md").standardizedFileURL, encoding: .utf8)
        let section = try #require(readme.components(separatedBy: "\n## Use as a library\n").dropFirst().first)
        let block = try #require(section.components(separatedBy: "```swift\n").dropFirst().first?.components(separatedBy: "```\n").first)
        #expect(block == example)

        let root = try folder([".tracklint.json": #"{"rules": {"TL304": "info"}}"#, "m.html": Self.template])
        defer { try? FileManager.default.removeItem(at: root) }
        let file = root.appendingPathComponent("m.html").path
        #expect(try findingLines(template: Self.template, file: file)
                    == ["welcome.html:1: error TL301", "welcome.html:1: warning TL304", "\(file):1: error TL301", "\(file):1: info TL304"])
    }
}
