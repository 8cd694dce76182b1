extension PlatformProfile {
    static let constantcontact = PlatformProfile(
        "constantcontact", "Constant Contact",
        headers: [HeaderFingerprint("X-Roving-Id"), HeaderFingerprint("X-Roving-Campaignid"), HeaderFingerprint("X-CTCT-ID"),
                  HeaderFingerprint("X-Mailer", .contains("constant contact"))],
        hosts: PlatformHosts(sending: ["constantcontact.com", "ccsend.com", "ctct.net"], webView: ["myemail.constantcontact.com"],
                             unsubscribe: ["visitor.constantcontact.com"], ownLinks: ["www.constantcontact.com"]),
        clicks: [URLShape("constantcontact", host: "rs6.net", path: "/tn.jsp")],
        pixels: [URLShape("constantcontact", host: "rs6.net", path: "/on.jsp")],
        mergeTags: [.singleBrace],
        unsubscribe: ["{unsubscribe}"],
        templateSignals: ["[[trackingImage]]"])
}
