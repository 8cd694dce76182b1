import Foundation
import Testing
@testable import TrackLint
@testable import TrackLintParsing
@testable import TrackLintPlatforms
@testable import TrackLintReporters

/// Verdicts from every finding's concerns (partial states, link kinds, unsubscribe paths, Gmail's
/// clip), the customer answer, and the report's numbered points.
@Suite struct VerdictTests {
    static func result(_ path: String, options: LintOptions = LintOptions(), details: Bool = false) throws -> InputResult {
        try #require(Linter(options: options, collectsReportDetails: details)
            .lint(fileAt: TestSupport.fixtures.appendingPathComponent(path).path).first)
    }

    static func verdict(_ concern: Concern, _ result: InputResult) throws -> Verdict {
        try #require(Verdict.verdicts(for: result).first { $0.concern == concern })
    }

    @Test func oneUntrackedFooterLinkOfTwentyIsPartial() throws {
        let result = try Self.result("cases/verdict-one-untracked-footer-link.eml")
        #expect(try Self.verdict(.clickTracking, result) == Verdict(
            concern: .clickTracking, state: .partial, reason: "1 of 20 links is not tracked (1 footer, 1 legal): “Imprint”", codes: ["TL307"]))
        #expect(result.diagnosis.links.web == 20)
    }

    @Test func aMalformedUnsubscribeLinkBesideOneClickIsPartialAndNamesBoth() throws {
        let result = try Self.result("cases/verdict-unsubscribe-link-malformed.eml")
        #expect(try Self.verdict(.unsubscribe, result) == Verdict(
            concern: .unsubscribe, state: .partial,
            reason: "the unsubscribe link “Unsubscribe” does not work (Malformed link URL); List-Unsubscribe with one-click works",
            codes: ["TL303"]))
        // The dead unsubscribe link is an unsubscribe path failing, not a click going uncounted.
        #expect(try Self.verdict(.clickTracking, result).state == .ok)
    }

    /// A placeholder for which the platform writes the whole link (Klaviyo's `{% unsubscribe %}`,
    /// Mautic's `{unsubscribe_text}`, Campaign Monitor's `<unsubscribe>`) is the body's way out, as
    /// TL402 already took it to be: the diagnosis said there was none.
    @Test(arguments: ["Bye: {% unsubscribe %}", "{unsubscribe_text}", "<unsubscribe>Leave</unsubscribe>"])
    func aPlaceholderThePlatformWritesIsTheWayOut(_ footer: String) throws {
        let html = #"<h1>News</h1><a href="https://x.example/">Shop</a><p>"# + footer + "</p>"
        let result = try #require(Linter(options: LintOptions()).lint(Array(html.utf8), path: "news.html").first)
        #expect(result.findings.isEmpty)
        #expect(result.diagnosis.unsubscribeBodyLink == false)
        #expect(result.diagnosis.unsubscribePlaceholder)
        #expect(try Self.verdict(.unsubscribe, result) == Verdict(
            concern: .unsubscribe, state: .ok, reason: "Unsubscribe placeholder in the body", codes: []))
    }

    /// Constant Contact adds its footer, with an unsubscribe link, to every mail: a template
    /// without one is no problem (TL402 stays silent), and the verdict says why.
    @Test func aPlatformThatAddsItsFooterLeavesAWayOut() throws {
        let html = #"<html><body><p>Thanks, [[FIRSTNAME OR "there"]]!</p><a href="https://x.example/">Shop</a></body></html>"#
        let result = try #require(Linter(options: LintOptions()).lint(Array(html.utf8), path: "welcome.html").first)
        #expect(result.findings.isEmpty)
        #expect(try Self.verdict(.unsubscribe, result) == Verdict(
            concern: .unsubscribe, state: .ok,
            reason: "No unsubscribe link in the body; Constant Contact adds its footer with one when it sends", codes: []))
        // Received, the footer is there or it is missing.
        let sent = try #require(Linter(options: LintOptions(stage: .sent)).lint(Array(html.utf8), path: "welcome.html").first)
        #expect(sent.findings.map(\.code).contains("TL402"))
    }

    @Test func theMauticTestSendAnswerExplainsTestSendsWithoutCodes() throws {
        let answer = CustomerAnswer.text(for: try Self.result("cases/mautic-test-send.html", options: LintOptions(stage: .sent)))
        #expect(answer.hasPrefix("This email is a test send: Mautic's “|URL|” placeholder was not replaced"))
        #expect(answer.contains("To test tracking, send the email to a small segment of real contacts"))
        #expect(answer.range(of: #"TL[0-9]{3}"#, options: .regularExpression) == nil)
    }

    @Test func noAnswerOfAnyFixtureNamesARuleCode() throws {
        let files = FileManager.default.enumerator(atPath: TestSupport.fixtures.path)?.compactMap { $0 as? String } ?? []
        let inputs = files.filter { [".html", ".eml", ".mbox"].contains(where: $0.hasSuffix) }
        #expect(inputs.count > 100)
        for path in inputs {
            let file = TestSupport.fixtures.appendingPathComponent(path).path
            // Codes the input itself holds (a subject, a link text) may be quoted; no other.
            let quotable = Self.codes(in: String(decoding: try #require(FileManager.default.contents(atPath: file)), as: UTF8.self))
            for result in try Linter().lint(fileAt: file) {
                let answer = CustomerAnswer.text(for: result)
                #expect(!answer.isEmpty && Self.codes(in: answer).isSubset(of: quotable), "\(path): \(answer)")
            }
        }
    }

    static func codes(in text: String) -> Set<String> {
        var codes: Set<String> = []
        var rest = Substring(text)
        while let found = rest.range(of: #"TL[0-9]{3}"#, options: .regularExpression) {
            codes.insert(String(rest[found]))
            rest = rest[found.upperBound...]
        }
        return codes
    }

    @Test func everyRuleThatCanBreakAConcernSpeaksToCustomers() {
        let silent = RuleRegistry.all.map { $0.info }
            .filter { !$0.concerns.isEmpty && max($0.defaultSeverity, $0.sentSeverity ?? .info) > .info && $0.customer == nil }
        #expect(silent.map(\.code) == [], "rules without customer wording")
    }

    @Test func linkKindsComeFromPlaceTextAndHost() throws {
        let html = """
            <p><a href="https://shop.example/a">Shop</a> <a href="https://www.facebook.com/acme">Follow us</a></p>
            <div class="footer-links"><a href="https://shop.example/datenschutz">Privacy</a></div>
            """
        let result = try #require(Linter().lint(html, path: "k.html").first)
        #expect(result.diagnosis.linkFacts.map(\.kinds) == [[], [.social], [.footer, .legal]])
        #expect(result.diagnosis.linkFacts.map(\.label) == ["“Shop”", "“Follow us”", "“Privacy”"])
    }

    @Test func anUnsubscribeLinkPastGmailsClipIsSaid() throws {
        let filler = "<p>" + String(repeating: "x", count: 1000) + "</p>\n"
        let message = """
            From: news@shop.example
            Subject: Big
            List-Unsubscribe: <https://shop.example/u>
            Content-Type: text/html

            <img src="https://t.shop.example/o/0a1b2c3d4e5f6a7b8c9d" width="1" height="1" alt="">
            \(String(repeating: filler, count: 110))<a href="https://shop.example/unsubscribe">Unsubscribe</a>

            """
        let result = try #require(Linter().lint(message, path: "big.eml").first)
        let verdict = try Self.verdict(.unsubscribe, result)
        #expect(verdict.reason.hasSuffix("the unsubscribe link “Unsubscribe” is past Gmail's clipping point (102 KB)"))
        #expect(CustomerAnswer.text(for: result).contains(
            "In Gmail, the unsubscribe link “Unsubscribe” shows only after the reader clicks \"View entire message\""))
    }

    @Test func reportNumbersFailingLinksFirstAndDrawsTheClip() throws {
        let result = try Self.result("cases/verdict-one-untracked-footer-link.eml", details: true)
        let points = BodyPoints(body: try #require(result.bodies.first), result: result)
        #expect(points.rows.first?.text == "Imprint")
        #expect(points.numbers[try #require(points.rows.first).element] == 1)
        #expect(points.numbers.count == 2)  // the failing link and the pixel
        #expect(points.clipLabel == nil)
        guard case .html(let document, _) = try #require(result.bodies.first).content else { return }
        let preview = PreviewSanitizer.preview(of: document, marks: points.marks).html
        #expect(preview.contains(#"<a class="tl-link tl-failing" title="Link (not followed in the preview): https://acme.example/imprint"><span class="tl-number">1</span>Imprint</a>"#))
        #expect(preview.contains(#">2 pixel</span>"#))
        let clipped = PreviewSanitizer.preview(of: document, marks: PreviewMarks(clip: (100, "Gmail clips here: 102 KB"))).html
        #expect(clipped.components(separatedBy: #"<span class="tl-clip">Gmail clips here: 102 KB</span>"#).count == 2)
    }

    @Test func reportTellsThePlatformsPixelFromBeacons() throws {
        let result = try Self.result("cases/pixel-only-measurement-beacons.eml", details: true)
        let images = try #require(result.bodies.first).measurementImages
        #expect(!images.isEmpty && images.allSatisfy { if case .beacon = $0.kind { true } else { false } })
        let run = try TestSupport.run(["check", "--format", "html", "Fixtures/cases/pixel-only-measurement-beacons.eml"])
        #expect(run.stdout.contains("Third-party beacon: "))
        #expect(run.stdout.contains("<textarea readonly"))
    }
}
