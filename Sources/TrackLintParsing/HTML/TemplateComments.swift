/// Comments of template languages: the engine drops them before a message is sent, so markup inside
/// (a commented-out link, an old footer) is not part of the email. Before a template file is parsed
/// they are blanked: every scalar becomes one blank scalar of the same byte length (ASCII a space,
/// longer ones U+00A0, U+2000 or U+E0020) and line breaks stay, so offsets, lines and columns hold.
///
/// Read: Jinja, Twig, Nunjucks and Django `{# ... #}`; Handlebars and Mustache `{{! ... }}` and
/// `{{!-- ... --}}` (with `~`); Liquid and Django `{% comment %} ... {% endcomment %}` (with `-`);
/// Go templates (listmonk) `{{/* ... */}}` (with `-`). A comment without its end is left alone, and
/// so is one inside a quoted attribute value (`href="{# old #}https://..."`): spaces there would
/// make a malformed URL, while the URL reader takes the comment for the template tag it is.
package enum TemplateComments {
    /// The ranges of `bytes` (valid UTF-8) that are template comments, in order.
    package static func ranges(in bytes: UnsafeBufferPointer<UInt8>) -> [Range<Int>] {
        var ranges: [Range<Int>] = []
        var index = 0
        // Past the last `#}` (or `*/`, ...) no opener of that kind can close: remembered so that a
        // flood of unclosed openers costs one search, not one each.
        var unclosed: Set<Syntax> = []
        var markup = Markup()
        while let open = bytes.firstIndex(of: UInt8(ascii: "{"), from: index, to: bytes.count) {
            index = open + 1
            guard let (syntax, bodyStart) = opener(in: bytes, at: open), !unclosed.contains(syntax) else { continue }
            guard let end = closerEnd(of: syntax, in: bytes, from: bodyStart) else {
                unclosed.insert(syntax)
                continue
            }
            let start = commentStart(syntax, open, end, in: bytes)
            markup.read(bytes, upTo: start)
            if !markup.isInQuotedValue { ranges.append(start..<end) }
            // The comment is gone from the markup, or (in a value) a tag of the value: either way
            // it changes nothing around it.
            markup.skip(to: end)
            index = end
        }
        return ranges
    }

    /// Where the bytes read so far leave the markup: inside a start tag, and inside a quoted value
    /// there. Read only up to comments found, each byte once.
    private struct Markup {
        private var position = 0
        private var inTag = false
        private var quote: UInt8?

        var isInQuotedValue: Bool { quote != nil }

        mutating func read(_ bytes: UnsafeBufferPointer<UInt8>, upTo end: Int) {
            while position < end {
                let byte = bytes[position]
                if let open = quote {
                    if byte == open { quote = nil }
                } else if inTag {
                    if byte == UInt8(ascii: ">") { inTag = false }
                    else if byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "'") { quote = byte }
                } else if byte == UInt8(ascii: "<"), position + 1 < bytes.count, isASCIILetter(bytes[position + 1]) {
                    inTag = true
                }
                position += 1
            }
        }

        mutating func skip(to end: Int) { position = max(position, end) }
    }

    /// Blanks each range in place (see the type's comment).
    package static func blank(_ ranges: [Range<Int>], in bytes: inout [UInt8]) {
        bytes.withUnsafeMutableBufferPointer { buffer in
            for range in ranges {
                var index = range.lowerBound
                while index < range.upperBound {
                    let length = scalarLength(buffer[index])
                    let blank = blanks[min(length, 4) - 1]
                    if length == 1 {
                        if buffer[index] != 0x0A && buffer[index] != 0x0D { buffer[index] = 0x20 }
                    } else {
                        for offset in 0..<min(length, range.upperBound - index) { buffer[index + offset] = blank[offset] }
                    }
                    index += length
                }
            }
        }
    }

    /// How far a Liquid tag's `%}` is looked for past its name.
    private static let maximumTagLength = 256

    private enum Syntax: Hashable {
        case jinja, mustache, mustacheLong, liquid, go
    }

    /// One blank scalar of each UTF-8 length: a space, U+00A0, U+2000, U+E0020 (tag space).
    private static let blanks: [[UInt8]] = [[0x20], [0xC2, 0xA0], [0xE2, 0x80, 0x80], [0xF3, 0xA0, 0x80, 0xA0]]

    private static func scalarLength(_ lead: UInt8) -> Int {
        lead < 0xC0 ? 1 : lead < 0xE0 ? 2 : lead < 0xF0 ? 3 : 4
    }

    /// The comment syntax opening at `open` (a `{`), and where its body starts.
    private static func opener(in bytes: UnsafeBufferPointer<UInt8>, at open: Int) -> (Syntax, Int)? {
        func byte(_ offset: Int) -> UInt8? { open + offset < bytes.count ? bytes[open + offset] : nil }
        switch byte(1) {
        case UInt8(ascii: "#"):
            // `{{#each}}` is a Handlebars block, not a comment.
            return open > 0 && bytes[open - 1] == UInt8(ascii: "{") ? nil : (.jinja, open + 2)
        case UInt8(ascii: "{"):
            var next = open + 2
            if next < bytes.count, bytes[next] == UInt8(ascii: "~") || bytes[next] == UInt8(ascii: "-") { next += 1 }
            if next < bytes.count, bytes[next] == UInt8(ascii: "!") {
                return bytes.hasBytes("--", at: next + 1) ? (.mustacheLong, next + 3) : (.mustache, next + 1)
            }
            while next < bytes.count, bytes[next] == UInt8(ascii: " ") { next += 1 }
            return bytes.hasBytes("/*", at: next) ? (.go, next + 2) : nil
        case UInt8(ascii: "%"):
            return liquidTag(named: "comment", in: bytes, at: open).map { (.liquid, $0) }
        default:
            return nil
        }
    }

    /// Where the comment that opens before `bodyStart` ends (past its closer), or nil without one.
    private static func closerEnd(of syntax: Syntax, in bytes: UnsafeBufferPointer<UInt8>, from bodyStart: Int) -> Int? {
        switch syntax {
        case .jinja:
            return bytes.firstOffset(of: jinjaClose, in: bodyStart..<bytes.count).map { $0 + 2 }
        case .mustache:
            return bytes.firstOffset(of: mustacheClose, in: bodyStart..<bytes.count).map { $0 + 2 }
        case .mustacheLong:
            // `--}}` or `--~}}`.
            return braceCloserEnd(after: dashPair, in: bytes, from: bodyStart) { next in
                if next < bytes.count, bytes[next] == UInt8(ascii: "~") { next += 1 }
            }
        case .go:
            // `*/}}` or `*/ -}}`.
            return braceCloserEnd(after: goClose, in: bytes, from: bodyStart) { next in
                while next < bytes.count, bytes[next] == UInt8(ascii: " ") { next += 1 }
                if next < bytes.count, bytes[next] == UInt8(ascii: "-") { next += 1 }
            }
        case .liquid:
            var from = bodyStart
            while let tag = bytes.firstOffset(of: liquidOpen, in: from..<bytes.count) {
                if let end = liquidTag(named: "endcomment", in: bytes, at: tag) { return end }
                from = tag + 2
            }
            return nil
        }
    }

    /// Past the first `marker` that `skip` and then `}}` follow.
    private static func braceCloserEnd(after marker: [UInt8], in bytes: UnsafeBufferPointer<UInt8>, from start: Int,
                                       skip: (inout Int) -> Void) -> Int? {
        var from = start
        while let found = bytes.firstOffset(of: marker, in: from..<bytes.count) {
            var next = found + marker.count
            skip(&next)
            if bytes.hasBytes("}}", at: next) { return next + 2 }
            from = found + 1
        }
        return nil
    }

    /// A Jinja comment starts at the last `{#` before its `#}`: an earlier one is something else
    /// (`@media screen{#body{...}}` in a style sheet), as the engine would not have let it stand.
    private static func commentStart(_ syntax: Syntax, _ open: Int, _ end: Int, in bytes: UnsafeBufferPointer<UInt8>) -> Int {
        guard syntax == .jinja else { return open }
        var start = open
        var from = open + 1
        while let next = bytes.firstOffset(of: jinjaOpen, in: from..<(end - 2)) {
            if bytes[next - 1] != UInt8(ascii: "{") { start = next }
            from = next + 1
        }
        return start
    }

    /// Past `{%` (or `{%-`), white space, `name`, white space and `%}` (or `-%}`) at `open`.
    private static func liquidTag(named name: StaticString, in bytes: UnsafeBufferPointer<UInt8>, at open: Int) -> Int? {
        var index = open + 2
        if index < bytes.count, bytes[index] == UInt8(ascii: "-") { index += 1 }
        while index < bytes.count, StartTagScanner.isSpace(bytes[index]) { index += 1 }
        guard bytes.hasBytes(name, at: index) else { return nil }
        index += name.utf8CodeUnitCount
        guard index < bytes.count, StartTagScanner.isSpace(bytes[index]) || bytes[index] == UInt8(ascii: "%")
                || bytes[index] == UInt8(ascii: "-") else { return nil }
        // `{% comment "why" %}` (Django) may say why; the tag ends at its `%}`, looked for nearby
        // only, so that a flood of unended tags costs little.
        let window = index..<min(bytes.count, index + maximumTagLength)
        return bytes.firstOffset(of: liquidClose, in: window).map { $0 + 2 }
    }

    private static let jinjaOpen = Array("{#".utf8)
    private static let jinjaClose = Array("#}".utf8)
    private static let mustacheClose = Array("}}".utf8)
    private static let dashPair = Array("--".utf8)
    private static let goClose = Array("*/".utf8)
    private static let liquidOpen = Array("{%".utf8)
    private static let liquidClose = Array("%}".utf8)
}
