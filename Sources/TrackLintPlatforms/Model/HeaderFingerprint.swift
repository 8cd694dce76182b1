import TrackLintParsing

/// Evidence in a message's headers that a platform sent it.
public struct HeaderFingerprint: Sendable {
    public enum Test: Sendable {
        /// The header is present (and not empty).
        case present
        /// The header's value contains this text (case-insensitive).
        case contains(String)
        /// The header's value ends with this text (case-insensitive), ignoring a trailing `>`.
        case endsWith(String)
    }

    public let header: String
    public let test: Test
    /// 3 for evidence that names the platform on its own; 1 for a hint that needs company.
    public let weight: Int
    /// The header's name as `HeaderFields` keys it, made once: every message is tested against
    /// every fingerprint.
    package let key: String

    package init(_ header: String, _ test: Test = .present, weight: Int = 3) {
        self.header = header
        self.test = test
        self.weight = weight
        key = header.asciiLowercased()
    }

    /// The matching field, if any.
    package func match(_ headers: HeaderFields) -> HeaderField? {
        headers.all(lowercasedName: key).first { field in
            switch test {
            case .present: return !field.value.isEmpty
            case .contains(let text): return field.value.containsBytes(text, caseInsensitive: true)
            case .endsWith(let text):
                let value = field.value.lowercased()
                let trimmed = value.hasSuffix(">") ? String(value.dropLast()) : value
                return trimmed.hasSuffix(text.lowercased())
            }
        }
    }

    package var description: String {
        switch test {
        case .present: return "header \(header)"
        case .contains(let text), .endsWith(let text): return "header \(header) \(text)"
        }
    }
}
