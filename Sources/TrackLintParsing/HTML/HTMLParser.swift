import CLibXML2
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Parses HTML with libxml2's SAX interface and builds an `HTMLDocument`. SAX is used rather than
/// the tree API because it reports the parser position at every start tag, which gives byte offsets,
/// columns, and lines past 65,535 (the tree API stores lines in 16 bits).
public enum HTMLParser {
    /// libxml2 options: recover from errors, never touch the network, stay silent, and ignore the
    /// document's own charset declaration (we decode to UTF-8 ourselves).
    package static let options = Int32(HTML_PARSE_RECOVER.rawValue | HTML_PARSE_NONET.rawValue
        | HTML_PARSE_NOERROR.rawValue | HTML_PARSE_NOWARNING.rawValue | HTML_PARSE_IGNORE_ENC.rawValue)

    /// Conditional comments nested deeper than this are not parsed again.
    package static let maximumConditionalDepth = 3
    /// Elements nested deeper than this are read as siblings of the deepest one (TL106); real
    /// email HTML stays far below it.
    public static let maximumElementDepth = 1_000
    /// Elements and texts kept of one document (TL106 past them), which bounds its memory: the
    /// largest newsletters have a few thousand of each.
    public static let maximumElements = 200_000
    public static let maximumTexts = 400_000

    /// Parses an HTML file's bytes: charset from a BOM, the document's `<meta>`, else UTF-8.
    public static func parse(_ bytes: [UInt8]) -> HTMLDocument {
        document(from: CharsetDecoder.decode(bytes))
    }

    /// Parses HTML already decoded to valid UTF-8 (a MIME part whose declared charset wins over
    /// any `<meta>` inside it).
    public static func parse(decoded utf8: [UInt8], charset: String, unknownCharset: Bool, hadInvalidBytes: Bool) -> HTMLDocument {
        document(from: DecodedHTML(utf8: utf8, charset: charset, hadInvalidBytes: hadInvalidBytes,
                                   unknownCharset: unknownCharset, isTransformed: true))
    }

    private static func document(from decoded: DecodedHTML) -> HTMLDocument {
        var bytes = decoded.utf8
        let floods = bytes.withUnsafeBufferPointer { AttributeFlood.excessRanges(in: $0, range: 0..<$0.count) }
        for flood in floods { bytes.replaceSubrange(flood, with: repeatElement(UInt8(ascii: " "), count: flood.count)) }
        let source = SourceText(bytes: bytes)
        let storage = DocumentStorage()
        if !floods.isEmpty { storage.limitsReached.insert(.attributes) }
        parseRange(0..<source.bytes.count, of: source, into: storage, parent: nil, conditionalDepth: 0)
        // Elements still open at the end hold every text after their start.
        let textRanges = zip(storage.textStarts, storage.textEnds).map { start, end in
            start..<(end < 0 ? storage.texts.count : max(start, end))
        }
        return HTMLDocument(
            source: source, elements: storage.elements, texts: storage.texts, comments: storage.comments,
            spaces: storage.spaces,
            textRanges: textRanges,
            limitsReached: storage.limitsReached,
            charset: decoded.charset, hadInvalidBytes: decoded.hadInvalidBytes,
            unknownCharset: decoded.unknownCharset, isTransformed: decoded.isTransformed || !floods.isEmpty)
    }

    package static func parseRange(_ range: Range<Int>, of source: SourceText, into storage: DocumentStorage,
                           parent: Int?, conditionalDepth: Int) {
        guard !range.isEmpty, range.count < Int(Int32.max) else { return }
        xmlInitParser()
        let builder = DocumentBuilder(source: source, range: range, storage: storage,
                                      rootParent: parent, conditionalDepth: conditionalDepth)
        source.bytes.withUnsafeBufferPointer { buffer in
            let start = UnsafeRawPointer(buffer.baseAddress! + range.lowerBound).assumingMemoryBound(to: CChar.self)
            guard let context = htmlCreateMemoryParserCtxt(start, Int32(range.count)) else { return }
            var handler = htmlSAXHandler()
            handler.startElement = { userData, name, attributes in
                DocumentBuilder.from(userData).startElement(name, attributes)
            }
            handler.endElement = { userData, _ in
                DocumentBuilder.from(userData).endElement()
            }
            handler.characters = { userData, characters, length in
                DocumentBuilder.from(userData).characters(characters, Int(length))
            }
            handler.ignorableWhitespace = handler.characters
            handler.cdataBlock = handler.characters
            handler.comment = { userData, value in
                DocumentBuilder.from(userData).comment(value)
            }
            handler.initialized = 1
            withUnsafeMutablePointer(to: &handler) { handlerPointer in
                let originalHandler = context.pointee.sax
                context.pointee.sax = handlerPointer
                context.pointee.userData = Unmanaged.passUnretained(builder).toOpaque()
                builder.context = context
                htmlCtxtUseOptions(context, options)
                xmlSwitchEncoding(context, XML_CHAR_ENCODING_UTF8)
                htmlParseDocument(context)
                builder.context = nil
                context.pointee.sax = originalHandler
                context.pointee.userData = nil
            }
            if let document = context.pointee.myDoc { xmlFreeDoc(document) }
            htmlFreeParserCtxt(context)
        }
    }
}

