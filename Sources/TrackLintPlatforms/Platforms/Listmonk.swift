/// Self-hosted: its hosts are the sender's own.
extension PlatformProfile {
    static let listmonk = PlatformProfile(
        "listmonk", "listmonk",
        pixels: [URLShape("listmonk", path: "/campaign/", suffix: "/px.png", singleSegment: false)],
        mergeTags: [.handlebars],
        unsubscribe: ["{{ UnsubscribeURL }}"],
        preferences: ["{{ ManageURL }}"],
        webView: ["{{ MessageURL }}"],
        templateSignals: ["{{ TrackLink", "@TrackLink", "{{ TrackView }}", "{{ OptinURL }}", "{{ .Subscriber."])
}
