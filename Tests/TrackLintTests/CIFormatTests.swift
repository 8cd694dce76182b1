import Foundation
import Testing
@testable import TrackLint
@testable import TrackLintCLI
@testable import TrackLintParsing
@testable import TrackLintPlatforms
@testable import TrackLintReporters

/// `--format github` and `--format gitlab`, through the built binary.
@Suite struct CIFormatTests {
    /// A footer link keeps TL402 quiet, so each run has exactly the finding under test.
    static let footer = #"<a href="https://x.example/unsubscribe">Unsubscribe</a>"#

    @Test func githubCommandsAreEscaped() throws {
        // The file name carries both property separators; the href a percent sign and a line break.
        let run = try TestSupport.run(["check", "--format", "github", "--stdin-filename", "mails/a,b:c.html", "-"],
                                      stdin: "<a href=\"/sale%\nx\">x</a>" + Self.footer)
        #expect(run.status == 1)
        #expect(run.stdout == "::error file=mails/a%2Cb%3Ac.html,line=1,col=10,title=TL301 href-relative::"
            + "Link `/sale%25\\u{A}x` is relative, so it is dead in an email and cannot be tracked"
            + "%0Ahelp: Write the absolute https:// URL (pass --base-url to have it proposed)\n")
    }

    @Test func githubSeveritiesAndRawSourcePlaces() throws {
        let message = "From: a@x.example\nSubject: s\nX-Mailgun-Track: no\nContent-Type: text/html\n\n<p>x</p>"
            + Self.footer + "\n"
        let run = try TestSupport.run(["check", "--format", "github", "--select", "TL316", "--stdin-filename", "m.eml", "-"],
                                      stdin: message)
        #expect(run.stdout.hasPrefix("::warning file=m.eml,line=3,title=TL316 click-tracking-disabled::(header X-Mailgun-Track) "))
        #expect(run.stdout.components(separatedBy: "\n").filter { !$0.isEmpty }.count == 1)
    }

    @Test func gitlabReportIsCodeQualityJSON() throws {
        let html = #"<a href="/a">x</a><a href="/a">y</a>"# + Self.footer
        let run = try TestSupport.run(["check", "--format", "gitlab", "--stdin-filename", "t.html", "-"], stdin: html)
        #expect(run.status == 1)
        let issues = try #require(try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [[String: Any]])
        #expect(issues.count == 2)
        for issue in issues {
            #expect(Set(issue.keys) == ["description", "check_name", "fingerprint", "severity", "location"])
            #expect(issue["check_name"] as? String == "TL301")
            #expect(issue["severity"] as? String == "major")
            #expect((issue["description"] as? String)?.hasPrefix("TL301 Link `/a` is relative") == true)
            #expect(issue["location"] as? NSDictionary == ["path": "t.html", "lines": ["begin": 1]] as NSDictionary)
        }
        // Two identical findings stay two entries: their fingerprints differ.
        #expect(Set(issues.compactMap { $0["fingerprint"] as? String }).count == 2)
    }

    @Test func gitlabFingerprintsIgnoreLineShifts() throws {
        let html = #"<a href="/a">x</a>"# + Self.footer
        func fingerprints(_ input: String) throws -> [String] {
            let run = try TestSupport.run(["check", "--format", "gitlab", "--stdin-filename", "t.html", "-"], stdin: input)
            let issues = try #require(try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [[String: Any]])
            return issues.compactMap { $0["fingerprint"] as? String }
        }
        let before = try fingerprints(html)
        #expect(before.count == 1)
        #expect(try fingerprints("\n\n\n" + html) == before)
        #expect(try fingerprints(#"<a href="/b">x</a>"# + Self.footer) != before)
    }

    @Test func gitlabWithNoFindingsIsAnEmptyArray() throws {
        let run = try TestSupport.run(["check", "--format", "gitlab", "-"], stdin: "<p>x</p>" + Self.footer)
        #expect(run.status == 0)
        #expect(run.stdout == "[]\n")
    }

    @Test func stableHashIsFixed() {
        // FNV-1a 64 of the empty text from the standard basis, so the scheme cannot drift silently.
        #expect(StableHash.hex("").hasPrefix("cbf29ce484222325"))
        #expect(StableHash.hex("a") != StableHash.hex("b"))
        #expect(StableHash.hex("a").count == 32)
    }

    static func sarifRun(_ arguments: [String], stdin: String? = nil) throws -> [String: Any] {
        let run = try TestSupport.run(["check", "--format", "sarif"] + arguments, stdin: stdin)
        let log = try #require(try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any])
        #expect(log["version"] as? String == "2.1.0")
        return try #require((log["runs"] as? [[String: Any]])?.first)
    }

    @Test func sarifResultWithRuleLocationAndExactFix() throws {
        let path = "Fixtures/cases/relative-links-with-base-url.html"
        let run = try Self.sarifRun(["--base-url", "https://shop.example.com/help/", "--select", "TL301", path])
        let rules = try #require((run["tool"] as? [String: Any]).flatMap { $0["driver"] as? [String: Any] }?["rules"] as? [[String: Any]])
        #expect(rules.map { $0["id"] as? String } == ["TL301"])
        #expect(rules[0]["name"] as? String == "href-relative")
        #expect(run["columnKind"] as? String == "unicodeCodePoints")
        let result = try #require((run["results"] as? [[String: Any]])?.first)
        #expect(result["ruleId"] as? String == "TL301")
        #expect(result["ruleIndex"] as? Int == 0)
        #expect(result["level"] as? String == "error")
        let physical = try #require(((result["locations"] as? [[String: Any]])?.first)?["physicalLocation"] as? [String: Any])
        #expect(physical["artifactLocation"] as? NSDictionary == ["uri": path, "uriBaseId": "%SRCROOT%"] as NSDictionary)
        #expect(physical["region"] as? NSDictionary == ["startLine": 1, "startColumn": 13, "endColumn": 30] as NSDictionary)
        let change = try #require((((result["fixes"] as? [[String: Any]])?.first)?["artifactChanges"] as? [[String: Any]])?.first)
        #expect(change["replacements"] as? NSArray == [[
            "deletedRegion": ["startLine": 1, "startColumn": 13, "endColumn": 30],
            "insertedContent": ["text": "https://shop.example.com/pricing?plan=pro"],
        ]] as NSArray)
    }

    @Test func sarifPathsOutsideTheFolderAreFileURIs() throws {
        let run = try Self.sarifRun(["--select", "TL301", "--stdin-filename", "/tmp/a b.html", "-"], stdin: #"<a href="/x">x</a>"#)
        let result = try #require((run["results"] as? [[String: Any]])?.first)
        let physical = try #require(((result["locations"] as? [[String: Any]])?.first)?["physicalLocation"] as? [String: Any])
        #expect(physical["artifactLocation"] as? NSDictionary == ["uri": "file:///tmp/a%20b.html"] as NSDictionary)
    }

    @Test func sarifKeepsRawSourcePlacesInProperties() throws {
        let message = "From: a@x.example\nSubject: s\nMIME-Version: 1.0\nContent-Type: multipart/alternative; boundary=b\n\n"
            + "--b\nContent-Type: text/plain\n\nx\n--b\nContent-Type: text/html\n\n<p>x</p>\n<a href=\"/y\">y</a>\n--b--\n"
        let run = try Self.sarifRun(["--select", "TL301", "--stdin-filename", "m.eml", "-"], stdin: message)
        let result = try #require((run["results"] as? [[String: Any]])?.first)
        let properties = try #require(result["properties"] as? [String: Any])
        #expect(properties["part"] as? String == "2")
        #expect(properties["partLine"] as? Int == 2)
        #expect(properties["evidence"] as? String == "/y")
        #expect(properties["message"] == nil)
    }
}
