#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The UTF-8 text that was handed to the HTML parser, with a line table so that any byte offset
/// maps to a 1-based line and column (columns count Unicode scalars, as editors do).
public struct SourceText: Sendable {
    public let bytes: [UInt8]
    /// Byte offset at which each line starts; `lineStarts[0] == 0`.
    private let lineStarts: [Int]
    /// Scalars before each `checkpointStride`-byte block of the text, kept only when some line is
    /// longer than a block (minified HTML), so a column on a long line costs one block's scan.
    private let scalarCheckpoints: [Int]
    package static let checkpointStride = 4096

    public init(bytes: [UInt8]) {
        self.bytes = bytes
        var starts = [0]
        // Lines of email HTML average 40 bytes, and a tenth of templates have them shorter than 28.
        starts.reserveCapacity(bytes.count / 24 + 1)
        var longestLine = 0
        bytes.withUnsafeBufferPointer { buffer in
            guard let base = buffer.baseAddress else { return }
            var offset = 0
            while offset < buffer.count, let found = memchr(base + offset, 0x0A, buffer.count - offset) {
                let next = base.distance(to: found.assumingMemoryBound(to: UInt8.self)) + 1
                longestLine = max(longestLine, next - offset)
                offset = next
                starts.append(offset)
            }
            longestLine = max(longestLine, buffer.count - offset)
        }
        lineStarts = starts
        var checkpoints: [Int] = []
        if longestLine > Self.checkpointStride {
            checkpoints.reserveCapacity(bytes.count / Self.checkpointStride + 1)
            var scalars = 0
            for blockStart in stride(from: 0, to: bytes.count, by: Self.checkpointStride) {
                checkpoints.append(scalars)
                scalars += Self.countScalars(bytes, blockStart..<min(bytes.count, blockStart + Self.checkpointStride))
            }
        }
        scalarCheckpoints = checkpoints
    }

    /// Scalars in a byte range: continuation bytes (10xxxxxx) do not start one. Counted eight bytes
    /// at a time: a byte is a continuation byte when its top bit is set and the next one is clear.
    private static func countScalars(_ bytes: [UInt8], _ range: Range<Int>) -> Int {
        bytes.withUnsafeBytes { buffer in
            var continuation = 0
            var index = range.lowerBound
            while index + 8 <= range.upperBound {
                let word = buffer.loadUnaligned(fromByteOffset: index, as: UInt64.self)
                continuation += (word & ~(word << 1) & 0x8080_8080_8080_8080).nonzeroBitCount
                index += 8
            }
            while index < range.upperBound {
                if buffer[index] & 0xC0 == 0x80 { continuation += 1 }
                index += 1
            }
            return range.count - continuation
        }
    }

    /// Scalars in `bytes[0..<offset]`, from the nearest checkpoint.
    private func scalarsBefore(_ offset: Int) -> Int {
        let block = offset / Self.checkpointStride
        let blockStart = block * Self.checkpointStride
        return scalarCheckpoints[block] + Self.countScalars(bytes, blockStart..<offset)
    }

    /// The 0-based index of the line holding a byte offset.
    private func lineIndex(of offset: Int) -> Int {
        var low = 0
        var high = lineStarts.count - 1
        while low < high {
            let mid = (low + high + 1) / 2
            if lineStarts[mid] <= offset { low = mid } else { high = mid - 1 }
        }
        return low
    }

    /// 1-based line and column of a byte offset (clamped into the text).
    public func position(ofOffset offset: Int) -> (line: Int, column: Int) {
        let offset = max(0, min(offset, bytes.count))
        let line = lineIndex(of: offset)
        let start = lineStarts[line]
        if offset - start > Self.checkpointStride && !scalarCheckpoints.isEmpty && offset < bytes.count {
            return (line + 1, scalarsBefore(offset) - scalarsBefore(start) + 1)
        }
        return (line + 1, Self.countScalars(bytes, start..<offset) + 1)
    }

