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
        and host literally and the variable part as a tag keeps the link trackable. A platform's own \
        system tags (web version, archive, preferences, forward, unsubscribe: `*|ARCHIVE|*`, \
        `*|UPDATE_PROFILE|*`) are exempt: the platform fills them with its own pages. So is a \
        function whose value the platform tracks as a link (Salesforce's `%%=RedirectTo(@link)=%%`).
        """,
        fix: "Write the scheme and host literally: `href=\"https://example.com/{{path}}\"`",
        category: .links, concerns: [.clickTracking], stages: [.template], defaultSeverity: .info,
        triggering: [
            Example(#"<a href="↓{{ product_url }}">Product</a>"#),
        ],
        clean: [
            Example(#"<a href="https://x.example/{{ product_id }}">Product</a> <a href="{{ unsubscribe_url }}">Unsubscribe</a>"#),
            Example(#"<a href="*|ARCHIVE|*">View in browser</a> <a href="*|UPDATE_PROFILE|*">Preferences</a> <a href="*|FORWARD|*">Forward</a>"#),
            Example(#"<a href="%%view_email_url%%">Web version</a> <a href="{{system.viewAsWebpageLink}}">Online</a>"#),
            Example(#"<a href="%%=RedirectTo(@privacyLink)=%%">Privacy</a>"#),
            Example(#"<a href="$[LI:UNSUBSCRIBE]$">Unsubscribe</a> <a href="$[LI:UPDATEPROFILE]$">Preferences</a>"#),
        ])

    /// Platforms documented not to track links whose href is a substitution.
    static let platformsNotTracking: Set<String> = ["sendgrid"]

    /// `%%=RedirectTo(@link)=%%`: the tag calls a function whose value the platform tracks.
    private static func isTrackedLinkFunction(_ span: MergeTagSpan) -> Bool {
        let call = span.name.drop { $0 == "=" || $0 == " " }.lowercased()
        return PlatformProfiles.trackedLinkFunctions.contains { call.hasPrefix($0) }
    }

    func check(_ context: inout RuleContext) {
        let platform = context.input.platform?.name
        let platformName = platform.flatMap { PlatformProfiles.profile($0)?.displayName } ?? platform
        for link in context.input.inventory.links where link.url.kind == .mergeTagOnly {
            // The platform fills its own pages' tags (web version, preferences, unsubscribe) itself.
            guard !link.url.mergeTags.contains(where: SystemLinkTags.isSystemLink),
                  !link.url.mergeTags.contains(where: Self.isTrackedLinkFunction) else { continue }
            let untracked = platform.map(Self.platformsNotTracking.contains) ?? false
            context.report(untracked ? "Link `\(link.url.trimmed)` is only a merge tag, and \(platformName!) does not track such links"
                                     : "Link `\(link.url.trimmed)` is only a merge tag: no URL to track or check",
                           evidence: link.url.raw, element: link.element, attribute: link.attribute,
                           severity: untracked ? .warning : nil)
        }
    }
}
