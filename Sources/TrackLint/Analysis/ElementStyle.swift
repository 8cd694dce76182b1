import TrackLintParsing

/// The size of an element as its attributes and inline style state it.
public enum ImageGeometry {
    /// Largest width or height, in CSS pixels, of an image taken for a tracking pixel.
    public static let pixelMaximumSize = 2

    /// True when every stated dimension is at most `pixelMaximumSize` and at least one is stated.
    public static func isTiny(_ element: HTMLElement) -> Bool {
        let dimensions = statedDimensions(of: element)
        return dimensions.stated && dimensions.allTiny
    }

    /// Whether the attributes or the inline style give a width or a height.
    public static func statesSize(_ element: HTMLElement) -> Bool {
        statedDimensions(of: element).stated
    }

    /// Whether the `width` and `height` attributes, then the inline style's last `width` and
    /// `height`, give a size, and whether every one given is tiny. Plain lengths (`1`, `600px`,
    /// nearly every one) are read off the bytes: the strings `pixels(in:)` builds cost more than
    /// the rest of an image.
    private static func statedDimensions(of element: HTMLElement) -> (stated: Bool, allTiny: Bool) {
        var stated = false
        var allTiny = true
        func attribute(_ value: String?) {
            guard var value else { return }
            stated = true
            if allTiny { allTiny = value.withUTF8 { plainLengthIsTiny($0[...]) } ?? isTiny(pixels(in: value)) }
        }
        attribute(element.attribute("width"))
        attribute(element.attribute("height"))
        element.attributes.withValue(named: "style") { bytes in
            var width: Range<Int>?
            var height: Range<Int>?
            InlineStyle.forEachDeclaration(in: bytes, initials: "wh") { name, value in
                if InlineStyle.isName(bytes[name], "width") { width = value }
                if InlineStyle.isName(bytes[name], "height") { height = value }
            }
            func declared(_ range: Range<Int>?) {
                guard let range else { return }
                stated = true
                if allTiny { allTiny = plainLengthIsTiny(bytes[range]) ?? isTiny(pixels(in: InlineStyle.value(range, in: bytes))) }
            }
            declared(width)
            declared(height)
        }
        return (stated, allTiny)
    }

    private static func isTiny(_ pixels: Double?) -> Bool { pixels.map { $0 <= Double(pixelMaximumSize) } ?? false }

