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
        lowers: Lowering(codes: ["TL201", "TL307", "TL401"], to: .info,
                         helpSuffix: " (this is a test send, which platforms do not track: see TL406)",
                         verdictNote: "this is a test send", verdictReason: "Test send, which platforms do not track"),
        triggering: [
            Example("From: a@x.example\n⇣Subject: [TEST] Spring sale\nContent-Type: text/html\n\n<p>x</p>\n", checksVariants: false),
            Example("From: a@x.example\n⇣Subject: Spring sale\nContent-Type: text/html\n\n<a href=\"https://m.x.example/|URL|\">Unsubscribe</a>\n",
                    checksVariants: false),
        ],
        clean: [
            Example("From: a@x.example\nSubject: Testing our new app\nContent-Type: text/html\n\n<p>x</p>\n", checksVariants: false),
        ])

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
        } else if let (signal, platform) = Self.testSendSignal(in: message) {
            context.report("\(platform.displayName)'s `\(signal.placeholder)` placeholder was not replaced: \(signal.explanation)",
                           evidence: signal.placeholder, header: anchor)
        }
    }

    /// Each signal with its placeholder's bytes, as the search takes them: made once, not per part.
    private static let signalPlaceholders = PlatformProfiles.testSendSignals.map { (entry: $0, bytes: Array($0.signal.placeholder.utf8)) }

    /// The first platform test-send signal an HTML part carries: a placeholder left unreplaced.
    private static func testSendSignal(in message: MailMessage) -> (TestSendSignal, PlatformProfile)? {
        guard !signalPlaceholders.isEmpty else { return nil }
        for part in message.htmlParts {
            let utf8 = message.text(of: part).utf8
            // A placeholder missing from the text is in none of its spans (they are ASCII, written
            // as they are, so the bytes tell): most parts hold none, and need no text nor merge tags.
            let written = signalPlaceholders.filter { utf8.firstOffset(of: $0.bytes, in: 0..<utf8.count) != nil }.map(\.entry)
            guard !written.isEmpty else { continue }
            let spans = MergeTags.spans(in: String(decoding: utf8, as: UTF8.self))
            if let found = written.first(where: { entry in spans.contains { $0.text == entry.signal.placeholder } }) { return found }
        }
        return nil
    }
}
