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

    public init(bytes: [UInt8]) {
        self.bytes = bytes
        var starts = [0]
        starts.reserveCapacity(bytes.count / 40 + 1)
        bytes.withUnsafeBufferPointer { buffer in
            guard let base = buffer.baseAddress else { return }
            var offset = 0
            while offset < buffer.count, let found = memchr(base + offset, 0x0A, buffer.count - offset) {
                offset = base.distance(to: found.assumingMemoryBound(to: UInt8.self)) + 1
                starts.append(offset)
            }
        }
        lineStarts = starts
    }

    /// 1-based line and column of a byte offset (clamped into the text).
    public func position(ofOffset offset: Int) -> (line: Int, column: Int) {
        let offset = max(0, min(offset, bytes.count))
        var low = 0
        var high = lineStarts.count - 1
        while low < high {
            let mid = (low + high + 1) / 2
            if lineStarts[mid] <= offset { low = mid } else { high = mid - 1 }
        }
        let start = lineStarts[low]
        var column = 1
        var index = start
        while index < offset {
            // Continuation bytes (10xxxxxx) do not start a new scalar.
            if bytes[index] & 0xC0 != 0x80 { column += 1 }
            index += 1
        }
        return (low + 1, column)
    }

    /// The text of a 1-based line without its line break, or nil past the end.
    public func lineText(_ line: Int) -> String? {
        guard line >= 1, line <= lineStarts.count else { return nil }
        let start = lineStarts[line - 1]
        var end = line < lineStarts.count ? lineStarts[line] - 1 : bytes.count
        if end > start, bytes[end - 1] == 0x0D { end -= 1 }
        return String(decoding: bytes[start..<max(start, end)], as: UTF8.self)
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
    func firstOffset(of needle: [UInt8], in range: Range<Int>, caseInsensitive: Bool = false) -> Int? {
        guard !needle.isEmpty else { return nil }
        let upper = Swift.min(range.upperBound, count) - needle.count
        let lower = Swift.max(0, range.lowerBound)
        guard lower <= upper else { return nil }
        let first = needle[0]
        let firstFolded = caseInsensitive ? asciiLower(first) : first
        return withUnsafeBufferPointer { buffer -> Int? in
            var index = lower
            while index <= upper {
                let byte = buffer[index]
                if byte == first || (caseInsensitive && asciiLower(byte) == firstFolded) {
                    var k = 1
                    while k < needle.count {
                        let actual = buffer[index + k]
                        let expected = needle[k]
                        if actual != expected && !(caseInsensitive && asciiLower(actual) == asciiLower(expected)) { break }
                        k += 1
                    }
                    if k == needle.count { return index }
                }
                index += 1
            }
            return nil
        }
    }
}

@inline(__always) func asciiLower(_ byte: UInt8) -> UInt8 {
    (byte >= 0x41 && byte <= 0x5A) ? byte | 0x20 : byte
}
