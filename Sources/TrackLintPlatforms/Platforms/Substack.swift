import TrackLintParsing

/// Builds newsletters and delivers them through Mailgun (declared in `overrides`), on its own
/// `email.mg-d1.substack.com`: listed before Mailgun, whose `email.<domain>/c/` shape it shares.
extension PlatformProfile {
    static let substack = PlatformProfile(
        "substack", "Substack",
        headers: [HeaderFingerprint("Message-ID", .contains("substack.com")), HeaderFingerprint("Return-Path", .contains("substack.com"))],
        hosts: PlatformHosts(sending: ["mg-d1.substack.com", "substack.com"], webView: ["substack.com"], unsubscribe: ["substack.com"],
                             ownLinks: ["substackcdn.com"]),
        clicks: [URLShape("substack", host: "mg-d1.substack.com", path: "/c/")],
        overrides: ["mailgun"])
}
