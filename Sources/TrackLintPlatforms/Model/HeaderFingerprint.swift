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
    /// The text of `contains` or `endsWith`, ASCII-lower-cased, as bytes.
    let needle: [UInt8]

    package init(_ header: String, _ test: Test = .present, weight: Int = 3) {
        self.header = header
        self.test = test
        self.weight = weight
        key = header.asciiLowercased()
        switch test {
        case .present: needle = []
        case .contains(let text), .endsWith(let text): needle = Array(text.asciiLowercased().utf8)
        }
    }

    /// Whether the test is only that the header is there, which needs no look at its value's bytes.
    var isPresence: Bool {
        if case .present = test { return true }
        return false
    }

    /// The matching field, if any.
    package func match(_ headers: HeaderFields) -> HeaderField? {
        headers.all(lowercasedName: key).first { matches(HeaderValue($0.value)) }
    }

    /// Whether one value of the header passes the test.
    package func matches(_ value: HeaderValue) -> Bool {
        switch test {
        case .present: return !value.text.isEmpty
        case .contains: return value.contains(needle)
        case .endsWith(let text):
            guard value.isPlainASCII else {
                let lowered = value.text.lowercased()
                let trimmed = lowered.hasSuffix(">") ? String(lowered.dropLast()) : lowered
                return trimmed.hasSuffix(text.lowercased())
            }
            let trimmed = value.lowered.last == UInt8(ascii: ">") ? value.lowered.dropLast() : value.lowered[...]
            return trimmed.count >= needle.count && trimmed.suffix(needle.count).elementsEqual(needle)
        }
    }

    package var description: String {
        switch test {
        case .present: return "header \(header)"
        case .contains(let text), .endsWith(let text): return "header \(header) \(text)"
        }
    }
}

/// A header value as the fingerprints test it, lower-cased once for all the fingerprints of its
/// header (`Received` has a dozen, and a message many `Received` fields).
package struct HeaderValue {
    let text: String
    /// The value's bytes, ASCII-lower-cased: what `contains` searches, ignoring ASCII case.
    let lowered: [UInt8]

    package init(_ text: String) {
        self.text = text
        var text = text
        // A loop over the buffer, which the compiler vectorises: a `map` over the UTF-8 view cost 20 instructions a byte.
        lowered = text.withUTF8 { bytes in
            [UInt8](unsafeUninitializedCapacity: bytes.count) { buffer, count in
                for index in 0..<bytes.count { buffer[index] = asciiLower(bytes[index]) }
                count = bytes.count
            }
        }
    }

    /// ASCII without CR, where a character is a byte and Unicode lower-casing ASCII's.
    var isPlainASCII: Bool { !lowered.contains { $0 >= 0x80 || $0 == 0x0D } }

    /// Whether the value contains `needle` (lower-case), ignoring ASCII case: an exact search of the lower-cased bytes.
    func contains(_ needle: [UInt8]) -> Bool {
        lowered.firstOffset(of: needle, in: 0..<lowered.count) != nil
    }
}
