import TrackLintParsing
import TrackLintPlatforms

struct HTMLBodyMissingRule: MessageRule {
    static let info = RuleInfo(
        code: "TL101", slug: "html-body-missing", title: "Message without an HTML body",
        summary: "The message has no `text/html` part (text only), so no pixel can record an open",
        rationale: """
        Opens are counted by an image in the HTML body. A message that is only `text/plain` has no \
        HTML at all: no pixel can be embedded, no link can carry click tracking styles, and every \
        open is lost. Platforms send text-only mail when a template has no HTML version, when the \
        HTML part was dropped by a relay, or when a plain-text setting was switched on.
        """,
        fix: "Send multipart/alternative with an HTML part (and keep the text part for clients that want it)",
        customer: CustomerWording(cause: "the message has no HTML version, only plain text, so it cannot carry the invisible image that records opens",
                                  remedy: "send it with an HTML version (platforms do when the email is made in their editor)"),
        category: .input, concerns: [.openTracking], stages: [.sent], defaultSeverity: .error,
        triggering: [
            Example("""
            From: news@x.example
            To: reader@y.example
            Subject: Plain text only
            ⇣Content-Type: text/plain; charset=utf-8

            Hello, read more at https://x.example/news
            """, checksVariants: false),
        ],
        clean: [
            Example("""
            From: news@x.example
            Subject: With HTML
            Content-Type: multipart/alternative; boundary="b"

            --b
            Content-Type: text/plain

            Hello
            --b
            Content-Type: text/html

            <p>Hello</p><img src="https://x.example/o.gif" width="1" height="1" alt="">
            --b--
            """, checksVariants: false),
        ])

    func check(_ context: inout MessageRuleContext) {
        // Enclosed messages (forwards, bounces) are judged by their HTML only; the message itself
        // counts, with the messages it shows inline (a digest's members).
        guard context.isTopLevel, context.message.htmlParts.isEmpty else { return }
        let inline = context.message.parts.filter { !$0.isAttachment }.compactMap(\.enclosed)
        guard inline.allSatisfy({ $0.htmlParts.isEmpty }) else { return }
        let types = Set(context.message.parts.filter { $0.children.isEmpty }.map(\.contentType.mimeType)).sorted()
        let evidence = types.isEmpty ? "no parts" : types.joined(separator: ", ")
        context.report("Message has no text/html part (only \(evidence)), so opens can never be tracked",
                       evidence: evidence, header: context.message.headers["Content-Type"] ?? context.message.headers.fields.first)
    }
}
