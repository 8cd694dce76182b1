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

/// The header block of a message or part: duplicates kept in order, names compared ASCII
/// case-insensitively.
public struct HeaderFields: Sendable {
    public let fields: [HeaderField]
    /// Each field's name folded to a number, in field order: a look-up compares these (and then the
    /// name), so a header block costs no lower-cased copies and no dictionary.
    private let nameKeys: [UInt64]

    public init(_ fields: [HeaderField]) {
        self.fields = fields
        nameKeys = fields.map { Self.key($0.name) }
    }

    /// The first field with this name.
    public subscript(_ name: String) -> HeaderField? {
        let key = Self.key(name)
        for index in nameKeys.indices where nameKeys[index] == key && Self.sameName(fields[index].name, name) {
            return fields[index]
        }
        return nil
    }

    /// Every field name present, lower-cased, each once, in the order they first occur.
    package var lowercasedNames: [String] {
        nameKeys.indices.compactMap { index in
            let name = fields[index].name
            let isFirst = !nameKeys[..<index].indices.contains { nameKeys[$0] == nameKeys[index] && Self.sameName(fields[$0].name, name) }
            return isFirst ? name.asciiLowercased() : nil
        }
    }

    public func all(_ name: String) -> [HeaderField] {
        let key = Self.key(name)
        var matching: [HeaderField] = []
        for index in nameKeys.indices where nameKeys[index] == key && Self.sameName(fields[index].name, name) {
            matching.append(fields[index])
        }
        return matching
    }

    /// The fields named `name` (the same as `all(_:)`; callers hold lower-cased names).
    package func all(lowercasedName name: String) -> [HeaderField] { all(name) }

    /// FNV-1a of the name's bytes with ASCII letters lower-cased: names equal but for case get equal keys.
    private static func key(_ name: String) -> UInt64 {
        name.withUTF8InPlace { bytes in
            var hash: UInt64 = 0xCBF2_9CE4_8422_2325
            for byte in bytes { hash = (hash ^ UInt64(asciiLower(byte))) &* 0x0100_0000_01B3 }
            return hash
        }
    }

