import TrackLintParsing
import TrackLintPlatforms

struct HrefMissingSchemeRule: DocumentRule {
    static let info = RuleInfo(
        code: "TL302", slug: "href-missing-scheme", title: "Link without a scheme",
        summary: "A link names a host but no scheme (`www.x.example`, `//x.example/a`)",
        rationale: """
        Without `https://`, `www.example.com` is a relative path: the client looks for a file of that \
        name next to a page that does not exist, and the link is dead. A protocol-relative `//host/path` \
        takes the scheme of the page, and an email has none, so many clients fail on it. Click-tracking \
        rewriters skip both, so the clicks are not counted.
        """,
        fix: "Prefix the URL with `https://`",
        customer: CustomerWording(cause: "the link's address lacks https://, so it is not a working web address",
                                  remedy: "add https:// at the start of the address"),
        category: .links, concerns: [.clickTracking], deadensLink: true, stages: [.template, .sent], defaultSeverity: .error,
        triggering: [
            Example(#"<a href="↓www.x.example">Shop</a>"#),
            Example(#"<a href="↓example.com/sale">Sale</a> <a href="↓facebook.com">Facebook</a>"#),
            Example(#"<a href="↓//cdn.x.example/catalogue.pdf">Catalogue</a>"#),
        ],
        clean: [
            Example(#"<a href="https://www.x.example">Shop</a>"#),
            Example(#"<a href="page.html">Next</a>"#),
        ],
        corrections: [
            Correction("<p>Grüße</p> <a href=\"www.x.example\">Shop</a>\n<a href=\"//cdn.x.example/c.pdf\">Catalogue</a>",
                       "<p>Grüße</p> <a href=\"https://www.x.example\">Shop</a>\n<a href=\"https://cdn.x.example/c.pdf\">Catalogue</a>"),
        ])

    func check(_ context: inout RuleContext) {
        for link in context.input.inventory.links {
            let written = link.url.trimmed
            switch link.url.kind {
            case .missingScheme:
                context.report("Link `\(written)` has no scheme, so clients read it as a relative path",
                               evidence: link.url.raw, element: link.element, attribute: link.attribute,
                               fix: AbsoluteURLFixes.schemePrefix(for: link.url.kind))
            case .schemeRelative:
                context.report("Link `\(written)` is protocol-relative, and an email has no protocol to inherit",
                               evidence: link.url.raw, element: link.element, attribute: link.attribute,
                               help: "Prefix the URL with `https:`",
                               fix: AbsoluteURLFixes.schemePrefix(for: link.url.kind))
            default:
                continue
            }
        }
    }
}
