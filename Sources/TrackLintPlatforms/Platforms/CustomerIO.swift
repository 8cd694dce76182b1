import TrackLintParsing

extension PlatformProfile {
    static let customerio = PlatformProfile(
        "customerio", "Customer.io",
        headers: [HeaderFingerprint("Received", .contains("customeriomail.com")), HeaderFingerprint("Return-Path", .contains("customeriomail.com"))],
        hosts: PlatformHosts(sending: ["customeriomail.com"]),
        clicks: [URLShape("customerio", host: "customeriomail.com", path: "/e/c/")],
        pixels: [URLShape("customerio", host: "customeriomail.com", path: "/e/o/")],
        // /e/c/<base64 JSON with "href">/...
        destination: DestinationDecoder(applies: { host, _ in URLShape.isDomain(host, under: "customeriomail.com") }, decode: { url in
            let segments = url.pathSegments
            guard segments.count >= 3, segments[0] == "e", segments[1] == "c",
                  let json = EncodedText.base64(segments[2]).flatMap(EncodedText.jsonObject) else { return nil }
            return json["href"] as? String
        }),
        mergeTags: [.handlebars, .liquidTag],
        unsubscribe: ["{% unsubscribe %}", "{% unsubscribe_url %}"],
        optOut: [.className("untracked")],
        templateSignals: ["{% view_in_browser_url %}", "{{ customer.", "{% manage_subscription_preferences_url %}"])
}
