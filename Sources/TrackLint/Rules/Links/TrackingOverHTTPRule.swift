import TrackLintParsing
import TrackLintPlatforms

struct TrackingOverHTTPRule: DocumentRule {
    static let info = RuleInfo(
        code: "TL317", slug: "tracking-over-http", title: "Click tracking over plain HTTP",
        summary: "Tracked links use `http://`: HTTPS tracking is not set up",
        rationale: """
        When the tracking domain has no certificate, every tracked link is `http://`. Browsers that \
        insist on HTTPS warn or refuse, destinations behind HSTS break, and mail clients mark the \
        links as unsafe. Platforms support HTTPS tracking once the tracking CNAME has a certificate.
        """,
        fix: "Set up HTTPS for the tracking domain in the platform (a certificate for its CNAME)",
        customer: CustomerWording(cause: "the tracked links use plain http, which browsers warn about",
                                  remedy: "set up https for the tracking domain"),
        category: .links, concerns: [.clickTracking], stages: [.sent], defaultSeverity: .warning,
        triggering: [
            Example("""
            <a href="↓http://email.mg.x.example/c/eJxdjEEOgjAQ">One</a>
            <a href="http://email.mg.x.example/c/eJxdjEEOgjAQ2">Two</a>
            """, stage: .sent),
        ],
        clean: [
            Example(#"<a href="https://email.mg.x.example/c/eJxdjEEOgjAQ">One</a>"#, stage: .sent),
        ])

    func check(_ context: inout RuleContext) {
        let tracking = context.input.tracking
        let insecure = context.input.inventory.webLinks.filter { $0.url.scheme == "http" && tracking.isTracked($0) }
        guard let first = insecure.first, let host = first.url.host else { return }
        context.report("\(insecure.count) tracked link\(insecure.count == 1 ? "" : "s") through `\(host)` use\(insecure.count == 1 ? "s" : "") plain http",
                       evidence: first.url.raw, element: first.element, attribute: first.attribute)
    }
}
