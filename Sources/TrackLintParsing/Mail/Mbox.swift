/// mbox files: messages separated by `From ` lines, with the Content-Length variant (the header
/// gives the body's length, so unescaped `From ` lines inside a body are not separators).
package enum Mbox {
    /// The byte ranges of the messages in `range` (each without its `From ` line), in order.
    package static func messages(in bytes: [UInt8], range: Range<Int>) -> [Range<Int>] {
        var ranges: [Range<Int>] = []
        var start = range.lowerBound
        // Skip to the first separator (blank lines or junk before it are ignored).
        guard let first = nextSeparator(bytes, from: start, limit: range.upperBound, atLineStart: true) else { return [] }
        start = first
        while start < range.upperBound {
            let (_, bodyStart) = HeaderParser.lineBounds(bytes, from: start, limit: range.upperBound)
            let end = messageEnd(bytes, messageStart: bodyStart, limit: range.upperBound)
            ranges.append(bodyStart..<trimmedEnd(bytes, bodyStart, end))
            start = end
        }
        return ranges
    }

    /// Where the message starting at `messageStart` ends: the next separator line, or, when the
    /// headers give a Content-Length that lands on a separator (or the end), there.
    package static func messageEnd(_ bytes: [UInt8], messageStart: Int, limit: Int) -> Int {
        messageEnd(bytes, messageStart: messageStart, limit: limit, isFinal: true)!
    }

    /// As above, for a buffer that may not hold the whole file yet: nil when the end is not in
    /// `bytes[..<limit]` and more data could still change the answer.
    package static func messageEnd(_ bytes: [UInt8], messageStart: Int, limit: Int, isFinal: Bool) -> Int? {
        let headers = HeaderParser.contentLength(bytes, messageStart..<limit)
        if let value = headers.value, let length = Int(value.trimmingASCIISpaces()), length >= 0 {
            var end = headers.bodyStart + length
            if end <= limit {
                // Allow the blank line that usually follows the body.
                while end < limit && (bytes[end] == 0x0A || bytes[end] == 0x0D) { end += 1 }
                if end + 5 > limit && !isFinal { return nil }
                if end == limit || isSeparator(bytes, at: end, limit: limit) { return end }
            } else if !isFinal {
                return nil
            }
        }
        if let separator = nextSeparator(bytes, from: messageStart, limit: limit, atLineStart: false),
           separator + 5 <= limit {
            return separator
        }
        return isFinal ? limit : nil
    }

    /// The next `From ` line at or after `from` (at a line start).
    package static func nextSeparator(_ bytes: [UInt8], from: Int, limit: Int, atLineStart: Bool) -> Int? {
        var index = from
        if !atLineStart {
            // `from` is a line start already: look at following lines only.
            let (_, next) = HeaderParser.lineBounds(bytes, from: index, limit: limit)
            index = next
        }
        while index < limit {
            if isSeparator(bytes, at: index, limit: limit) { return index }
            let (_, next) = HeaderParser.lineBounds(bytes, from: index, limit: limit)
            index = next
        }
        return nil
    }

    package static func isSeparator(_ bytes: [UInt8], at index: Int, limit: Int) -> Bool {
        index + 5 <= limit && bytes[index..<(index + 5)].elementsEqual("From ".utf8)
    }

    /// Drops the blank line that precedes the next separator.
    package static func trimmedEnd(_ bytes: [UInt8], _ start: Int, _ end: Int) -> Int {
        var end = end
        if end > start && bytes[end - 1] == 0x0A { end -= 1 }
        if end > start && bytes[end - 1] == 0x0D { end -= 1 }
        return end
    }

    /// mboxrd escaping undone: a line `>From ` (any number of `>`) loses one `>`.
    package static func unescapeFromLines(_ body: ArraySlice<UInt8>) -> [UInt8] {
        var output: [UInt8] = []
        output.reserveCapacity(body.count)
        var atLineStart = true
        var index = body.startIndex
        while index < body.endIndex {
            let byte = body[index]
            if atLineStart && byte == UInt8(ascii: ">") {
                var look = index
                while look < body.endIndex && body[look] == UInt8(ascii: ">") { look += 1 }
                if look + 5 <= body.endIndex && body[look..<(look + 5)].elementsEqual("From ".utf8) {
                    index += 1   // drop one '>'
                    atLineStart = false
                    continue
                }
            }
            output.append(byte)
            atLineStart = byte == 0x0A
            index += 1
        }
        return output
    }
}
