import CLibXML2
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// What one parse (the document, and the inside of each conditional comment) appends to.
package struct DocumentStorage {
    package var limitsReached: Set<HTMLLimit> = []
    package var elements: [HTMLElement] = []
    /// For each element, the texts read while it was open (its text content), as indexes into `texts`.
    package var textStarts: [Int] = []
    package var textEnds: [Int] = []
    package var texts: [HTMLText] = []
    package var comments: [HTMLComment] = []
    package var spaces: [HTMLSpace] = []
}

/// Receives libxml2's SAX events for one parsed range and maps each back onto source offsets.
/// The builder and the storage it appends to are reached through pointers (the SAX user data, and
/// one storage shared with the parses of conditional comments): as class properties, every field
/// read at every event would be checked for exclusive access.
package struct DocumentBuilder {
    /// The whole decoded document, valid for the parse.
    private let bytes: UnsafeBufferPointer<UInt8>
    private let range: Range<Int>
    private let storage: UnsafeMutablePointer<DocumentStorage>
    private let rootParent: Int?
    private let conditionalDepth: Int
    package var context: htmlParserCtxtPtr?
    /// Offset after the last construct located in the source; the next start tag begins at or after it.
    private var cursor: Int
    /// Open elements: the index of each, or nil for one that is not a parent in the model (implied
    /// inside a conditional comment, or past the nesting limit), and whether it hides its text.
    private var openElements: [(index: Int?, hidesText: Bool)] = []
    private var hiddenTextDepth = 0
    private var names = NameCache()

    package init(bytes: UnsafeBufferPointer<UInt8>, range: Range<Int>, storage: UnsafeMutablePointer<DocumentStorage>,
                 rootParent: Int?, conditionalDepth: Int) {
        self.bytes = bytes
        self.range = range
        self.storage = storage
        self.rootParent = rootParent
        self.conditionalDepth = conditionalDepth
        self.cursor = range.lowerBound
    }

    package static func from(_ userData: UnsafeMutableRawPointer?) -> UnsafeMutablePointer<DocumentBuilder> {
        userData!.assumingMemoryBound(to: DocumentBuilder.self)
    }

    /// The parser's position as an offset into the document.
    private var position: Int {
        guard let input = context?.pointee.input, let cur = input.pointee.cur, let base = input.pointee.base else {
            return cursor
        }
        let offset = range.lowerBound + Int(input.pointee.consumed) + (cur - base)
        return min(max(offset, range.lowerBound), range.upperBound)
    }

    /// The source read since the last located construct. libxml2 can report a position before
    /// the cursor after it backs up on a broken end tag (`</h<html>`); the range is empty then.
    private func sinceCursor(to end: Int) -> Range<Int> {
        cursor..<max(cursor, end)
    }

    private var currentParent: Int? {
        for entry in openElements.reversed() { if let index = entry.index { return index } }
        return rootParent
    }

    package mutating func startElement(_ namePointer: UnsafePointer<xmlChar>?, _ attributePointers: UnsafeMutablePointer<UnsafePointer<xmlChar>?>?) {
        guard let namePointer else { return }
        let name = names.name(namePointer)
        let end = position
        var startTag: Range<Int>?
        if let found = tagStart(named: name.text, in: sinceCursor(to: end)) {
            let tagEnd = end < bytes.count && bytes[end] == UInt8(ascii: ">") ? end + 1 : end
            startTag = found..<tagEnd
            cursor = tagEnd
        }
        if name.hidesText { hiddenTextDepth += 1 }
        if startTag == nil && conditionalDepth > 0 {
            openElements.append((nil, name.hidesText))
            return
        }
        if storage.pointee.elements.count >= HTMLParser.maximumElements {
            storage.pointee.limitsReached.insert(.elements)
            openElements.append((nil, name.hidesText))
            return
        }
        let index = storage.pointee.elements.count
        storage.pointee.textStarts.append(storage.pointee.texts.count)
        storage.pointee.textEnds.append(-1)
        storage.pointee.elements.append(HTMLElement(
            index: index, name: name.text, attributes: attributes(attributePointers), parent: currentParent,
            startTag: startTag, inConditionalComment: conditionalDepth > 0))
        // Past the nesting limit, elements are kept (their links still count) but become siblings.
        if openElements.count >= HTMLParser.maximumElementDepth {
            storage.pointee.limitsReached.insert(.nesting)
            openElements.append((nil, name.hidesText))
        } else {
            openElements.append((index, name.hidesText))
        }
    }

    /// libxml2's attribute list (name, value or NULL, ..., NULL), counted first so that the array
    /// is allocated once.
    private mutating func attributes(_ pointers: UnsafeMutablePointer<UnsafePointer<xmlChar>?>?) -> [HTMLAttribute] {
        guard let pointers else { return [] }
        var count = 0
        while pointers[2 * count] != nil { count += 1 }
        var attributes: [HTMLAttribute] = []
        attributes.reserveCapacity(count)
        for pair in 0..<count {
            let value = pointers[2 * pair + 1].map { String(cString: $0) }
            attributes.append(HTMLAttribute(name: names.name(pointers[2 * pair]!).text, value: value))
        }
        return attributes
    }

    package mutating func endElement() {
        guard let last = openElements.popLast() else { return }
        if let index = last.index { storage.pointee.textEnds[index] = storage.pointee.texts.count }
        if last.hidesText { hiddenTextDepth = max(0, hiddenTextDepth - 1) }
    }

    package mutating func characters(_ characters: UnsafePointer<xmlChar>?, _ length: Int) {
        let end = position
        let textRange = min(cursor, end)..<end
        cursor = max(cursor, end)
        guard let characters, length > 0 else { return }
        guard storage.pointee.texts.count + storage.pointee.spaces.count < HTMLParser.maximumTexts else {
            storage.pointee.limitsReached.insert(.texts)
            return
        }
        let buffer = UnsafeBufferPointer(start: characters, count: length)
        if buffer.allSatisfy({ StartTagScanner.isSpace($0) }) {
            storage.pointee.spaces.append(HTMLSpace(parent: currentParent, textIndex: storage.pointee.texts.count,
                                                    elementCount: storage.pointee.elements.count, hasNewline: buffer.contains(0x0A)))
            return
        }
        storage.pointee.texts.append(HTMLText(
            text: String(decoding: buffer, as: UTF8.self), parent: currentParent,
            sourceRange: textRange, isHidden: hiddenTextDepth > 0))
    }

    package mutating func comment(_ valuePointer: UnsafePointer<xmlChar>?) {
        let end = position
        let length = valuePointer.map { strlen(UnsafeRawPointer($0).assumingMemoryBound(to: CChar.self)) } ?? 0
        var contentRange: Range<Int>?
        if let open = bytes.firstOffset(of: Self.commentOpen, in: sinceCursor(to: end)) {
            let contentStart = open + 4
            let contentEnd = contentStart + length
            if contentEnd <= bytes.count, length == 0 || memcmp(bytes.baseAddress! + contentStart, valuePointer!, length) == 0 {
                contentRange = contentStart..<contentEnd
            }
        }
        cursor = max(cursor, end)
        let text = valuePointer.map { String(decoding: UnsafeBufferPointer(start: $0, count: length), as: UTF8.self) } ?? ""
        let parent = currentParent
        storage.pointee.comments.append(HTMLComment(text: text, contentRange: contentRange, parent: parent))
        if let contentRange, conditionalDepth < HTMLParser.maximumConditionalDepth,
           let inner = ConditionalComment.innerRange(of: bytes, content: contentRange) {
            HTMLParser.parseRange(inner, of: bytes, into: storage, parent: parent, conditionalDepth: conditionalDepth + 1)
        }
    }

    private static let commentOpen = Array("<!--".utf8)

    /// Where `<name` (ASCII-case-insensitive, followed by a non-name byte) first stands in `range`.
    private func tagStart(named name: String, in range: Range<Int>) -> Int? {
        let nameBytes = name.utf8
        var index = range.lowerBound
        while let open = bytes.firstIndex(of: UInt8(ascii: "<"), from: index, to: range.upperBound) {
            var position = open + 1
            var matched = true
            for expected in nameBytes {
                if position >= bytes.count || asciiLower(bytes[position]) != expected { matched = false; break }
                position += 1
            }
            if matched && (position >= bytes.count || !StartTagScanner.isNameByte(bytes[position])) { return open }
            index = open + 1
        }
        return nil
    }
}

