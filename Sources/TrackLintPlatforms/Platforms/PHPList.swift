/// Self-hosted: its hosts are the sender's own.
extension PlatformProfile {
    static let phplist = PlatformProfile(
        "phplist", "phpList",
        headers: [HeaderFingerprint("X-phpList-version")],
        // Each link placeholder has its URL-only form (`[UNSUBSCRIBEURL]`); `[USERTRACK]` is the open pixel.
        templateSignals: ["[PREFERENCES]", "[FORWARD]", "[USERID]", "[UNSUBSCRIBE]", "[UNSUBSCRIBEURL]", "[PREFERENCESURL]",
                          "[FORWARDURL]", "[USERTRACK]"])
}
