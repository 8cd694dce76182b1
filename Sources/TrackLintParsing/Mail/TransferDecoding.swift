/// Content-Transfer-Encoding: what a part's header says, what it is read as, and the decoders.
public enum TransferEncoding: String, Sendable {
    case sevenBit = "7bit", eightBit = "8bit", binary, quotedPrintable = "quoted-printable", base64

    /// True when the body bytes are the content bytes, so file lines and columns carry over.
    public var isIdentity: Bool { self == .sevenBit || self == .eightBit || self == .binary }

    /// Reads a header value; invalid values (`8bits`, `7-bit`, `quoted-printable;`, `text/html`)
    /// are read as their nearest valid meaning, and `isValid` is false.
    package static func read(_ value: String) -> (encoding: TransferEncoding, isValid: Bool) {
        let lower = value.trimmingASCIISpaces().lowercased()
        if let exact = TransferEncoding(rawValue: lower) { return (exact, true) }
        let letters = String(lower.filter { $0.isLetter || $0.isNumber })
        switch letters {
        case "7bit", "7bits": return (.sevenBit, false)
        case "8bit", "8bits": return (.eightBit, false)
        case "binary": return (.binary, false)
        case "quotedprintable", "qp": return (.quotedPrintable, false)
        case "base64", "b64": return (.base64, false)
        default: return (.sevenBit, false)
        }
    }
}

