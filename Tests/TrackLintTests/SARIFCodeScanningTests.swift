import Foundation
import Testing

/// What GitHub code scanning needs beyond the SARIF schema: a category per run, the end of each
/// region, a name for standard input, and links to the rules' pages and the project.
@Suite struct SARIFCodeScanningTests {
    private func driver(_ run: [String: Any]) throws -> [String: Any] {
        try #require((run["tool"] as? [String: Any])?["driver"] as? [String: Any])
    }

    private func regions(_ run: [String: Any]) -> [NSDictionary?] {
        (run["results"] as? [[String: Any]] ?? []).map { result in
            (((result["locations"] as? [[String: Any]])?.first)?["physicalLocation"] as? [String: Any])?["region"] as? NSDictionary
        }
    }

    private func artifactURIs(_ run: [String: Any]) -> [String?] {
        (run["results"] as? [[String: Any]] ?? []).map { result in
            ((((result["locations"] as? [[String: Any]])?.first)?["physicalLocation"] as? [String: Any])?["artifactLocation"]
                as? [String: Any])?["uri"] as? String
        }
    }

    @Test func categoryBecomesAutomationDetailsID() throws {
        let tagged = try CIFormatTests.sarifRun(["--sarif-category", "templates", "Fixtures/demo/clean-template.html"])
        #expect(tagged["automationDetails"] as? NSDictionary == ["id": "templates/"] as NSDictionary)
        let withRun = try CIFormatTests.sarifRun(["--sarif-category", "mail/sent/", "Fixtures/demo/clean-template.html"])
        #expect(withRun["automationDetails"] as? NSDictionary == ["id": "mail/sent/"] as NSDictionary)
        let plain = try CIFormatTests.sarifRun(["Fixtures/demo/clean-template.html"])
        #expect(plain["automationDetails"] == nil)
        let empty = try TestSupport.run(["check", "--format", "sarif", "--sarif-category", " ", "Fixtures/demo/clean-template.html"])
        #expect(empty.status == 2)
        #expect(empty.stderr == "tracklint: error: --sarif-category takes a name such as `templates`\n")
    }

    @Test func regionsEndAfterTheEvidenceWhenItIsTheSourceText() throws {
        // The second link's evidence is `/a&b`, decoded from `/a&amp;b`: not the text at its place.
        let run = try CIFormatTests.sarifRun(["--select", "TL301", "-"], stdin: "<a href=\"/sale\">x</a>\n<a href=\"/a&amp;b\">y</a>\n")
        #expect(regions(run) == [["startLine": 1, "startColumn": 10, "endColumn": 15], ["startLine": 2, "startColumn": 10]])
    }

    @Test func standardInputIsNamedStdinOrAsGiven() throws {
        let html = #"<a href="/x">x</a>"#
        #expect(artifactURIs(try CIFormatTests.sarifRun(["--select", "TL301", "-"], stdin: html)) == ["stdin"])
        let named = try CIFormatTests.sarifRun(["--select", "TL301", "--stdin-filename", "mails/a.html", "-"], stdin: html)
        #expect(artifactURIs(named) == ["mails/a.html"])
    }

    @Test func projectAndRulePagesAreLinked() throws {
        let plain = try driver(CIFormatTests.sarifRun(["--select", "TL301", "Fixtures/demo/clean-template.html"]))
        #expect(plain["informationUri"] as? String == "https://github.com/tracklint/tracklint")
        #expect((plain["rules"] as? [[String: Any]])?.first?["helpUri"] == nil)
        let template = try driver(CIFormatTests.sarifRun(["--select", "TL301", "--docs-url", "https://docs.example.com/{code}-{slug}",
                                                          "Fixtures/demo/clean-template.html"]))
        #expect((template["rules"] as? [[String: Any]])?.first?["helpUri"] as? String == "https://docs.example.com/TL301-href-relative")
        let bad = try TestSupport.run(["check", "--docs-url", "docs/rules", "Fixtures/demo/clean-template.html"])
        #expect(bad.status == 2)
        #expect(bad.stderr.hasPrefix("tracklint: error: --docs-url takes an absolute http(s) URL"))
    }

    @Test func docsURLFromTheConfigNamesAFolderOfPages() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("tracklint-sarif-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        try #"{"root": true, "docsURL": "https://example.com/tracklint/docs/rules"}"#
            .write(to: folder.appendingPathComponent(".tracklint.json"), atomically: true, encoding: .utf8)
        try #"<a href="/x">x</a>"#.write(to: folder.appendingPathComponent("a.html"), atomically: true, encoding: .utf8)
        let run = try TestSupport.run(["check", "--format", "sarif", "--select", "TL301", "a.html"], directory: folder)
        let log = try #require(try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any])
        let rules = try driver(try #require((log["runs"] as? [[String: Any]])?.first))["rules"] as? [[String: Any]]
        #expect(rules?.first?["helpUri"] as? String == "https://example.com/tracklint/docs/rules/href-relative.md")
    }
}
