/// Reads one start tag as written (`<name attr="value" ...>`) to find where each attribute's value
/// sits in the source. libxml2 decides what the document means; this only maps its answers back to
/// byte positions, and reads `<meta charset>` before libxml2 is called.
package struct StartTagScanner {
    package struct Attribute {
        package let name: String        // lower-cased
        package let nameRange: Range<Int>
        package let valueRange: Range<Int>?  // bytes of the value without quotes; nil for a bare attribute
    }

    package struct Tag {
        package let name: String        // lower-cased
        package let attributes: [Attribute]
        package let end: Int            // offset just past `>` (or the end of the scanned range)
    }

    /// Scans the tag whose `<` is at `start`; nil when no tag name follows.
    package static func scan(_ bytes: [UInt8], at start: Int, limit: Int? = nil) -> Tag? {
        var attributes: [Attribute] = []
        let walked = bytes.withUnsafeBufferPointer { buffer in
            walk(buffer, at: start, limit: limit) { nameRange, valueRange in
                attributes.append(Attribute(name: lowercased(bytes[nameRange]), nameRange: nameRange, valueRange: valueRange))
                return true
            }
        }
        guard let (nameRange, end) = walked else { return nil }
        return Tag(name: lowercased(bytes[nameRange]), attributes: attributes, end: end)
    }

    /// Where the value of the first attribute named `name` (lower-case) is written in the tag whose
    /// `<` is at `start`, as `scan` would tell (nil for a bare one too), without building the tag:
    /// reports ask it per finding.
    package static func valueRange(of name: String, inTagAt start: Int, of bytes: [UInt8], limit: Int) -> Range<Int>? {
        name.withUTF8InPlace { name in bytes.withUnsafeBufferPointer { bytes in
            var found: Range<Int>?
            _ = walk(bytes, at: start, limit: limit) { nameRange, valueRange in
                guard nameRange.count == name.count,
                      zip(bytes[nameRange], name).allSatisfy({ asciiLower($0) == $1 }) else { return true }
                found = valueRange
                return false
            }
            return found
        } }
    }

    /// Reads the tag whose `<` is at `start`, handing `attribute` each attribute's name and value
    /// ranges until it returns false; the tag's name range and end (just past `>`, or the end of
    /// the scanned range), or nil when no tag name follows. Read through a buffer pointer, and a
    /// quoted value's end found with memchr: reports walk long tags (inline styles) per finding.
    private static func walk(_ bytes: UnsafeBufferPointer<UInt8>, at start: Int, limit: Int?,
                             _ attribute: (Range<Int>, Range<Int>?) -> Bool) -> (name: Range<Int>, end: Int)? {
        let end = min(limit ?? bytes.count, bytes.count)
        guard start < end, bytes[start] == UInt8(ascii: "<") else { return nil }
        var index = start + 1
        let nameStart = index
        while index < end, isNameByte(bytes[index]) { index += 1 }
        guard index > nameStart else { return nil }
        let name = nameStart..<index
        while index < end {
            while index < end, isSpace(bytes[index]) || bytes[index] == UInt8(ascii: "/") { index += 1 }
            guard index < end else { break }
            if bytes[index] == UInt8(ascii: ">") { return (name, index + 1) }
            let attributeStart = index
            while index < end, !isSpace(bytes[index]), bytes[index] != UInt8(ascii: "="),
                  bytes[index] != UInt8(ascii: ">"), !(bytes[index] == UInt8(ascii: "/") && index > attributeStart) {
                index += 1
            }
            let nameRange = attributeStart..<index
            while index < end, isSpace(bytes[index]) { index += 1 }
            guard index < end, bytes[index] == UInt8(ascii: "=") else {
                if !attribute(nameRange, nil) { return (name, index) }
                continue
            }
            index += 1
            while index < end, isSpace(bytes[index]) { index += 1 }
            guard index < end else { break }
            let quote = bytes[index]
            let valueRange: Range<Int>
            if quote == UInt8(ascii: "\"") || quote == UInt8(ascii: "'") {
                let valueStart = index + 1
                index = bytes.firstIndex(of: quote, from: valueStart, to: end) ?? end
                valueRange = valueStart..<index
                index += 1
            } else {
                let valueStart = index
                while index < end, !isSpace(bytes[index]), bytes[index] != UInt8(ascii: ">") { index += 1 }
                valueRange = valueStart..<index
            }
            if !attribute(nameRange, valueRange) { return (name, min(index, end)) }
        }
        return (name, min(index, end))
    }

    /// The bytes libxml2 accepts in an HTML tag name (`htmlParseHTMLName`).
    package static func isNameByte(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"),
             UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: ":"), UInt8(ascii: "-"),
             UInt8(ascii: "_"), UInt8(ascii: "."):
            return true
        default:
            return false
        }
    }

    /// HTML's white space (space, tab, line feed, form feed, return); inlinable, as byte loops in
    /// other modules call it.
    @inlinable package static func isSpace(_ byte: UInt8) -> Bool {
        byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D || byte == 0x0C
    }

    /// Written straight into the string (names fit in a small string, so nothing is allocated).
    private static func lowercased(_ slice: ArraySlice<UInt8>) -> String {
        String(unsafeUninitializedCapacity: slice.count) { buffer in
            for (offset, byte) in slice.enumerated() { buffer[offset] = asciiLower(byte) }
            return slice.count
        }
    }
}
