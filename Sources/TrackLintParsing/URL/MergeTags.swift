/// One placeholder found in a string: where it is (UTF-8 offsets) and its name as written inside.
public struct MergeTagSpan: Sendable, Hashable {
    public let range: Range<Int>
    public let dialect: MergeTagDialect
    public let text: String
    /// The inside, trimmed: `unsubscribe_url` for `{{ unsubscribe_url }}`.
    public let name: String
}

public enum MergeTags {
    /// Longest placeholder considered; longer bracketed text is not a merge tag.
    package static let maximumLength = 256

    /// Every dialect's delimiters, longer openers first (so that `{{{` wins over `{{` and `{{` over
    /// `{`), in the order of `MergeTagDialect.all` among openers of one length.
    private static let delimiters: [Delimiter] =
        MergeTagDialect.all.flatMap { dialect in dialect.delimiters.map { Delimiter(open: Array($0.open.utf8), close: Array($0.close.utf8), dialect: dialect) } }
            .enumerated().sorted { ($0.element.open.count, -$0.offset) > ($1.element.open.count, -$1.offset) }.map(\.element)

    /// A class: every candidate opener reads one, and a copy of a struct of two arrays and a
    /// dialect cost a retain and a release for each.
    private final class Delimiter: Sendable {
        let open: [UInt8]
        let close: [UInt8]
        let dialect: MergeTagDialect

        init(open: [UInt8], close: [UInt8], dialect: MergeTagDialect) {
            self.open = open
            self.close = close
            self.dialect = dialect
        }
    }

    /// The first byte of every dialect's opening delimiter, as a table (1 for an opener, bytes
    /// rather than `Bool`s so that look-ups can be or-ed): this is asked of every byte.
    private static let openers: [UInt8] = delimitersByFirstByte.map { $0.isEmpty ? 0 : 1 }

    /// For each byte, the indexes in `delimiters` of the openers that start with it, in order: a
    /// `%` of percent-encoding is tried against two delimiters, not all of them.
    private static let delimitersByFirstByte: [[Int]] = {
        var table = [[Int]](repeating: [], count: 256)
        for (index, delimiter) in delimiters.enumerated() { table[Int(delimiter.open[0])].append(index) }
        return table
    }()

    /// Every placeholder in `text`, left to right, not overlapping.
    public static func spans(in text: String) -> [MergeTagSpan] {
        // Most URLs and texts hold no delimiter at all: answer without copying them. The table
        // is read into a local once: a static read per byte costs a `swift_once` check.
        let openers = Self.openers
        return text.withUTF8InPlace { bytes in
            guard openers.withUnsafeBufferPointer({ containsOpener(bytes, table: $0) }) else { return [] }
            var closers = CloserIndex()
            var spans: [MergeTagSpan] = []
            var index = 0
            while index < bytes.count {
                guard openers[Int(bytes[index])] != 0 else { index += 1; continue }
                if let span = span(in: bytes, at: index, closers: &closers) {
                    spans.append(span)
                    index = span.range.upperBound
                } else {
                    index += 1
                }
            }
            return spans
        }
    }

    /// Remembers, per closing delimiter, the next place it occurs: openers are tried left to right,
    /// so each closer is searched for once over the text, not once per opener (`{{{{{{...` would
    /// otherwise cost the text's length times the span limit).
    private struct CloserIndex {
        /// (closer, where it next occurs or the text's length); a handful of entries at most.
        private var next: [(closer: [UInt8], at: Int)] = []

        mutating func first(_ closer: [UInt8], atOrAfter start: Int, in bytes: UnsafeBufferPointer<UInt8>) -> Int? {
            let slot = next.firstIndex { $0.closer == closer }
            if let slot, next[slot].at >= start { return next[slot].at < bytes.count ? next[slot].at : nil }
            let found = bytes.firstOffset(of: closer, in: start..<bytes.count) ?? bytes.count
            if let slot { next[slot].at = found } else { next.append((closer, found)) }
            return found < bytes.count ? found : nil
        }
    }

    /// Whether a byte of `text` is marked in `table`: eight look-ups are joined and tested once.
    private static func containsOpener(_ text: UnsafeBufferPointer<UInt8>, table: UnsafeBufferPointer<UInt8>) -> Bool {
        var index = 0
        while index + 8 <= text.count {
            var marks = table[Int(text[index])]
            for offset in 1..<8 { marks |= table[Int(text[index + offset])] }
            if marks != 0 { return true }
            index += 8
        }
        return text[index...].contains { table[Int($0)] != 0 }
    }

    private static func span(in bytes: UnsafeBufferPointer<UInt8>, at start: Int, closers: inout CloserIndex) -> MergeTagSpan? {
        for candidate in delimitersByFirstByte[Int(bytes[start])] {
            let delimiter = delimiters[candidate]
            guard hasPrefix(bytes, delimiter.open, at: start) else { continue }
            let innerStart = start + delimiter.open.count
            let close: Int
            if let nameBytes = delimiter.dialect.nameBytes {
                // The inside must be a name: stop at the first byte that cannot be part of one.
                var index = innerStart
                while index < bytes.count, index - start < maximumLength, !hasPrefix(bytes, delimiter.close, at: index),
                      isIdentifierByte(bytes[index], extra: nameBytes) {
                    index += 1
                }
                guard hasPrefix(bytes, delimiter.close, at: index) else { continue }
                close = index
            } else {
                guard let found = closers.first(delimiter.close, atOrAfter: innerStart, in: bytes) else { continue }
                close = found
            }
            let end = close + delimiter.close.count
            guard end - start <= maximumLength else { continue }
            // The name is trimmed and tried as bytes: most candidates (the `%2F` of percent-encoding)
            // are turned down before any String is made.
            var nameStart = innerStart, nameEnd = close
            while nameStart < nameEnd && StartTagScanner.isSpace(bytes[nameStart]) { nameStart += 1 }
            while nameEnd > nameStart && StartTagScanner.isSpace(bytes[nameEnd - 1]) { nameEnd -= 1 }
            let name = UnsafeBufferPointer(rebasing: bytes[nameStart..<nameEnd])
            guard delimiter.dialect.names.accepts(name) else { continue }
            return MergeTagSpan(range: start..<end, dialect: delimiter.dialect,
                                text: String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<end]), as: UTF8.self),
                                name: String(decoding: name, as: UTF8.self))
        }
        return nil
    }

    private static func isIdentifierByte(_ byte: UInt8, extra: [UInt8]) -> Bool {
        switch byte {
        case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"),
             UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "_"), UInt8(ascii: "."), UInt8(ascii: "-"):
            return true
        default:
            return extra.contains(byte)
        }
    }

    @inline(__always)
    private static func hasPrefix(_ bytes: UnsafeBufferPointer<UInt8>, _ prefix: [UInt8], at index: Int) -> Bool {
        guard index + prefix.count <= bytes.count else { return false }
        for k in 0..<prefix.count where bytes[index + k] != prefix[k] { return false }
        return true
    }
}
