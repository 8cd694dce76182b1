extension PlatformProfile {
    static let cleverreach = PlatformProfile(
        "cleverreach", "CleverReach",
        headers: [HeaderFingerprint("Received", .contains("cleverreach")), HeaderFingerprint("Return-Path", .contains("cleverreach"))],
        clicks: [URLShape("cleverreach", host: "cleverreach.de", path: "/c/")],
        mergeTags: [.singleBrace],
        unsubscribe: ["{UNSUBSCRIBE}"],
        templateSignals: ["{ONLINE_VERSION}", "{FORWARD}"])
}
