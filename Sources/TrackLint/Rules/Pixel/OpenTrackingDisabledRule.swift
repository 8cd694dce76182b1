import TrackLintParsing
import TrackLintPlatforms

struct OpenTrackingDisabledRule: MessageRule {
    static let info = RuleInfo(
        code: "TL207", slug: "open-tracking-disabled", title: "Open tracking switched off by a header",
        summary: "A header turns open tracking off for this message (`X-Mailgun-Track-Opens: no`, SendGrid `opentrack` off, ...)",
        rationale: """
        Platforms let the sending code switch tracking off per message with a header: Mailgun's \
        `X-Mailgun-Track` and `X-Mailgun-Track-Opens`, SendGrid's `X-SMTPAPI` `opentrack` filter, \
        Postmark's `X-PM-TrackOpens`, Mailjet's `X-Mailjet-TrackOpen`, SparkPost's `X-MSYS-API` \
        `open_tracking`, Mandrill's `X-MC-Track` without `opens`. The header overrides the account \
        setting, so opens are not recorded for this message however the account is configured. A \
        library default or a copied snippet is the usual cause.
        """,
        fix: "Remove the header, or set it to switch open tracking on",
        customer: CustomerWording(cause: "the sending system was told not to track opens for this message",
                                  remedy: "remove the setting that switches open tracking off"),
        category: .openTracking, concerns: [.openTracking], stages: [.sent], defaultSeverity: .warning,
        triggering: [
            Example("From: a@x.example\nSubject: s\n⇣X-Mailgun-Track-Opens: no\nContent-Type: text/html\n\n<p>x</p>\n", checksVariants: false),
            Example("From: a@x.example\nSubject: s\n⇣X-SMTPAPI: {\"filters\":{\"opentrack\":{\"settings\":{\"enable\":0}}}}\nContent-Type: text/html\n\n<p>x</p>\n",
                    checksVariants: false),
        ],
        clean: [
            Example("From: a@x.example\nSubject: s\nX-Mailgun-Track-Opens: yes\nX-PM-TrackOpens: true\nContent-Type: text/html\n\n<p>x</p>\n",
                    checksVariants: false),
        ])

    func check(_ context: inout MessageRuleContext) {
        context.reportTrackingSwitchedOff(.opens)
    }
}
