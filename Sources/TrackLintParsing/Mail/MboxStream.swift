#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Reads an mbox file one message at a time, so that a file of any size is linted in bounded
/// memory: only the message being read and the unread rest of one chunk are held.
package final class MboxStream {
    package struct Member {
        package let bytes: [UInt8]
        /// The file line of `bytes`' first line, minus one: added to the member's own lines.
        package let lineOffset: Int
    }

    package static let chunkSize = 1 << 20

    private let descriptor: Int32
    private var buffer: [UInt8] = []
    /// Where the unread part of `buffer` starts.
    private var position = 0
    /// File line of `buffer[position]`, minus one.
    private var lineOffset = 0
    private var atEnd = false
    private var started = false

    /// Takes ownership of an open descriptor; `initial` holds bytes already read from it.
    package init(descriptor: Int32, initial: [UInt8]) {
        self.descriptor = descriptor
        buffer = initial
    }

    deinit { close(descriptor) }

    /// The next message, or nil at the end of the file (a read error ends the file too).
    package func next() -> Member? {
        if !started {
            started = true
            // Skip anything before the first separator.
            while true {
                if let first = Mbox.nextSeparator(buffer, from: position, limit: buffer.count, atLineStart: true) {
                    consume(upTo: first)
                    break
                }
                if atEnd { return nil }
                fill()
            }
        }
        while position < buffer.count {
            let (_, bodyStart) = HeaderParser.lineBounds(buffer, from: position, limit: buffer.count)
            if bodyStart < buffer.count || atEnd,
               let end = Mbox.messageEnd(buffer, messageStart: bodyStart, limit: buffer.count, isFinal: atEnd) {
                let member = Member(bytes: Array(buffer[bodyStart..<Mbox.trimmedEnd(buffer, bodyStart, end)]),
                                    lineOffset: lineOffset + newlines(in: position..<bodyStart))
                consume(upTo: end)
                return member
            }
            if atEnd { return nil }
            fill()
        }
        return nil
    }

    /// The rest of the file, unread bytes first (for callers that want it whole).
    package func readAll() -> [UInt8] {
        while !atEnd { fill() }
        return Array(buffer[position...])
    }

    /// Appends a chunk, first dropping what was read when that is most of the buffer.
    private func fill() {
        if position > 0 && position * 2 >= buffer.count {
            buffer.removeSubrange(0..<position)
            position = 0
        }
        var chunk = [UInt8](repeating: 0, count: Self.chunkSize)
        let count = chunk.withUnsafeMutableBytes { read(descriptor, $0.baseAddress, $0.count) }
        if count <= 0 {
            atEnd = true
            return
        }
        buffer.append(contentsOf: chunk[0..<count])
    }

    private func consume(upTo end: Int) {
        lineOffset += newlines(in: position..<end)
        position = end
    }

    private func newlines(in range: Range<Int>) -> Int {
        var count = 0
        for index in range where buffer[index] == 0x0A { count += 1 }
        return count
    }
}