    /// The byte range of the line holding `offset`, without its line break.
    public func lineRange(containing offset: Int) -> Range<Int> {
        let line = lineIndex(of: max(0, min(offset, bytes.count)))
        return lineRange(line + 1) ?? 0..<0
    }

    /// The byte range of a 1-based line without its line break, or nil past the end.
    public func lineRange(_ line: Int) -> Range<Int>? {
        guard line >= 1, line <= lineStarts.count else { return nil }
        let start = lineStarts[line - 1]
        var end = line < lineStarts.count ? lineStarts[line] - 1 : bytes.count
        if end > start, bytes[end - 1] == 0x0D { end -= 1 }
        return start..<max(start, end)
    }

    public func string(_ range: Range<Int>) -> String {
        let clamped = max(0, range.lowerBound)..<min(bytes.count, range.upperBound)
        return String(decoding: bytes[clamped], as: UTF8.self)
    }

    /// Offset of the first occurrence of `needle` in `range`, compared ASCII-case-insensitively.
    public func firstOffset(of needle: [UInt8], in range: Range<Int>, caseInsensitive: Bool = false) -> Int? {
        bytes.firstOffset(of: needle, in: range, caseInsensitive: caseInsensitive)
    }
}

extension Array where Element == UInt8 {
    /// Offset of the first occurrence of `needle` in `range`, optionally ASCII-case-insensitive.
    package func firstOffset(of needle: [UInt8], in range: Range<Int>, caseInsensitive: Bool = false) -> Int? {
        withUnsafeBufferPointer { $0.firstOffset(of: needle, in: range, caseInsensitive: caseInsensitive) }
    }
}

extension UnsafeBufferPointer where Element == UInt8 {
    /// Whether no byte has its high bit set, eight bytes at a time.
    package var isASCII: Bool {
        let raw = UnsafeRawBufferPointer(self)
        var index = 0
        while index + 8 <= count {
            if raw.loadUnaligned(fromByteOffset: index, as: UInt64.self) & 0x8080_8080_8080_8080 != 0 { return false }
            index += 8
        }
        return self[index...].allSatisfy { $0 < 0x80 }
    }

    /// Whether `text` stands at `offset` (ASCII case ignored when `caseInsensitive`, `text` then
    /// lower-case): the byte search asked of that one place.
    package func hasBytes(_ text: StaticString, at offset: Int, caseInsensitive: Bool = false) -> Bool {
        text.withUTF8Buffer { firstOffset(of: $0, in: offset..<(offset + $0.count), caseInsensitive: caseInsensitive) == offset }
    }

    /// The first offset of a byte in `from..<to`, found with memchr.
    package func firstIndex(of byte: UInt8, from: Int, to: Int) -> Int? {
        guard from < to, let base = baseAddress, let found = memchr(base + from, Int32(byte), to - from) else { return nil }
        return base.distance(to: found.assumingMemoryBound(to: UInt8.self))
    }

    /// Offset of the first occurrence of `needle` in `range`, optionally ASCII-case-insensitive.
    /// Header values and documents are searched many times over: the first byte is found with
    /// memchr (both cases of a letter when case is ignored) and the rest compared after.
    package func firstOffset(of needle: [UInt8], in range: Range<Int>, caseInsensitive: Bool = false) -> Int? {
        needle.withUnsafeBufferPointer { firstOffset(of: $0, in: range, caseInsensitive: caseInsensitive) }
    }

    /// The same search with the needle as bytes in memory, which a `String` needle can lend
    /// without being copied into an array.
    package func firstOffset(of needle: UnsafeBufferPointer<UInt8>, in range: Range<Int>, caseInsensitive: Bool = false) -> Int? {
        guard !needle.isEmpty, let base = baseAddress else { return nil }
        let upper = Swift.min(range.upperBound, count) - needle.count
        let lower = Swift.max(0, range.lowerBound)
        guard lower <= upper else { return nil }
        return caseInsensitive ? firstFoldedOffset(of: needle, from: lower, through: upper)
            : firstExactOffset(of: needle, base: base, from: lower, through: upper)
    }