    private static func sameName(_ a: String, _ b: String) -> Bool {
        a.withUTF8InPlace { a in b.withUTF8InPlace { b in a.count == b.count && a.elementsEqual(b) { asciiLower($0) == asciiLower($1) } } }
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

    /// The field being read: where its name and value are written on its first line; continuation
    /// lines are joined into a copy (few fields have them).
    private struct OpenField {
        let name: Range<Int>
        let value: Range<Int>
        var joined: [UInt8]?

        mutating func join(_ continuation: Range<Int>, in bytes: UnsafeBufferPointer<UInt8>) {
            if joined == nil { joined = Array(bytes[value]) }
            joined!.append(contentsOf: bytes[continuation])
        }

        /// The value as text, without the white space around it.
        func text(in bytes: UnsafeBufferPointer<UInt8>) -> String {
            joined.map { joined in joined.withUnsafeBufferPointer { trimmedText($0[...]) } } ?? trimmedText(bytes[value])
        }

        func field(in bytes: UnsafeBufferPointer<UInt8>, lines: SourceText) -> HeaderField {
            HeaderField(name: String(decoding: UnsafeBufferPointer(rebasing: bytes[name]), as: UTF8.self), value: text(in: bytes),
                        line: lines.position(ofOffset: name.lowerBound).line)
        }

        func isNamed(_ lowercased: String, in bytes: UnsafeBufferPointer<UInt8>) -> Bool {
            name.count == lowercased.utf8.count && zip(bytes[name], lowercased.utf8).allSatisfy { asciiLower($0) == $1 }
        }
    }

    /// Parses headers from `range`. `allowJunk` lines before the first header are skipped (text
    /// pasted around "show original" output).
    package static func parse(_ bytes: [UInt8], _ range: Range<Int>, lines: SourceText, allowJunk: Int = 0) -> Block {
        bytes.withUnsafeBufferPointer { bytes in
            var fields: [HeaderField] = []
            let end = walk(bytes, range, allowJunk: allowJunk) { fields.append($0.field(in: bytes, lines: lines)) }
            return Block(fields: fields, bodyStart: end.bodyStart, missingSeparator: end.missingSeparator)
        }
    }

    /// The value of the header block's last `Content-Length` field, and where its body starts: all
    /// that splitting an mbox needs of a message's headers, read without making the other fields.
    package static func contentLength(_ bytes: [UInt8], _ range: Range<Int>) -> (value: String?, bodyStart: Int) {
        bytes.withUnsafeBufferPointer { bytes in
            var last: OpenField?
            let end = walk(bytes, range, allowJunk: 0) { field in
                if field.isNamed("content-length", in: bytes) { last = field }
            }
            return (last?.text(in: bytes), end.bodyStart)
        }
    }

    /// Reads the fields of the header block in `range`, handing each to `take` when it is whole;
    /// returns where the body starts and whether a line that is not a header ended the block.
    private static func walk(_ bytes: UnsafeBufferPointer<UInt8>, _ range: Range<Int>, allowJunk: Int,
                             _ take: (OpenField) -> Void) -> (bodyStart: Int, missingSeparator: Bool) {
        var current: OpenField?
        var started = false
        var index = range.lowerBound
        var junkLeft = allowJunk
        while index < range.upperBound {
            let (contentEnd, next) = lineBounds(bytes, from: index, limit: range.upperBound)
            if contentEnd == index {
                if !started && junkLeft > 0 {
                    // Blank lines before the headers of pasted source.
                    index = next
                    continue
                }
                if let field = current { take(field) }
                return (next, false)
            }
            if bytes[index] == 0x20 || bytes[index] == 0x09, current != nil {
                current!.join(index..<contentEnd, in: bytes)
                index = next
                continue
            }
            guard let colon = bytes.firstIndex(of: UInt8(ascii: ":"), from: index, to: contentEnd), colon > index,
                  bytes[index..<colon].allSatisfy({ $0 > 0x20 && $0 < 0x7F }) else {
                if !started && junkLeft > 0 {
                    junkLeft -= 1
                    index = next
                    continue
                }
                if let field = current { take(field) }
                return (index, true)
            }
            if let field = current { take(field) }
            current = OpenField(name: index..<colon, value: (colon + 1)..<contentEnd)
            started = true
            index = next
        }
        if let field = current { take(field) }
        return (range.upperBound, false)
    }

    /// The end of a line's content (before CR LF or LF) and the start of the next line.
    package static func lineBounds(_ bytes: [UInt8], from start: Int, limit: Int) -> (contentEnd: Int, next: Int) {
        bytes.withUnsafeBufferPointer { lineBounds($0, from: start, limit: limit) }
    }

    private static func lineBounds(_ bytes: UnsafeBufferPointer<UInt8>, from start: Int, limit: Int) -> (contentEnd: Int, next: Int) {
        // Bodies are read line by line (a base64 part is thousands of lines): memchr finds each end.
        let index = bytes.firstIndex(of: 0x0A, from: start, to: limit) ?? max(start, limit)
        let next = index < limit ? index + 1 : limit
        var contentEnd = index
        if contentEnd > start && bytes[contentEnd - 1] == 0x0D { contentEnd -= 1 }
        return (contentEnd, next)
    }

    /// UTF-8 where the bytes are valid UTF-8, else Latin-1.
    package static func text(_ bytes: [UInt8]) -> String { bytes.withUnsafeBufferPointer(text) }

    private static func text(_ bytes: UnsafeBufferPointer<UInt8>) -> String {
        // Nearly every header is ASCII, which is valid UTF-8 as it stands.
        if bytes.isASCII { return String(decoding: bytes, as: UTF8.self) }
        if let text = String(validating: bytes, as: UTF8.self) { return text }
        return String(bytes.map { Character(Unicode.Scalar($0)) })
    }

    /// `text(_:)` of the bytes without the ASCII white space around them: the same as trimming the
    /// text, since trimming ASCII bytes at the ends changes neither which reading applies nor the rest.
    private static func trimmedText(_ bytes: Slice<UnsafeBufferPointer<UInt8>>) -> String {
        var start = bytes.startIndex
        var end = bytes.endIndex
        while start < end && StartTagScanner.isSpace(bytes[start]) { start += 1 }
        while end > start && StartTagScanner.isSpace(bytes[end - 1]) { end -= 1 }
        return text(UnsafeBufferPointer(rebasing: bytes[start..<end]))
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
        while let start = nextWordStart(in: rest) {
            let before = rest[rest.startIndex..<start]
            guard let word = parseWord(rest[start...]) else {
                output += pendingSpace + before + "=?"
                pendingSpace = ""
                previousWasWord = false
                rest = rest[rest.utf8.index(start, offsetBy: 2)...]
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

    /// Where the next `=?` starts: found on the UTF-8, as Foundation's `range(of:)` copied the rest of
    /// the value at each word (a subject of thousands of words took seconds).
    private static func nextWordStart(in text: Substring) -> Substring.Index? {
        let utf8 = text.utf8
        var index = utf8.startIndex
        while let equals = utf8[index...].firstIndex(of: UInt8(ascii: "=")) {
            index = utf8.index(after: equals)
            if index != utf8.endIndex && utf8[index] == UInt8(ascii: "?") { return equals }
        }
        return nil
    }

    private static func parseWord(_ text: Substring) -> (text: String, rest: Substring)? {
        let parts = wordParts(text.dropFirst(2))
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

    /// `text.split(separator: "?", maxSplits: 3, omittingEmptySubsequences: false)`, found on the
    /// bytes while they are ASCII (where each byte is a character: nothing can join a `?`), else by
    /// characters. A word's payload runs to dozens of characters, each costly to step over.
    private static func wordParts(_ text: Substring) -> [Substring] {
        let utf8 = text.utf8
        var parts: [Substring] = []
        var start = text.startIndex
        var index = utf8.startIndex
        while index != utf8.endIndex && parts.count < 3 {
            guard utf8[index] < 0x80 else { return text.split(separator: "?", maxSplits: 3, omittingEmptySubsequences: false) }
            let next = utf8.index(after: index)
            if utf8[index] == UInt8(ascii: "?") {
                parts.append(text[start..<index])
                start = next
            }
            index = next
        }
        if index != utf8.endIndex && utf8[index] >= 0x80 {
            return text.split(separator: "?", maxSplits: 3, omittingEmptySubsequences: false)
        }
        parts.append(text[start...])
        return parts
    }
}
