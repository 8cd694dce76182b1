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
        let end = min(limit ?? bytes.count, bytes.count)
        guard start < end, bytes[start] == UInt8(ascii: "<") else { return nil }
        var index = start + 1
        let nameStart = index
        while index < end, isNameByte(bytes[index]) { index += 1 }
        guard index > nameStart else { return nil }
        let name = lowercased(bytes[nameStart..<index])
        var attributes: [Attribute] = []
        while index < end {
            while index < end, isSpace(bytes[index]) || bytes[index] == UInt8(ascii: "/") { index += 1 }
            guard index < end else { break }
            if bytes[index] == UInt8(ascii: ">") { return Tag(name: name, attributes: attributes, end: index + 1) }
            let attributeStart = index
            while index < end, !isSpace(bytes[index]), bytes[index] != UInt8(ascii: "="),
                  bytes[index] != UInt8(ascii: ">"), !(bytes[index] == UInt8(ascii: "/") && index > attributeStart) {
                index += 1
            }
            let nameRange = attributeStart..<index
            let attributeName = lowercased(bytes[nameRange])
            while index < end, isSpace(bytes[index]) { index += 1 }
            guard index < end, bytes[index] == UInt8(ascii: "=") else {
                attributes.append(Attribute(name: attributeName, nameRange: nameRange, valueRange: nil))
                continue
            }
            index += 1
            while index < end, isSpace(bytes[index]) { index += 1 }
            guard index < end else { break }
            let quote = bytes[index]
            if quote == UInt8(ascii: "\"") || quote == UInt8(ascii: "'") {
                let valueStart = index + 1
                index = valueStart
                while index < end, bytes[index] != quote { index += 1 }
                attributes.append(Attribute(name: attributeName, nameRange: nameRange, valueRange: valueStart..<index))
                index += 1
            } else {
                let valueStart = index
                while index < end, !isSpace(bytes[index]), bytes[index] != UInt8(ascii: ">") { index += 1 }
                attributes.append(Attribute(name: attributeName, nameRange: nameRange, valueRange: valueStart..<index))
            }
        }
        return Tag(name: name, attributes: attributes, end: min(index, end))
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

    package static func isSpace(_ byte: UInt8) -> Bool {
        byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D || byte == 0x0C
    }

    private static func lowercased(_ slice: ArraySlice<UInt8>) -> String {
        String(decoding: slice.map(asciiLower), as: UTF8.self)
    }
}