/// A tag or attribute name as the model keeps it, and whether an element of that name hides its text.
private struct ElementName {
    let text: String
    let hidesText: Bool

    /// lower-cased (libxml2 already lower-cases HTML names; only copied when it did not).
    init(_ pointer: UnsafePointer<xmlChar>) {
        let bytes = UnsafeBufferPointer(start: pointer, count: strlen(UnsafeRawPointer(pointer).assumingMemoryBound(to: CChar.self)))
        let name = String(decoding: bytes, as: UTF8.self)
        text = bytes.contains(where: { $0 >= 0x41 && $0 <= 0x5A }) ? name.lowercased() : name
        switch text {
        case "script", "style", "title", "head", "template": hidesText = true
        default: hidesText = false
        }
    }
}

/// Names already read, by libxml2's pointer. libxml2 hands out every tag and attribute name from
/// its parser context's dictionary (or as a constant, for the elements it implies): one pointer per
/// name, never freed or changed while the context lives, and a builder lives within one context.
/// So a pointer seen once names the same text ever after. An open-addressing table that starts
/// small (a conditional comment holds a few names) and doubles when three quarters full, up to a
/// bound past which names are no longer remembered.
private struct NameCache {
    private static let maximumCapacity = 1_024
    private var pointers = [UnsafePointer<xmlChar>?](repeating: nil, count: 32)
    private var names = [ElementName?](repeating: nil, count: 32)
    private var count = 0

    mutating func name(_ pointer: UnsafePointer<xmlChar>) -> ElementName {
        var slot = slot(for: pointer)
        if pointers[slot] == pointer { return names[slot]! }
        let name = ElementName(pointer)
        if count >= pointers.count * 3 / 4 {
            guard pointers.count < Self.maximumCapacity else { return name }
            grow()
            slot = self.slot(for: pointer)
        }
        pointers[slot] = pointer
        names[slot] = name
        count += 1
        return name
    }

    /// The slot holding `pointer`, or the empty one where it goes.
    private func slot(for pointer: UnsafePointer<xmlChar>) -> Int {
        let mask = pointers.count - 1
        var slot = Int(truncatingIfNeeded: (UInt(bitPattern: pointer) &* 0x9E37_79B9_7F4A_7C15) >> 40) & mask
        while let known = pointers[slot], known != pointer { slot = (slot + 1) & mask }
        return slot
    }

    private mutating func grow() {
        let old = zip(pointers, names)
        pointers = Array(repeating: nil, count: pointers.count * 2)
        names = Array(repeating: nil, count: pointers.count)
        for case let (pointer?, name) in old {
            let slot = slot(for: pointer)
            pointers[slot] = pointer
            names[slot] = name
        }
    }
}
