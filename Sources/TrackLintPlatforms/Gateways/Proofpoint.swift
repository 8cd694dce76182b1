import Foundation
import TrackLintParsing

extension Gateway {
    static let proofpoint = Gateway(
        "proofpoint", "Proofpoint", headerPrefixes: ["x-proofpoint-"],
        rewrites: { host, _ in host == "urldefense.proofpoint.com" || host == "urldefense.com" },
        original: urlDefense)

    /// URL Defense v1, v2 and v3.
    package static func urlDefense(_ url: URLReference) -> String? {
        let query = QueryParameters(url.query ?? "")
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
        let encoded = text[end.upperBound...].prefix { $0 != "!" }
        let output = v3Body(Array(text[start.upperBound..<end.lowerBound]), replacements: Array(EncodedText.base64(String(encoded)) ?? ""))
        return output.removingPercentEncoding ?? output
    }

    /// Puts the replaced characters back: `*` is the next one, `**<letter>` the next run of 2 or more.
    private static func v3Body(_ characters: [Character], replacements: [Character]) -> String {
        var replacements = replacements[...]
        var output = ""
        var index = 0
        let alphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_")
        while index < characters.count {
            guard characters[index] == "*" else {
                output.append(characters[index])
                index += 1
                continue
            }
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
        }
        return output
    }

    private static func htmlUnescaped(_ text: String) -> String {
        text.replacingOccurrences(of: "&amp;", with: "&").replacingOccurrences(of: "&lt;", with: "<")
            .replacingOccurrences(of: "&gt;", with: ">").replacingOccurrences(of: "&quot;", with: "\"")
    }
}
