/// One header field of a message or MIME part, unfolded, with where it stands in the file.
public struct HeaderField: Sendable, Hashable {
    /// The name as written.
    public let name: String
    /// The value as written after the colon, continuation lines joined, leading space removed.
    /// Bytes that are not UTF-8 are read as Latin-1 (RFC 5322 headers are ASCII; real mail is not).
    public let value: String
    /// 1-based line in the file.
    public let line: Int

    /// The value with RFC 2047 encoded words decoded.
    public var decodedValue: String { EncodedWords.decode(value) }
}

/// The header block of a message or part: duplicates kept in order, names compared case-insensitively.
public struct HeaderFields: Sendable {
    public let fields: [HeaderField]
    /// Field positions by lower-cased name, built once: rules look headers up many times.
    private let positions: [String: [Int]]

    public init(_ fields: [HeaderField]) {
        self.fields = fields
        var positions: [String: [Int]] = [:]
        for (index, field) in fields.enumerated() { positions[field.name.asciiLowercased(), default: []].append(index) }
        self.positions = positions
    }

    /// The first field with this name.
    public subscript(_ name: String) -> HeaderField? {
        positions[name.asciiLowercased()]?.first.map { fields[$0] }
    }

    /// Every field name present, lower-cased, each once.
    package var lowercasedNames: Dictionary<String, [Int]>.Keys { positions.keys }

    public func all(_ name: String) -> [HeaderField] {
        all(lowercasedName: name.asciiLowercased())
    }

    package func all(lowercasedName name: String) -> [HeaderField] {
        (positions[name] ?? []).map { fields[$0] }
    }
}

/// Reads a header block from raw bytes.
package enum HeaderParser {
    package struct Block {
        package let fields: [HeaderField]
        /// Offset where the body starts (after the blank line, or where the headers stopped).
        package let bodyStart: Int
        /// True when the headers ended at a line that is not a header instead of a blank line.
        package let missingSeparator: Bool
    }

    /// Parses headers from `range`. `allowJunk` lines before the first header are skipped (text
    /// pasted around "show original" output).
    package static func parse(_ bytes: [UInt8], _ range: Range<Int>, lines: SourceText, allowJunk: Int = 0) -> Block {
        var fields: [HeaderField] = []
        var current: (name: String, value: [UInt8], line: Int)?
        var index = range.lowerBound
        var junkLeft = allowJunk
        func flush() {
            if let field = current {
                fields.append(HeaderField(name: field.name, value: Self.text(field.value).trimmingASCIISpaces(), line: field.line))
            }
            current = nil
        }
        while index < range.upperBound {
            let (contentEnd, next) = lineBounds(bytes, from: index, limit: range.upperBound)
            let line = bytes[index..<contentEnd]
            if line.isEmpty {
                if fields.isEmpty && current == nil && junkLeft > 0 {
                    // Blank lines before the headers of pasted source.
                    index = next
                    continue
                }
                flush()
                return Block(fields: fields, bodyStart: next, missingSeparator: false)
            }
            if (line.first == 0x20 || line.first == 0x09), current != nil {
                current!.value.append(contentsOf: line)
                index = next
                continue
            }
            guard let colon = line.firstIndex(of: UInt8(ascii: ":")), colon > line.startIndex,
                  line[line.startIndex..<colon].allSatisfy({ $0 > 0x20 && $0 < 0x7F }) else {
                if fields.isEmpty && current == nil && junkLeft > 0 {
                    junkLeft -= 1
                    index = next
                    continue
                }
                flush()
                return Block(fields: fields, bodyStart: index, missingSeparator: true)
            }
            flush()
            let name = String(decoding: line[line.startIndex..<colon], as: UTF8.self)
            current = (name, Array(line[(colon + 1)...]), lines.position(ofOffset: index).line)
            index = next
        }
        flush()
        return Block(fields: fields, bodyStart: range.upperBound, missingSeparator: false)
    }

    /// The end of a line's content (before CR LF or LF) and the start of the next line.
    package static func lineBounds(_ bytes: [UInt8], from start: Int, limit: Int) -> (contentEnd: Int, next: Int) {
        // Bodies are read line by line (a base64 part is thousands of lines): memchr finds each end.
        let index = bytes.withUnsafeBufferPointer { $0.firstIndex(of: 0x0A, from: start, to: limit) } ?? max(start, limit)
        let next = index < limit ? index + 1 : limit
        var contentEnd = index
        if contentEnd > start && bytes[contentEnd - 1] == 0x0D { contentEnd -= 1 }
        return (contentEnd, next)
    }

    /// UTF-8 where the bytes are valid UTF-8, else Latin-1.
    package static func text(_ bytes: [UInt8]) -> String {
        // Nearly every header is ASCII, which is valid UTF-8 as it stands.
        if bytes.withUnsafeBufferPointer({ $0.isASCII }) { return String(decoding: bytes, as: UTF8.self) }
        if let text = String(validating: bytes, as: UTF8.self) { return text }
        return String(bytes.map { Character(Unicode.Scalar($0)) })
    }
}

/// RFC 2047 encoded words (`=?charset?B?...?=`, `=?charset?Q?...?=`): adjacent words joined, words
/// that do not decode left as written.
public enum EncodedWords {
    public static func decode(_ value: String) -> String {
        guard value.containsBytes("=?") else { return value }
        var output = ""
        var rest = Substring(value)
        var pendingSpace = ""
        var previousWasWord = false
        while let start = rest.range(of: "=?") {
            let before = rest[rest.startIndex..<start.lowerBound]
            guard let word = parseWord(rest[start.lowerBound...]) else {
                output += pendingSpace + before + "=?"
                pendingSpace = ""
                previousWasWord = false
                rest = rest[start.upperBound...]
                continue
            }
            // White space between two encoded words is not part of the text (RFC 2047 §6.2).
            if previousWasWord && before.allSatisfy({ $0 == " " || $0 == "\t" || $0 == "\r" || $0 == "\n" }) {
                output += word.text
            } else {
                output += pendingSpace + before + word.text
            }
            pendingSpace = ""
            previousWasWord = true
            rest = word.rest
        }
        return output + pendingSpace + rest
    }

    private static func parseWord(_ text: Substring) -> (text: String, rest: Substring)? {
        let parts = text.dropFirst(2).split(separator: "?", maxSplits: 3, omittingEmptySubsequences: false)
        guard parts.count == 4, parts[3].hasPrefix("="), !parts[0].isEmpty else { return nil }
        let charset = String(parts[0].split(separator: "*").first ?? parts[0])   // RFC 2231 language suffix
        let payload = Array(parts[2].utf8)
        let bytes: [UInt8]?
        switch parts[1].lowercased() {
        case "b": bytes = TransferDecoding.base64(payload).bytes
        case "q": bytes = TransferDecoding.quotedPrintableWord(payload)
        default: return nil
        }
        guard let bytes, let decoded = CharsetDecoder.utf8(from: bytes, charset: charset) else { return nil }
        return (String(decoding: decoded.utf8, as: UTF8.self), parts[3].dropFirst())
    }
}
