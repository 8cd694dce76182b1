import TrackLintParsing
import TrackLintPlatforms

struct ListUnsubscribeMalformedRule: MessageRule {
    static let info = RuleInfo(
        code: "TL405", slug: "list-unsubscribe-malformed", title: "Malformed List-Unsubscribe",
        summary: "`List-Unsubscribe` is not a list of `<URI>`s, has neither an https nor a mailto URI, uses http, or holds a placeholder",
        rationale: """
        Mail clients read `List-Unsubscribe` strictly (RFC 2369): a comma-separated list of URIs in \
        angle brackets. A bare URL, a plain `http://` URI (not accepted for one-click), a header with \
        neither an https nor a mailto URI, or a merge tag the platform did not replace leaves the \
        unsubscribe button dead or missing.
        """,
        fix: "Write `List-Unsubscribe: <https://...>, <mailto:...>` with real, resolved URIs",
        customer: CustomerWording(cause: "the List-Unsubscribe header is malformed",
                                  remedy: "correct the List-Unsubscribe header in the sending platform's settings"),
        category: .unsubscribe, concerns: [.unsubscribe], stages: [.sent], defaultSeverity: .warning,
        triggering: [
            Example("From: a@x.example\nSubject: s\n⇣List-Unsubscribe: https://x.example/u/1\nContent-Type: text/html\n\n<p>x</p>\n", checksVariants: false),
            Example("From: a@x.example\nSubject: s\n⇣List-Unsubscribe: <http://x.example/u/1>\nContent-Type: text/html\n\n<p>x</p>\n", checksVariants: false),
            Example("From: a@x.example\nSubject: s\n⇣List-Unsubscribe: <%unsubscribe_url%>\nContent-Type: text/html\n\n<p>x</p>\n", checksVariants: false),
        ],
        clean: [
            Example("From: a@x.example\nSubject: s\nList-Unsubscribe: <mailto:u@x.example?subject=unsubscribe>,\n <https://x.example/u/1>\nContent-Type: text/html\n\n<p>x</p>\n",
                    checksVariants: false),
        ])

    func check(_ context: inout MessageRuleContext) {
        guard let field = context.message.headers["List-Unsubscribe"] else { return }
        let (uris, wellFormed) = HeaderAnalysis.listUnsubscribeURIs(field.decodedValue)
        // Some platforms write the header as RFC 2047 encoded words; clients decode them.
        let value = field.decodedValue
        let evidence = "\(field.name): \(value)"
        if let placeholder = MergeTags.spans(in: value).first {
            context.report("List-Unsubscribe holds the unresolved placeholder `\(placeholder.text)`", evidence: evidence, header: field)
        } else if !wellFormed {
            context.report("List-Unsubscribe is not a list of `<URI>`s: `\(value.prefix(80))`", evidence: evidence, header: field)
        } else if let http = uris.first(where: { $0.lowercased().hasPrefix("http://") }) {
            context.report("List-Unsubscribe uses plain http (`\(http)`)", evidence: evidence, header: field)
        } else if !uris.contains(where: { $0.lowercased().hasPrefix("https://") || $0.lowercased().hasPrefix("mailto:") }) {
            context.report("List-Unsubscribe has neither an https nor a mailto URI", evidence: evidence, header: field)
        }
    }
}
