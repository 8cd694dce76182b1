extension PlatformProfile {
    static let klaviyo = PlatformProfile(
        "klaviyo", "Klaviyo",
        headers: [HeaderFingerprint("X-Kmail-Account"), HeaderFingerprint("X-Kmail-Message"),
                  HeaderFingerprint("X-Kmail-Ops"), HeaderFingerprint("Return-Path", .contains("klaviyomail.com"))],
        // Much of its mail goes out over SendGrid's infrastructure (declared in `overrides`).
        hosts: PlatformHosts(sending: ["klaviyomail.com", "krelaymail.com", "clovesoftware.com", "sendgrid.net"],
                             webView: ["manage.kmail-lists.com"], unsubscribe: ["manage.kmail-lists.com"],
                             preferenceCentre: ["manage.kmail-lists.com"], ownLinks: ["klaviyo.com"]),
        clicks: [URLShape("klaviyo", host: "klclick.com", path: "/l/"), URLShape("klaviyo", host: "klclick1.com", path: "/l/"),
                 URLShape("klaviyo", host: "klclick2.com", path: "/l/"), URLShape("klaviyo", host: "klclick3.com", path: "/l/"),
                 URLShape("klaviyo", host: "klclick.com", path: "/ls/click")],
        pixels: [URLShape("klaviyo", host: "klclick.com", path: "/o/"), URLShape("klaviyo", host: "klclick.com", path: "/wf/open"),
                 URLShape("klaviyo", host: "klclick1.com", path: "/wf/open"), URLShape("klaviyo", host: "klclick2.com", path: "/wf/open"),
                 URLShape("klaviyo", host: "klclick3.com", path: "/wf/open")],
        mergeTags: [.handlebars, .liquidTag],
        unsubscribe: ["{% unsubscribe %}", "{% unsubscribe_link %}"],
        overrides: ["sendgrid"],
        templateSignals: ["{% manage_preferences %}", "{% web_view %}", "{{ organization.name }}", "{{ organization.full_address }}", "{{ person.",
                         // `{% unsubscribe 'Text' %}`: the tag with its link text.
                         "{% unsubscribe '", "{% unsubscribe \""],
        appendsUnsubscribeFooter: true)
}
