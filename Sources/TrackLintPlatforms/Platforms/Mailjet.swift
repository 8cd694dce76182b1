import TrackLintParsing

extension PlatformProfile {
    static let mailjet = PlatformProfile(
        "mailjet", "Mailjet",
        headers: [HeaderFingerprint("X-MJ-Mid"), HeaderFingerprint("X-Mailjet-Campaign"), HeaderFingerprint("DKIM-Signature", .contains("s=mailjet"))],
        hosts: PlatformHosts(sending: ["mailjet.com"]),
        clicks: [URLShape("mailjet", host: "mjt.lu", path: "/lnk/")],
        pixels: [URLShape("mailjet", host: "mjt.lu", path: "/oo/")],
        // /lnk/<ids>/<destination in base64>
        destination: DestinationDecoder(applies: { host, _ in URLShape.isDomain(host, under: "mjt.lu") }, decode: { url in
            let segments = url.pathSegments
            return segments.first == "lnk" ? segments.last.flatMap(EncodedText.base64) : nil
        }),
        mergeTags: [.doubleBracket, .handlebars, .liquidTag],
        unsubscribe: ["[[UNSUB_LINK_EN]]"],
        trackingSwitches: [.no("X-Mailjet-TrackOpen", [.opens]), .no("X-Mailjet-TrackClick", [.clicks])],
        // Its template language's variables, in `{{ }}`, `{% %}` and `[[ ]]` alike: `var:name`
        // (`{% for p in var:products %}`); a signal that starts with two letters (`in var:`) would
        // stop the scan at every such pair of a document.
        templateSignals: ["[[UNSUB_LINK_", "[[PERMALINK]]", "var:", "[[data:", "{{ data:", "[[SHARE_"])
}
