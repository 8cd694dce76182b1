import TrackLintParsing

/// Self-hosted: its hosts are the sender's own.
extension PlatformProfile {
    static let mautic = PlatformProfile(
        "mautic", "Mautic",
        headers: [HeaderFingerprint("X-EMAIL-ID", weight: 1)],
        clicks: [URLShape("mautic", path: "/r/", query: "ct")],
        pixels: [URLShape("mautic", path: "/email/", suffix: ".gif")],
        mergeTags: [.singleBrace, .handlebars, .pipe],
        unsubscribe: ["{unsubscribe_url}", "{unsubscribe_text}", "{dnc_url}", "|URL|"],
        webView: ["{webview_url}"],
        optOut: [.attribute("mautic:disable-tracking")],
        // A "send example" goes to a user, not a contact: |URL| in the unsubscribe text stays.
        testSends: [TestSendSignal(placeholder: "|URL|", explanation: "this is a test (\"send example\") send, which Mautic does not track")],
        // Its scheme check is a case-sensitive comparison with `http`, `https`, `ftp`, `ftps`, `mailto`.
        rewriter: RewriterRules(selection: .all, lowerCaseSchemeOnly: true),
        templateSignals: ["{webview_text}", "{tracking_pixel}", "{contactfield=", "{ownerfield=", "{pagelink=", "{assetlink="])
}
