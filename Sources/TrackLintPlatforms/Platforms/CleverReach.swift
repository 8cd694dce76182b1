extension PlatformProfile {
    static let cleverreach = PlatformProfile(
        "cleverreach", "CleverReach",
        headers: [HeaderFingerprint("Received", .contains("cleverreach")), HeaderFingerprint("Return-Path", .contains("cleverreach"))],
        hosts: PlatformHosts(sending: ["crsend.com"]),
        clicks: [URLShape("cleverreach", host: "cleverreach.de", path: "/c/"), URLShape("cleverreach", host: "cleverreach.com", path: "/c/")],
        pixels: [URLShape("cleverreach", host: "crsend.com", path: "/stats/", suffix: ".gif")],
        mergeTags: [.singleBrace],
        unsubscribe: ["{UNSUBSCRIBE}"],
        templateSignals: ["{ONLINE_VERSION}", "{FORWARD}"])
}
