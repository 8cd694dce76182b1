import TrackLintParsing

extension PlatformProfile {
    // X-MC-Unique is Mimecast's, not Mailchimp's: only X-MC-User counts.
    static let mailchimp = PlatformProfile(
        "mailchimp", "Mailchimp",
        headers: [HeaderFingerprint("X-MC-User"), HeaderFingerprint("X-Mailer", .contains("mailchimp mailer")),
                  HeaderFingerprint("Feedback-ID", .endsWith(":mc")), HeaderFingerprint("X-campaignid", .contains("mailchimp"))],
        clicks: [URLShape("mailchimp", host: "list-manage.com", path: "/track/click")],
        pixels: [URLShape("mailchimp", host: "list-manage.com", path: "/track/open.php")],
        mergeTags: [.mailchimp],
        unsubscribe: ["*|UNSUB|*", "*|UPDATE_PROFILE|*"],
        preferences: ["*|UPDATE_PROFILE|*"],
        webView: ["*|ARCHIVE|*"],
        optOut: [.attribute("mc:disable-tracking")])
}
