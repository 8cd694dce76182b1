import TrackLintParsing
import TrackLintPlatforms

struct HrefScriptRule: DocumentRule {
    static let info = RuleInfo(
        code: "TL306", slug: "href-script", title: "Script or data link",
        summary: "A link uses `javascript:`, `vbscript:` or `data:`, which mail clients strip",
        rationale: """
        No mail client runs scripts, and webmail removes `javascript:`, `vbscript:` and `data:` links \
        (or the whole message lands in spam, since such links are a phishing signal). The link does \
        nothing for the reader and cannot be tracked.
        """,
        fix: "Link to an https:// page instead",
        customer: CustomerWording(cause: "the link runs a script, which email programs remove",
                                  remedy: "link to a web page instead"),
        category: .links, concerns: [.clickTracking], deadensLink: true, stages: [.template, .sent], defaultSeverity: .error,
        triggering: [
            Example(#"<a href="↓javascript:openPopup()">Open</a>"#),
            Example(#"<a href="↓JavaScript:void(0)">Void</a> <a href="↓data:text/html,hi">Data</a>"#),
        ],
        clean: [
            Example(#"<a href="https://x.example/javascript">Learn JavaScript</a>"#),
        ])

    static let schemes: Set<String> = ["javascript", "vbscript", "data"]

    func check(_ context: inout RuleContext) {
        for link in context.input.inventory.links {
            guard let scheme = link.url.scheme, Self.schemes.contains(scheme) else { continue }
            context.report("Link uses the `\(scheme):` scheme, which mail clients strip",
                           evidence: link.url.raw, element: link.element, attribute: link.attribute)
        }
    }
}
