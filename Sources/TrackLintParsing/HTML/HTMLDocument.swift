/// One element of the document, in document order. Elements that libxml2 added on its own
/// (an implied `<html>`, `<body>` or `<p>`) have no source position.
public struct HTMLElement: Sendable {
    public let index: Int
    /// Lower-cased; VML and other prefixed names keep their prefix (`v:roundrect`).
    public let name: String
    /// Set once more when the document's attribute list is complete (`DocumentStorage.finishElements`).
    public internal(set) var attributes: HTMLAttributes
    public let parent: Int?
    /// Byte range of the start tag in `HTMLDocument.source`, or nil when libxml2 implied it.
    public let startTag: Range<Int>?
    /// True inside an Outlook conditional comment (`<!--[if mso]> ... <![endif]-->`).
    public let inConditionalComment: Bool

    public var isImplied: Bool { startTag == nil }

    // Inlinable, as the look-ups they call are: rules ask them of every element.
    @inlinable public func attribute(_ name: String) -> String? {
        attributes.value(named: name)
    }

    @inlinable public func hasAttribute(_ name: String) -> Bool {
        attributes.contains(named: name)
    }
}

/// A run of character data: its decoded text, and the source range it came from.
public struct HTMLText: Sendable {
    public private(set) var text: String
    public let parent: Int?
    public private(set) var sourceRange: Range<Int>
    /// Text inside `<script>`, `<style>`, `<title>` or `<head>`, which readers never see.
    public let isHidden: Bool

    /// Appends the next piece of the same text, which ends at `end` in the source.
    mutating func append(_ piece: UnsafeBufferPointer<UInt8>, endingAt end: Int) {
        text += String(decoding: piece, as: UTF8.self)
        sourceRange = sourceRange.lowerBound..<end
    }
}

/// Whitespace between nodes, which rules never read and `texts` leaves out; kept as a place only,
/// so that a rebuilt document (the report's preview) does not run words together.
public struct HTMLSpace: Sendable {
    public let parent: Int?
    /// It comes before `texts[textIndex]` and after `elements[elementCount - 1]` in source order.
    public let textIndex: Int
    public let elementCount: Int
    public let hasNewline: Bool
}

/// A safety limit of the HTML parse, and what happened past it.
public enum HTMLLimit: Sendable, Hashable, CaseIterable {
    case nesting, elements, texts, attributes

    package var description: (message: String, evidence: String) {
        switch self {
        case .nesting:
            ("Elements are nested more than \(HTMLParser.maximumElementDepth) deep; deeper ones were read as siblings",
             "\(HTMLParser.maximumElementDepth) levels")
        case .elements:
            ("The HTML has more than \(HTMLParser.maximumElements) elements; the rest were not linted",
             "\(HTMLParser.maximumElements) elements")
        case .texts:
            ("The HTML has more than \(HTMLParser.maximumTexts) runs of text; the rest were not read",
             "\(HTMLParser.maximumTexts) texts")
        case .attributes:
            ("A start tag has more than \(AttributeFlood.maximumAttributes) attributes; the rest were not read",
             "\(AttributeFlood.maximumAttributes) attributes")
        }
    }
}

/// A comment, with the range of its content (between `<!--` and `-->`) when it could be located.
public struct HTMLComment: Sendable {
    public let text: String
    public let contentRange: Range<Int>?
    public let parent: Int?
}

/// A parsed HTML document: what libxml2 understood, mapped back onto the bytes it read.
///
/// Its parts sit behind one reference: rules copy the document out of their context hundreds of
/// times per input, and a copy of eight arrays and sets was eight retains (one now).
public struct HTMLDocument: Sendable {
    @usableFromInline let parts: Parts

