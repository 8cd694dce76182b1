extension PlatformProfile {
    static let constantcontact = PlatformProfile(
        "constantcontact", "Constant Contact",
        headers: [HeaderFingerprint("X-Roving-Id"), HeaderFingerprint("X-Roving-Campaignid"), HeaderFingerprint("X-CTCT-ID"),
                  HeaderFingerprint("X-Mailer", .contains("constant contact"))],
        hosts: PlatformHosts(sending: ["constantcontact.com", "ccsend.com", "ctct.net"], webView: ["myemail.constantcontact.com"],
                             unsubscribe: ["visitor.constantcontact.com"], ownLinks: ["www.constantcontact.com"]),
        clicks: [URLShape("constantcontact", host: "rs6.net", path: "/tn.jsp")],
        pixels: [URLShape("constantcontact", host: "rs6.net", path: "/on.jsp")],
        mergeTags: [.singleBrace, .doubleBracket],
        unsubscribe: ["{unsubscribe}"],
        // Its custom-code tags: `[[FIRSTNAME OR "there"]]`, `[[CUSTOM.field]]`.
        templateSignals: ["[[trackingImage]]", "[[FIRSTNAME", "[[LASTNAME", "[[CUSTOM."],
        // Every mail gets its footer, with the unsubscribe link, which cannot be removed.
        appendsUnsubscribeFooter: true)
}
