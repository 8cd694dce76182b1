import TrackLintParsing

/// The size of an element as its attributes and inline style state it.
public enum ImageGeometry {
    /// Largest width or height, in CSS pixels, of an image taken for a tracking pixel.
    public static let pixelMaximumSize = 2

    /// True when every stated dimension is at most `pixelMaximumSize` and at least one is stated.
    public static func isTiny(_ element: HTMLElement) -> Bool {
        var stated = false
        var allTiny = true
        forEachStatedDimension(of: element) { value in
            stated = true
            if allTiny { allTiny = pixels(in: value).map { $0 <= Double(pixelMaximumSize) } ?? false }
        }
        return stated && allTiny
    }

    /// Whether the attributes or the inline style give a width or a height.
    public static func statesSize(_ element: HTMLElement) -> Bool {
        var stated = false
        forEachStatedDimension(of: element) { _ in stated = true }
        return stated
    }

    private static let sizeProperties = ["width", "height"]

    /// The `width` and `height` attributes, then the inline style's `width` and `height`, when
    /// given: without the array of four optionals a list of them cost on every image.
    private static func forEachStatedDimension(of element: HTMLElement, _ body: (String) -> Void) {
        if let width = element.attribute("width") { body(width) }
        if let height = element.attribute("height") { body(height) }
        guard let style = element.attribute("style") else { return }
        for value in InlineStyle.values(of: sizeProperties, in: style) {
            if let value { body(value) }
        }
    }

    /// `1`, `1px`, ` 0 ` → the number; `100%`, `auto` → nil.
    package static func pixels(in value: String) -> Double? {
        var text = value.trimmingASCIISpaces().lowercased()
        if text.hasSuffix("px") { text.removeLast(2) }
        return Double(text.trimmingASCIISpaces())
    }
}

/// Which elements are hidden by `display:none`, `visibility:hidden` or `hidden`, on themselves or
/// on an ancestor: computed once per document, in document order (parents come before children).
public struct Visibility: Sendable {
    /// For each element index, the element that hides it (itself or an ancestor), or nil.
    private let hiddenBy: [Int?]

    package init(document: HTMLDocument) {
        var hiddenBy = [Int?](repeating: nil, count: document.elements.count)
        document.elements.withUnsafeBufferPointer { elements in
            for index in elements.indices {
                if let parent = elements[index].parent, let hider = hiddenBy[parent] {
                    hiddenBy[index] = hider
                } else if Self.hidesItself(elements[index].attributes) {
                    hiddenBy[index] = index
                }
            }
        }
        self.hiddenBy = hiddenBy
    }

    public func isHidden(_ element: HTMLElement) -> Bool { hiddenBy[element.index] != nil }

    /// Whether the element has `hidden`, or its (first) style's last `display` starts with `none`
    /// or its last `visibility` with `hidden`: read off the style's bytes, as on nearly every
    /// element of an email, where building the values' strings cost more than the rest.
    private static func hidesItself(_ attributes: HTMLAttributes) -> Bool {
        var style: String?
        // Names compared by length first: a String comparison that fails is a call.
        for attribute in attributes where attribute.name.utf8.count == 6 || attribute.name.utf8.count == 5 {
            if attribute.name == "hidden" { return true }
            if style == nil && attribute.name == "style" { style = attribute.value ?? "" }
        }
        guard var style else { return false }
        return style.withUTF8 { bytes in
            var display: Range<Int>?
            var visibility: Range<Int>?
            InlineStyle.forEachDeclaration(in: bytes) { name, value in
                if InlineStyle.isName(bytes[name], "display") { display = value }
                if InlineStyle.isName(bytes[name], "visibility") { visibility = value }
            }
            return InlineStyle.value(display, in: bytes, startsWith: "none") || InlineStyle.value(visibility, in: bytes, startsWith: "hidden")
        }
    }
}

/// Reads declarations from an inline `style` attribute.
public enum InlineStyle {
    /// The value of the last declaration of `property` (lower-case), lower-cased and without
    /// `!important`; nil when the style does not declare it.
    public static func value(of property: String, in style: String) -> String? {
        values(of: [property], in: style)[0]
    }

