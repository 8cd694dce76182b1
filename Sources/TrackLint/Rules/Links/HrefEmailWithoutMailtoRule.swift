import TrackLintParsing
import TrackLintPlatforms

struct HrefEmailWithoutMailtoRule: DocumentRule {
    static let info = RuleInfo(
        code: "TL305", slug: "href-email-without-mailto", title: "E-mail address without mailto:",
        summary: "A link's href is a bare e-mail address instead of a `mailto:` URL",
        rationale: """
        `href="sales@example.com"` is a relative path to a file named after the address, not an e-mail \
        link: clicking it opens nothing useful. Only `mailto:sales@example.com` opens the reader's mail \
        program.
        """,
        fix: "Prefix the address with `mailto:`",
        customer: CustomerWording(cause: "the link is an email address without mailto:",
                                  remedy: "write mailto: before the address"),
        category: .links, concerns: [.clickTracking], deadensLink: true, stages: [.template, .sent], defaultSeverity: .error,
        triggering: [
            Example(#"<a href="↓sales@x.example">Write to us</a>"#),
            Example(#"<a href="↓support@x.example?subject=Help">Help</a>"#),
        ],
        clean: [
            Example(#"<a href="mailto:sales@x.example">Write to us</a>"#),
            Example(#"<a href="https://x.example/@sales">Profile</a>"#),
        ],
        corrections: [
            Correction(#"<p>Grüße: <a href="sales@x.example">Sales</a> <a href=" help@x.example">Help</a></p>"#,
                       #"<p>Grüße: <a href="mailto:sales@x.example">Sales</a> <a href=" mailto:help@x.example">Help</a></p>"#),
        ])

    func check(_ context: inout RuleContext) {
        for link in context.input.inventory.links where link.url.kind == .bareEmail {
            context.report("Link `\(link.url.trimmed)` is an e-mail address without `mailto:`",
                           evidence: link.url.raw, element: link.element, attribute: link.attribute,
                           help: "Use `mailto:\(link.url.trimmed)`",
                           fix: ValueFix("Prefix `mailto:`", applicability: .safe, change: .insertBeforeValue("mailto:")))
        }
    }
}