    @inlinable public var source: SourceText { parts.source }
    @inlinable public var elements: [HTMLElement] { parts.elements }
    @inlinable public var texts: [HTMLText] { parts.texts }
    @inlinable public var comments: [HTMLComment] { parts.comments }
    @inlinable public var spaces: [HTMLSpace] { parts.spaces }
    /// For each element (by index), the range of `texts` inside it.
    @inlinable public var textRanges: [Range<Int>] { parts.textRanges }
    /// The safety limits the parse ran into (TL106).
    @inlinable public var limitsReached: Set<HTMLLimit> { parts.limitsReached }
    /// The charset the input was decoded from, and whether bytes were invalid in it.
    @inlinable public var charset: String { parts.charset }
    @inlinable public var hadInvalidBytes: Bool { parts.hadInvalidBytes }
    @inlinable public var unknownCharset: Bool { parts.unknownCharset }
    /// True when the buffer is not byte-for-byte the input file (BOM removed, charset converted,
    /// invalid bytes replaced): fixes are then not offered, as their columns would not be exact.
    @inlinable public var isTransformed: Bool { parts.isTransformed }

    @usableFromInline final class Parts: Sendable {
        @usableFromInline let source: SourceText
        @usableFromInline let elements: [HTMLElement]
        @usableFromInline let texts: [HTMLText]
        @usableFromInline let comments: [HTMLComment]
        @usableFromInline let spaces: [HTMLSpace]
        @usableFromInline let textRanges: [Range<Int>]
        @usableFromInline let limitsReached: Set<HTMLLimit>
        @usableFromInline let charset: String
        @usableFromInline let hadInvalidBytes: Bool
        @usableFromInline let unknownCharset: Bool
        @usableFromInline let isTransformed: Bool

        init(source: SourceText, elements: [HTMLElement], texts: [HTMLText], comments: [HTMLComment], spaces: [HTMLSpace],
             textRanges: [Range<Int>], limitsReached: Set<HTMLLimit>, charset: String, hadInvalidBytes: Bool,
             unknownCharset: Bool, isTransformed: Bool) {
            self.source = source
            self.elements = elements
            self.texts = texts
            self.comments = comments
            self.spaces = spaces
            self.textRanges = textRanges
            self.limitsReached = limitsReached
            self.charset = charset
            self.hadInvalidBytes = hadInvalidBytes
            self.unknownCharset = unknownCharset
            self.isTransformed = isTransformed
        }
    }

    /// Size of the decoded HTML in bytes (what Gmail's clipping counts).
    public var byteCount: Int { source.bytes.count }

    /// The first `<base href>`, which some clients apply to relative links.
    public var baseHref: String? {
        elements.first { $0.name == "base" && $0.attribute("href") != nil }?.attribute("href")
    }

    /// True when the input has at least one element written in it (not only implied by the parser).
    public var hasWrittenElements: Bool { elements.contains { !$0.isImplied } }

    public func element(_ index: Int?) -> HTMLElement? {
        validIndex(index).map { elements[$0] }
    }

    /// The chain of ancestors, nearest first (counted first, so that the array is made once).
    public func ancestors(of element: HTMLElement) -> [HTMLElement] {
        var depth = 0
        var parent = element.parent
        while let index = validIndex(parent) {
            depth += 1
            parent = elements[index].parent
        }
        var chain: [HTMLElement] = []
        chain.reserveCapacity(depth)
        parent = element.parent
        while let index = validIndex(parent) {
            chain.append(elements[index])
            parent = elements[index].parent
        }
        return chain
    }

    /// A short CSS-like selector for reports: up to four written ancestors, e.g. `table > tr > td > a`.
    /// Reports ask it per finding: the parents are walked by index, and the string is made at its
    /// length (an array of names, reversed and joined, was four allocations).
    public func selector(for element: HTMLElement) -> String {
        let elements = self.elements
        return withUnsafeTemporaryAllocation(of: Int.self, capacity: 3) { ancestors in
            var count = 0
            var length = element.name.utf8.count
            var parent = element.parent
            while count < 3, let index = validIndex(parent) {
                let name = elements[index].name
                if name == "body" || name == "html" { break }
                if !elements[index].isImplied {
                    ancestors[count] = index
                    count += 1
                    length += name.utf8.count + 3
                }
                parent = elements[index].parent
            }
            // Written as bytes: `+=` on a string cost some 300 instructions a part.
            return String(unsafeUninitializedCapacity: length) { selector in
                var written = 0
                func write(_ part: String) {
                    part.withUTF8InPlace { bytes in
                        guard let source = bytes.baseAddress else { return }
                        (selector.baseAddress! + written).initialize(from: source, count: bytes.count)
                        written += bytes.count
                    }
                }
                for ancestor in ancestors[..<count].reversed() {
                    write(elements[ancestor].name)
                    write(" > ")
                }
                write(element.name)
                return written
            }
        }
    }

