import TrackLintParsing
import TrackLintPlatforms

struct HrefEmptyRule: DocumentRule {
    static let info = RuleInfo(
        code: "TL304", slug: "href-empty", title: "Empty link",
        summary: "A link's href is empty or `#`: a dead link, usually a placeholder nobody filled",
        rationale: """
        `href=""` reloads nothing and `href="#"` jumps to the top of a page that does not exist in a mail \
        client. Template builders insert `#` as a placeholder, and it survives into sends when nobody \
        fills it in. Readers who click get nothing, and there is no destination to track. In a template \
        it is a warning; in a sent message the link is certainly dead, so it is an error.
        """,
        fix: "Set the link's destination, or remove the link",
        customer: CustomerWording(cause: "the link has no address",
                                  remedy: "fill in the link's address"),
        category: .links, concerns: [.clickTracking], deadensLink: true, stages: [.template, .sent], defaultSeverity: .warning, sentSeverity: .error,
        triggering: [
            Example(#"<a href="↓#">Read more</a>"#),
            Example(#"<a href="↓">Read more</a> <a href="↓  ">Blank</a>"#),
        ],
        clean: [
            Example(##"<a href="#section-2">Jump</a>"##),
            Example(#"<a name="top">Anchor without href</a>"#),
        ])

    func check(_ context: inout RuleContext) {
        for link in context.input.inventory.links where link.url.kind == .empty {
            let message = link.url.trimmed == "#"
                ? "Link `href=\"#\"` goes nowhere: a placeholder that was never filled"
                : "Link has an empty `href`, so it goes nowhere"
            context.report(message, evidence: link.url.raw, element: link.element, attribute: link.attribute)
        }
    }
}
