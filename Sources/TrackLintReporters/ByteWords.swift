/// Bytes looked at eight at a time, for the scans of report text (nearly all of it printable
/// ASCII): bit tricks that find, in a whole word, a byte below a bound or equal to a value.
enum ByteWords {
    private static let ones: UInt64 = 0x0101_0101_0101_0101
    private static let highs: UInt64 = 0x8080_8080_8080_8080

    /// Whether all eight bytes are printable ASCII (0x20 to 0x7E).
    @inline(__always)
    static func isPrintableASCII(_ word: UInt64) -> Bool { unprintableBits(word) == 0 }

    /// Nonzero when a byte is not printable ASCII: a high bit set, a byte below 0x20 (which borrows
    /// into its high bit) or DEL (which carries into it). A borrow or carry can mark the byte above
    /// too, but only where a byte is marked already. Worked out without a branch.
    @inline(__always)
    static func unprintableBits(_ word: UInt64) -> UInt64 {
        (word | ((word &- 0x20 &* ones) & ~word) | (word &+ ones)) & highs
    }

    /// Nonzero when a byte of the word is `byte` (a borrow marks only bytes above a match).
    @inline(__always)
    static func matchBits(_ byte: UInt8, in word: UInt64) -> UInt64 {
        let matched = word ^ (UInt64(byte) &* ones)
        return (matched &- ones) & ~matched & highs
    }

    /// Whether all the bytes are printable ASCII, or tabs when `tabs` allows them.
    static func arePrintableASCII(_ bytes: UnsafeBufferPointer<UInt8>, tabs: Bool = false) -> Bool {
        guard let base = bytes.baseAddress else { return true }
        let raw = UnsafeRawPointer(base)
        var index = 0
        while index + 8 <= bytes.count {
            if !isPrintableASCII(raw.loadUnaligned(fromByteOffset: index, as: UInt64.self)) {
                for byte in bytes[index..<index + 8] where !isPrintable(byte, tabs: tabs) { return false }
            }
            index += 8
        }
        return bytes[index...].allSatisfy { isPrintable($0, tabs: tabs) }
    }

    @inline(__always)
    private static func isPrintable(_ byte: UInt8, tabs: Bool) -> Bool { (byte >= 0x20 && byte < 0x7F) || (tabs && byte == 0x09) }
}
