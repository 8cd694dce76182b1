extension PlatformProfile {
    static let marketo = PlatformProfile(
        "marketo", "Marketo",
        headers: [HeaderFingerprint("X-MarketoID"), HeaderFingerprint("X-MktArchive"), HeaderFingerprint("X-MktMailDKIM")],
        hosts: PlatformHosts(sending: ["mktomail.com"]),
        pixels: [URLShape("marketo", path: "/trk", query: "mid")],
        mergeTags: [.handlebars, .dollarBrace],
        unsubscribe: ["{{system.unsubscribeLink}}"],
        webView: ["{{system.viewAsWebpageLink}}"],
        optOut: [.className("mktnotrack")],
        templateSignals: ["{{lead.", "{{my.", "{{company.", "mktoText", "mktoImg", "mktoModule", "mktoContainer", "mktEditable", "mktNoTrack"],
        // Its default footer, when `{{system.unsubscribeLink}}` is absent.
        appendsUnsubscribeFooter: true,
        // A branded tracking domain is a CNAME to the instance's branding domain, mkto-<id>.com.
        cnameTargets: ["mkto-*.com"])
}
