import TrackLintParsing

/// The unit of LSP's `Position.character`, agreed at `initialize`.
package enum PositionEncoding: String, Sendable, CaseIterable {
    case utf8 = "utf-8"
    case utf16 = "utf-16"
    case utf32 = "utf-32"

    /// The first of the client's encodings (its order is its preference) that tracklint speaks;
    /// UTF-16 when it offers none, as LSP requires of every server.
    package static func negotiated(offered: [String]?) -> PositionEncoding {
        offered?.lazy.compactMap(PositionEncoding.init(rawValue:)).first ?? .utf16
    }

    /// How many units a scalar whose UTF-8 form is `byteCount` bytes long takes.
    fileprivate func units(utf8ByteCount byteCount: Int) -> Int {
        switch self {
        case .utf8: return byteCount
        case .utf16: return byteCount == 4 ? 2 : 1
        case .utf32: return 1
        }
    }
}

/// A place in a document as LSP counts it: 0-based line and character.
package struct Position: Sendable, Hashable {
    package var line: Int
    package var character: Int

    package init(line: Int, character: Int) {
        self.line = line
        self.character = character
    }
}

/// An open document's text as UTF-8, with conversions between byte offsets, LSP positions (whose
/// lines end at LF, CRLF or a lone CR) and tracklint's 1-based lines (ending at LF) and columns
/// (Unicode scalars).
package struct DocumentText: Sendable {
    package private(set) var bytes: [UInt8]
    /// Byte offset at which each LSP line starts.
    private var lineStarts: [Int] = [0]
    /// tracklint's line table.
    private var source: SourceText

    package init(_ text: String) {
        bytes = Array(text.utf8)
        source = SourceText(bytes: [])
        reindex()
    }

    package var string: String { String(decoding: bytes, as: UTF8.self) }

    /// Replaces the bytes of `range` (clamped into the text) with `text`.
    package mutating func replace(_ range: Range<Int>, with text: String) {
        let lower = min(max(0, range.lowerBound), bytes.count)
        bytes.replaceSubrange(lower..<min(max(lower, range.upperBound), bytes.count), with: Array(text.utf8))
        reindex()
    }

    private mutating func reindex() {
        source = SourceText(bytes: bytes)
        lineStarts = [0]
        var index = 0
        while index < bytes.count {
            let byte = bytes[index]
            index += 1
            if byte == 0x0A || (byte == 0x0D && (index == bytes.count || bytes[index] != 0x0A)) { lineStarts.append(index) }
        }
    }

    /// The offset of an LSP position. A character past its line's end means the end of the line,
    /// and a line past the last means the end of the text (LSP's rules); a position inside a
    /// scalar (half a surrogate pair) means the start of that scalar.
    package func offset(of position: Position, encoding: PositionEncoding) -> Int {
        guard position.line >= 0 else { return 0 }
        guard position.line < lineStarts.count else { return bytes.count }
        let end = lineContentEnd(position.line)
        var offset = lineStarts[position.line]
        var units = 0
        while offset < end {
            let length = Self.scalarLength(bytes[offset])
            units += encoding.units(utf8ByteCount: length)
            if units > position.character { break }
            offset = min(end, offset + length)
        }
        return offset
    }

    /// The LSP position of a byte offset (clamped into the text).
    package func position(ofOffset offset: Int, encoding: PositionEncoding) -> Position {
        let offset = min(max(0, offset), bytes.count)
        var low = 0
        var high = lineStarts.count - 1
        while low < high {
            let middle = (low + high + 1) / 2
            if lineStarts[middle] <= offset { low = middle } else { high = middle - 1 }
        }
        var units = 0
        var index = lineStarts[low]
        while index < offset {
            let length = Self.scalarLength(bytes[index])
            units += encoding.units(utf8ByteCount: length)
            index += length
        }
        return Position(line: low, character: units)
    }

    /// The offset of tracklint's 1-based line and column; a column past the line's end means its end.
    package func offset(line: Int, column: Int) -> Int? {
        guard let range = source.lineRange(line) else { return nil }
        return offset(afterScalars: column - 1, from: line == 1 ? byteOrderMarkLength : range.lowerBound, limit: range.upperBound)
    }

    /// The bytes of a leading UTF-8 byte order mark: tracklint parses the text after it, and
    /// counts the first line's columns from there.
    package var byteOrderMarkLength: Int { bytes.starts(with: [0xEF, 0xBB, 0xBF]) ? 3 : 0 }

    /// tracklint's line holding an offset, as its byte range without the line break.
    package func trackLintLine(containing offset: Int) -> Range<Int> {
        source.lineRange(containing: offset)
    }

    /// The offset `count` scalars after `start`, not beyond `limit` (the end of the text by default).
    package func offset(afterScalars count: Int, from start: Int, limit: Int? = nil) -> Int {
        let limit = min(limit ?? bytes.count, bytes.count)
        var offset = start
        var remaining = count
        while remaining > 0, offset < limit {
            offset = min(limit, offset + Self.scalarLength(bytes[offset]))
            remaining -= 1
        }
        return offset
    }

    /// Where an LSP line's text ends, before its line break.
    private func lineContentEnd(_ line: Int) -> Int {
        guard line + 1 < lineStarts.count else { return bytes.count }
        var end = lineStarts[line + 1]
        if end > lineStarts[line], bytes[end - 1] == 0x0A { end -= 1 }
        if end > lineStarts[line], bytes[end - 1] == 0x0D { end -= 1 }
        return end
    }

    /// The length of the UTF-8 sequence a lead byte starts (1 for a stray continuation byte, which
    /// valid text from the client never has).
    private static func scalarLength(_ lead: UInt8) -> Int {
        switch lead {
        case 0xF0...: return 4
        case 0xE0...: return 3
        case 0xC0...: return 2
        default: return 1
        }
    }
}
