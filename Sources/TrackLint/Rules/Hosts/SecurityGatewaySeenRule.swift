import TrackLintParsing
import TrackLintPlatforms

struct SecurityGatewaySeenRule: MessageRule {
    static let info = RuleInfo(
        code: "TL506", slug: "security-gateway-seen", title: "Security gateway on the way",
        summary: "Headers show a recipient-side security gateway (Proofpoint, Microsoft Defender, Mimecast, ...) handled the message",
        rationale: """
        Recipient-side security gateways scan mail before the reader sees it: they fetch images and \
        follow links to check them, and many rewrite every link through their own redirector. Opens \
        and clicks then arrive seconds after delivery, from data-centre addresses, for every link at \
        once. Tracking is not broken, but its numbers are: expect automated opens and clicks, and \
        rewritten links in what the reader forwards to support.
        """,
        fix: "Nothing to fix in the message: filter bot opens and clicks in reporting (by timing and IP)",
        category: .hosts, concerns: [.openTracking, .clickTracking], stages: [.sent], defaultSeverity: .info,
        triggering: [
            Example("From: a@x.example\nSubject: s\n⇣X-Proofpoint-Spam-Details: rule=notspam\nContent-Type: text/html\n\n<p>x</p>\n", checksVariants: false),
        ],
        clean: [
            Example("From: a@x.example\nSubject: s\nX-MC-Unique: not-mailchimp-but-mimecast-is-only-x-mimecast\nContent-Type: text/html\n\n<p>x</p>\n",
                    checksVariants: false),
        ])

    func check(_ context: inout MessageRuleContext) {
        guard context.isTopLevel else { return }
        for (gateway, field) in Gateways.seen(in: context.message.headers) {
            context.report("\(gateway) handled this message (header \(field.name)): expect automated opens and clicks",
                           evidence: field.name, header: field)
        }
    }
}
