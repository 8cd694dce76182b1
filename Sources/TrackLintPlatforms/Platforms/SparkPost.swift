import TrackLintParsing

extension PlatformProfile {
    static let sparkpost = PlatformProfile(
        "sparkpost", "SparkPost",
        // X-MSFBL is the feedback-loop header of Momentum, the MTA SparkPost runs on, which other
        // senders run too (SMTP.com, banks, social networks): a hint only.
        headers: [HeaderFingerprint("X-MSFBL", weight: 1), HeaderFingerprint("Received", .contains("sparkpostmail.com"))],
        hosts: PlatformHosts(sending: ["sparkpostmail.com", "spmta.com"], unsubscribe: ["unsub.spmta.com"]),
        clicks: [URLShape("sparkpost", path: "/f/a/")],
        mergeTags: [.handlebars],
        optOut: [.attribute("data-msys-clicktrack", value: "0")],
        trackingSwitches: [TrackingSwitch("X-MSYS-API", switchesOff: apiOptions)],
        transport: true,
        templateSignals: ["data-msys-unsubscribe", "data-msys-linkname", "data-msys-sublink"],
        // A custom tracking domain is a CNAME to spgo.io (EU eu.spgo.io, V2 v2.spgo.io; enterprise
        // tenants <tenant>.et.e.sparkpost.com).
        cnameTargets: ["spgo.io", "sparkpost.com"])

    /// `X-MSYS-API: {"options": {"open_tracking": false}}`.
    private static func apiOptions(_ value: String) -> [TrackingKind] {
        let options = (EncodedText.jsonObject(value)?["options"] as? [String: Any]) ?? [:]
        return (TrackingSwitch.isFalse(options["open_tracking"]) ? [.opens] : [])
            + (TrackingSwitch.isFalse(options["click_tracking"]) ? [.clicks] : [])
    }
}
