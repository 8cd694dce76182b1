import Foundation

/// Text that platforms and gateways pack into their URLs and headers: base64 (either alphabet,
/// padding optional) and JSON objects.
package enum EncodedText {
    /// The UTF-8 text a base64 string (standard or URL-safe alphabet, padded or not) encodes.
    package static func base64(_ text: String) -> String? {
        var normalized = text.replacingOccurrences(of: "-", with: "+").replacingOccurrences(of: "_", with: "/")
        while normalized.count % 4 != 0 { normalized += "=" }
        guard let data = Data(base64Encoded: normalized) else { return nil }
        return String(data: data, encoding: .utf8)
    }

    /// The JSON object a text holds, if it holds one.
    package static func jsonObject(_ text: String) -> [String: Any]? {
        (try? JSONSerialization.jsonObject(with: Data(text.utf8))) as? [String: Any]
    }
}
