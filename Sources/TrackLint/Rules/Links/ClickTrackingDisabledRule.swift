import TrackLintParsing
import TrackLintPlatforms

struct ClickTrackingDisabledRule: MessageRule {
    static let info = RuleInfo(
        code: "TL316", slug: "click-tracking-disabled", title: "Click tracking switched off by a header",
        summary: "A header turns click tracking off for this message (`X-Mailgun-Track-Clicks: no`, SendGrid `clicktrack` off, ...)",
        rationale: """
        The same per-message headers that control opens control clicks: Mailgun's `X-Mailgun-Track` \
        and `X-Mailgun-Track-Clicks`, SendGrid's `X-SMTPAPI` `clicktrack` filter, Postmark's \
        `X-PM-TrackLinks: None`, Mailjet's `X-Mailjet-TrackClick`, SparkPost's `X-MSYS-API` \
        `click_tracking`, Mandrill's `X-MC-Track` without a `clicks` value. With the header, links go \
        out unwrapped and no click is counted.
        """,
        fix: "Remove the header, or set it to switch click tracking on",
        customer: CustomerWording(cause: "the sending system was told not to track clicks for this message",
                                  remedy: "remove the setting that switches click tracking off"),
        category: .links, concerns: [.clickTracking], stages: [.sent], defaultSeverity: .warning,
        triggering: [
            Example("From: a@x.example\nSubject: s\n⇣X-PM-TrackLinks: None\nContent-Type: text/html\n\n<p>x</p>\n", checksVariants: false),
            Example("From: a@x.example\nSubject: s\n⇣X-Mailgun-Track: no\nContent-Type: text/html\n\n<p>x</p>\n", checksVariants: false),
        ],
        clean: [
            Example("From: a@x.example\nSubject: s\nX-PM-TrackLinks: HtmlAndText\nX-MC-Track: opens, clicks_all\nContent-Type: text/html\n\n<p>x</p>\n",
                    checksVariants: false),
        ])

    func check(_ context: inout MessageRuleContext) {
        context.reportTrackingSwitchedOff(.clicks)
    }
}
