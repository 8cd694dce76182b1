import Foundation
import TrackLintParsing

/// Links rewritten by a recipient's security gateway, and the original URLs inside them (facts:
/// `knowledge/esp-facts.md` §2). Mimecast's rewriting is opaque: the original is not in the link.
public enum Gateways {
    public struct Unwrapped: Sendable {
        public let gateway: String
        /// The URL the gateway wrapped, when the link carries it.
        public let original: String?
    }

    public static func unwrap(_ url: URLReference) -> Unwrapped? {
        guard url.isWeb, let host = url.host else { return nil }
        // Parsed only for the hosts that need it: this runs for every URL of every input.
        func query() -> QueryParameters { QueryParameters(url.query ?? "") }
        switch true {
        case host == "urldefense.proofpoint.com" || host == "urldefense.com":
            return Unwrapped(gateway: "Proofpoint URL Defense", original: proofpoint(url, query: query()))
        case host.hasSuffix(".safelinks.protection.outlook.com"):
            return Unwrapped(gateway: "Microsoft Safe Links", original: query()["url"])
        case host == "linkprotect.cudasvc.com":
            return Unwrapped(gateway: "Barracuda Link Protection", original: query()["a"])
        case host == "secure-web.cisco.com":
            let last = url.path.split(separator: "/").last.map(String.init)
            return Unwrapped(gateway: "Cisco Secure Email", original: last?.removingPercentEncoding)
        case host.hasSuffix(".trendmicro.com") && url.path.hasPrefix("/wis/clicktime/"):
            return Unwrapped(gateway: "Trend Micro", original: query()["url"])
        case host.hasSuffix(".protection.sophos.com"):
            return Unwrapped(gateway: "Sophos Email", original: query().raw("u").flatMap(base64Text))
        case host == "protect2.fireeye.com":
            return Unwrapped(gateway: "Trellix (FireEye)", original: query()["u"])
        case (host == "www.google.com" || host == "google.com") && url.path == "/url":
            return Unwrapped(gateway: "Google redirect", original: query()["q"] ?? query()["url"])
        case host.hasPrefix("protect-") && host.hasSuffix(".mimecast.com"), host.hasSuffix(".mimecastprotect.com"):
            return Unwrapped(gateway: "Mimecast URL Protect", original: nil)
        default:
            return nil
        }
    }

    /// Proofpoint URL Defense v1, v2 and v3.
    package static func proofpoint(_ url: URLReference, query: QueryParameters) -> String? {
        if url.path.hasPrefix("/v1/") { return query["u"].map(htmlUnescaped) }
        if url.path.hasPrefix("/v2/") {
            guard let encoded = query.raw("u") else { return nil }
            let percent = encoded.replacingOccurrences(of: "-", with: "%").replacingOccurrences(of: "_", with: "/")
            return percent.removingPercentEncoding.map(htmlUnescaped)
        }
        // v3: https://urldefense.com/v3/__<url>__;<base64 of replaced characters>!!<tenant>!<signature>$
        let text = url.trimmed
        guard let start = text.range(of: "/v3/__"), let end = text.range(of: "__;", range: start.upperBound..<text.endIndex) else {
            return nil
        }
        let body = text[start.upperBound..<end.lowerBound]
        let afterBody = text[end.upperBound...]
        let encoded = afterBody.prefix { $0 != "!" }
        var replacements = Array(base64Text(String(encoded), urlSafe: true) ?? "")
        var output = ""
        let characters = Array(body)
        var index = 0
        let alphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_")
        while index < characters.count {
            if characters[index] == "*" {
                if index + 2 < characters.count, characters[index + 1] == "*", let run = alphabet.firstIndex(of: characters[index + 2]) {
                    let count = min(run + 2, replacements.count)
                    output += String(replacements.prefix(count))
                    replacements.removeFirst(count)
                    index += 3
                    continue
                }
                if let next = replacements.first {
                    output.append(next)
                    replacements.removeFirst()
                }
                index += 1
                continue
            }
            output.append(characters[index])
            index += 1
        }
        return output.removingPercentEncoding ?? output
    }

    private static func base64Text(_ text: String) -> String? { base64Text(text, urlSafe: false) }

    private static func base64Text(_ text: String, urlSafe: Bool) -> String? {
        var normalized = urlSafe ? text.replacingOccurrences(of: "-", with: "+").replacingOccurrences(of: "_", with: "/") : text
        while normalized.count % 4 != 0 { normalized += "=" }
        guard let data = Data(base64Encoded: normalized) else { return nil }
        return String(data: data, encoding: .utf8)
    }

    private static func htmlUnescaped(_ text: String) -> String {
        text.replacingOccurrences(of: "&amp;", with: "&").replacingOccurrences(of: "&lt;", with: "<")
            .replacingOccurrences(of: "&gt;", with: ">").replacingOccurrences(of: "&quot;", with: "\"")
    }
}
