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
    /// The attributes of every element, one after the other (each element's are a range of them),
    /// and the bytes of their values, grown by doubling and handed to the `AttributeStore` (which
    /// frees them) by `finishElements`. Copied in with memcpy: an array's `append(contentsOf:)`
    /// was a call through a witness table per value.
    package var attributes: [AttributeStore.Entry] = []
    private var attributeValues = UnsafeMutableBufferPointer<UInt8>(start: nil, count: 0)
    private var attributeValuesCount = 0
    /// For each element, the texts read while it was open (its text content), as indexes into
    /// `texts`; the end is -1 while the element is open. One list: two cost two appends per element.
    package var textBounds: [(start: Int, end: Int)] = []
    package var texts: [HTMLText] = []
    package var comments: [HTMLComment] = []
    package var spaces: [HTMLSpace] = []
    /// The libxml2 contexts of the parses, reused from one conditional comment to the next.
    package var contexts: ParserContexts

    /// Room for what a dense document of that size holds in email HTML (an element, a text and a
    /// space per 96 bytes, two attributes per element: nine templates in ten hold less), so that
    /// the lists are seldom grown and copied. Room left unused is never touched.
    package init(expectedBytes: Int, contexts: ParserContexts) {
        self.contexts = contexts
        let elementCount = expectedBytes / 96
        elements.reserveCapacity(elementCount)
        textBounds.reserveCapacity(elementCount)
        attributes.reserveCapacity(2 * elementCount)
        // Styles make up most of what values hold: a quarter of the document or so.
        attributeValues = .allocate(capacity: max(64, expectedBytes / 4))
        texts.reserveCapacity(elementCount)
        // A comment per 400 bytes or so at most (conditional ones, template markers).
        comments.reserveCapacity(expectedBytes / 384)
        spaces.reserveCapacity(elementCount)
    }

    /// The elements, each given the attribute list, which is complete only now (they held an
    /// empty one with their range of it). Set in place: a new element per record copied each name.
    /// Elements without attributes keep no store, so that their copies retain nothing.
    package mutating func finishElements() -> [HTMLElement] {
        let store = AttributeStore(entries: attributes, taking: attributeValues)
        attributeValues = UnsafeMutableBufferPointer(start: nil, count: 0)
        var finished = elements
        elements = []
        finished.withUnsafeMutableBufferPointer { finished in
            for index in finished.indices where !finished[index].attributes.range.isEmpty {
                let placeholder = finished[index].attributes
                finished[index].attributes = HTMLAttributes(store, range: placeholder.range, nameBits: placeholder.nameBits)
            }
        }
        return finished
    }

    /// Appends an attribute's value and returns where it starts.
    mutating func appendAttributeValue(_ value: UnsafePointer<UInt8>, count: Int) -> Int {
        let start = attributeValuesCount
        if start + count > attributeValues.count {
            let grown = UnsafeMutableBufferPointer<UInt8>.allocate(capacity: max(2 * attributeValues.count, start + count))
            if let old = attributeValues.baseAddress {
                grown.baseAddress!.update(from: old, count: start)
                old.deallocate()
            }
            attributeValues = grown
        }
        (attributeValues.baseAddress! + start).update(from: value, count: count)
        attributeValuesCount += count
        return start
    }
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
    /// inside a conditional comment, or past the nesting limit); the parent the elements inside it
    /// get (it, or the nearest one around it that is a parent); and whether it hides its text.
    /// The parent is kept, not looked for: past the nesting limit, every open element is nil.
    private var openElements: [(index: Int?, parent: Int?, hidesText: Bool)] = []
    private var hiddenTextDepth = 0
    /// Whether the last event was a text, which the next characters continue: libxml2 hands a long
    /// text over in pieces of a thousand bytes or so (a URL cut between two was reported cut).
    private var continuesText = false

    package init(bytes: UnsafeBufferPointer<UInt8>, range: Range<Int>, storage: UnsafeMutablePointer<DocumentStorage>,
                 rootParent: Int?, conditionalDepth: Int) {
        self.bytes = bytes
        self.range = range
        self.storage = storage
        self.rootParent = rootParent
        self.conditionalDepth = conditionalDepth
        self.cursor = range.lowerBound
        // Email HTML nests tables a dozen deep or so: made once rather than grown four times.
        openElements.reserveCapacity(16)
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
        guard let innermost = openElements.last else { return rootParent }
        return innermost.parent
    }

    private mutating func open(_ index: Int?, hidesText: Bool) {
        openElements.append((index, index ?? currentParent, hidesText))
    }

    package mutating func startElement(_ namePointer: UnsafePointer<xmlChar>?, _ attributePointers: UnsafeMutablePointer<UnsafePointer<xmlChar>?>?) {
        guard let namePointer else { return }
        continuesText = false
        let name = storage.pointee.contexts.name(namePointer, depth: conditionalDepth)
        let end = position
        var startTag: Range<Int>?
        let nameBytes = UnsafeBufferPointer(start: namePointer, count: name.byteCount)
        if let found = tagStart(named: nameBytes, in: sinceCursor(to: end)) {
            let tagEnd = end < bytes.count && bytes[end] == UInt8(ascii: ">") ? end + 1 : end
            startTag = found..<tagEnd
            cursor = tagEnd
        }
        if name.hidesText { hiddenTextDepth += 1 }
        if startTag == nil && conditionalDepth > 0 {
            open(nil, hidesText: name.hidesText)
            return
        }
        if storage.pointee.elements.count >= HTMLParser.maximumElements {
            storage.pointee.limitsReached.insert(.elements)
            open(nil, hidesText: name.hidesText)
            return
        }
        let index = storage.pointee.elements.count
        storage.pointee.textBounds.append((storage.pointee.texts.count, -1))
        let (attributeRange, nameBits) = appendAttributes(attributePointers)
        storage.pointee.elements.append(HTMLElement(
            index: index, name: name.text, attributes: HTMLAttributes(placeholder: attributeRange, nameBits: nameBits),
            parent: currentParent, startTag: startTag, inConditionalComment: conditionalDepth > 0))
        // Past the nesting limit, elements are kept (their links still count) but become siblings.
        if openElements.count >= HTMLParser.maximumElementDepth {
            storage.pointee.limitsReached.insert(.nesting)
            open(nil, hidesText: name.hidesText)
        } else {
            open(index, hidesText: name.hidesText)
        }
    }

    /// Appends libxml2's attribute list (name, value or NULL, ..., NULL) to the document's, and
    /// returns where it stands there, with the `nameBit` of each name.
    private mutating func appendAttributes(_ pointers: UnsafeMutablePointer<UnsafePointer<xmlChar>?>?) -> (Range<Int>, UInt64) {
        let start = storage.pointee.attributes.count
        guard let pointers else { return (start..<start, 0) }
        var pair = 0
        var nameBits: UInt64 = 0
        while let name = pointers[2 * pair] {
            var start = 0
            var count = -1
            if let value = pointers[2 * pair + 1] {
                count = Int(xmlStrlen(value))
                start = storage.pointee.appendAttributeValue(value, count: count)
            }
            let name = storage.pointee.contexts.name(name, depth: conditionalDepth)
            nameBits |= name.bit
            storage.pointee.attributes.append(AttributeStore.Entry(name: name.text, start: start, count: count))
            pair += 1
        }
        return (start..<start + pair, nameBits)
    }

    package mutating func endElement() {
        continuesText = false
        guard let last = openElements.popLast() else { return }
        if let index = last.index { storage.pointee.textBounds[index].end = storage.pointee.texts.count }
        if last.hidesText { hiddenTextDepth = max(0, hiddenTextDepth - 1) }
    }

    package mutating func characters(_ characters: UnsafePointer<xmlChar>?, _ length: Int) {
        let end = position
        let textRange = min(cursor, end)..<end
        cursor = max(cursor, end)
        guard let characters, length > 0 else { return }
        let buffer = UnsafeBufferPointer(start: characters, count: length)
        if continuesText {
            storage.pointee.texts[storage.pointee.texts.count - 1].append(buffer, endingAt: end)
            return
        }
        guard storage.pointee.texts.count + storage.pointee.spaces.count < HTMLParser.maximumTexts else {
            storage.pointee.limitsReached.insert(.texts)
            return
        }
        if let hasNewline = Self.spaceRun(buffer) {
            storage.pointee.spaces.append(HTMLSpace(parent: currentParent, textIndex: storage.pointee.texts.count,
                                                    elementCount: storage.pointee.elements.count, hasNewline: hasNewline))
            continuesText = false
            return
        }
        storage.pointee.texts.append(HTMLText(
            text: String(decoding: buffer, as: UTF8.self), parent: currentParent,
            sourceRange: textRange, isHidden: hiddenTextDepth > 0))
        continuesText = true
    }

    package mutating func comment(_ valuePointer: UnsafePointer<xmlChar>?) {
        continuesText = false
        let end = position
        let length = valuePointer.map { Int(xmlStrlen($0)) } ?? 0
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

    /// For a run of character data that is only white space, whether it holds a line feed; nil for
    /// text. Most runs are white space, the indentation between tags: their spaces are read eight
    /// at a time.
    private static func spaceRun(_ buffer: UnsafeBufferPointer<UInt8>) -> Bool? {
        let raw = UnsafeRawBufferPointer(buffer)
        var hasNewline = false
        var index = 0
        while index < buffer.count {
            if index + 8 <= buffer.count && raw.loadUnaligned(fromByteOffset: index, as: UInt64.self) == 0x2020_2020_2020_2020 {
                index += 8
            } else if StartTagScanner.isSpace(buffer[index]) {
                hasNewline = hasNewline || buffer[index] == 0x0A
                index += 1
            } else {
                return nil
            }
        }
        return hasNewline
    }

    /// Where `<name` (ASCII-case-insensitive, followed by a non-name byte) first stands in `range`.
    /// The name is libxml2's bytes: comparing them costs less than walking a `String`'s UTF-8.
    /// The cursor mostly stands on the `<` already (text and tags end where the next tag starts),
    /// which is told before memchr is called.
    private func tagStart(named name: UnsafeBufferPointer<UInt8>, in range: Range<Int>) -> Int? {
        var index = range.lowerBound
        while let open = index < range.upperBound && bytes[index] == UInt8(ascii: "<")
                ? index : bytes.firstIndex(of: UInt8(ascii: "<"), from: index, to: range.upperBound) {
            let nameEnd = open + 1 + name.count
            if nameEnd <= bytes.count && (nameEnd == bytes.count || !StartTagScanner.isNameByte(bytes[nameEnd])) {
                var offset = 0
                // Source names are mostly lower case, as libxml2's are: folded from the first difference.
                while offset < name.count && bytes[open + 1 + offset] == name[offset] { offset += 1 }
                while offset < name.count && asciiLower(bytes[open + 1 + offset]) == asciiLower(name[offset]) { offset += 1 }
                if offset == name.count { return open }
            }
            index = open + 1
        }
        return nil
    }
}

