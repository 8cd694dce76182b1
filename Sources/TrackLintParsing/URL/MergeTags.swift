/// Placeholder syntax of the template languages email platforms use. In a template they are
/// expected; in a sent message they mean the platform did not substitute them (TL315, TL401).
public enum MergeTagDialect: String, Sendable, CaseIterable {
    case mailchimp          // *|FNAME|*
    case handlebars         // {{name}}, {{{unsubscribe}}}
    case liquidTag          // {% unsubscribe %}
    case salesforce         // %%unsub_center_url%%, %%=RedirectTo(@x)=%%
    case sendgridLegacy     // <%asm_group_unsubscribe_raw_url%>
    case doubleBracket      // [[UNSUB_LINK_EN]]
    case dollarBrace        // ${lead.FirstName}
    case singleBrace        // {unsubscribe_url}, {contactfield=firstname}, {UNSUBSCRIBE}
    case percent            // %recipient.name%, %unsubscribe_url%, %UNSUBSCRIBELINK%
    case pipe               // |URL| (Mautic, inside its configured unsubscribe text)
    case singleBracket      // [Unsubscribe], [Product Name]
}

/// One placeholder found in a string: where it is (UTF-8 offsets) and its name as written inside.
public struct MergeTagSpan: Sendable, Hashable {
    public let range: Range<Int>
    public let dialect: MergeTagDialect
    public let text: String
    /// The inside, trimmed: `unsubscribe_url` for `{{ unsubscribe_url }}`.
    public let name: String
}

public enum MergeTags {
    /// Longest placeholder considered; longer bracketed text is not a merge tag.
    package static let maximumLength = 256

    private struct Delimiters {
        let open: [UInt8]
        let close: [UInt8]
        let dialect: MergeTagDialect
        /// When set, the inside must be an identifier-like name (no free text).
        let identifierOnly: Bool
    }

    // Longer openers first, so that `{{{` wins over `{{` and `{{` over `{`.
    private static let delimiters: [Delimiters] = [
        Delimiters(open: Array("*|".utf8), close: Array("|*".utf8), dialect: .mailchimp, identifierOnly: false),
        Delimiters(open: Array("{{{".utf8), close: Array("}}}".utf8), dialect: .handlebars, identifierOnly: false),
        Delimiters(open: Array("{{".utf8), close: Array("}}".utf8), dialect: .handlebars, identifierOnly: false),
        Delimiters(open: Array("{%".utf8), close: Array("%}".utf8), dialect: .liquidTag, identifierOnly: false),
        Delimiters(open: Array("%%".utf8), close: Array("%%".utf8), dialect: .salesforce, identifierOnly: false),
        Delimiters(open: Array("<%".utf8), close: Array("%>".utf8), dialect: .sendgridLegacy, identifierOnly: false),
        Delimiters(open: Array("[[".utf8), close: Array("]]".utf8), dialect: .doubleBracket, identifierOnly: false),
        Delimiters(open: Array("${".utf8), close: Array("}".utf8), dialect: .dollarBrace, identifierOnly: false),
        Delimiters(open: Array("{".utf8), close: Array("}".utf8), dialect: .singleBrace, identifierOnly: true),
        Delimiters(open: Array("%".utf8), close: Array("%".utf8), dialect: .percent, identifierOnly: true),
        Delimiters(open: Array("|".utf8), close: Array("|".utf8), dialect: .pipe, identifierOnly: true),
        Delimiters(open: Array("[".utf8), close: Array("]".utf8), dialect: .singleBracket, identifierOnly: true),
    ]

    /// Every placeholder in `text`, left to right, not overlapping.
    public static func spans(in text: String) -> [MergeTagSpan] {
        // Most URLs and texts hold no delimiter at all: answer without copying them.
        var contiguous = text
        guard contiguous.withUTF8({ $0.contains(where: isOpener) }) else { return [] }
        let bytes = Array(text.utf8)
        var closers = CloserIndex()
        var spans: [MergeTagSpan] = []
        var index = 0
        while index < bytes.count {
            guard isOpener(bytes[index]) else { index += 1; continue }
            if let span = span(in: bytes, at: index, closers: &closers) {
                spans.append(span)
                index = span.range.upperBound
            } else {
                index += 1
            }
        }
        return spans
    }

