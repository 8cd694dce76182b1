/// An attribute as libxml2 parsed it (entities decoded), name lower-cased.
public struct HTMLAttribute: Sendable, Hashable {
    public let name: String
    /// nil for a bare attribute such as `hidden`.
    public let value: String?
}

/// The attributes of one element, in source order: a view of the one list the whole document
/// keeps, so that an element holds no array of its own (newsletters have thousands of elements).
public struct HTMLAttributes: RandomAccessCollection, Sendable {
    private let all: [HTMLAttribute]
    private let range: Range<Int>

    package init(_ all: [HTMLAttribute], range: Range<Int>) {
        self.all = all
        self.range = range
    }

    public var startIndex: Int { 0 }
    public var endIndex: Int { range.count }

    public subscript(position: Int) -> HTMLAttribute {
        precondition(position >= 0 && position < range.count, "HTMLAttributes index out of range")
        return all[range.lowerBound + position]
    }

    /// The value of the first attribute of that name ("" for a bare one). Rules ask this of every
    /// element many times: the names are compared in place, their lengths first.
    fileprivate func value(named name: String) -> String? {
        firstIndex(named: name).map { all[$0].value ?? "" }
    }

    fileprivate func contains(named name: String) -> Bool { firstIndex(named: name) != nil }

    private func firstIndex(named name: String) -> Int? {
        let length = name.utf8.count
        return all.withUnsafeBufferPointer { all in
            for index in range where all[index].name.utf8.count == length && all[index].name == name { return index }
            return nil
        }
    }
}

/// One element of the document, in document order. Elements that libxml2 added on its own
/// (an implied `<html>`, `<body>` or `<p>`) have no source position.
public struct HTMLElement: Sendable {
    public let index: Int
    /// Lower-cased; VML and other prefixed names keep their prefix (`v:roundrect`).
    public let name: String
    public let attributes: HTMLAttributes
    public let parent: Int?
    /// Byte range of the start tag in `HTMLDocument.source`, or nil when libxml2 implied it.
    public let startTag: Range<Int>?
    /// True inside an Outlook conditional comment (`<!--[if mso]> ... <![endif]-->`).
    public let inConditionalComment: Bool

    public var isImplied: Bool { startTag == nil }

    public func attribute(_ name: String) -> String? {
        attributes.value(named: name)
    }

    public func hasAttribute(_ name: String) -> Bool {
        attributes.contains(named: name)
    }
}

/// A run of character data: its decoded text, and the source range it came from.
public struct HTMLText: Sendable {
    public let text: String
    public let parent: Int?
    public let sourceRange: Range<Int>
    /// Text inside `<script>`, `<style>`, `<title>` or `<head>`, which readers never see.
    public let isHidden: Bool
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
public struct HTMLDocument: Sendable {
    public let source: SourceText
    public let elements: [HTMLElement]
    public let texts: [HTMLText]
    public let comments: [HTMLComment]
    public let spaces: [HTMLSpace]
    /// For each element (by index), the range of `texts` inside it.
    public let textRanges: [Range<Int>]
    /// The safety limits the parse ran into (TL106).
    public let limitsReached: Set<HTMLLimit>
    /// The charset the input was decoded from, and whether bytes were invalid in it.
    public let charset: String
    public let hadInvalidBytes: Bool
    public let unknownCharset: Bool
    /// True when the buffer is not byte-for-byte the input file (BOM removed, charset converted,
    /// invalid bytes replaced): fixes are then not offered, as their columns would not be exact.
    public let isTransformed: Bool

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

    /// The chain of ancestors, nearest first.
    public func ancestors(of element: HTMLElement) -> [HTMLElement] {
        var chain: [HTMLElement] = []
        var parent = element.parent
        while let index = validIndex(parent) {
            chain.append(elements[index])
            parent = elements[index].parent
        }
        return chain
    }

    /// A short CSS-like selector for reports: up to four written ancestors, e.g. `table > tr > td > a`.
    /// Walks the parents by index: reports ask it per finding, and copying each ancestor is not needed.
    public func selector(for element: HTMLElement) -> String {
        var names = [element.name]
        var parent = element.parent
        while let index = validIndex(parent) {
            let name = elements[index].name
            if names.count == 4 || name == "body" || name == "html" { break }
            if !elements[index].isImplied { names.append(name) }
            parent = elements[index].parent
        }
        return names.reversed().joined(separator: " > ")
    }

    private func validIndex(_ index: Int?) -> Int? {
        guard let index, index >= 0, index < elements.count else { return nil }
        return index
    }

    /// The visible text inside each of the given elements (by index), at any depth.
    public func textContent(of indexes: Set<Int>) -> [Int: String] {
        var content: [Int: String] = [:]
        for index in indexes where index < textRanges.count {
            // Appended in place: filtering and mapping first copied every text twice.
            var joined = ""
            for text in texts[textRanges[index]] where !text.isHidden { joined += text.text }
            content[index] = joined
        }
        return content
    }

    /// Byte offset where an attribute's value is written inside the element's start tag.
    public func valueOffset(of attributeName: String, in element: HTMLElement) -> Range<Int>? {
        guard let tagRange = element.startTag,
              let tag = StartTagScanner.scan(source.bytes, at: tagRange.lowerBound, limit: tagRange.upperBound + 1)
        else { return nil }
        return tag.attributes.first { $0.name == attributeName }?.valueRange
    }
}
