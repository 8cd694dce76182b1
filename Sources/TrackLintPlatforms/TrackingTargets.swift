import Foundation
import TrackLintParsing

/// Reads the destination that a platform's click-tracking URL carries, where the platform puts it
/// in the URL (facts: `knowledge/esp-facts.md` §0–1): SES, Mailjet, Kit, ActiveCampaign,
/// Customer.io, Postmark and Mandrill. SendGrid, Mailchimp and most others keep it server-side.
public enum TrackingTargets {
    public static func target(of url: URLReference) -> String? {
        guard url.isWeb, let host = url.host, carriesTarget(host: host, path: url.path) else { return nil }
        let segments = url.path.split(separator: "/").map(String.init)
        let query = QueryParameters(url.query ?? "")
        if host.hasSuffix("awstrack.me"), segments.first == "L0", segments.count >= 2 {
            // /L0/<percent-encoded target>/1/<message id>/<signature>
            return segments[1].removingPercentEncoding
        }
        if host.hasSuffix("mjt.lu"), segments.first == "lnk", let last = segments.last {
            return base64Text(last)
        }
        if host.containsBytes("convertkit-mail"), segments.count >= 3, let last = segments.last {
            return base64Text(last)
        }
        if url.path.hasPrefixIgnoringASCIICase("/prod/link-tracker"), let encoded = query.raw("redirectUrl") {
            return base64Text(encoded.removingPercentEncoding ?? encoded).map { $0.removingPercentEncoding ?? $0 }
        }
        if host.hasSuffix("customeriomail.com"), segments.count >= 3, segments[0] == "e", segments[1] == "c",
           let json = base64Text(segments[2]).flatMap(jsonObject) {
            return json["href"] as? String
        }
        if host == "click.pstmrk.it", segments.count >= 2 {
            // /3s/<percent-encoded target without its scheme>/<token>/...
            return segments[1].removingPercentEncoding.map { "https://" + $0 }
        }
        if host == "mandrillapp.com", url.path.hasPrefix("/track/click/"), let payload = query.raw("p"),
           let json = base64Text(payload.removingPercentEncoding ?? payload).flatMap(jsonObject) {
            if let url = json["url"] as? String { return url }
            // Mandrill nests the link data as a JSON string under "p".
            if let inner = json["p"] as? String, let nested = jsonObject(inner) { return nested["url"] as? String }
        }
        return nil
    }

    /// A cheap first test, since this runs for every link: only these hosts and paths carry a target.
    private static func carriesTarget(host: String, path: String) -> Bool {
        URLShape.isDomain(host, under: "awstrack.me") || URLShape.isDomain(host, under: "mjt.lu")
            || host.containsBytes("convertkit-mail") || path.hasPrefixIgnoringASCIICase("/prod/link-tracker")
            || URLShape.isDomain(host, under: "customeriomail.com")
            || host == "click.pstmrk.it" || host == "mandrillapp.com"
    }

    package static func base64Text(_ text: String) -> String? {
        var normalized = text.replacingOccurrences(of: "-", with: "+").replacingOccurrences(of: "_", with: "/")
        while normalized.count % 4 != 0 { normalized += "=" }
        guard let data = Data(base64Encoded: normalized) else { return nil }
        return String(data: data, encoding: .utf8)
    }

    private static func jsonObject(_ text: String) -> [String: Any]? {
        (try? JSONSerialization.jsonObject(with: Data(text.utf8))) as? [String: Any]
    }
}
