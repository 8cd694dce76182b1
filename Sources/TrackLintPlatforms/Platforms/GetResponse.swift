import TrackLintParsing

/// Sends from a customer-branded newsletter domain: `click.html`, `view.html`, `unsubscribe.html` there.
extension PlatformProfile {
    static let getresponse = PlatformProfile(
        "getresponse", "GetResponse",
        headers: [HeaderFingerprint("Message-ID", .contains(".xserial.")),
                  HeaderFingerprint("List-Unsubscribe", .contains("one_click_unsubscribe.html"))],
        clicks: [URLShape("getresponse", path: "/click.html", query: "lc")],
        templateSignals: ["[[firstname]]", "gr-headerviewonline", "gr-footer"])
}