    /// Remembers, per closing delimiter, the next place it occurs: openers are tried left to right,
    /// so each closer is searched for once over the text, not once per opener (`{{{{{{...` would
    /// otherwise cost the text's length times the span limit).
    private struct CloserIndex {
        /// (closer, where it next occurs or the text's length); a handful of entries at most.
        private var next: [(closer: [UInt8], at: Int)] = []

        mutating func first(_ closer: [UInt8], atOrAfter start: Int, in bytes: [UInt8]) -> Int? {
            let slot = next.firstIndex { $0.closer == closer }
            if let slot, next[slot].at >= start { return next[slot].at < bytes.count ? next[slot].at : nil }
            let found = bytes.firstOffset(of: closer, in: start..<bytes.count) ?? bytes.count
            if let slot { next[slot].at = found } else { next.append((closer, found)) }
            return found < bytes.count ? found : nil
        }
    }

    /// The first byte of every dialect's opening delimiter.
    private static func isOpener(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "*"), UInt8(ascii: "{"), UInt8(ascii: "%"), UInt8(ascii: "<"), UInt8(ascii: "["),
             UInt8(ascii: "$"), UInt8(ascii: "|"):
            return true
        default:
            return false
        }
    }

    private static func span(in bytes: [UInt8], at start: Int, closers: inout CloserIndex) -> MergeTagSpan? {
        for delimiter in delimiters where hasPrefix(bytes, delimiter.open, at: start) {
            let innerStart = start + delimiter.open.count
            let close: Int
            if delimiter.identifierOnly {
                // The inside must be a name: stop at the first byte that cannot be part of one.
                var index = innerStart
                while index < bytes.count, index - start < maximumLength, !hasPrefix(bytes, delimiter.close, at: index),
                      isIdentifierByte(bytes[index], dialect: delimiter.dialect) {
                    index += 1
                }
                guard hasPrefix(bytes, delimiter.close, at: index) else { continue }
                close = index
            } else {
                guard let found = closers.first(delimiter.close, atOrAfter: innerStart, in: bytes) else { continue }
                close = found
            }
            let end = close + delimiter.close.count
            guard end - start <= maximumLength else { continue }
            let inner = String(decoding: bytes[innerStart..<close], as: UTF8.self)
            let name = inner.trimmingASCIISpaces()
            guard isAcceptable(name: name, dialect: delimiter.dialect) else { continue }
            return MergeTagSpan(range: start..<end, dialect: delimiter.dialect,
                                text: String(decoding: bytes[start..<end], as: UTF8.self), name: name)
        }
        return nil
    }

    private static func isAcceptable(name: String, dialect: MergeTagDialect) -> Bool {
        guard let first = name.utf8.first else { return false }
        let startsWithLetter = (first | 0x20) >= UInt8(ascii: "a") && (first | 0x20) <= UInt8(ascii: "z") || first == UInt8(ascii: "_")
        switch dialect {
        case .percent:
            // `%E2%80%99` is percent-encoding, not a tag: tag names are at least three characters.
            return startsWithLetter && name.utf8.count >= 3
        case .pipe:
            // Mautic's placeholders are upper-case words: |URL|, |EMAIL|, |FROM_NAME|.
            return name.utf8.allSatisfy { ($0 >= UInt8(ascii: "A") && $0 <= UInt8(ascii: "Z")) || $0 == UInt8(ascii: "_") }
        case .singleBrace, .singleBracket:
            return startsWithLetter
        default:
            return true
        }
    }

    private static func isIdentifierByte(_ byte: UInt8, dialect: MergeTagDialect) -> Bool {
        switch byte {
        case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"),
             UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "_"), UInt8(ascii: "."), UInt8(ascii: "-"):
            return true
        case UInt8(ascii: "="), UInt8(ascii: ":"):
            return dialect == .singleBrace
        case UInt8(ascii: " "):
            return dialect == .singleBracket
        default:
            return false
        }
    }

    @inline(__always)
    private static func hasPrefix(_ bytes: [UInt8], _ prefix: [UInt8], at index: Int) -> Bool {
        guard index + prefix.count <= bytes.count else { return false }
        for k in 0..<prefix.count where bytes[index + k] != prefix[k] { return false }
        return true
    }
}
