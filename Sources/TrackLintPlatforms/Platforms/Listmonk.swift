/// Self-hosted: its hosts are the sender's own.
extension PlatformProfile {
    static let listmonk = PlatformProfile(
        "listmonk", "listmonk",
        pixels: [URLShape("listmonk", path: "/campaign/", suffix: "/px.png", singleSegment: false)],
        mergeTags: [.handlebars],
        unsubscribe: ["{{ UnsubscribeURL }}"],
        preferences: ["{{ ManageURL }}"],
        webView: ["{{ MessageURL }}"],
        // Opt-in: `(https?://[\p{L}\p{N}_\-\.~!#$&'()*+,/:;=?@\[\]%]*)@TrackLink` and the TrackLink call.
        rewriter: RewriterRules(selection: .marked, markers: [.suffix("@TrackLink"), .call("TrackLink")],
                                lowerCaseSchemeOnly: true, markedURLCharacters: { scalar in
                                    scalar.properties.isAlphabetic || scalar.properties.numericType != nil
                                        || "_-.~!#$&'()*+,/:;=?@[]%".unicodeScalars.contains(scalar)
                                }),
        templateSignals: ["{{ TrackLink", "@TrackLink", "{{ TrackView }}", "{{ OptinURL }}", "{{ .Subscriber.", "{{ .Campaign.", "{{ L.T"],
        advice: PlatformAdvice(
            clicks: "mark the link for tracking: write its address followed by @TrackLink, or as {{ TrackLink \"https://...\" }}",
            unsubscribe: "use {{ UnsubscribeURL }} as the unsubscribe link's address"))
}
