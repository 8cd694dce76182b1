import TrackLintParsing

extension PlatformProfile {
    static let mailgun = PlatformProfile(
        "mailgun", "Mailgun",
        headers: [HeaderFingerprint("X-Mailgun-Sid"), HeaderFingerprint("X-Mailgun-Sending-Ip"),
                  HeaderFingerprint("X-Mailgun-Tag", weight: 1), HeaderFingerprint("Received", .contains("mailgun.net"))],
        hosts: PlatformHosts(sending: ["mailgun.net", "mailgun.org", "mailgun.info"]),
        clicks: [URLShape("mailgun", firstLabel: "email", path: "/c/")],
        pixels: [URLShape("mailgun", firstLabel: "email", path: "/o/")],
        mergeTags: [.percent, .handlebars],
        unsubscribe: ["%unsubscribe_url%", "%tag_unsubscribe_url%", "%mailing_list_unsubscribe_url%"],
        trackingSwitches: [.no("X-Mailgun-Track", [.opens, .clicks]), .no("X-Mailgun-Track-Opens", [.opens]),
                           .no("X-Mailgun-Track-Clicks", [.clicks])],
        transport: true,
        templateSignals: ["%recipient.", "%recipient_email%"],
        // A custom tracking domain is a CNAME to mailgun.org (EU: eu.mailgun.org).
        cnameTargets: ["mailgun.org"],
        advice: PlatformAdvice(
            opens: "turn on open tracking for the sending domain in Mailgun's domain settings, or send with o:tracking-opens=yes",
            clicks: "turn on click tracking for the sending domain in Mailgun's domain settings, and check that its tracking CNAME is verified",
            unsubscribe: "use %unsubscribe_url% for the unsubscribe link"))
}
