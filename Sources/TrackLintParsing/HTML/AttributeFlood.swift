/// libxml2 2.9 compares each attribute of a start tag with every one before it, so one tag with a
/// million attributes keeps it busy for hours. Before parsing, the attributes of a tag past the
/// limit are blanked out (same length, so offsets hold); TL106 says so.
package enum AttributeFlood {
    /// Attributes read of one start tag; real mail has a handful.
    package static let maximumAttributes = 1_000

    /// The byte ranges to blank: in each start tag with too many attributes, from the first one
    /// past the limit to the end of the tag. Quoted values are skipped whole, as libxml2 does;
    /// where the two could disagree, this scan sees the longer tag, so it never undercounts.
    package static func excessRanges(in bytes: UnsafeBufferPointer<UInt8>, range: Range<Int>) -> [Range<Int>] {
        var ranges: [Range<Int>] = []
        var index = range.lowerBound
        let end = range.upperBound
        while index < end {
            guard let open = bytes.firstIndex(of: UInt8(ascii: "<"), from: index, to: end) else { break }
            index = open + 1
            guard index < end, isASCIILetter(bytes[index]) else { continue }
            while index < end, !endsValue(bytes[index]) { index += 1 }
            var count = 0
            var excessStart: Int?
            while true {
                while index < end, StartTagScanner.isSpace(bytes[index]) { index += 1 }
                guard index < end, bytes[index] != UInt8(ascii: ">") else { break }
                count += 1
                if count == maximumAttributes + 1 { excessStart = index }
                while index < end, !endsName(bytes[index]) { index += 1 }
                while index < end, StartTagScanner.isSpace(bytes[index]) { index += 1 }
                guard index < end, bytes[index] == UInt8(ascii: "=") else { continue }
                index += 1
                while index < end, StartTagScanner.isSpace(bytes[index]) { index += 1 }
                if index < end, bytes[index] == UInt8(ascii: "\"") || bytes[index] == UInt8(ascii: "'") {
                    let quote = bytes[index]
                    index = (bytes.firstIndex(of: quote, from: index + 1, to: end) ?? end - 1) + 1
                } else {
                    while index < end, !endsValue(bytes[index]) { index += 1 }
                }
            }
            if let excessStart { ranges.append(excessStart..<index) }
        }
        return ranges
    }

    // The bytes of names and values are mostly letters, above every byte that ends them: one
    // comparison tells those (a chain of five for white space, then `>` and `=`, did not).

    /// Whether a byte ends a tag's name or an unquoted value: white space or `>`.
    @inline(__always)
    private static func endsValue(_ byte: UInt8) -> Bool {
        byte <= UInt8(ascii: ">") && (byte == UInt8(ascii: ">") || StartTagScanner.isSpace(byte))
    }

    /// Whether a byte ends an attribute's name: white space, `=` or `>`.
    @inline(__always)
    private static func endsName(_ byte: UInt8) -> Bool {
        byte <= UInt8(ascii: ">") && (byte >= UInt8(ascii: "=") || StartTagScanner.isSpace(byte))
    }
}
