import TrackLintParsing
import TrackLintPlatforms

struct HrefMergeTagOnlyRule: DocumentRule {
    static let info = RuleInfo(
        code: "TL319", slug: "href-merge-tag-only", title: "Link that is only a merge tag",
        summary: "The whole href is one merge tag (`href=\"{{url}}\"`), which some platforms do not track",
        rationale: """
        When the whole href is a merge tag, the platform sees no URL when it rewrites links: SendGrid \
        documents that it does not track such links, others track them only if the value turns out \
        to be an absolute URL. Nothing checks that the value will be one, either. Writing the scheme \
        and host literally and the variable part as a tag keeps the link trackable.
        """,
        fix: "Write the scheme and host literally: `href=\"https://example.com/{{path}}\"`",
        category: .links, stages: [.template], defaultSeverity: .info,
        triggering: [
            Example(#"<a href="↓{{ product_url }}">Product</a>"#),
        ],
        clean: [
            Example(#"<a href="https://x.example/{{ product_id }}">Product</a> <a href="{{ unsubscribe_url }}">Unsubscribe</a>"#),
        ])

    /// Platforms documented not to track links whose href is a substitution.
    static let platformsNotTracking: Set<String> = ["sendgrid"]

    func check(_ context: inout RuleContext) {
        let platform = context.input.platform?.name
        for link in context.input.inventory.links where link.url.kind == .mergeTagOnly {
            guard !link.url.mergeTags.contains(where: UnsubscribePlaceholders.isUnsubscribe) else { continue }
            let untracked = platform.map(Self.platformsNotTracking.contains) ?? false
            context.report(untracked ? "Link `\(link.url.trimmed)` is only a merge tag, and \(platform!) does not track such links"
                                     : "Link `\(link.url.trimmed)` is only a merge tag: no URL to track or check",
                           evidence: link.url.raw, element: link.element, attribute: link.attribute,
                           severity: untracked ? .warning : nil)
        }
    }
}
