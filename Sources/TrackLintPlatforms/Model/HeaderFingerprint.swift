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

    /// Whether the test is that the value contains a text, which can be looked for with others.
    var isContainment: Bool {
        if case .contains = test { return true }
        return false
    }

    /// The matching field, if any.
    package func match(_ headers: HeaderFields) -> HeaderField? {
        headers.all(lowercasedName: key).first { matches($0.value) }
    }

    /// Whether one value of the header passes the test.
    func matches(_ value: String) -> Bool {
        switch test {
        case .present: return !value.isEmpty
        case .contains: return value.asciiLowercasedBytes().firstOffset(of: needle, in: 0..<value.utf8.count) != nil
        case .endsWith(let text):
            // ASCII without CR, where a character is a byte and Unicode lower-casing ASCII's, is compared as bytes.
            guard value.utf8.allSatisfy({ $0 < 0x80 && $0 != 0x0D }) else {
                let lowered = value.lowercased()
                let trimmed = lowered.hasSuffix(">") ? String(lowered.dropLast()) : lowered
                return trimmed.hasSuffix(text.lowercased())
            }
            let lowered = value.asciiLowercasedBytes()
            let trimmed = lowered.last == UInt8(ascii: ">") ? lowered.dropLast() : lowered[...]
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

extension String {
    /// The UTF-8 bytes, ASCII-lower-cased: what a search ignoring ASCII case reads, made once per
    /// header field for all the texts looked for in it.
    func asciiLowercasedBytes() -> [UInt8] {
        var text = self
        // A loop over the buffer, which the compiler vectorises: a `map` over the UTF-8 view cost 20 instructions a byte.
        return text.withUTF8 { bytes in
            [UInt8](unsafeUninitializedCapacity: bytes.count) { buffer, count in
                // (`asciiLower` is not inlined across modules.)
                for index in 0..<bytes.count { buffer[index] = bytes[index] &- 0x41 < 26 ? bytes[index] | 0x20 : bytes[index] }
                count = bytes.count
            }
        }
    }
}
