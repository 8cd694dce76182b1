import TrackLintParsing
import TrackLintPlatforms

struct DKIMSignatureMissingRule: MessageRule {
    static let info = RuleInfo(
        code: "TL505", slug: "dkim-signature-missing", title: "No DKIM signature",
        summary: "A message sent through a platform carries no `DKIM-Signature`",
        rationale: """
        Every sending platform signs mail with DKIM; Gmail and Yahoo require it of bulk senders. A \
        message from a platform without a signature was either relayed by something that stripped \
        it, or the domain was never set up, and it will be filtered as spam, where opens and clicks \
        are rarely counted. The platform is recognised from the message's headers.
        """,
        fix: "Set up DKIM for the sending domain in the platform (publish its key) and send again",
        category: .hosts, concerns: [], stages: [.sent], defaultSeverity: .warning,
        triggering: [
            Example("From: a@x.example\nSubject: s\n⇣X-Mailgun-Sid: WyI0ZmE3IiwgImFAeC5leGFtcGxlIl0=\nContent-Type: text/html\n\n<p>x</p>\n", checksVariants: false),
        ],
        clean: [
            Example("DKIM-Signature: v=1; d=x.example; s=k; h=from; bh=x; b=y\nFrom: a@x.example\nSubject: s\nX-Mailgun-Sid: WyI0ZmE3Il0=\nContent-Type: text/html\n\n<p>x</p>\n",
                    checksVariants: false),
            Example("From: a@x.example\nSubject: Personal mail, no platform\nContent-Type: text/html\n\n<p>x</p>\n", checksVariants: false),
        ])

    func check(_ context: inout MessageRuleContext) {
        let headers = context.message.headers
        guard context.isTopLevel, headers["DKIM-Signature"] == nil,
              let (platform, evidence) = context.message.platformFromHeaders else { return }
        let field = PlatformProfiles.profile(platform)?.headers.lazy.compactMap { $0.match(headers) }.first
        context.report("Message was sent through \(platform) (\(evidence.first ?? "")) but carries no DKIM-Signature",
                       evidence: evidence.joined(separator: ", "), header: field)
    }
}
