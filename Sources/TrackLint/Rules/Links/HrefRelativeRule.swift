import TrackLintParsing
import TrackLintPlatforms

struct HrefRelativeRule: DocumentRule {
    static let info = RuleInfo(
        code: "TL301", slug: "href-relative", title: "Relative link",
        summary: "A link is a relative reference, which is dead in an email and never tracked",
        rationale: """
        A web page resolves `/pricing` against its own address. An email has no address: mail clients \
        show it from an inbox, so a relative link goes nowhere (or to the webmail's own domain). Platforms \
        rewrite only absolute http(s) links for click tracking, so the link is not counted either. \
        A `<base href>` does not help: Gmail and most webmail clients remove it.
        """,
        fix: "Write the absolute https:// URL (pass --base-url to have it proposed)",
        customer: CustomerWording(cause: "the link's address is relative (it lacks https:// and the domain), so it leads nowhere in an email",
                                  remedy: "write the full address, starting with https://"),
        category: .links, concerns: [.clickTracking], deadensLink: true, stages: [.template, .sent], defaultSeverity: .error,
        triggering: [
            Example(#"<a href="↓/pricing">Pricing</a>"#),
            Example(#"<a href="↓page.html">Next</a> <a href="↓../x">Up</a> <a href="↓?q=1">Search</a>"#),
            Example(#"<map><area href="↓/region" shape="rect" coords="0,0,1,1"></map>"#),
            Example(#"<mj-column><mj-button href="↓/pricing">Pricing</mj-button><mj-image src="https://x.example/a.png" href="↓a.html" /></mj-column>"#),
            // MJML 3's navigation links.
            Example(#"<mj-inline-links><mj-link href="↓/jackets">Jackets</mj-link></mj-inline-links>"#),
        ],
        clean: [
            Example(#"<a href="https://x.example/pricing">Pricing</a>"#),
            Example(##"<a href="{{site_url}}/pricing">Pricing</a> <a href="#top">Top</a>"##),
            // Zoho Campaigns' tags, which hold a colon.
            Example(#"<a href="$[LI:UNSUBSCRIBE]$">Unsubscribe</a>"#),
            Example(#"<mj-navbar base-url="https://x.example"><mj-navbar-link href="/pricing">Pricing</mj-navbar-link></mj-navbar>"#),
            Example(#"<mj-inline-links base-url="https://x.example"><mj-link href="/jackets">Jackets</mj-link></mj-inline-links>"#),
            Example(#"<a href="mailto:sales@x.example">Mail us</a>"#),
        ],
        corrections: [
            Correction(#"<a href="/pricing">Pricing</a> <a href="page.html">Grüße</a> <a href="../x">Up</a>"#,
                       #"<a href="https://x.example/pricing">Pricing</a> <a href="https://x.example/shop/page.html">Grüße</a> <a href="https://x.example/x">Up</a>"#,
                       baseURL: "https://x.example/shop/"),
        ])

    func check(_ context: inout RuleContext) {
        for link in context.input.inventory.links where link.url.kind == .relative || link.url.kind == .pathAbsolute {
            let written = link.url.trimmed
            let resolved = AbsoluteURLFixes.resolving(written, in: context.input)
            context.report("Link `\(written)` is relative, so it is dead in an email and cannot be tracked",
                           evidence: link.url.raw, element: link.element, attribute: link.attribute,
                           help: resolved.map { "Use the absolute URL `\($0.url)`" }, fix: resolved?.fix)
        }
    }
}
