import TrackLintParsing

extension PlatformProfile {
    // X-MC-Unique is Mimecast's, not Mailchimp's: only X-MC-User counts.
    static let mailchimp = PlatformProfile(
        "mailchimp", "Mailchimp",
        headers: [HeaderFingerprint("X-MC-User"), HeaderFingerprint("X-Mailer", .contains("mailchimp mailer")),
                  HeaderFingerprint("Feedback-ID", .endsWith(":mc")), HeaderFingerprint("X-campaignid", .contains("mailchimp"))],
        hosts: PlatformHosts(sending: ["mcsv.net", "mcdlv.net", "mailchimpapp.net"], webView: ["campaign-archive.com", "mailchi.mp"],
                             unsubscribe: ["list-manage.com"], preferenceCentre: ["list-manage.com"],
                             ownLinks: ["mailchimp.com", "mcusercontent.com"]),
        clicks: [URLShape("mailchimp", host: "list-manage.com", path: "/track/click")],
        pixels: [URLShape("mailchimp", host: "list-manage.com", path: "/track/open.php")],
        mergeTags: [.mailchimp],
        unsubscribe: ["*|UNSUB|*", "*|UPDATE_PROFILE|*"],
        preferences: ["*|UPDATE_PROFILE|*"],
        webView: ["*|ARCHIVE|*"],
        optOut: [.attribute("mc:disable-tracking")],
        templateSignals: ["mc:edit", "mc:repeatable", "mc:hideable", "mc:variant", "mc:label", "mc:allowdesigner", "mc:allowtext", "*|MC:SUBJECT|*", "*|MC_PREVIEW_TEXT|*", "*|LIST:ADDRESS|*", "*|HTML:LIST_ADDRESS_HTML|*", "*|REWARDS|*", "*|FORWARD|*", "*|LIST:DESCRIPTION|*", "*|LIST:COMPANY|*", "*|ABOUT_LIST|*", "*|EMAIL|*"],
        advice: PlatformAdvice(
            testSend: "send the campaign to a small audience segment of real subscribers: Mailchimp does not track test emails",
            opens: "turn on \"Track opens\" in the campaign's Settings & Tracking",
            clicks: "turn on \"Track clicks\" in the campaign's Settings & Tracking, and make the text a real hyperlink",
            unsubscribe: "put the *|UNSUB|* merge tag in the footer's unsubscribe link"))
}