    private func firstExactOffset(of needle: UnsafeBufferPointer<UInt8>, base: UnsafePointer<UInt8>, from lower: Int, through upper: Int) -> Int? {
        var index = lower
        while let found = firstIndex(of: needle[0], from: index, to: upper + 1) {
            if memcmp(base + found, needle.baseAddress!, needle.count) == 0 { return found }
            index = found + 1
        }
        return nil
    }

    private func firstFoldedOffset(of needle: UnsafeBufferPointer<UInt8>, from lower: Int, through upper: Int) -> Int? {
        let first = asciiLower(needle[0])
        guard first >= UInt8(ascii: "a") && first <= UInt8(ascii: "z") else {
            var index = lower
            while let found = firstIndex(of: first, from: index, to: upper + 1) {
                if matchesFolded(needle, at: found) { return found }
                index = found + 1
            }
            return nil
        }
        // Eight candidate offsets at a time: with 0x20 set in every byte, only a letter's two cases
        // equal its lower case, and a zero byte of `word ^ pattern` marks a candidate. The
        // needle's second byte is tested the same way one byte further on (setting 0x20 there
        // can only let more through), which leaves few candidates to compare.
        let raw = UnsafeRawBufferPointer(self)
        let lows: UInt64 = 0x0101_0101_0101_0101, highs: UInt64 = 0x8080_8080_8080_8080, caseBits: UInt64 = 0x2020_2020_2020_2020
        let firstPattern = UInt64(first) &* lows
        let secondPattern = UInt64(needle.count > 1 ? needle[1] | 0x20 : 0) &* lows
        var index = lower
        while index + 8 <= upper + 1 {
            var word = (UInt64(littleEndian: raw.loadUnaligned(fromByteOffset: index, as: UInt64.self)) | caseBits) ^ firstPattern
            if needle.count > 1 {
                // In bounds: `upper` leaves room for the whole needle after every offset tried.
                word |= (UInt64(littleEndian: raw.loadUnaligned(fromByteOffset: index + 1, as: UInt64.self)) | caseBits) ^ secondPattern
            }
            let zeros = (word &- lows) & ~word & highs
            if zeros == 0 { index += 8; continue }
            // The lowest marked byte is a true zero (only a borrow out of one marks a byte above it).
            let candidate = index + zeros.trailingZeroBitCount / 8
            if matchesFolded(needle, at: candidate) { return candidate }
            index = candidate + 1
        }
        while index <= upper {
            if self[index] | 0x20 == first && matchesFolded(needle, at: index) { return index }
            index += 1
        }
        return nil
    }

    /// Whether `needle` stands at `offset` (its first byte already matched), ignoring ASCII case.
    @inline(__always)
    private func matchesFolded(_ needle: UnsafeBufferPointer<UInt8>, at offset: Int) -> Bool {
        var k = 1
        while k < needle.count && asciiLower(self[offset + k]) == asciiLower(needle[k]) { k += 1 }
        return k == needle.count
    }
}

extension String {
    /// Whether the text contains `needle`, compared as bytes: this runs per link and per header,
    /// where the standard library's generic search and Foundation's are many times slower. Both
    /// strings lend their UTF-8 in place (no copy for native or literal strings).
    package func containsBytes(_ needle: String, caseInsensitive: Bool = false) -> Bool {
        withUTF8InPlace { text in
            needle.withUTF8InPlace { text.firstOffset(of: $0, in: 0..<text.count, caseInsensitive: caseInsensitive) != nil }
        }
    }

