import Foundation
import TrackLintParsing

extension PlatformProfile {
    static let mandrill = PlatformProfile(
        "mandrill", "Mandrill",
        headers: [HeaderFingerprint("X-Mandrill-User"), HeaderFingerprint("X-MC-Track", weight: 1),
                  HeaderFingerprint("Received", .contains("mandrillapp.com"))],
        hosts: PlatformHosts(sending: ["mandrillapp.com", "rsglab.com"], ownLinks: ["mandrill.com"]),
        clicks: [URLShape("mandrill", host: "mandrillapp.com", path: "/track/click/")],
        pixels: [URLShape("mandrill", host: "mandrillapp.com", path: "/track/open.php")],
        destination: DestinationDecoder(applies: { host, _ in host == "mandrillapp.com" }, decode: linkData),
        mergeTags: [.mailchimp, .handlebars],
        unsubscribe: ["*|UNSUB|*"],
        optOut: [.attribute("mc:disable-tracking")],
        trackingSwitches: [TrackingSwitch("X-MC-Track", switchesOff: trackSwitches)],
        overrides: ["mailchimp"],
        transport: true,
        templateSignals: ["*|MC_PREVIEW_TEXT|*"])

    /// `/track/click/<ids>?p=<base64 JSON>`: the JSON holds the URL, or nests the link data as a
    /// JSON string under "p".
    private static func linkData(_ url: URLReference) -> String? {
        guard url.path.hasPrefix("/track/click/"), let payload = QueryParameters(url.query ?? "").raw("p"),
              let json = EncodedText.base64(payload.removingPercentEncoding ?? payload).flatMap(EncodedText.jsonObject) else { return nil }
        if let url = json["url"] as? String { return url }
        if let inner = json["p"] as? String, let nested = EncodedText.jsonObject(inner) { return nested["url"] as? String }
        return nil
    }

    /// `X-MC-Track: opens, clicks_all` lists what stays on: whatever it leaves out is off.
    private static func trackSwitches(_ value: String) -> [TrackingKind] {
        let switches = value.lowercased().split(separator: ",").map { $0.trimmingCharacters() }
        var off: [TrackingKind] = []
        if !switches.contains("opens") { off.append(.opens) }
        if !switches.contains(where: { $0.hasPrefix("clicks") }) { off.append(.clicks) }
        return off
    }
}