    /// Whether the element at index `ancestor` is an ancestor of `element`: parents come before
    /// their children, so the climb stops below it.
    public func isInside(_ element: HTMLElement, _ ancestor: Int) -> Bool {
        let elements = self.elements
        var parent = validIndex(element.parent)
        while let index = parent, index >= ancestor {
            if index == ancestor { return true }
            parent = validIndex(elements[index].parent)
        }
        return false
    }

    private func validIndex(_ index: Int?) -> Int? {
        guard let index, index >= 0, index < elements.count else { return nil }
        return index
    }

    /// The visible text inside each of the given elements (by index), at any depth.
    ///
    /// Elements that do not nest hold different texts, read once in all. Elements that nest (many
    /// unclosed `<a>`, each inside the last) read the same texts again for each one around them: past
    /// twice the document's size of texts read and bytes joined, each further element (in document
    /// order) gets at most `nestedTextLimit` of each, so that time and memory stay in proportion to
    /// the input.
    public func textContent(of indexes: Set<Int>) -> [Int: String] {
        var content = [Int: String](minimumCapacity: indexes.count)
        var budget = 2 * byteCount + Self.nestedTextLimit
        for index in indexes.sorted() where index < textRanges.count {
            let limit = budget > 0 ? Int.max : Self.nestedTextLimit
            var joined = ""
            var read = 0
            // Appended in place: filtering and mapping first copied every text twice.
            for text in texts[textRanges[index]] {
                if read == limit || joined.utf8.count >= limit { break }
                read += 1
                if !text.isHidden { joined += text.text }
            }
            if joined.utf8.count > limit { joined = Self.prefix(of: joined, bytes: limit) }
            budget -= read + joined.utf8.count
            content[index] = joined
        }
        return content
    }

    /// What `textContent(of:)` keeps of each element once nested ones have read too much.
    public static let nestedTextLimit = 256

    /// The longest start of `text` within `limit` bytes that ends between two scalars.
    private static func prefix(of text: String, bytes limit: Int) -> String {
        let utf8 = text.utf8
        var end = utf8.index(utf8.startIndex, offsetBy: limit)
        while end > utf8.startIndex && utf8[end] & 0xC0 == 0x80 { end = utf8.index(before: end) }
        return String(decoding: utf8[..<end], as: UTF8.self)
    }

    /// Where each of `pieces`, read in that order in `text`, is written in the source: each is
    /// looked for after the one before, so that a repeated one is not placed at the first; nil
    /// where the source writes it otherwise (with an entity).
    public func sourceOffsets(of pieces: [String], in text: HTMLText) -> [Int?] {
        var searchStart = text.sourceRange.lowerBound
        return pieces.map { piece in
            let offset = source.firstOffset(of: Array(piece.utf8), in: searchStart..<max(searchStart, text.sourceRange.upperBound))
            if let offset { searchStart = offset + piece.utf8.count }
            return offset
        }
    }

    /// Byte offset where an attribute's value is written inside the element's start tag.
    public func valueOffset(of attributeName: String, in element: HTMLElement) -> Range<Int>? {
        guard let tagRange = element.startTag else { return nil }
        return StartTagScanner.valueRange(of: attributeName, inTagAt: tagRange.lowerBound, of: source.bytes,
                                          limit: tagRange.upperBound + 1)
    }
}
