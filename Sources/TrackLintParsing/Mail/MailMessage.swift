/// What is wrong with a message's structure, found while parsing it; rules TL103, TL104 and TL106
/// report these.
public struct MailProblem: Sendable, Hashable {
    public enum Kind: Sendable, Hashable {
        case malformed, charset, limit
        /// A limit that left bytes of the message unread.
        case unread
    }

    public let kind: Kind
    /// One line: what is wrong and what was done about it.
    public let message: String
    public let evidence: String
    public let part: String?
    public let header: String?
    /// 1-based file line.
    public let line: Int
}

/// One MIME entity. Ranges are byte offsets into the message's `source`.
public final class MIMEPart: Sendable {
    /// `1`, `2.1`, ...; empty for the root of a multipart message.
    public let path: String
    public let headers: HeaderFields
    public let contentType: ContentType
    public let transferEncoding: TransferEncoding
    /// Where the body is, and the file line it starts on.
    public let bodyRange: Range<Int>
    public let bodyStartLine: Int
    /// The file line of the part's first header (its body's line when it has none).
    public let headerLine: Int
    public let children: [MIMEPart]
    /// For `message/rfc822` parts: the enclosed message.
    public let enclosed: MailMessage?

    package init(path: String, headers: HeaderFields, contentType: ContentType, transferEncoding: TransferEncoding,
         bodyRange: Range<Int>, bodyStartLine: Int, headerLine: Int, children: [MIMEPart], enclosed: MailMessage?) {
        self.path = path
        self.headers = headers
        self.contentType = contentType
        self.transferEncoding = transferEncoding
        self.bodyRange = bodyRange
        self.bodyStartLine = bodyStartLine
        self.headerLine = headerLine
        self.children = children
        self.enclosed = enclosed
    }

    /// The part and every part inside it, depth first, not entering enclosed messages.
    public var allParts: [MIMEPart] { [self] + children.flatMap(\.allParts) }

    public var isAttachment: Bool {
        headers["Content-Disposition"]?.value.lowercased().hasPrefix("attachment") == true
    }
}

/// A parsed message: its headers, MIME tree and the problems met on the way.
public final class MailMessage: Sendable {
    public let source: SourceText
    public let headers: HeaderFields
    public let root: MIMEPart
    public let problems: [MailProblem]
    /// Whether the bytes came from an mbox, where `>From ` lines are escaped.
    public let isMboxMember: Bool
    private let decodedBodies = PartCache<(bytes: [UInt8], wellFormed: Bool)>()
    private let texts = PartCache<(utf8: [UInt8], charset: String?, unknownCharset: Bool, invalid: Bool)>()

    package init(source: SourceText, headers: HeaderFields, root: MIMEPart, problems: [MailProblem], isMboxMember: Bool) {
        self.source = source
        self.headers = headers
        self.root = root
        self.problems = problems
        self.isMboxMember = isMboxMember
        subject = headers["Subject"]?.decodedValue
        // Listed once: the rules and the linter ask for them many times.
        let parts = root.allParts
        self.parts = parts
        htmlParts = Self.contentParts("text/html", of: parts)
        textParts = Self.contentParts("text/plain", of: parts)
    }

    /// The decoded `Subject`, decoded once: the rules, the result and the answer each read it.
    public let subject: String?

    /// Parts of this message (not of enclosed messages), depth first.
    public let parts: [MIMEPart]

    /// `text/html` parts that are content (not attachments).
    public let htmlParts: [MIMEPart]

    /// `text/plain` parts that are content (not attachments).
    public let textParts: [MIMEPart]

    private static func contentParts(_ mimeType: String, of parts: [MIMEPart]) -> [MIMEPart] {
        parts.filter { $0.contentType.mimeType == mimeType && !$0.isAttachment }
    }

    /// Messages enclosed in `message/rfc822` parts, at any depth.
    public var enclosedMessages: [MailMessage] {
        parts.compactMap(\.enclosed).flatMap { [$0] + $0.enclosedMessages }
    }

    /// A part's body with its transfer encoding undone (and mbox `>From ` escaping removed).
    public func decodedBody(of part: MIMEPart) -> (bytes: [UInt8], wellFormed: Bool) {
        // Only text is read more than once; an attachment is decoded once and not kept.
        guard part.contentType.mimeType.hasPrefix("text/") else { return decode(part) }
        return decodedBodies.value(of: part) { decode(part) }
    }

    /// Whether the part's transfer encoding decodes cleanly (TL103), without decoding an
    /// attachment only to find out.
    public func bodyIsWellFormed(_ part: MIMEPart) -> Bool {
        guard part.transferEncoding == .base64 else { return true }
        if part.contentType.mimeType.hasPrefix("text/") { return decodedBody(of: part).wellFormed }
        return TransferDecoding.base64IsWellFormed(source.bytes[part.bodyRange])
    }

    private func decode(_ part: MIMEPart) -> (bytes: [UInt8], wellFormed: Bool) {
        let raw = source.bytes[part.bodyRange]
        switch part.transferEncoding {
        case .base64: return TransferDecoding.base64(raw)
        case .quotedPrintable: return (TransferDecoding.quotedPrintable(raw), true)
        case .sevenBit, .eightBit, .binary:
            return (isMboxMember ? Mbox.unescapeFromLines(raw) : Array(raw), true)
        }
    }

    /// A text part's content as UTF-8, from its declared charset; `charset` nil when none was
    /// declared (the content's own declaration, or UTF-8, applies then).
    public func text(of part: MIMEPart) -> (utf8: [UInt8], charset: String?, unknownCharset: Bool, invalid: Bool) {
        texts.value(of: part) { decodeText(of: part) }
    }

    private func decodeText(of part: MIMEPart) -> (utf8: [UInt8], charset: String?, unknownCharset: Bool, invalid: Bool) {
        let body = decodedBody(of: part).bytes
        guard let charset = part.contentType.charset else {
            let (utf8, invalid) = CharsetDecoder.repairUTF8(body)
            return (utf8, nil, false, invalid)
        }
        if let (utf8, invalid) = CharsetDecoder.utf8(from: body, charset: charset) {
            return (utf8, charset.lowercased(), false, invalid)
        }
        let (utf8, invalid) = CharsetDecoder.repairUTF8(body)
        return (utf8, charset.lowercased(), true, invalid)
    }
}
