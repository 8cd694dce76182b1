/// A Content-Type (or Content-Disposition) value: `type/subtype; name=value; ...`, with quoted
/// strings, comments and RFC 2231 parameters (`name*=charset''value`, `name*0*=...` continuations).
public struct ContentType: Sendable, Hashable {
    public let type: String
    public let subtype: String
    /// Parameter names lower-cased; values unquoted and RFC 2231-decoded.
    public let parameters: [String: String]

    /// `type/subtype`, made once: parts are picked by it many times over.
    public let mimeType: String
    public var isMultipart: Bool { type == "multipart" }
    public var charset: String? { parameters["charset"].map { $0.trimmingASCIISpaces() }.flatMap { $0.isEmpty ? nil : $0 } }
    public var boundary: String? { parameters["boundary"].flatMap { $0.isEmpty ? nil : $0 } }

    public static let textPlain = ContentType(type: "text", subtype: "plain", parameters: [:])
    public static let messageRFC822 = ContentType(type: "message", subtype: "rfc822", parameters: [:])

    public init(type: String, subtype: String, parameters: [String: String]) {
        self.type = type
        self.subtype = subtype
        self.parameters = parameters
        mimeType = "\(type)/\(subtype)"
    }

    /// Parses a header value; nil when it has no `type/subtype`.
    public static func parse(_ value: String) -> ContentType? {
        var text = value
        if let plain = text.withUTF8(parsePlain) { return plain }
        let tokens = tokenize(value)
        guard let first = tokens.first else { return nil }
        let mime = first.split(separator: "/", maxSplits: 1)
        guard mime.count == 2 else { return nil }
        let type = mime[0].trimmingCharacters().lowercased()
        let subtype = mime[1].trimmingCharacters().lowercased()
        guard !type.isEmpty, !subtype.isEmpty else { return nil }
        return ContentType(type: type, subtype: subtype, parameters: parameters(Array(tokens.dropFirst())))
    }

    /// `parse` of a value of ASCII without comments, backslashes or RFC 2231 parameters (nearly
    /// every one), read on its bytes: the same pieces as `tokenize` and `parameters` give, without a
    /// `String` per piece. Nil (not `.some(nil)`) for any other value, which the general reading reads.
    private static func parsePlain(_ bytes: UnsafeBufferPointer<UInt8>) -> ContentType?? {
        guard bytes.isASCII, !bytes.contains(where: { $0 == UInt8(ascii: "(") || $0 == UInt8(ascii: "\\") }) else { return nil }
        let tokens = plainTokens(bytes)
        guard let first = tokens.first else { return .some(nil) }
        let mime = bytes[first].split(separator: UInt8(ascii: "/"), maxSplits: 1)
        guard mime.count == 2 else { return .some(nil) }
        let type = lowercasedText(bytes, trimmed(bytes, mime[0].startIndex..<mime[0].endIndex))
        let subtype = lowercasedText(bytes, trimmed(bytes, mime[1].startIndex..<mime[1].endIndex))
        guard !type.isEmpty, !subtype.isEmpty else { return .some(nil) }
        var parameters: [String: String] = [:]
        for token in tokens.dropFirst() {
            guard let equals = bytes.firstIndex(of: UInt8(ascii: "="), from: token.lowerBound, to: token.upperBound) else { continue }
            let name = lowercasedText(bytes, trimmed(bytes, token.lowerBound..<equals))
            guard !name.isEmpty else { continue }
            guard !name.utf8.contains(UInt8(ascii: "*")) else { return nil }
            if parameters[name] == nil { parameters[name] = unquotedText(bytes, trimmed(bytes, (equals + 1)..<token.upperBound)) }
        }
        return ContentType(type: type, subtype: subtype, parameters: parameters)
    }

    /// The `;`-separated pieces outside quoted strings, trimmed, empty ones left out.
    private static func plainTokens(_ bytes: UnsafeBufferPointer<UInt8>) -> [Range<Int>] {
        var tokens: [Range<Int>] = []
        var start = 0
        var inQuotes = false
        for index in 0...bytes.count {
            if index < bytes.count {
                if bytes[index] == UInt8(ascii: "\"") { inQuotes.toggle() }
                if inQuotes || bytes[index] != UInt8(ascii: ";") { continue }
            }
            let token = trimmed(bytes, start..<index)
            if !token.isEmpty { tokens.append(token) }
            start = index + 1
        }
        return tokens
    }

    private static func trimmed(_ bytes: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) -> Range<Int> {
        var start = range.lowerBound
        var end = range.upperBound
        while start < end && StartTagScanner.isSpace(bytes[start]) { start += 1 }
        while end > start && StartTagScanner.isSpace(bytes[end - 1]) { end -= 1 }
        return start..<end
    }

    private static func lowercasedText(_ bytes: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) -> String {
        String(unsafeUninitializedCapacity: range.count) { buffer in
            for (offset, byte) in bytes[range].enumerated() {
                buffer[offset] = asciiLower(byte)
            }
            return range.count
        }
    }

    /// The value without the quotes around it (it holds no backslash escapes).
    private static func unquotedText(_ bytes: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) -> String {
        let isQuoted = range.count >= 2 && bytes[range.lowerBound] == UInt8(ascii: "\"") && bytes[range.upperBound - 1] == UInt8(ascii: "\"")
        let inner = isQuoted ? (range.lowerBound + 1)..<(range.upperBound - 1) : range
        return String(decoding: UnsafeBufferPointer(rebasing: bytes[inner]), as: UTF8.self)
    }