/// A tag or attribute name as the model keeps it, and whether an element of that name hides its text.
struct ElementName {
    let text: String
    let hidesText: Bool
    /// The length of libxml2's name bytes (the pointer's bytes never change while cached).
    let byteCount: Int
    /// `HTMLAttributes.nameBit` of `text`, for the name of an attribute.
    let bit: UInt64

    /// lower-cased (libxml2 already lower-cases HTML names; only copied when it did not).
    init(_ pointer: UnsafePointer<xmlChar>) {
        byteCount = Int(xmlStrlen(pointer))
        let bytes = UnsafeBufferPointer(start: pointer, count: byteCount)
        let name = String(decoding: bytes, as: UTF8.self)
        text = bytes.contains(where: { $0 >= 0x41 && $0 <= 0x5A }) ? name.lowercased() : name
        bit = text.withUTF8InPlace { $0.isASCII ? HTMLAttributes.nameBit($0) : .max }
        switch text {
        // MJML's head holds its styles and attributes, never text that is shown.
        case "script", "style", "title", "head", "template", "mj-head": hidesText = true
        default: hidesText = false
        }
    }
}

/// Names already read, by libxml2's pointer. libxml2 hands out every tag and attribute name from
/// its parser context's dictionary (or as a constant, for the elements it implies): one pointer per
/// name, never freed or changed while the context lives, and a cache lives as long as its context
/// (`ParserContexts`). So a pointer seen once names the same text ever after. An open-addressing table that starts
/// small (a conditional comment holds a few names) and doubles when three quarters full, up to a
/// bound past which names are no longer remembered.
struct NameCache {
    private static let maximumCapacity = 1_024
    private var pointers = [UnsafePointer<xmlChar>?](repeating: nil, count: 32)
    private var names = [ElementName?](repeating: nil, count: 32)
    private var count = 0

    /// The name read before at `pointer`, if any: looked up without the checks of a mutation, and
    /// inlined, as every start tag and attribute asks it, and nearly always finds it.
    @inline(__always)
    func known(_ pointer: UnsafePointer<xmlChar>) -> ElementName? {
        let slot = slot(for: pointer)
        return pointers[slot] == pointer ? names[slot] : nil
    }

    mutating func name(_ pointer: UnsafePointer<xmlChar>) -> ElementName {
        if let known = known(pointer) { return known }
        var slot = slot(for: pointer)
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
    @inline(__always)
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
