import TrackLintParsing
import TrackLintPlatforms

/// Anchors that are not well formed (CATALOGUE.md TL321). libxml2 repairs them without a word, so
/// they are read from what it kept: the href value it returned, the attributes, and the start and
/// end tags as written.
public enum AnchorMarkup {
    /// Names authors write for `href` that are not one edit away from it (`hre`, `herf`, `hef`,
    /// `ref` are, and count as well).
    package static let hrefMistakes: Set<String> = ["url", "link"]

    /// The UTF-8 offset in the href where its closing quote is missing: the first `>` outside merge
    /// tags that is followed by more markup or text (`https://x.example/a>Click here</a>`). A URL
    /// never holds a raw `>`; SendGrid's `<%...%>` tags are skipped.
    public static func missingQuoteOffset(in value: String) -> Int? {
        // Asked of every link, nearly none of which holds a `>`: found with memchr, in place.
        guard value.withUTF8InPlace({ $0.firstIndex(of: UInt8(ascii: ">"), from: 0, to: $0.count) != nil }) else { return nil }
        let bytes = Array(value.utf8)
        var spans = MergeTags.spans(in: value)[...]
        for (offset, byte) in bytes.enumerated() where byte == UInt8(ascii: ">") {
            while let span = spans.first, span.range.upperBound <= offset { spans = spans.dropFirst() }
            if spans.first?.range.contains(offset) == true { continue }
            let rest = bytes[(offset + 1)...]
            if rest.contains(where: { $0 == UInt8(ascii: "<") || StartTagScanner.isSpace($0) }) { return offset }
        }
        return nil
    }

    /// A URL written in an `<a>` without `href` under a misspelled name: where the name is, what
    /// to write there instead, and the URL as written.
    public struct MisspelledHref: Sendable {
        public let written: String
        public let url: String
        /// The bytes to replace (the name, or the name fused with the value: `hre"https://..."`).
        public let nameRange: Range<Int>
        public let replacement: String
        public let urlOffset: Int
    }

    /// The misspelled href of an `<a>` without `href`: `hre="..."`, `herf="..."`, `url="..."`, or a
    /// name run into its value without `=` (`hre"https://..."`), read from the tag as written.
    public static func misspelledHref(of element: HTMLElement, in document: HTMLDocument) -> MisspelledHref? {
        guard element.name.isName("a"), !element.hasAttribute("href"), let tagRange = element.startTag,
              let tag = StartTagScanner.scan(document.source.bytes, at: tagRange.lowerBound, limit: tagRange.upperBound + 1)
        else { return nil }
        let source = document.source
        for attribute in tag.attributes {
            let name = source.string(attribute.nameRange)
            let quote = name.firstIndex { $0 == "\"" || $0 == "'" }
            let word = String(name[..<(quote ?? name.endIndex)]).lowercased()
            guard hrefMistakes.contains(word) || isOneEditFromHref(word) else { continue }
            let misspelled: MisspelledHref
            if quote != nil {
                // `hre"https://x"`: the value is fused to the name; the fix adds the `=`.
                let wordEnd = attribute.nameRange.lowerBound + word.utf8.count
                let urlStart = wordEnd + 1
                let quoteByte = source.bytes[wordEnd]
                let close = source.firstOffset(of: [quoteByte], in: urlStart..<min(tagRange.upperBound, source.bytes.count))
                    ?? tagRange.upperBound - 1
                guard close > urlStart else { continue }
                let url = source.string(urlStart..<close)
                misspelled = MisspelledHref(written: source.string(attribute.nameRange.lowerBound..<min(close + 1, tagRange.upperBound)),
                                            url: url, nameRange: attribute.nameRange.lowerBound..<wordEnd, replacement: "href=",
                                            urlOffset: urlStart)
            } else if let valueRange = attribute.valueRange {
                misspelled = MisspelledHref(written: name, url: source.string(valueRange).trimmingASCIISpaces(), nameRange: attribute.nameRange,
                                            replacement: "href", urlOffset: valueRange.lowerBound)
            } else { continue }
            if looksLikeURL(misspelled.url) { return misspelled }
        }
        return nil
    }

    private static func looksLikeURL(_ value: String) -> Bool {
        let url = URLReference(value)
        return (url.kind == .absolute && (url.isWeb || url.scheme == "mailto")) || value.lowercased().hasPrefix("www.")
            || url.kind == .mergeTagOnly
    }

    /// Written `<a href>` start tags followed by another `<a href>` before any `</a>`: libxml2 closes
    /// the first where the second starts, so the two links are one inside the other as written.
    public static func unclosedAnchors(in document: HTMLDocument) -> [(outer: HTMLElement, inner: HTMLElement)] {
        // By index: filtered and sorted copies of the elements retained each one's strings.
        let elements = document.elements
        let anchors = elements.indices.filter { elements[$0].name.isName("a") && elements[$0].startTag != nil }
        var pairs: [(HTMLElement, HTMLElement)] = []
        for inConditional in [false, true] {
            let written = anchors.filter { elements[$0].inConditionalComment == inConditional }
                .sorted { elements[$0].startTag!.lowerBound < elements[$1].startTag!.lowerBound }
            for (outer, inner) in zip(written, written.dropFirst()) {
                guard let href = elements[outer].attribute("href"), missingQuoteOffset(in: href) == nil, elements[inner].hasAttribute("href"),
                      !hasEndTag(in: document.source, from: elements[outer].startTag!.upperBound, to: elements[inner].startTag!.lowerBound)
                else { continue }
                pairs.append((elements[outer], elements[inner]))
            }
        }
        return pairs
    }

    private static let endTag = Array("</a".utf8)

    /// Whether `</a>` (or `</a ...>`) is written in the range.
    private static func hasEndTag(in source: SourceText, from start: Int, to end: Int) -> Bool {
        var from = start
        while from < end, let found = source.firstOffset(of: endTag, in: from..<end, caseInsensitive: true) {
            let next = found + endTag.count
            if next >= end || source.bytes[next] == UInt8(ascii: ">") || StartTagScanner.isSpace(source.bytes[next]) { return true }
            from = next
        }
        return false
    }

    /// One insertion, deletion, substitution or swap of neighbours away from `href` (`hrf`, `hreff`, `hfer`).
    private static func isOneEditFromHref(_ name: String) -> Bool {
        let a = Array(name.utf8)
        let b = Array("href".utf8)
        guard abs(a.count - b.count) <= 1, a != b else { return false }
        if a.count == b.count {
            let differences = a.indices.filter { a[$0] != b[$0] }
            if differences.count == 1 { return true }
            return differences.count == 2 && differences[1] == differences[0] + 1
                && a[differences[0]] == b[differences[1]] && a[differences[1]] == b[differences[0]]
        }
        let (short, long) = a.count < b.count ? (a, b) : (b, a)
        return long.indices.contains { skip in Array(long[..<skip] + long[(skip + 1)...]) == short }
    }
}