package enum TransferDecoding {
    /// Base64 as mail clients read it: characters outside the alphabet are skipped, `=` padding may
    /// be missing, and padding ends the data (mailing lists append plain-text footers after it).
    /// `wellFormed` is false when characters were skipped, text followed the padding, or a lone
    /// character was left.
    package static func base64(_ input: some Collection<UInt8>) -> (bytes: [UInt8], wellFormed: Bool) {
        if let decoded = input.withContiguousStorageIfAvailable(base64) { return decoded }
        return Array(input).withUnsafeBufferPointer(base64)
    }

    /// Each byte's meaning in base64: its value (0...63, `-` and `_` too, for URL-safe senders),
    /// or one of the markers below.
    private static let base64Values: [UInt8] = {
        var table = [UInt8](repeating: base64Invalid, count: 256)
        for (value, byte) in "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/".utf8.enumerated() {
            table[Int(byte)] = UInt8(value)
        }
        table[Int(UInt8(ascii: "-"))] = 62
        table[Int(UInt8(ascii: "_"))] = 63
        for byte in [0x20, 0x09, 0x0D, 0x0A] { table[byte] = base64Space }
        table[Int(UInt8(ascii: "="))] = base64Padding
        return table
    }()
    private static let base64Invalid: UInt8 = 0xFF, base64Space: UInt8 = 0xFE, base64Padding: UInt8 = 0xFD

    /// The decoder over contiguous bytes: a table look-up per byte and the output written in place
    /// (a body is megabytes of base64 in a large mbox).
    private static func base64(_ input: UnsafeBufferPointer<UInt8>) -> (bytes: [UInt8], wellFormed: Bool) {
        var groups = (written: 0, quad: UInt32(0), count: 0, wellFormed: true, padded: false)
        var output = [UInt8](unsafeUninitializedCapacity: input.count * 3 / 4 + 3) { output, initialized in
            groups = base64Values.withUnsafeBufferPointer { decodeGroups(input, values: $0, into: output) }
            initialized = groups.written
        }
        let wellFormed = groups.wellFormed && endIsWellFormed(input, padded: groups.padded, count: groups.count)
        output += finalBytes(groups.quad, count: groups.count)
        return (output, wellFormed)
    }

    /// Whether `base64(_:)` would call the input well formed, without writing its output: the
    /// same reading of each character, stopping at the first one outside the alphabet.
    package static func base64IsWellFormed(_ input: some Collection<UInt8>) -> Bool {
        if let answer = input.withContiguousStorageIfAvailable(base64IsWellFormed) { return answer }
        return Array(input).withUnsafeBufferPointer(base64IsWellFormed)
    }

    private static func base64IsWellFormed(_ input: UnsafeBufferPointer<UInt8>) -> Bool {
        base64Values.withUnsafeBufferPointer { values in
            var count = 0
            var index = 0
            while index < input.count {
                // Eight valid characters in a row (most of a line) leave the count where it was.
                while index + 8 <= input.count {
                    var any: UInt8 = 0
                    for offset in 0..<8 { any |= values[Int(input[index + offset])] }
                    guard any < 64 else { break }
                    index += 8
                }
                guard index < input.count else { break }
                let value = values[Int(input[index])]
                index += 1
                if value < 64 {
                    count = (count + 1) & 3
                } else if value == base64Padding {
                    if count >= 2 { return endIsWellFormed(input, padded: true, count: count) }
                } else if value == base64Invalid {
                    return false
                }
            }
            return endIsWellFormed(input, padded: false, count: count)
        }
    }

    /// The end of the data: after padding, only spaces may follow the first run of `=`; without
    /// it, a lone character cannot be a group.
    private static func endIsWellFormed(_ input: UnsafeBufferPointer<UInt8>, padded: Bool, count: Int) -> Bool {
        guard padded else { return count != 1 }
        let rest = input.drop { $0 != UInt8(ascii: "=") }.drop { $0 == UInt8(ascii: "=") }
        return !rest.contains(where: { $0 != 0x20 && $0 != 0x09 && $0 != 0x0D && $0 != 0x0A })
    }

    /// The whole groups of four characters, up to padding that closes the last group; the state
    /// stays in locals (captured variables would be checked for exclusive access per byte).
    /// Between groups, four valid characters in a row (nearly all of a body) are decoded at once.
    private static func decodeGroups(_ input: UnsafeBufferPointer<UInt8>, values: UnsafeBufferPointer<UInt8>, into output: UnsafeMutableBufferPointer<UInt8>)
        -> (written: Int, quad: UInt32, count: Int, wellFormed: Bool, padded: Bool) {
        var written = 0
        var quad: UInt32 = 0
        var count = 0
        var wellFormed = true
        var index = 0
        while index < input.count {
            if count == 0 {
                // Whole groups of four valid characters, as long as they last (nearly all of a body).
                while index + 4 <= input.count {
                    let a = values[Int(input[index])], b = values[Int(input[index + 1])]
                    let c = values[Int(input[index + 2])], d = values[Int(input[index + 3])]
                    guard a | b | c | d < 64 else { break }
                    // The three bytes in one store; the fourth it writes is overwritten by the next
                    // group or left past `written` (the output has room for it).
                    let group = UInt32(a) << 18 | UInt32(b) << 12 | UInt32(c) << 6 | UInt32(d)
                    UnsafeMutableRawPointer(output.baseAddress! + written).storeBytes(of: (group << 8).bigEndian, as: UInt32.self)
                    written += 3
                    index += 4
                }
                if index == input.count { break }
            }
            let value = values[Int(input[index])]
            index += 1
            if value < 64 {
                quad = quad << 6 | UInt32(value)
                count += 1
                guard count == 4 else { continue }
                output[written] = UInt8(quad >> 16 & 0xFF)
                output[written + 1] = UInt8(quad >> 8 & 0xFF)
                output[written + 2] = UInt8(quad & 0xFF)
                written += 3
                quad = 0
                count = 0
            } else if value == base64Padding {
                if count >= 2 { return (written, quad, count, wellFormed, true) }
            } else if value == base64Invalid {
                wellFormed = false
            }
        }
        return (written, quad, count, wellFormed, false)
    }

    /// The bytes of an incomplete last group of two or three characters.
    private static func finalBytes(_ quad: UInt32, count: Int) -> [UInt8] {
        switch count {
        case 2: return [UInt8(quad >> 4 & 0xFF)]
        case 3: return [UInt8(quad >> 10 & 0xFF), UInt8(quad >> 2 & 0xFF)]
        default: return []
        }
    }

    /// Quoted-printable body (RFC 2045 §6.7): `=XX` in either case, `=` at a line end is a soft break,
    /// an `=` not followed by two hex digits is kept as written.
    package static func quotedPrintable(_ input: some Collection<UInt8>) -> [UInt8] {
        if let decoded = input.withContiguousStorageIfAvailable(quotedPrintable) { return decoded }
        return Array(input).withUnsafeBufferPointer(quotedPrintable)
    }

    private static func quotedPrintable(_ bytes: UnsafeBufferPointer<UInt8>) -> [UInt8] {
        // Decoding never lengthens the text: it is written in place, each run up to the next "="
        // (found with memchr) copied whole.
        [UInt8](unsafeUninitializedCapacity: bytes.count) { output, written in
            written = 0
            var index = 0
            while index < bytes.count {
                let escape = bytes.firstIndex(of: UInt8(ascii: "="), from: index, to: bytes.count) ?? bytes.count
                if escape > index {
                    (output.baseAddress! + written).initialize(from: bytes.baseAddress! + index, count: escape - index)
                    written += escape - index
                }
                index = escape
                guard index < bytes.count else { break }
                let byte = bytes[index]
                // Soft line break: "=" then optional transport padding, then CR LF or LF.
                var look = index + 1
                while look < bytes.count && (bytes[look] == 0x20 || bytes[look] == 0x09) { look += 1 }
                if look < bytes.count && bytes[look] == 0x0A {
                    index = look + 1
                    continue
                }
                if look + 1 < bytes.count && bytes[look] == 0x0D && bytes[look + 1] == 0x0A {
                    index = look + 2
                    continue
                }
                if look == bytes.count {
                    index = look
                    continue
                }
                if index + 2 < bytes.count, let high = hexValue(bytes[index + 1]), let low = hexValue(bytes[index + 2]) {
                    output[written] = high << 4 | low
                    written += 1
                    index += 3
                    continue
                }
                output[written] = byte
                written += 1
                index += 1
            }
        }
    }

    /// The Q encoding of RFC 2047 encoded words: quoted-printable where `_` is a space.
    package static func quotedPrintableWord(_ input: [UInt8]) -> [UInt8] {
        quotedPrintable(input.map { $0 == UInt8(ascii: "_") ? 0x20 : $0 })
    }

    private static func hexValue(_ byte: UInt8) -> UInt8? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): return byte - UInt8(ascii: "0")
        case UInt8(ascii: "A")...UInt8(ascii: "F"): return byte - UInt8(ascii: "A") + 10
        case UInt8(ascii: "a")...UInt8(ascii: "f"): return byte - UInt8(ascii: "a") + 10
        default: return nil
        }
    }
}