    /// The text with each occurrence of `needle` replaced, left to right, found as bytes (ASCII
    /// case ignored when `caseInsensitive`, `needle` then lower-case). Foundation's
    /// `replacingOccurrences` compares whole characters, through NSString, many times slower.
    package func replacingBytes(_ needle: String, with replacement: String, caseInsensitive: Bool = false) -> String {
        withUTF8InPlace { text in
            needle.withUTF8InPlace { needle in
                var start = 0
                var output: [UInt8] = []
                while let found = text.firstOffset(of: needle, in: start..<text.count, caseInsensitive: caseInsensitive) {
                    output += text[start..<found]
                    output += replacement.utf8
                    start = found + needle.count
                }
                guard start > 0 else { return self }
                output += text[start...]
                return String(decoding: output, as: UTF8.self)
            }
        }
    }

    /// The text with each byte that `escapes` has text for replaced by that text, in one pass.
    package func replacingBytes(_ escapes: ByteEscapes) -> String {
        withUTF8InPlace { bytes in
            guard bytes.contains(where: { escapes.text[Int($0)] != nil }) else { return self }
            var output: [UInt8] = []
            output.reserveCapacity(bytes.count + 32)
            for byte in bytes {
                if let text = escapes.text[Int(byte)] { output += text.utf8 } else { output.append(byte) }
            }
            return String(decoding: output, as: UTF8.self)
        }
    }

    /// Whether the text starts with `prefix`, ASCII-case-insensitively.
    package func hasPrefixIgnoringASCIICase(_ prefix: String) -> Bool {
        withUTF8InPlace { text in
            prefix.withUTF8InPlace { text.firstOffset(of: $0, in: 0..<$0.count, caseInsensitive: true) == 0 }
        }
    }

    /// Calls `body` with the UTF-8 bytes, lent in place (native and literal strings hold them so):
    /// `withUTF8` is mutating, and calling it on a copy retained the string. Inlinable, so that
    /// callers in other modules get it specialized rather than asking the runtime for
    /// `Optional<Result>` metadata on every call.
    @inlinable package func withUTF8InPlace<Result>(_ body: (UnsafeBufferPointer<UInt8>) throws -> Result) rethrows -> Result {
        if let result = try utf8.withContiguousStorageIfAvailable(body) { return result }
        var contiguous = self
        return try contiguous.withUTF8(body)
    }
}

/// What some ASCII bytes are written as when escaped (`String.replacingBytes(_:)`): as every
/// byte replaced is ASCII, no character is split.
package struct ByteEscapes: Sendable {
    /// By byte value; nil for a byte written as it is.
    fileprivate var text = [String?](repeating: nil, count: 256)

    package init(_ escapes: [Unicode.Scalar: String]) {
        set(escapes)
    }

    /// These escapes and `more`.
    package func adding(_ more: [Unicode.Scalar: String]) -> ByteEscapes {
        var escapes = self
        escapes.set(more)
        return escapes
    }

    private mutating func set(_ escapes: [Unicode.Scalar: String]) {
        for (scalar, escaped) in escapes {
            precondition(scalar.isASCII, "only ASCII bytes are escaped")
            text[Int(scalar.value)] = escaped
        }
    }
}

@inlinable @inline(__always) package func asciiLower(_ byte: UInt8) -> UInt8 {
    (byte >= 0x41 && byte <= 0x5A) ? byte | 0x20 : byte
}

@inlinable @inline(__always) package func isASCIILetter(_ byte: UInt8) -> Bool {
    (byte | 0x20) >= UInt8(ascii: "a") && (byte | 0x20) <= UInt8(ascii: "z")
}

extension String {
    /// Lower-cased in ASCII only, which is what header names and hosts need, and much cheaper
    /// than Unicode lower-casing.
    package func asciiLowercased() -> String {
        withUTF8InPlace { utf8 in
            guard utf8.contains(where: { $0 >= UInt8(ascii: "A") && $0 <= UInt8(ascii: "Z") }) else { return self }
            return String(unsafeUninitializedCapacity: utf8.count) { buffer in
                for index in 0..<utf8.count { buffer[index] = asciiLower(utf8[index]) }
                return utf8.count
            }
        }
    }
}