    /// The parameters of a disposition-like value (`attachment; filename=...`), without a type.
    package static func parameters(of value: String) -> [String: String] {
        parameters(Array(tokenize(value).dropFirst()))
    }

    /// Splits on `;` outside quoted strings, dropping comments. An ASCII value (nearly every one)
    /// is read byte by byte; any other character by character, so that a quote or `;` followed by
    /// a combining mark stays one character as before.
    private static func tokenize(_ value: String) -> [String] {
        let tokens = value.utf8.allSatisfy({ $0 < 0x80 })
            ? splitTokens(of: value.utf8, ContentTypeSpecials(quote: UInt8(ascii: "\""), backslash: UInt8(ascii: "\\"),
                                                       open: UInt8(ascii: "("), close: UInt8(ascii: ")"), separator: UInt8(ascii: ";")),
                     text: { String(decoding: $0, as: UTF8.self) })
            : splitTokens(of: value, ContentTypeSpecials<Character>(quote: "\"", backslash: "\\", open: "(", close: ")", separator: ";"),
                     text: { String($0) })
        return tokens.map { $0.trimmingCharacters() }.filter { !$0.isEmpty }
    }

    private static func splitTokens<Elements: Sequence>(of value: Elements, _ specials: ContentTypeSpecials<Elements.Element>,
                                                   text: ([Elements.Element]) -> String) -> [String] where Elements.Element: Equatable {
        var tokens: [String] = []
        var current: [Elements.Element] = []
        var inQuotes = false
        var commentDepth = 0
        var escaped = false
        for element in value {
            if escaped { current.append(element); escaped = false; continue }
            if inQuotes {
                if element == specials.backslash { escaped = true; current.append(element); continue }
                if element == specials.quote { inQuotes = false }
                current.append(element)
                continue
            }
            if commentDepth > 0 {
                if element == specials.open { commentDepth += 1 } else if element == specials.close { commentDepth -= 1 }
                continue
            }
            if element == specials.quote {
                inQuotes = true
                current.append(element)
            } else if element == specials.open {
                commentDepth = 1
            } else if element == specials.separator {
                tokens.append(text(current))
                current.removeAll(keepingCapacity: true)
            } else {
                current.append(element)
            }
        }
        tokens.append(text(current))
        return tokens
    }

    private static func parameters(_ tokens: [String]) -> [String: String] {
        var plain: [String: String] = [:]
        // RFC 2231: name*N or name*N* sections, joined in order; a trailing * means charset''value.
        var sections: [String: [(index: Int, value: String, encoded: Bool)]] = [:]
        for token in tokens {
            guard let equals = token.firstIndex(of: "=") else { continue }
            let name = token[..<equals].trimmingCharacters().lowercased()
            let value = unquote(token[token.index(after: equals)...].trimmingCharacters())
            guard !name.isEmpty else { continue }
            if name.utf8.contains(UInt8(ascii: "*")) {
                var parts = name.split(separator: "*", omittingEmptySubsequences: false).map(String.init)
                let encoded = name.hasSuffix("*")
                if encoded { parts.removeLast() }
                let base = parts[0]
                let index = parts.count > 1 ? Int(parts[1]) ?? 0 : 0
                sections[base, default: []].append((index, value, encoded))
            } else if plain[name] == nil {
                plain[name] = value
            }
        }
        for (name, pieces) in sections {
            let ordered = pieces.sorted { $0.index < $1.index }
            var charset: String?
            var bytes: [UInt8] = []
            for (position, piece) in ordered.enumerated() {
                var text = piece.value
                if piece.encoded && position == 0 {
                    let fields = text.split(separator: "'", maxSplits: 2, omittingEmptySubsequences: false)
                    if fields.count == 3 {
                        charset = fields[0].isEmpty ? nil : String(fields[0])
                        text = String(fields[2])
                    }
                }
                bytes += piece.encoded ? percentDecoded(text) : Array(text.utf8)
            }
            let decoded = charset.flatMap { CharsetDecoder.utf8(from: bytes, charset: $0)?.utf8 } ?? bytes
            plain[name] = String(decoding: decoded, as: UTF8.self)
        }
        return plain
    }

    private static func unquote(_ value: String) -> String {
        // At least two bytes, starting and ending with a quote character, is at least two characters.
        guard value.utf8.count >= 2, value.hasPrefix("\""), value.hasSuffix("\"") else { return value }
        return String(value.dropFirst().dropLast()).replacingBackslashEscapes()
    }

    private static func percentDecoded(_ text: String) -> [UInt8] {
        let bytes = Array(text.utf8)
        var output: [UInt8] = []
        var index = 0
        while index < bytes.count {
            if bytes[index] == UInt8(ascii: "%"), index + 2 < bytes.count,
               let value = UInt8(String(decoding: bytes[(index + 1)...(index + 2)], as: UTF8.self), radix: 16) {
                output.append(value)
                index += 3
            } else {
                output.append(bytes[index])
                index += 1
            }
        }
        return output
    }
}

/// The characters (or bytes) that structure a Content-Type value.
private struct ContentTypeSpecials<Element: Equatable> {
    let quote, backslash, open, close, separator: Element
}

extension StringProtocol {
    /// The text without surrounding ASCII white space.
    package func trimmingCharacters() -> String { String(self).trimmingASCIISpaces() }
}
