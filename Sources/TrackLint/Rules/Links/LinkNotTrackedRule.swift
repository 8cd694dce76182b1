import TrackLintParsing
import TrackLintPlatforms

struct LinkNotTrackedRule: DocumentRule {
    static let info = RuleInfo(
        code: "TL307", slug: "link-not-tracked", title: "Link not click-tracked",
        summary: "The message uses click tracking, but this web link does not go through the tracking host",
        rationale: """
        Platforms count a click when the reader passes through their redirect: every tracked link points \
        at the tracking host and carries a token. A link that points straight at its destination is \
        never counted. Causes: the link was added after the platform rewrote the HTML, it was written in \
        a form the rewriter skips (inside a script block, an Outlook-only VML button, a link built by a \
        merge tag), or tracking was switched off for it. The tracking host comes from \
        --tracking-domain, from a platform's click URL shape, from the open pixel's host when links go \
        through it too or when it is a platform's pixel on the host that platform redirects clicks \
        through (SendGrid, Mailchimp, Constant Contact: the mail went out with tracking on, so a link \
        elsewhere bypasses it even when none goes there), or from a host most links share through \
        opaque redirect paths; with no tracking host known, nothing is reported. A platform's redirect path (`/ls/click`, `/tr/cl/`) on a host that is not the \
        message's tracking host is another sender's link, not a tracked one. The platform's own \
        links (unsubscribe, web view, list management, its referral badge and legal pages on its \
        own hosts, or in a shape of its own such as Salesforce's web view on `view.` beside its \
        `click.` host), links with a do-not-track marker, and links that are themselves redirects \
        carrying their destination (counted by whoever runs that redirect) are not findings; the \
        sender's own imprint or privacy page left untracked is.
        """,
        fix: "Let the platform rewrite this link: write it as a plain absolute URL in the template and check it is not excluded from tracking",
        customer: CustomerWording(cause: "they bypass the platform's click tracking",
                                  remedy: "write them as plain https:// links in the email editor and check that none is excluded from tracking"),
        category: .links, concerns: [.clickTracking], stages: [.sent], defaultSeverity: .error,
        triggering: [
            Example("""
            <a href="https://t.x.example/c/0a1b2c3d4e5f6a7b8c9d">Shop</a>
            <a href="↓https://www.x.example/direct">Direct</a>
            <img src="https://t.x.example/o/0a1b2c3d4e5f6a7b8c9d" width="1" height="1" alt="">
            """, stage: .sent, checksConditionalVariant: false),
            Example(#"<a href="https://www.x.example/">Home</a> <a href="↓https://blog.x.example/">Blog</a>"#,
                    stage: .sent, trackingDomains: ["www.x.example"], checksConditionalVariant: false),
            Example(#"<a href="https://x.us1.list-manage.com/track/click?u=1&amp;id=2">Shop</a> <a href="↓https://t.other.example/ls/click?upn=a1">Partner</a>"#,
                    stage: .sent, checksConditionalVariant: false),
            Example("""
            <a href="↓https://www.x.example/offer">Offer</a>
            <img src="https://url1234.x.example/wf/open?upn=a1b2c3" width="1" height="1" alt="">
            """, stage: .sent, checksConditionalVariant: false),
        ],
        clean: [
            Example("""
            <a href="https://t.x.example/c/0a1b2c3d4e5f6a7b8c9d">Shop</a>
            <a href="https://t.x.example/unsubscribe/0a1b2c3d">Unsubscribe</a>
            <a href="https://www.x.example/direct" mautic:disable-tracking="">Not tracked on purpose</a>
            <img src="https://t.x.example/o/0a1b2c3d4e5f6a7b8c9d" width="1" height="1" alt="">
            """, stage: .sent),
            Example(#"<a href="https://www.x.example/">No tracking host known</a>"#, stage: .sent),
            Example("""
            <a href="https://click.email.x.example/?qs=0a1b2c3d4e5f6a7b8c9d">Shop</a>
            <a href="https://view.email.x.example/?qs=0a1b2c3d4e5f6a7b">Salesforce's web view, beside its click host</a>
            <img src="https://click.email.x.example/open.aspx?ffcb10-0a1b2c3d4e5f" width="1" height="1" alt="">
            """, stage: .sent),
            Example("""
            <a href="https://www.x.example/offer">Clicks go through another host than the pixel's: none tells which</a>
            <img src="https://ea.pstmrk.it/open?m=v3_1.a1b2c3" width="1" height="1" alt="">
            """, stage: .sent),
            Example(#"<a href="https://x.us1.list-manage.com/track/click?u=1&amp;id=2">Shop</a> <a href="https://us1.campaign-archive.com/?u=1&amp;id=2">View in browser</a>"#,
                    stage: .sent),
        ])

    func check(_ context: inout RuleContext) {
        let tracking = context.input.tracking
        guard let primary = tracking.trackingHosts.first else { return }
        for link in tracking.untrackedLinks(in: context.input.inventory, platform: context.input.platform?.name) {
            let url = link.url
            let how = primary.source == .configured ? "configured with --tracking-domain" : "found from \(primary.evidence)"
            context.report("Link `\(url.trimmed)` bypasses the tracking host `\(primary.host)` (\(how)), so its clicks are not counted",
                           evidence: url.raw, element: link.element, attribute: link.attribute)
        }
    }
}