    /// The values of several properties, from one scan of the style (on nearly every element of an
    /// email): each `;` and `:` is found with memchr, and a string is built only for a match.
    public static func values(of properties: [String], in style: String) -> [String?] {
        var style = style
        return style.withUTF8 { bytes in
            var found = [Range<Int>?](repeating: nil, count: properties.count)
            forEachDeclaration(in: bytes) { name, value in
                let match = properties.firstIndex { property in
                    var property = property
                    return property.withUTF8 { isName(bytes[name], $0) }
                }
                if let match { found[match] = value }
            }
            return found.map { range in
                range.map { range in
                    var value = String(decoding: bytes[range].map(asciiLower), as: UTF8.self).trimmingASCIISpaces()
                    if value.hasSuffix("!important") { value = String(value.dropLast(10)).trimmingASCIISpaces() }
                    return value
                }
            }
        }
    }

    /// Calls `body` with the name (without the spaces around it) and the value of each
    /// declaration, in order.
    package static func forEachDeclaration(in bytes: UnsafeBufferPointer<UInt8>, _ body: (_ name: Range<Int>, _ value: Range<Int>) -> Void) {
        var index = 0
        while index < bytes.count {
            // The name is short: a loop to its `:`, or to the `;` of a declaration without one.
            var colon = index
            while colon < bytes.count && bytes[colon] != UInt8(ascii: ":") && bytes[colon] != UInt8(ascii: ";") { colon += 1 }
            guard colon < bytes.count else { return }
            if bytes[colon] == UInt8(ascii: ";") {
                index = colon + 1
                continue
            }
            let end = bytes.firstIndex(of: UInt8(ascii: ";"), from: colon + 1, to: bytes.count) ?? bytes.count
            body(trimmed(bytes, index..<colon), (colon + 1)..<end)
            index = end + 1
        }
    }

    /// Whether the value, as `values(of:in:)` reads it, starts with `prefix` (lower-case ASCII):
    /// its leading spaces skipped, ASCII letters compared in either case. The `!important` that
    /// `values` drops cannot overlap a prefix of letters.
    package static func value(_ range: Range<Int>?, in bytes: UnsafeBufferPointer<UInt8>, startsWith prefix: StaticString) -> Bool {
        guard let range else { return false }
        var start = range.lowerBound
        while start < range.upperBound && isSpace(bytes[start]) { start += 1 }
        guard range.upperBound - start >= prefix.utf8CodeUnitCount else { return false }
        return prefix.withUTF8Buffer { prefix in prefix.indices.allSatisfy { folded(bytes[start + $0]) == prefix[$0] } }
    }

    /// The range without the HTML spaces around it.
    private static func trimmed(_ bytes: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) -> Range<Int> {
        guard let first = bytes[range].firstIndex(where: { !isSpace($0) }), let last = bytes[range].lastIndex(where: { !isSpace($0) })
        else { return range }
        return first..<(last + 1)
    }

    /// Whether the bytes are `name` (lower-case), compared ASCII-case-insensitively.
    package static func isName(_ bytes: Slice<UnsafeBufferPointer<UInt8>>, _ name: UnsafeBufferPointer<UInt8>) -> Bool {
        bytes.count == name.count && name.indices.allSatisfy { folded(bytes[bytes.startIndex + $0]) == name[$0] }
    }

    package static func isName(_ bytes: Slice<UnsafeBufferPointer<UInt8>>, _ name: StaticString) -> Bool {
        name.withUTF8Buffer { isName(bytes, $0) }
    }

    // TrackLintParsing's byte tests are not inlined here.
    @inline(__always)
    private static func isSpace(_ byte: UInt8) -> Bool { byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D || byte == 0x0C }

    @inline(__always)
    private static func folded(_ byte: UInt8) -> UInt8 { byte &- 0x41 < 26 ? byte | 0x20 : byte }
}