    /// What `isTiny(pixels(in:))` says of a value that is digits, with `px` in either case after
    /// them and spaces around; nil for any other value.
    private static func plainLengthIsTiny(_ bytes: Slice<UnsafeBufferPointer<UInt8>>) -> Bool? {
        var start = bytes.startIndex
        var end = bytes.endIndex
        while start < end && StartTagScanner.isSpace(bytes[start]) { start += 1 }
        while end > start && StartTagScanner.isSpace(bytes[end - 1]) { end -= 1 }
        if end - start >= 2 && bytes[end - 2] | 0x20 == UInt8(ascii: "p") && bytes[end - 1] | 0x20 == UInt8(ascii: "x") {
            end -= 2
            while end > start && StartTagScanner.isSpace(bytes[end - 1]) { end -= 1 }
        }
        guard start < end else { return nil }
        // Kept from overflowing: any value past the limit is as far from tiny.
        var value = 0
        for byte in bytes[start..<end] {
            guard byte &- UInt8(ascii: "0") < 10 else { return nil }
            value = min(value * 10 + Int(byte &- UInt8(ascii: "0")), pixelMaximumSize + 1)
        }
        return value <= pixelMaximumSize
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
    /// element of an email, where building the values' strings cost more than the rest. Asked of
    /// the attributes alone: a copy of the element retains its name too.
    private static func hidesItself(_ attributes: HTMLAttributes) -> Bool {
        // A third of an email's elements have no attributes, and each look-up is a call.
        guard !attributes.isEmpty else { return false }
        // The look-ups compare names in place: walking the attributes copied each one's strings.
        if attributes.contains(named: "hidden") { return true }
        return attributes.withValue(named: "style") { bytes in
            var display: Range<Int>?
            var visibility: Range<Int>?
            InlineStyle.forEachDeclaration(in: bytes, initials: "dv") { name, value in
                if InlineStyle.isName(bytes[name], "display") { display = value }
                if InlineStyle.isName(bytes[name], "visibility") { visibility = value }
            }
            return InlineStyle.value(display, in: bytes, startsWith: "none") || InlineStyle.value(visibility, in: bytes, startsWith: "hidden")
        } ?? false
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
        style.withUTF8InPlace { bytes in
            var found = [Range<Int>?](repeating: nil, count: properties.count)
            forEachDeclaration(in: bytes) { name, value in
                let match = properties.firstIndex { property in property.withUTF8InPlace { isName(bytes[name], $0) } }
                if let match { found[match] = value }
            }
            return found.map { range in range.map { value($0, in: bytes) } }
        }
    }

    /// A declaration's value as `values(of:in:)` gives it: lower-cased, without the spaces around
    /// it and without `!important`.
    package static func value(_ range: Range<Int>, in bytes: UnsafeBufferPointer<UInt8>) -> String {
        var value = String(decoding: bytes[range].map(asciiLower), as: UTF8.self).trimmingASCIISpaces()
        if value.hasSuffix("!important") { value = String(value.dropLast(10)).trimmingASCIISpaces() }
        return value
    }

    /// Calls `body` with the name (without the spaces around it) and the value of each
    /// declaration, in order; with `initials` (lower-case letters), only of those whose name
    /// starts with one of them. Each declaration's `;` is found with memchr, and the `:` in it only
    /// when its name may be one asked for: styles hold a dozen declarations, and few are.
    package static func forEachDeclaration(in bytes: UnsafeBufferPointer<UInt8>, initials: StaticString? = nil,
                                           _ body: (_ name: Range<Int>, _ value: Range<Int>) -> Void) {
        var index = 0
        while index < bytes.count {
            let end = bytes.firstIndex(of: UInt8(ascii: ";"), from: index, to: bytes.count) ?? bytes.count
            defer { index = end + 1 }
            var first = index
            while first < end && StartTagScanner.isSpace(bytes[first]) { first += 1 }
            if let initials, first < end, !initials.withUTF8Buffer({ $0.contains(folded(bytes[first])) }) { continue }
            guard let colon = bytes.firstIndex(of: UInt8(ascii: ":"), from: first, to: end) else { continue }
            body(trimmed(bytes, index..<colon), (colon + 1)..<end)
        }
    }

    /// Whether the value, as `values(of:in:)` reads it, starts with `prefix` (lower-case ASCII):
    /// its leading spaces skipped, ASCII letters compared in either case. The `!important` that
    /// `values` drops cannot overlap a prefix of letters.
    package static func value(_ range: Range<Int>?, in bytes: UnsafeBufferPointer<UInt8>, startsWith prefix: StaticString) -> Bool {
        guard let range else { return false }
        var start = range.lowerBound
        while start < range.upperBound && StartTagScanner.isSpace(bytes[start]) { start += 1 }
        guard range.upperBound - start >= prefix.utf8CodeUnitCount else { return false }
        return prefix.withUTF8Buffer { prefix in prefix.indices.allSatisfy { folded(bytes[start + $0]) == prefix[$0] } }
    }

    /// The range without the HTML spaces around it.
    private static func trimmed(_ bytes: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) -> Range<Int> {
        guard let first = bytes[range].firstIndex(where: { !StartTagScanner.isSpace($0) }),
              let last = bytes[range].lastIndex(where: { !StartTagScanner.isSpace($0) })
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

    @inline(__always)
    private static func folded(_ byte: UInt8) -> UInt8 { byte &- 0x41 < 26 ? byte | 0x20 : byte }
}