/// What one parse (the document, or the inside of a conditional comment) appends to.
package final class DocumentStorage {
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
package final class DocumentBuilder {
    private let source: SourceText
    private let range: Range<Int>
    private let storage: DocumentStorage
    private let rootParent: Int?
    private let conditionalDepth: Int
    package var context: htmlParserCtxtPtr?
    /// Offset after the last construct located in the source; the next start tag begins at or after it.
    private var cursor: Int
    /// Open elements: the index of each, or nil for one that is not a parent in the model (implied
    /// inside a conditional comment, or past the nesting limit), and whether it hides its text.
    private var openElements: [(index: Int?, hidesText: Bool)] = []
    private var hiddenTextDepth = 0
    /// Names already read, by libxml2's pointer (see `name(_:)`).
    private var names: [UnsafePointer<xmlChar>: String] = [:]
    private static let commentOpen = Array("<!--".utf8)

    package init(source: SourceText, range: Range<Int>, storage: DocumentStorage, rootParent: Int?, conditionalDepth: Int) {
        self.source = source
        self.range = range
        self.storage = storage
        self.rootParent = rootParent
        self.conditionalDepth = conditionalDepth
        self.cursor = range.lowerBound
    }

    package static func from(_ userData: UnsafeMutableRawPointer?) -> DocumentBuilder {
        Unmanaged<DocumentBuilder>.fromOpaque(userData!).takeUnretainedValue()
    }

    /// The parser's position as an offset into `source`.
    private var position: Int {
        guard let input = context?.pointee.input?.pointee, let cur = input.cur, let base = input.base else {
            return cursor
        }
        let offset = range.lowerBound + Int(input.consumed) + (cur - base)
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

    /// Elements whose text readers never see.
    private static func hidesText(_ name: String) -> Bool {
        switch name {
        case "script", "style", "title", "head", "template": return true
        default: return false
        }
    }

    package func startElement(_ namePointer: UnsafePointer<xmlChar>?, _ attributePointers: UnsafeMutablePointer<UnsafePointer<xmlChar>?>?) {
        guard let namePointer else { return }
        let name = self.name(namePointer)
        let end = position
        var startTag: Range<Int>?
        if let found = tagStart(named: name, in: sinceCursor(to: end)) {
            let tagEnd = end < source.bytes.count && source.bytes[end] == UInt8(ascii: ">") ? end + 1 : end
            startTag = found..<tagEnd
            cursor = tagEnd
        }
        let hidesText = Self.hidesText(name)
        if hidesText { hiddenTextDepth += 1 }
        if startTag == nil && conditionalDepth > 0 {
            openElements.append((nil, hidesText))
            return
        }
        if storage.elements.count >= HTMLParser.maximumElements {
            storage.limitsReached.insert(.elements)
            openElements.append((nil, hidesText))
            return
        }
        var attributes: [HTMLAttribute] = []
        if var pointer = attributePointers {
            while let attributeName = pointer.pointee {
                let value = pointer.advanced(by: 1).pointee.map { String(cString: $0) }
                attributes.append(HTMLAttribute(name: self.name(attributeName), value: value))
                pointer = pointer.advanced(by: 2)
            }
        }
        let index = storage.elements.count
        storage.textStarts.append(storage.texts.count)
        storage.textEnds.append(-1)
        storage.elements.append(HTMLElement(
            index: index, name: name, attributes: attributes, parent: currentParent,
            startTag: startTag, inConditionalComment: conditionalDepth > 0))
        // Past the nesting limit, elements are kept (their links still count) but become siblings.
        if openElements.count >= HTMLParser.maximumElementDepth {
            storage.limitsReached.insert(.nesting)
            openElements.append((nil, hidesText))
        } else {
            openElements.append((index, hidesText))
        }
    }

    package func endElement() {
        guard let last = openElements.popLast() else { return }
        if let index = last.index { storage.textEnds[index] = storage.texts.count }
        if last.hidesText { hiddenTextDepth = max(0, hiddenTextDepth - 1) }
    }

    package func characters(_ characters: UnsafePointer<xmlChar>?, _ length: Int) {
        let end = position
        let textRange = min(cursor, end)..<end
        cursor = max(cursor, end)
        guard let characters, length > 0 else { return }
        guard storage.texts.count + storage.spaces.count < HTMLParser.maximumTexts else {
            storage.limitsReached.insert(.texts)
            return
        }
        let buffer = UnsafeBufferPointer(start: characters, count: length)
        if buffer.allSatisfy({ StartTagScanner.isSpace($0) }) {
            storage.spaces.append(HTMLSpace(parent: currentParent, textIndex: storage.texts.count,
                                            elementCount: storage.elements.count, hasNewline: buffer.contains(0x0A)))
            return
        }
        storage.texts.append(HTMLText(
            text: String(decoding: buffer, as: UTF8.self), parent: currentParent,
            sourceRange: textRange, isHidden: hiddenTextDepth > 0))
    }

    package func comment(_ valuePointer: UnsafePointer<xmlChar>?) {
        let end = position
        let text = valuePointer.map { String(cString: $0) } ?? ""
        var contentRange: Range<Int>?
        if let open = source.firstOffset(of: Self.commentOpen, in: sinceCursor(to: end)) {
            let contentStart = open + 4
            let contentEnd = contentStart + text.utf8.count
            if contentEnd <= source.bytes.count, source.bytes.withUnsafeBufferPointer({ bytes in
                var text = text
                return text.withUTF8 { Self.startsWith(bytes.baseAddress! + contentStart, $0) }
            }) {
                contentRange = contentStart..<contentEnd
            }
        }
        cursor = max(cursor, end)
        storage.comments.append(HTMLComment(text: text, contentRange: contentRange, parent: currentParent))
        if let contentRange, conditionalDepth < HTMLParser.maximumConditionalDepth,
           let inner = ConditionalComment.innerRange(of: source.bytes, content: contentRange) {
            let parent = currentParent
            HTMLParser.parseRange(inner, of: source, into: storage, parent: parent,
                                  conditionalDepth: conditionalDepth + 1)
        }
    }

    /// Whether the bytes at `pointer` begin with `prefix`, compared with memcmp.
    private static func startsWith(_ pointer: UnsafePointer<UInt8>, _ prefix: UnsafeBufferPointer<UInt8>) -> Bool {
        guard let base = prefix.baseAddress, !prefix.isEmpty else { return true }
        return memcmp(pointer, base, prefix.count) == 0
    }

    /// Where `<name` (ASCII-case-insensitive, followed by a non-name byte) first stands in `range`.
    private func tagStart(named name: String, in range: Range<Int>) -> Int? {
        let nameBytes = name.utf8
        return source.bytes.withUnsafeBufferPointer { bytes -> Int? in
            var index = range.lowerBound
            while index < range.upperBound {
                if bytes[index] == UInt8(ascii: "<") {
                    var position = index + 1
                    var matched = true
                    for expected in nameBytes {
                        if position >= bytes.count || asciiLower(bytes[position]) != expected { matched = false; break }
                        position += 1
                    }
                    if matched && (position >= bytes.count || !StartTagScanner.isNameByte(bytes[position])) { return index }
                }
                index += 1
            }
            return nil
        }
    }

    /// A tag or attribute name, lower-cased (libxml2 already lower-cases HTML names; only copy
    /// when it did not). libxml2 hands out names from its dictionary, one pointer per name, so
    /// each becomes a `String` once per parse; the bytes are compared too, as a pointer could
    /// also be a buffer freed and reused.
    private func name(_ pointer: UnsafePointer<xmlChar>) -> String {
        if var known = names[pointer],
           known.withUTF8({ $0.count == Int(xmlStrlen(pointer)) && Self.startsWith(pointer, $0) }) {
            return known
        }
        let name = String(cString: pointer)
        let lowered = name.utf8.contains(where: { $0 >= 0x41 && $0 <= 0x5A }) ? name.lowercased() : name
        names[pointer] = lowered
        return lowered
    }
}

/// Outlook conditional comments: `<!--[if mso]> markup <![endif]-->`. Their markup is parsed as HTML
/// too, because Outlook renders it (VML buttons with their own links live there).
package enum ConditionalComment {
    /// The range of the markup between `[if ...]>` and `<![endif]`, or nil for other comments.
    package static func innerRange(of bytes: [UInt8], content: Range<Int>) -> Range<Int>? {
        var start = content.lowerBound
        while start < content.upperBound, StartTagScanner.isSpace(bytes[start]) { start += 1 }
        guard content.upperBound - start >= 4,
              bytes[start] == UInt8(ascii: "["),
              asciiLower(bytes[start + 1]) == UInt8(ascii: "i"),
              asciiLower(bytes[start + 2]) == UInt8(ascii: "f"),
              let close = firstIndex(of: Array("]>".utf8), in: bytes, range: start..<content.upperBound)
        else { return nil }
        let innerStart = close + 2
        var innerEnd = content.upperBound
        if let endif = lastIndex(of: Array("<![endif]".utf8), in: bytes, range: innerStart..<content.upperBound) {
            innerEnd = endif
        }
        guard innerEnd > innerStart else { return nil }
        return innerStart..<innerEnd
    }

    private static func firstIndex(of needle: [UInt8], in bytes: [UInt8], range: Range<Int>) -> Int? {
        guard range.count >= needle.count else { return nil }
        for index in range.lowerBound...(range.upperBound - needle.count)
        where bytes[index..<index + needle.count].elementsEqual(needle) { return index }
        return nil
    }

    private static func lastIndex(of needle: [UInt8], in bytes: [UInt8], range: Range<Int>) -> Int? {
        guard range.count >= needle.count else { return nil }
        for index in stride(from: range.upperBound - needle.count, through: range.lowerBound, by: -1)
        where bytes[index..<index + needle.count].elementsEqual(needle) { return index }
        return nil
    }
}
