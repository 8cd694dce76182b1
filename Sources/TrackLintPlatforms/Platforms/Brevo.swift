extension PlatformProfile {
    static let brevo = PlatformProfile(
        "brevo", "Brevo",
        headers: [HeaderFingerprint("X-Mailin-EID"), HeaderFingerprint("X-sib-id"), HeaderFingerprint("Feedback-ID", .endsWith(":sendinblue")),
                  HeaderFingerprint("Message-ID", .contains("sendinblue.com")),
                  HeaderFingerprint("X-Mailin-Campaign"), HeaderFingerprint("X-Mailin-Client"), HeaderFingerprint("X-Mailin-Tag"),
                  HeaderFingerprint("X-Mailin-custom"), HeaderFingerprint("Received", .contains("sendinblue.com")),
                  HeaderFingerprint("Received", .contains("brevo.com")), HeaderFingerprint("Return-Path", .contains("sender-sib.com"))],
        hosts: PlatformHosts(sending: ["sendinblue.com", "brevo.com", "sender-sib.com", "mailin.fr"]),
        clicks: [URLShape("brevo", host: "sendibm1.com", path: "/mk/cl/"), URLShape("brevo", host: "sendibt2.com", path: "/tr/cl/"),
                 URLShape("brevo", host: "sendibt3.com", path: "/tr/cl/"), URLShape("brevo", host: "sendibm2.com", path: "/mk/cl/")],
        pixels: [URLShape("brevo", host: "sendibm1.com", path: "/mk/op/"), URLShape("brevo", host: "sendibt2.com", path: "/tr/op/"),
                 URLShape("brevo", host: "sendibt3.com", path: "/tr/op/"), URLShape("brevo", host: "sendibm2.com", path: "/mk/op/")],
        mergeTags: [.handlebars, .singleBracket],
        unsubscribe: ["{{ unsubscribe }}", "[UNSUBSCRIBE]"],
        templateSignals: ["{{ mirror }}", "{{ update_profile }}", "{{ contact.", "{{ params.", "[DEFAULT_UNSUBSCRIBE_LINK]"])
}
