import TrackLintParsing
import TrackLintPlatforms

struct LinkOptOutRule: DocumentRule {
    static let info = RuleInfo(
        code: "TL308", slug: "link-opt-out", title: "Link excluded from click tracking",
        summary: "The link carries a platform's do-not-track marker (`mc:disable-tracking`, `clicktracking=off`, ...)",
        rationale: """
        Platforms let templates exclude single links from click tracking: `mc:disable-tracking` \
        (Mailchimp, Mandrill), `clicktracking=off` (SendGrid), `data-pm-no-track` (Postmark), \
        `mautic:disable-tracking`, `ses:no-track`, `data-msys-clicktrack="0"` (SparkPost), class \
        `mktNoTrack` (Marketo) or `untracked` (Customer.io). That is often deliberate (login links, \
        one-time tokens), so this is information; but a marker copied from another platform's \
        template has no effect at all, which is a warning.
        """,
        fix: "Remove the marker if clicks on this link should be counted; use the marker of the platform that sends",
        category: .links, concerns: [.clickTracking], stages: [.template, .sent], defaultSeverity: .info,
        triggering: [
            Example(#"<a href="↓https://x.example/login" mc:disable-tracking>Log in</a>"#),
            Example(#"<a clicktracking=off href="↓https://x.example/reset">Reset</a> <a class="btn mktNoTrack" href="↓https://x.example/">Home</a>"#),
        ],
        clean: [
            Example(#"<a href="https://x.example/login" clicktracking="on">Log in</a>"#),
        ])

    func check(_ context: inout RuleContext) {
        let platform = context.input.platform?.name
        for link in context.input.inventory.links {
            guard let (marker, platforms) = LinkExemptions.optOutMarker(link.element) else { continue }
            if let platform, !platforms.contains(platform) {
                context.report("Link carries `\(marker)`, a marker of \(platforms.joined(separator: "/")), which has no effect on \(platform) mail",
                               evidence: marker, element: link.element, attribute: link.attribute, severity: .warning)
            } else {
                context.report("Link `\(link.url.trimmed)` is excluded from click tracking by `\(marker)`",
                               evidence: marker, element: link.element, attribute: link.attribute)
            }
        }
    }
}
