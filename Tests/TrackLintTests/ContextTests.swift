import Foundation
import Testing
@testable import TrackLint
@testable import TrackLintParsing

/// `--context`: a stated context runs every rule of that context; `auto` infers one per input, says
/// why, and the findings say what the diagnosis says (SPEC.md, "Inputs and stage").
@Suite struct ContextTests {
    /// A campaign-looking message with no list headers, no platform and no tracking.
    static let plainCampaign = """
    From: news@shop.example
    Subject: Spring sale
    Content-Type: text/html

    <html><body><p>Sale: <a href="https://shop.example/sale">shop</a></p><img src="https://shop.example/logo.png" width="200"></body></html>

    """

    private func result(_ text: String, context: MailContext? = nil, path: String = "m.eml") throws -> InputResult {
        try #require(Linter(options: LintOptions(context: context)).lint(Array(text.utf8), path: path).first)
    }

    /// Code and severity of the findings of the three rules the diagnosis speaks for.
    private func stated(_ result: InputResult) -> [String] {
        result.findings.filter { ResolvedContext.statedByDiagnosis.contains($0.code) }.map { "\($0.code) \($0.severity.rawValue)" }
    }

    @Test func statedCampaignRunsEveryCampaignRule() throws {
        let result = try result(Self.plainCampaign, context: .campaign)
        #expect(stated(result) == ["TL403 warning", "TL201 error", "TL402 warning"])
        #expect(result.diagnosis.context == ResolvedContext(value: .campaign, inferred: false, evidence: ["--context or config"],
                                                            isDeliveryReport: false))
    }

    @Test func statedTransactionalSilencesUnsubscribeRules() throws {
        #expect(stated(try result(Self.plainCampaign, context: .transactional)) == ["TL201 error"])
    }

    @Test func noBulkSignIsTransactionalAndTheFindingsStillSaySo() throws {
        let result = try result(Self.plainCampaign)
        #expect(result.diagnosis.context.value == .transactional)
        #expect(result.diagnosis.context.inferred)
        #expect(result.diagnosis.context.evidence == ["no bulk signs (platform, list headers, Precedence: bulk, tracked links)"])
        #expect(stated(result) == ["TL403 info", "TL201 info", "TL402 info"])
        #expect(result.findings.allSatisfy { $0.help.hasSuffix("pass `--context campaign` if it is one)") })
    }

    @Test func listHeadersMakeACampaign() throws {
        let text = Self.plainCampaign.replacingOccurrences(of: "Subject:", with: "List-Id: <news.shop.example>\nSubject:")
        let result = try result(text)
        #expect(result.diagnosis.context.value == .campaign)
        #expect(result.diagnosis.context.evidence == ["header List-Id"])
        #expect(stated(result) == ["TL403 warning", "TL201 error", "TL402 warning"])
    }

    @Test func transactionalWordingOutweighsAPlatformButNotListHeaders() throws {
        let reset = Self.plainCampaign.replacingOccurrences(of: "Subject: Spring sale", with: "X-SG-EID: abc\nSubject: Reset your password")
        let result = try result(reset)
        #expect(result.diagnosis.context.value == .transactional)
        #expect(result.diagnosis.context.evidence == ["subject reads as transactional (`reset your password`)"])
        let listed = reset.replacingOccurrences(of: "X-SG-EID: abc", with: "Precedence: bulk")
        #expect(try self.result(listed).diagnosis.context.value == .campaign)
        // Platforms give all their mail a Feedback-ID (Amazon SES every message): wording outweighs it too.
        let statement = Self.plainCampaign.replacingOccurrences(
            of: "Subject: Spring sale", with: "Feedback-ID: 1.us-east-1.x=:AmazonSES\nSubject: Your billing statement is available")
        let judged = try self.result(statement).diagnosis.context
        #expect(judged.value == .transactional)
        #expect(judged.evidence == ["subject reads as transactional (`billing statement`)"])
        let sale = try self.result(Self.plainCampaign.replacingOccurrences(of: "Subject: Spring sale", with: "Feedback-ID: 1:2:shop\nSubject: Spring sale"))
        #expect(sale.diagnosis.context.value == .campaign)
        #expect(sale.diagnosis.context.evidence == ["header Feedback-ID"])
    }

    @Test func deliveryReportsAreNeverJudgedForPixelOrUnsubscribe() throws {
        let bounce = """
        From: mailer-daemon@mx.example
        Subject: Undelivered Mail Returned to Sender
        Content-Type: multipart/report; report-type=delivery-status; boundary=b

        --b
        Content-Type: text/html

        <html><body><p>Your message could not be delivered.</p></body></html>
        --b--

        """
        let result = try result(bounce)
        #expect(result.diagnosis.context.isDeliveryReport)
        #expect(result.diagnosis.context.evidence == ["delivery report (multipart/report)"])
        #expect(stated(result).isEmpty)
    }

    @Test(arguments: [
        (#"<html><body><p>News</p><a href="*|UNSUB|*">Leave</a></body></html>"#, MailContext.campaign, "an unsubscribe link or placeholder"),
        ("<html><head><title>Your receipt</title></head><body><p>Thanks for your order.</p></body></html>", .transactional,
         "wording reads as transactional (`receipt`)"),
        ("<html><body><p>Our spring collection is here.</p></body></html>", .campaign,
         "HTML without transactional wording (judged as a campaign)"),
        ("<html><body><p>Your order {{ order_id }} has been shipped. Tracking number: {{ tracking }}</p></body></html>",
         .transactional, "wording reads as transactional (`has been shipped`)"),
        ("<html><body><p>We blocked a sign-in attempt to your account from a new device.</p></body></html>",
         .transactional, "wording reads as transactional (`sign-in attempt`)"),
        // MJML's head (styles, attributes) is not the headline.
        ("<mjml><mj-head><mj-style>" + String(repeating: ".a { color: #333333; } ", count: 20)
            + "</mj-style></mj-head><mj-body><mj-text>Order number: {{ var:order }}</mj-text></mj-body></mjml>",
         .transactional, "wording reads as transactional (`order number`)"),
        // An abandoned cart is marketing: "your order" alone says nothing.
        ("<html><body><h1>Complete your order</h1><p>Your cart misses you: 10% off today.</p></body></html>", .campaign,
         "HTML without transactional wording (judged as a campaign)"),
    ])
    func templatesAreJudgedByTheirPlaceholdersAndWording(_ html: String, _ value: MailContext, _ evidence: String) throws {
        let result = try result(html, path: "t.html")
        #expect(result.diagnosis.context.value == value)
        #expect(result.diagnosis.context.evidence == [evidence])
    }

    @Test func aTransactionalTemplateWithoutUnsubscribeGetsAnInfo() throws {
        let html = "<html><head><title>Reset your password</title></head><body><a href=\"https://x.example/r/1\">Reset</a></body></html>"
        #expect(stated(try result(html, path: "t.html")) == ["TL402 info"])
        #expect(stated(try result(html, context: .transactional, path: "t.html")).isEmpty)
    }

    /// The headline, counted on bytes while they are ASCII, is what the general count of
    /// characters makes: with CR LF between the tags, a mark joining the 300th character, and text
    /// outside ASCII.
    @Test(arguments: ["plain", "\r\n", "e\u{301}", "é", "👍🏽"])
    func headlinesCountCharactersAsStringsDo(_ piece: String) {
        let long = String(repeating: "word ", count: 59) + "abcd" + piece + " tail"
        let html = "<html><head><title>Hi \(piece)</title></head><body>\r\n<p>\(long)</p>\r\n<div>\r\n<p>\(piece) x</p>\r\n</div></body></html>"
        for source in [html, html.replacingOccurrences(of: "<p>\(long)</p>", with: String(repeating: "<p>ab\(piece)</p>\r\n", count: 80))] {
            let document = HTMLParser.parse(Array(source.utf8))
            let titles = document.texts.filter { $0.parent.map { ["title", "h1", "h2", "h3"].contains(document.elements[$0].name) } ?? false }
            let visible = document.texts.filter { !$0.isHidden }.map(\.text).joined(separator: " ")
            let expected = (titles.map(\.text) + [String(visible.prefix(TransactionalWording.headlineLength))]).joined(separator: " ")
            #expect(TransactionalWording.headline(of: document) == expected, "\(piece)")
        }
    }
}
