import TrackLintParsing
import TrackLintPlatforms

struct TestSendRule: MessageRule {
    static let info = RuleInfo(
        code: "TL406", slug: "test-send", title: "Test send",
        summary: "The message is a test or example send, which platforms do not track; TL201, TL307 and TL401 are lowered to info",
        rationale: """
        Platforms do not track test sends: Mautic's "send example" goes to a user, not a contact, \
        so links are not rewritten, the pixel is left out and the unsubscribe text keeps its `|URL|` \
        placeholder; Mailchimp and others do not count clicks in test mails either. Judging \
        tracking from a test send reports problems that real sends do not have. tracklint treats a \
        message as a test send with `--context test`, a `[TEST]` subject prefix, or Mautic's `|URL|` \
        placeholder, and lowers the pixel, link-tracking and unsubscribe-placeholder findings to info.
        """,
        fix: "Test tracking with a real send to a small segment of contacts (your own addresses added as contacts)",
        category: .unsubscribe, concerns: Set(Concern.allCases), stages: [.sent], defaultSeverity: .info,
        triggering: [
            Example("From: a@x.example\n↓Subject: [TEST] Spring sale\nContent-Type: text/html\n\n<p>x</p>\n", checksVariants: false),
            Example("From: a@x.example\n↓Subject: Spring sale\nContent-Type: text/html\n\n<a href=\"https://m.x.example/|URL|\">Unsubscribe</a>\n",
                    checksVariants: false),
        ],
        clean: [
            Example("From: a@x.example\nSubject: Testing our new app\nContent-Type: text/html\n\n<p>x</p>\n", checksVariants: false),
        ])

    /// Findings a test send explains, lowered to info for it.
    static let explainedCodes: Set<String> = ["TL201", "TL307", "TL401"]

    func check(_ context: inout MessageRuleContext) {
        guard context.isTopLevel else { return }
        let message = context.message
        let subject = message.headers["Subject"]
        let anchor = subject ?? message.headers.fields.first
        if context.options.context == .test {
            context.report("Linted as a test send (--context test): platforms do not track test sends", evidence: "--context test",
                           header: anchor)
        } else if let subject, subject.decodedValue.trimmingCharacters().lowercased().hasPrefix("[test]") {
            context.report("Subject `\(subject.decodedValue.prefix(60))` marks a test send, which platforms do not track",
                           evidence: String(subject.decodedValue.prefix(6)), header: subject)
        } else if message.htmlParts.contains(where: { part in
            UnsubscribePlaceholders.spans(in: String(decoding: message.text(of: part).utf8, as: UTF8.self))
                .contains { $0.dialect == .pipe && $0.name == "URL" }
        }) {
            context.report("Mautic's `|URL|` placeholder was not replaced: this is a test (\"send example\") send, which Mautic does not track",
                           evidence: "|URL|", header: anchor)
        }
    }
}
