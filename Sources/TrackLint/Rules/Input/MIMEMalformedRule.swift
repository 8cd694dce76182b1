import TrackLintParsing
import TrackLintPlatforms

struct MIMEMalformedRule: MessageRule {
    static let info = RuleInfo(
        code: "TL103", slug: "mime-malformed", title: "Broken MIME structure",
        summary: "The MIME structure is broken (missing boundary, bad transfer encoding, bad base64); says what was recovered",
        rationale: """
        Mail clients and platforms disagree about broken MIME: one shows the HTML part, another shows \
        the raw source, a third drops the part. A declared boundary that never occurs, a missing \
        closing boundary, an invalid Content-Transfer-Encoding (`8bits`, `7-bit`, \
        `quoted-printable;`) or base64 that does not decode can each hide the HTML body, and with it \
        the pixel and the tracked links. tracklint reads the message the way lenient clients do and \
        says what it recovered; the other checks run on that.
        """,
        fix: "Fix the sending code or template so the message is built by a MIME library, not by hand",
        customer: CustomerWording(cause: "the message's structure is damaged, so email programs may not show its HTML",
                                  remedy: "check the tool or integration that builds the message"),
        category: .input, concerns: [.openTracking, .clickTracking], stages: [.sent], defaultSeverity: .warning,
        triggering: [
            Example("""
            From: a@x.example
            Subject: Bad encoding
            Content-Type: text/html
            ⇣Content-Transfer-Encoding: 8bits

            <p>Hello</p>
            """, checksVariants: false),
            Example("""
            From: a@x.example
            Subject: Never closed
            Content-Type: multipart/alternative; boundary="zz"

            --zz
            Content-Type: text/html

            ⇣<p>Hello</p>
            """, checksVariants: false),
            Example("""
            From: a@x.example
            Subject: Footer after an attachment's padding
            Content-Type: multipart/mixed; boundary="zz"

            --zz
            Content-Type: text/html

            <p>Hello</p>
            --zz
            Content-Type: application/pdf
            Content-Disposition: attachment; filename="a.pdf"
            ⇣Content-Transfer-Encoding: base64

            JVBERi0=
            Sent through a list that appends a footer
            --zz--
            """, checksVariants: false),
        ],
        clean: [
            Example("""
            From: a@x.example
            Subject: Fine
            Content-Type: text/html; charset=utf-8
            Content-Transfer-Encoding: quoted-printable

            <p>Hello=20there</p>
            """, checksVariants: false),
        ])

    func check(_ context: inout MessageRuleContext) {
        for problem in context.message.problems where problem.kind == .malformed { context.report(problem) }
        for part in context.message.parts where part.transferEncoding == .base64 {
            guard !context.message.bodyIsWellFormed(part) else { continue }
            context.report("Part \(part.path) has base64 that does not decode cleanly (characters outside the alphabet, or text after the padding); that was skipped",
                           evidence: "base64", header: part.headers["Content-Transfer-Encoding"], part: part.path)
        }
    }
}
