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

    /// Parses an HTML file's bytes: charset from a BOM, the document's `<meta>`, else UTF-8. A
    /// file may be a template, whose template comments are not markup (`TemplateComments`); a
    /// sent message's part is what clients show, where such a comment is text and the markup
    /// inside is live (`blankingTemplateComments: false`).
    public static func parse(_ bytes: [UInt8], blankingTemplateComments: Bool = true) -> HTMLDocument {
        document(from: CharsetDecoder.decode(bytes), blankingTemplateComments: blankingTemplateComments)
    }

    /// Parses HTML already decoded to valid UTF-8 (a MIME part whose declared charset wins over
    /// any `<meta>` inside it), template comments kept.
    public static func parse(decoded utf8: [UInt8], charset: String, unknownCharset: Bool, hadInvalidBytes: Bool) -> HTMLDocument {
        document(from: DecodedHTML(utf8: utf8, charset: charset, hadInvalidBytes: hadInvalidBytes,
                                   unknownCharset: unknownCharset, isTransformed: true), blankingTemplateComments: false)
    }

    private static func document(from decoded: DecodedHTML, blankingTemplateComments: Bool) -> HTMLDocument {
        var bytes = decoded.utf8
        if blankingTemplateComments {
            let comments = bytes.withUnsafeBufferPointer(TemplateComments.ranges(in:))
            if !comments.isEmpty { TemplateComments.blank(comments, in: &bytes) }
        }
        let floods = bytes.withUnsafeBufferPointer { AttributeFlood.excessRanges(in: $0, range: 0..<$0.count) }
        for flood in floods { bytes.replaceSubrange(flood, with: repeatElement(UInt8(ascii: " "), count: flood.count)) }
        let source = SourceText(bytes: bytes)
        var storage = DocumentStorage(expectedBytes: bytes.count, contexts: ParserContexts.pool.take())
        if !floods.isEmpty { storage.limitsReached.insert(.attributes) }
        source.bytes.withUnsafeBufferPointer { bytes in
            parseRange(0..<bytes.count, of: bytes, into: &storage, parent: nil, conditionalDepth: 0)
        }
        ParserContexts.pool.give(storage.contexts)
        // Elements still open at the end hold every text after their start.
        let textRanges = storage.textBounds.map { bounds in
            bounds.start..<(bounds.end < 0 ? storage.texts.count : max(bounds.start, bounds.end))
        }
        let elements = storage.finishElements()
        return HTMLDocument(parts: HTMLDocument.Parts(
            source: source, elements: elements, texts: storage.texts, comments: storage.comments,
            spaces: storage.spaces,
            textRanges: textRanges,
            limitsReached: storage.limitsReached,
            charset: decoded.charset, hadInvalidBytes: decoded.hadInvalidBytes,
            unknownCharset: decoded.unknownCharset, isTransformed: decoded.isTransformed || !floods.isEmpty))
    }

    /// Parses `range` of the document, appending to `storage` (also reached from the parses of
    /// the conditional comments inside, hence a pointer).
    package static func parseRange(_ range: Range<Int>, of bytes: UnsafeBufferPointer<UInt8>,
                                   into storage: UnsafeMutablePointer<DocumentStorage>, parent: Int?, conditionalDepth: Int) {
        guard !range.isEmpty, range.count < Int(Int32.max) else { return }
        xmlInitParser()
        let start = UnsafeRawPointer(bytes.baseAddress! + range.lowerBound).assumingMemoryBound(to: CChar.self)
        guard let context = storage.pointee.contexts.context(reading: start, count: Int32(range.count), depth: conditionalDepth)
        else { return }
        var builder = DocumentBuilder(bytes: bytes, range: range, storage: storage,
                                      rootParent: parent, conditionalDepth: conditionalDepth)
        var handler = htmlSAXHandler()
        handler.startElement = { userData, name, attributes in
            DocumentBuilder.from(userData).pointee.startElement(name, attributes)
        }
        handler.endElement = { userData, _ in
            DocumentBuilder.from(userData).pointee.endElement()
        }
        handler.characters = { userData, characters, length in
            DocumentBuilder.from(userData).pointee.characters(characters, Int(length))
        }
        handler.ignorableWhitespace = handler.characters
        handler.cdataBlock = handler.characters
        handler.comment = { userData, value in
            DocumentBuilder.from(userData).pointee.comment(value)
        }
        handler.initialized = 1
        withUnsafeMutablePointer(to: &handler) { handlerPointer in
            withUnsafeMutablePointer(to: &builder) { builderPointer in
                let originalHandler = context.pointee.sax
                context.pointee.sax = handlerPointer
                context.pointee.userData = UnsafeMutableRawPointer(builderPointer)
                builderPointer.pointee.context = context
                htmlCtxtUseOptions(context, options)
                xmlSwitchEncoding(context, XML_CHAR_ENCODING_UTF8)
                htmlParseDocument(context)
                builderPointer.pointee.context = nil
                context.pointee.sax = originalHandler
                context.pointee.userData = nil
            }
        }
        if let document = context.pointee.myDoc {
            xmlFreeDoc(document)
            context.pointee.myDoc = nil
        }
    }
}

/// Outlook conditional comments: `<!--[if mso]> markup <![endif]-->`. Their markup is parsed as HTML
/// too, because Outlook renders it (VML buttons with their own links live there).
package enum ConditionalComment {
    /// The range of the markup between `[if ...]>` and `<![endif]`, or nil for other comments.
    package static func innerRange(of bytes: UnsafeBufferPointer<UInt8>, content: Range<Int>) -> Range<Int>? {
        var start = content.lowerBound
        while start < content.upperBound, StartTagScanner.isSpace(bytes[start]) { start += 1 }
        guard content.upperBound - start >= 4,
              bytes[start] == UInt8(ascii: "["),
              asciiLower(bytes[start + 1]) == UInt8(ascii: "i"),
              asciiLower(bytes[start + 2]) == UInt8(ascii: "f"),
              let close = bytes.firstOffset(of: closeBytes, in: start..<content.upperBound)
        else { return nil }
        let innerStart = close + 2
        var innerEnd = content.upperBound
        if let endif = lastIndex(of: endifBytes, in: bytes, range: innerStart..<content.upperBound) {
            innerEnd = endif
        }
        guard innerEnd > innerStart else { return nil }
        return innerStart..<innerEnd
    }

    private static let closeBytes = Array("]>".utf8)
    private static let endifBytes = Array("<![endif]".utf8)

    private static func lastIndex(of needle: [UInt8], in bytes: UnsafeBufferPointer<UInt8>, range: Range<Int>) -> Int? {
        guard range.count >= needle.count else { return nil }
        return needle.withUnsafeBufferPointer { needle in
            stride(from: range.upperBound - needle.count, through: range.lowerBound, by: -1).first { index in
                bytes[index] == needle[0] && memcmp(bytes.baseAddress! + index, needle.baseAddress!, needle.count) == 0
            }
        }
    }
}
