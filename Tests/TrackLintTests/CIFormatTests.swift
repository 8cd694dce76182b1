import Foundation
import Testing
@testable import TrackLint

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
}
