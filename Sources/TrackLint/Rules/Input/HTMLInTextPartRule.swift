import TrackLintParsing
import TrackLintPlatforms

struct HTMLInTextPartRule: MessageRule {
    static let info = RuleInfo(
        code: "TL102", slug: "html-in-text-part", title: "HTML in a text/plain part",
        summary: "A `text/plain` part holds HTML markup, which clients show as text",
        rationale: """
        A part labelled `text/plain` is shown as it is: its tags appear as text, its links are not \
        links and its pixel never loads. This happens when a sending script puts the HTML body into \
        the text slot, or labels the whole body with the wrong Content-Type.
        """,
        fix: "Label the part `text/html` (and send a real text version beside it)",
        customer: CustomerWording(cause: "the HTML of the message was sent labelled as plain text, so readers see code and no image loads",
                                  remedy: "send the HTML as the message's HTML version, not as its text version"),
        category: .input, concerns: [.openTracking, .clickTracking], stages: [.sent], defaultSeverity: .warning,
        triggering: [
            Example("""
            From: news@x.example
            Subject: Mislabelled
            ⇣Content-Type: text/plain; charset=utf-8

            <html><body><table><tr><td><a href="https://x.example/">Shop</a></td></tr></table></body></html>
            """, checksVariants: false),
        ],
        clean: [
            Example("""
            From: a@x.example
            Subject: Text that mentions a tag
            Content-Type: text/plain

            Use the <br> tag for line breaks.
            """, checksVariants: false),
        ])

    /// Tags that mark a body as HTML when at least two different ones appear.
    static let markers = ["<html", "<body", "<table", "<a href", "<div", "<img ", "<p>", "<td", "<br>", "<!doctype html", "<head"]

    func check(_ context: inout MessageRuleContext) {
        let message = context.message
        for part in message.textParts {
            let text = String(decoding: message.text(of: part).utf8.prefix(65_536), as: UTF8.self)
            let found = Self.markers.filter { text.containsBytes($0, caseInsensitive: true) }
            guard found.count >= 2 else { continue }
            let header = part.headers["Content-Type"]
            context.report("Part \(part.path) is labelled text/plain but holds HTML (\(found.prefix(3).map { "`\($0)`" }.joined(separator: ", ")))",
                           evidence: found.prefix(3).joined(separator: " "), header: header, part: part.path,
                           line: part.headerLine)
        }
    }
}
