import Foundation
import TrackLintParsing

extension PlatformProfile {
    static let activecampaign = PlatformProfile(
        "activecampaign", "ActiveCampaign",
        headers: [HeaderFingerprint("Received", .contains("acems")), HeaderFingerprint("X-mid", weight: 1)],
        hosts: PlatformHosts(sending: ["acemsa1.com", "acemsa4.com", "acemsrvc.com", "acemsrvd.com", "acems1.com"],
                             unsubscribe: ["activehosted.com"]),
        clicks: [URLShape("activecampaign", path: "/prod/link-tracker", query: "redirectUrl")],
        // The open pixel is the same endpoint with `nl=<list>&...&l=open`.
        pixels: [URLShape("activecampaign", path: "/prod/link-tracker", query: "nl")],
        // On the sender's branded host: `redirectUrl` is the destination in base64.
        destination: DestinationDecoder(applies: { _, path in path.hasPrefixIgnoringASCIICase("/prod/link-tracker") }, decode: { url in
            guard let encoded = QueryParameters(url.query ?? "").raw("redirectUrl") else { return nil }
            return EncodedText.base64(encoded.removingPercentEncoding ?? encoded).map { $0.removingPercentEncoding ?? $0 }
        }),
        mergeTags: [.percent],
        unsubscribe: ["%UNSUBSCRIBELINK%"],
        templateSignals: ["%SENDER-INFO", "%UPDATELINK%", "%WEBCOPY%", "%FORWARD2FRIEND%", "%FIRSTNAME%"])
}
