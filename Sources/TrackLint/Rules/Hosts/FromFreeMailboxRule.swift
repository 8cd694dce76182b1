import TrackLintParsing
import TrackLintPlatforms

struct FromFreeMailboxRule: MessageRule {
    static let info = RuleInfo(
        code: "TL503", slug: "from-free-mailbox", title: "From address at a free mailbox provider",
        summary: "The From address is at a free mailbox provider (gmail.com, yahoo.*, ...) while a platform sent the mail",
        rationale: """
        Free mailbox providers publish strict DMARC policies: mail that claims to be from gmail.com or \
        yahoo.com but is sent by a platform fails DMARC alignment, and receivers reject it or file it \
        as spam, where opens and clicks are rarely recorded. Senders need an address at a domain \
        they control, authenticated for the platform.
        """,
        fix: "Send from an address at your own domain, set up with the platform's SPF and DKIM",
        category: .hosts, concerns: [], stages: [.sent], defaultSeverity: .warning,
        triggering: [
            Example("⇣From: Shop <shop.owner@gmail.com>\nSubject: s\nX-SG-EID: abc\nContent-Type: text/html\n\n<p>x</p>\n", checksVariants: false),
        ],
        clean: [
            Example("From: Shop <news@shop.example>\nSubject: s\nX-SG-EID: abc\nContent-Type: text/html\n\n<p>x</p>\n", checksVariants: false),
            Example("From: Friend <friend@gmail.com>\nSubject: Personal\nContent-Type: text/html\n\n<p>x</p>\n", checksVariants: false),
        ])

    func check(_ context: inout MessageRuleContext) {
        let headers = context.message.headers
        guard context.isTopLevel, let field = headers["From"],
              let address = AddressParser.parse(field.value).first, let domain = address.domain,
              HeaderAnalysis.isFreeMailbox(domain), let (platform, _) = context.message.platformFromHeaders else { return }
        context.report("From address `\(address.address)` is at \(domain), a free mailbox provider, but \(platform) sent the message",
                       evidence: address.address, header: field)
    }
}
