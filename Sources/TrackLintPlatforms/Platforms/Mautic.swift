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
        templateSignals: ["{webview_text}", "{tracking_pixel}", "{contactfield=", "{ownerfield=", "{pagelink=", "{assetlink="],
        advice: PlatformAdvice(
            testSend: "send the email to a small segment of real contacts (add your own addresses as contacts) instead of using \"Send example\"",
            opens: "check in Mautic's configuration (Email Settings) that the tracking pixel is appended, and that site_url is the public address of Mautic",
            clicks: "write the link as a plain https:// address in Mautic's builder and check that tracking of links is not disabled",
            unsubscribe: "use the {unsubscribe_url} token (or {unsubscribe_text}) and send through a segment or campaign"))
}
