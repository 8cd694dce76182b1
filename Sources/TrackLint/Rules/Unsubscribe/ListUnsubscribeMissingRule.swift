import TrackLintParsing
import TrackLintPlatforms

struct ListUnsubscribeMissingRule: MessageRule {
    static let info = RuleInfo(
        code: "TL403", slug: "list-unsubscribe-missing", title: "No List-Unsubscribe header",
        summary: "The message has no `List-Unsubscribe` header, which Gmail and Yahoo require of bulk senders",
        rationale: """
        Since 2024 Gmail and Yahoo require bulk senders to offer unsubscribing from the mail client \
        itself: a `List-Unsubscribe` header (with one-click, RFC 8058). Without it the client shows no \
        unsubscribe button, readers press "report spam" instead, and the sender's reputation suffers. \
        Platforms add the header to campaign mail; test sends and hand-built messages often lack it. \
        Not raised for transactional mail; when the context is inferred, mail without signs of bulk \
        sending (a platform's headers, list headers, `Precedence: bulk`, tracked links) gets it at info.
        """,
        fix: "Send through the platform's campaign feature, or add `List-Unsubscribe` and `List-Unsubscribe-Post` headers",
        customer: CustomerWording(cause: "the message has no List-Unsubscribe header, which Gmail and Yahoo require of bulk mail "
                                      + "for their Unsubscribe button",
                                  remedy: "turn the List-Unsubscribe header on in the sending platform"),
        category: .unsubscribe, concerns: [.unsubscribe], stages: [.sent], defaultSeverity: .warning, contexts: [.campaign, .test],
        triggering: [
            Example("⇣From: news@x.example\nSubject: Weekly\nPrecedence: bulk\nContent-Type: text/html\n\n<p>x</p>\n", checksVariants: false),
        ],
        clean: [
            Example("From: shop@x.example\nSubject: Your receipt\nContent-Type: text/plain\n\nThanks!\n", context: .transactional,
                    checksVariants: false),
            Example("From: news@x.example\nSubject: Weekly\nList-Unsubscribe: <https://x.example/u/1>\nList-Unsubscribe-Post: List-Unsubscribe=One-Click\nContent-Type: text/html\n\n<p>x</p>\n",
                    checksVariants: false),
        ])

    func check(_ context: inout MessageRuleContext) {
        // Whether the message needs one is the context's question (ResolvedContext).
        guard context.isTopLevel, context.message.headers["List-Unsubscribe"] == nil,
              let first = context.message.headers.fields.first else { return }
        context.report("Message has no List-Unsubscribe header, so mail clients show no unsubscribe button",
                       evidence: "no List-Unsubscribe", line: first.line)
    }
}
