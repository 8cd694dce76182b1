#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Turns the bytes of an HTML file into the UTF-8 that libxml2 parses. Charset: a BOM, then the
/// document's `<meta charset>` / `http-equiv` declaration, else UTF-8. Invalid bytes and NULs become
/// U+FFFD, so libxml2 never switches encodings half-way and offsets stay those of our buffer.
package struct DecodedHTML {
    package let utf8: [UInt8]
    /// The charset the bytes were read in (lower-case), as found or assumed.
    package let charset: String
    /// True when some bytes were not valid in the charset and were replaced.
    package let hadInvalidBytes: Bool
    /// True when the declared charset is not known to iconv; UTF-8 was used instead.
    package let unknownCharset: Bool
    /// True when `utf8` is not byte for byte the input (BOM removed, converted, or repaired).
    package let isTransformed: Bool
}

package enum CharsetDecoder {
    /// How far into the document a `<meta>` declaration is looked for (HTML's prescan uses 1024;
    /// email templates often carry long head comments first).
    package static let metaPrescanLimit = 4096

    package static func decode(_ bytes: [UInt8]) -> DecodedHTML {
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) {
            let (repaired, invalid) = repairUTF8(Array(bytes.dropFirst(3)))
            return DecodedHTML(utf8: repaired, charset: "utf-8", hadInvalidBytes: invalid,
                               unknownCharset: false, isTransformed: true)
        }
        if bytes.starts(with: [0xFF, 0xFE]) || bytes.starts(with: [0xFE, 0xFF]) {
            let charset = bytes[0] == 0xFF ? "utf-16le" : "utf-16be"
            return converted(Array(bytes.dropFirst(2)), charset: charset)
        }
        guard let declared = declaredCharset(bytes) else {
            return utf8Result(bytes, charset: "utf-8")
        }
        let name = canonicalName(declared)
        if name == "utf-8" || name == "us-ascii" {
            return utf8Result(bytes, charset: name)
        }
        return converted(bytes, charset: name)
    }

    /// The charset named by a `<meta charset>` or `<meta http-equiv="content-type" content="...; charset=X">`.
    package static func declaredCharset(_ bytes: [UInt8]) -> String? {
        let limit = min(bytes.count, metaPrescanLimit)
        var searchFrom = 0
        while let start = bytes.firstOffset(of: metaOpen, in: searchFrom..<limit, caseInsensitive: true) {
            searchFrom = start + 5
            guard let tag = StartTagScanner.scan(bytes, at: start, limit: limit), tag.name == "meta" else { continue }
            func value(_ name: String) -> String? {
                guard let range = tag.attributes.first(where: { $0.name == name })?.valueRange else { return nil }
                return String(decoding: bytes[range], as: UTF8.self)
            }
            if let charset = value("charset") {
                let trimmed = charset.trimmingASCIISpaces()
                if !trimmed.isEmpty { return trimmed }
            }
            if let content = value("content"), value("http-equiv")?.lowercased() == "content-type",
               let name = charsetParameter(content) {
                return name
            }
        }
        return nil
    }

    /// The `charset=` parameter of a Content-Type value such as `text/html; charset=iso-8859-1`,
    /// read as bytes (a lower-cased copy and a set of stop bytes per value cost more than the prescan).
    package static func charsetParameter(_ contentType: String) -> String? {
        // ASCII lower-casing is Unicode's for ASCII text, and much cheaper.
        let lower = contentType.utf8.allSatisfy { $0 < 0x80 } ? contentType.asciiLowercased() : contentType.lowercased()
        return lower.withUTF8InPlace { bytes in
            guard let start = bytes.firstOffset(of: charsetKey, in: 0..<bytes.count) else { return nil }
            let name = bytes[(start + charsetKey.count)...].prefix { byte in
                byte != UInt8(ascii: ";") && byte != UInt8(ascii: " ") && byte != UInt8(ascii: "\"") && byte != UInt8(ascii: "'")
            }
            return name.isEmpty ? nil : String(decoding: name, as: UTF8.self)
        }
    }

    private static let charsetKey = Array("charset=".utf8)
    private static let metaOpen = Array("<meta".utf8)

    /// Bytes in a named charset as valid UTF-8 (invalid input replaced by U+FFFD); nil when iconv
    /// does not know the charset.
    package static func utf8(from bytes: [UInt8], charset: String) -> (utf8: [UInt8], invalid: Bool)? {
        var name = canonicalName(charset)
        if name == "utf-16" && !bytes.starts(with: [0xFF, 0xFE]) && !bytes.starts(with: [0xFE, 0xFF]) {
            name = utf16ByteOrder(bytes)
        }
        if name == "utf-8" || name == "us-ascii" { return repairUTF8(bytes) }
        guard let (converted, invalid) = iconvToUTF8(bytes, from: name) else { return nil }
        let (repaired, invalidAfter) = repairUTF8(converted)
        return (repaired, invalid || invalidAfter)
    }

    /// UTF-16 without a byte-order mark: RFC 2781 says big-endian, but mail written on Windows is
    /// little-endian. The NUL high bytes of ASCII characters tell which.
    private static func utf16ByteOrder(_ bytes: [UInt8]) -> String {
        let sample = bytes.prefix(1024)
        var zerosAtEven = 0
        var zerosAtOdd = 0
        for (offset, byte) in sample.enumerated() where byte == 0 {
            if offset % 2 == 0 { zerosAtEven += 1 } else { zerosAtOdd += 1 }
        }
        return zerosAtOdd > zerosAtEven ? "utf-16le" : "utf-16be"
    }

    /// The aliases real mail uses, mapped to names glibc's iconv knows.
    package static func canonicalName(_ declared: String) -> String {
        let name = declared.trimmingASCIISpaces().lowercased()
        switch name {
        case "utf8", "unicode-1-1-utf-8": return "utf-8"
        case "ascii", "us-ascii", "ansi_x3.4-1968": return "us-ascii"
        // As in browsers (WHATWG Encoding), Latin-1 labels mean windows-1252.
        case "latin1", "latin-1", "iso-8859-1", "iso8859-1", "iso_8859-1", "l1", "cp819": return "windows-1252"
        case "ks_c_5601-1987", "ks_c_5601", "ksc5601": return "cp949"
        case "gb2312", "gbk", "x-gbk": return "gb18030"
        case "shift_jis", "shift-jis", "sjis", "x-sjis": return "cp932"
        case "x-mac-cyrillic", "x-mac-ukrainian": return "mac-cyrillic"
        case "iso-8859-8-i": return "iso-8859-8"
        case "x-euc-jp": return "euc-jp"
        default: return name
        }
    }

    private static func utf8Result(_ bytes: [UInt8], charset: String) -> DecodedHTML {
        let (repaired, invalid) = repairUTF8(bytes)
        return DecodedHTML(utf8: repaired, charset: charset, hadInvalidBytes: invalid, unknownCharset: false, isTransformed: invalid)
    }

    private static func converted(_ bytes: [UInt8], charset: String) -> DecodedHTML {
        guard let (utf8, invalid) = iconvToUTF8(bytes, from: charset) else {
            let (repaired, invalidUTF8) = repairUTF8(bytes)
            return DecodedHTML(utf8: repaired, charset: charset,     hadInvalidBytes: invalidUTF8, unknownCharset: true, isTransformed: invalidUTF8)
        }
        let (repaired, invalidAfter) = repairUTF8(utf8)
        return DecodedHTML(utf8: repaired, charset: charset, hadInvalidBytes: invalid || invalidAfter, unknownCharset: false, isTransformed: true)
    }

    /// Replaces NUL and every byte that does not belong to a well-formed UTF-8 sequence with U+FFFD.
    package static func repairUTF8(_ bytes: [UInt8]) -> ([UInt8], Bool) {
        bytes.withUnsafeBufferPointer { buffer in
            var index = validPrefixEnd(buffer)
            // Most mail is valid UTF-8 without NULs; copy nothing then.
            if index == buffer.count { return (bytes, false) }
            var output = [UInt8]()
            output.reserveCapacity(buffer.count + 16)
            output.append(contentsOf: buffer[0..<index])
            while index < buffer.count {
                let length = validSequenceLength(buffer, at: index)
                if length == 0 {
                    output.append(contentsOf: [0xEF, 0xBF, 0xBD])
                    index += 1
                } else {
                    output.append(contentsOf: buffer[index..<index + length])
                    index += length
                }
            }
            return (output, true)
        }
    }

    /// Where the well-formed UTF-8 without NULs that `bytes` starts with ends. The first NUL is
    /// found with memchr; before it, ASCII is skipped 32 bytes at a time (then eight), also between
    /// the multi-byte sequences of accented text. A sequence that runs into the NUL is invalid
    /// where it starts (NUL is no continuation byte), so the scan can stop at the NUL.
    private static func validPrefixEnd(_ bytes: UnsafeBufferPointer<UInt8>) -> Int {
        let end = bytes.firstIndex(of: 0, from: 0, to: bytes.count) ?? bytes.count
        let raw = UnsafeRawBufferPointer(bytes)
        func word(_ offset: Int) -> UInt64 { raw.loadUnaligned(fromByteOffset: offset, as: UInt64.self) }
        let highBits: UInt64 = 0x8080_8080_8080_8080
        var index = 0
        while index < end {
            if index + 32 <= end && (word(index) | word(index + 8) | word(index + 16) | word(index + 24)) & highBits == 0 {
                index += 32
                continue
            }
            if index + 8 <= end && word(index) & highBits == 0 {
                index += 8
                continue
            }
            let length = validSequenceLength(bytes, at: index)
            if length == 0 { break }
            index += length
        }
        return index
    }

    /// Length of the well-formed UTF-8 sequence at `index` (RFC 3629), or 0; NUL counts as invalid.
    @inline(__always)
    private static func validSequenceLength(_ bytes: UnsafeBufferPointer<UInt8>, at index: Int) -> Int {
        let lead = bytes[index]
        if lead < 0x80 { return lead == 0 ? 0 : 1 }
        func continuation(_ offset: Int, _ low: UInt8 = 0x80, _ high: UInt8 = 0xBF) -> Bool {
            let position = index + offset
            return position < bytes.count && bytes[position] >= low && bytes[position] <= high
        }
        switch lead {
        case 0xC2...0xDF: return continuation(1) ? 2 : 0
        case 0xE0: return continuation(1, 0xA0) && continuation(2) ? 3 : 0
        case 0xE1...0xEC, 0xEE, 0xEF: return continuation(1) && continuation(2) ? 3 : 0
        case 0xED: return continuation(1, 0x80, 0x9F) && continuation(2) ? 3 : 0
        case 0xF0: return continuation(1, 0x90) && continuation(2) && continuation(3) ? 4 : 0
        case 0xF1...0xF3: return continuation(1) && continuation(2) && continuation(3) ? 4 : 0
        case 0xF4: return continuation(1, 0x80, 0x8F) && continuation(2) && continuation(3) ? 4 : 0
        default: return 0
        }
    }

    /// Single-byte charsets (as `canonicalName` spells them) that encode ASCII as ASCII.
    private static let keepsASCII: Set<String> = Set((1250...1258).map { "windows-\($0)" })
        .union([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 13, 14, 15, 16].map { "iso-8859-\($0)" })
        .union(["koi8-r", "koi8-u"])

    /// Converts with glibc's iconv; nil when the charset is unknown. Bytes that do not convert are
    /// skipped one at a time and reported as invalid.
    package static func iconvToUTF8(_ bytes: [UInt8], from charset: String) -> ([UInt8], Bool)? {
        // Plain ASCII in a charset whose first 128 codes are ASCII converts to itself.
        if keepsASCII.contains(charset) && bytes.withUnsafeBufferPointer({ $0.isASCII }) { return (bytes, false) }
        let descriptor = iconv_open("UTF-8", charset)
        if descriptor == iconv_t(bitPattern: -1) { return nil }
        defer { iconv_close(descriptor) }
        var output = [UInt8]()
        output.reserveCapacity(bytes.count * 2 + 16)
        var invalid = false
        var input = bytes
        let chunkSize = 64 * 1024
        var chunk = [UInt8](repeating: 0, count: chunkSize)
        input.withUnsafeMutableBufferPointer { inputBuffer in
            var inPointer: UnsafeMutablePointer<CChar>? = UnsafeMutableRawPointer(inputBuffer.baseAddress)?
                .assumingMemoryBound(to: CChar.self)
            var inLeft = inputBuffer.count
            while inLeft > 0 {
                let (result, produced, errorNumber) = chunk.withUnsafeMutableBufferPointer { outBuffer -> (Int, Int, Int32) in
                    var outPointer: UnsafeMutablePointer<CChar>? = UnsafeMutableRawPointer(outBuffer.baseAddress)?
                        .assumingMemoryBound(to: CChar.self)
                    var outLeft = chunkSize
                    let result = iconv(descriptor, &inPointer, &inLeft, &outPointer, &outLeft)
                    return (result, chunkSize - outLeft, result == -1 ? errno : 0)
                }
                output.append(contentsOf: chunk[0..<produced])
                if result == -1 {
                    if errorNumber == E2BIG { continue }
                    // EILSEQ or EINVAL (truncated at the end): skip one byte and go on.
                    invalid = true
                    output.append(contentsOf: [0xEF, 0xBF, 0xBD])
                    inPointer = inPointer.map { $0 + 1 }
                    inLeft -= 1
                }
            }
        }
        return (output, invalid)
    }
}

extension String {
    /// The text without leading and trailing ASCII white space, trimmed as UTF-8 bytes (white
    /// space is ASCII, so no scalar is split).
    package func trimmingASCIISpaces() -> String {
        guard let firstByte = utf8.first, let lastByte = utf8.last else { return self }
        if !StartTagScanner.isSpace(firstByte) && !StartTagScanner.isSpace(lastByte) { return self }
        return withUTF8InPlace { utf8 in
            var start = 0
            var end = utf8.count
            while start < end && StartTagScanner.isSpace(utf8[start]) { start += 1 }
            while end > start && StartTagScanner.isSpace(utf8[end - 1]) { end -= 1 }
            return String(decoding: UnsafeBufferPointer(rebasing: utf8[start..<end]), as: UTF8.self)
        }
    }
}

extension Unicode.Scalar {
    package var isASCIISpace: Bool {
        value == 0x20 || value == 0x09 || value == 0x0A || value == 0x0D || value == 0x0C
    }
}
