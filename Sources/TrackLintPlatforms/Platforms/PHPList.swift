/// Self-hosted: its hosts are the sender's own.
extension PlatformProfile {
    static let phplist = PlatformProfile(
        "phplist", "phpList",
        headers: [HeaderFingerprint("X-phpList-version")],
        templateSignals: ["[PREFERENCES]", "[FORWARD]", "[USERID]", "[UNSUBSCRIBE]"])
}
