/// Reads an mbox one message at a time, from a file or standard input, so that an archive of any
/// size is linted in bounded memory: only the message being read (cut at `limit` bytes, TL106) and
/// the unread rest of one chunk are held.
package final class MboxStream {
    package struct Member {
        package let bytes: [UInt8]
        /// The file line of `bytes`' first line, minus one: added to the member's own lines.
        package let lineOffset: Int
        /// What was left out of a message past the limit.
        package let cut: InputCut?
    }

    package static let chunkSize = 1 << 20

    private let reader: ByteReader
    private let limit: Int
    private var buffer: [UInt8] = []
    /// Where the unread part of `buffer` starts.
    private var position = 0
    /// File line of `buffer[position]`, minus one.
    private var lineOffset = 0
    private var atEnd = false
    /// Whether the bytes before the next separator are to be dropped: those before the first
    /// message, and the rest of a message cut at the limit.
    private var skipping = true
    /// Whether `position` is at a line start while skipping (a separator may start there).
    private var skipsFromLineStart = true
    /// A read error, which ends the stream; the caller reports it.
    package private(set) var failure: ReadFailure?

    /// `initial` holds bytes already read from `reader`.
    package init(reader: ByteReader, initial: [UInt8], limit: Int) {
        self.reader = reader
        self.limit = limit
        buffer = initial
    }

    /// The next message, or nil at the end of the input (or at a read error: see `failure`).
    package func next() -> Member? {
        if skipping && !skipToSeparator() { return nil }
        while position < buffer.count {
            let held = buffer.count - position
            let (_, bodyStart) = HeaderParser.lineBounds(buffer, from: position, limit: buffer.count)
            if bodyStart < buffer.count || atEnd,
               let end = Mbox.messageEnd(buffer, messageStart: bodyStart, limit: buffer.count, isFinal: atEnd) {
                let bodyEnd = Mbox.trimmedEnd(buffer, bodyStart, end)
                let member = self.member(bodyStart..<bodyEnd, total: bodyEnd - bodyStart)
                consume(upTo: end)
                return member
            }
            if atEnd { return nil }
            if held > limit { return cutOpenMessage(bodyStart: bodyStart) }
            // Reading as much again as is held keeps the searches for the end linear in all.
            fill(upTo: max(Self.chunkSize, min(held, limit + 1 - held)))
        }
        return nil
    }

    /// A message whose end is past the limit: its first `limit` bytes; the rest is skipped.
    private func cutOpenMessage(bodyStart: Int) -> Member {
        let stop = min(buffer.count, bodyStart + limit)
        let member = self.member(bodyStart..<stop, total: nil)
        consume(upTo: stop)
        skipping = true
        skipsFromLineStart = stop > 0 && buffer[stop - 1] == 0x0A
        return member
    }

    /// The member in `range` of the buffer, cut at the limit when it is longer.
    private func member(_ range: Range<Int>, total: Int?) -> Member {
        let kept = range.lowerBound..<min(range.upperBound, range.lowerBound + limit)
        let isWhole = total.map { $0 <= limit } ?? false
        let cut = isWhole ? nil : InputCut(readBytes: kept.count, totalBytes: total)
        return Member(bytes: Array(buffer[kept]), lineOffset: lineOffset + newlines(in: position..<range.lowerBound), cut: cut)
    }

    /// Drops bytes up to the next separator, reading on; false when the input ends first.
    private func skipToSeparator() -> Bool {
        while true {
            if let separator = Mbox.nextSeparator(buffer, from: position, limit: buffer.count, atLineStart: skipsFromLineStart) {
                consume(upTo: separator)
                skipping = false
                return true
            }
            if atEnd {
                consume(upTo: buffer.count)
                return false
            }
            // Only the last four bytes can start a separator not yet complete; the rest is dropped.
            let keep = max(position, buffer.count - 4)
            if keep > position {
                skipsFromLineStart = buffer[keep - 1] == 0x0A
                consume(upTo: keep)
            }
            fill(upTo: Self.chunkSize)
        }
    }

    /// Reads up to `count` more bytes, first dropping what was read when that is most of the buffer.
    private func fill(upTo count: Int) {
        if position > 0 && position * 2 >= buffer.count {
            buffer.removeSubrange(0..<position)
            position = 0
        }
        do {
            if try reader.read(appendingTo: &buffer, upTo: count) == 0 { atEnd = true }
        } catch {
            failure = error
            atEnd = true
        }
    }

    private func consume(upTo end: Int) {
        lineOffset += newlines(in: position..<end)
        position = end
    }

    private func newlines(in range: Range<Int>) -> Int {
        buffer.withUnsafeBytes { bytes in
            var count = 0
            var index = range.lowerBound
            // Eight bytes at a time (every message is counted through): a zero byte of
            // `word ^ 0x0A0A...` is a line feed, and its high bit stays clear below.
            while index + 8 <= range.upperBound {
                let word = bytes.loadUnaligned(fromByteOffset: index, as: UInt64.self) ^ 0x0A0A_0A0A_0A0A_0A0A
                let nonZero = ((word & 0x7F7F_7F7F_7F7F_7F7F) &+ 0x7F7F_7F7F_7F7F_7F7F) | word
                count += (~nonZero & 0x8080_8080_8080_8080).nonzeroBitCount
                index += 8
            }
            while index < range.upperBound {
                if bytes[index] == 0x0A { count += 1 }
                index += 1
            }
            return count
        }
    }
}
