import TrackLintParsing
import TrackLintPlatforms

struct CharsetUnknownRule: DocumentRule {
    static let info = RuleInfo(
        code: "TL104", slug: "charset-unknown", title: "Unknown charset or invalid bytes",
        summary: "The declared charset is unknown, or bytes are invalid in it; the text was decoded with a fallback",
        rationale: """
        Links are only as good as the bytes they are made of. When the declared charset is unknown, \
        or the bytes do not fit it, clients guess: URLs with non-ASCII characters, and the wording \
        around them, come out garbled, and a garbled URL is a dead, untracked link. tracklint decodes \
        with UTF-8 as the fallback (invalid bytes become U+FFFD) and says so.
        """,
        fix: "Declare the charset the content is really in (UTF-8 is the safe choice) and re-encode it",
        customer: CustomerWording(cause: "the message's text encoding is wrong, so addresses in its links may be garbled",
                                  remedy: "save the template as UTF-8 and declare it so"),
        category: .input, concerns: [.clickTracking], stages: [.template, .sent], defaultSeverity: .warning,
        triggering: [
            Example(#"<meta charset="x-klingon">⇣<p>Hello</p>"#, checksVariants: false),
        ],
        clean: [
            Example(#"<meta charset="utf-8"><p>Grüße</p>"#),
            Example(#"<meta charset="iso-8859-1"><p>Hello</p>"#),
        ])

    func check(_ context: inout RuleContext) {
        let document = context.document
        if document.unknownCharset {
            context.reportDocument("Charset `\(document.charset)` is unknown; the text was read as UTF-8",
                                   evidence: document.charset)
        } else if document.hadInvalidBytes {
            context.reportDocument("Some bytes are not valid \(document.charset); they were replaced by U+FFFD",
                                   evidence: document.charset)
        }
    }
}
