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
        var output: [UInt8] = []
        output.reserveCapacity(input.count * 3 / 4)
        var quad: UInt32 = 0
        var count = 0
        var wellFormed = true
        for byte in input {
            let value: UInt32
            switch byte {
            case UInt8(ascii: "A")...UInt8(ascii: "Z"): value = UInt32(byte - UInt8(ascii: "A"))
            case UInt8(ascii: "a")...UInt8(ascii: "z"): value = UInt32(byte - UInt8(ascii: "a")) + 26
            case UInt8(ascii: "0")...UInt8(ascii: "9"): value = UInt32(byte - UInt8(ascii: "0")) + 52
            case UInt8(ascii: "+"), UInt8(ascii: "-"): value = 62
            case UInt8(ascii: "/"), UInt8(ascii: "_"): value = 63
            case UInt8(ascii: "=") where count >= 2:
                // Padding closes the last group: decode it and stop.
                let rest = input.drop { $0 != UInt8(ascii: "=") }.drop { $0 == UInt8(ascii: "=") }
                if rest.contains(where: { $0 != 0x20 && $0 != 0x09 && $0 != 0x0D && $0 != 0x0A }) { wellFormed = false }
                return (output + finalBytes(quad, count: count), wellFormed)
            case UInt8(ascii: "="), 0x20, 0x09, 0x0D, 0x0A:
                continue
            default:
                wellFormed = false
                continue
            }
            quad = quad << 6 | value
            count += 1
            if count == 4 {
                output.append(UInt8(quad >> 16 & 0xFF))
                output.append(UInt8(quad >> 8 & 0xFF))
                output.append(UInt8(quad & 0xFF))
                quad = 0
                count = 0
            }
        }
        if count == 1 { wellFormed = false }
        return (output + finalBytes(quad, count: count), wellFormed)
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
        let bytes = Array(input)
        var output: [UInt8] = []
        output.reserveCapacity(bytes.count)
        var index = 0
        while index < bytes.count {
            let byte = bytes[index]
            guard byte == UInt8(ascii: "=") else {
                output.append(byte)
                index += 1
                continue
            }
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
                output.append(high << 4 | low)
                index += 3
                continue
            }
            output.append(byte)
            index += 1
        }
        return output
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
