/// Safety limits for reading a message. The defaults never trip on real mail.
public struct MailLimits: Sendable, Hashable {
    /// Largest input read: a file, standard input, or one message of an mbox. The rest is not
    /// read (TL106, an error: what was not read was not checked).
    public var maximumInputBytes = 32 * 1024 * 1024
    /// Deepest nesting of multiparts and enclosed messages.
    public var maximumDepth = 40
    /// Most MIME parts in one message.
    public var maximumParts = 5_000

    public init() {}
}

/// What a read left out because the input went past `MailLimits.maximumInputBytes`.
public struct InputCut: Sendable, Hashable {
    public let readBytes: Int
    /// The input's whole size when it is known (a file's, a message's); nil for a stream that
    /// went on past the limit.
    public let totalBytes: Int?

    /// The cut for `count` bytes held whole: one that was made already, else one at `limit`.
    package static func of(_ count: Int, limit: Int, madeAlready: InputCut?) -> InputCut? {
        madeAlready ?? (count > limit ? InputCut(readBytes: limit, totalBytes: count) : nil)
    }

    /// `what` ("Input", "Message") and what was read of it, for TL106.
    package func message(_ what: String) -> String {
        if let totalBytes { return "\(what) is \(totalBytes) bytes; only the first \(readBytes) were read" }
        return "\(what) is longer than \(readBytes) bytes; only the first \(readBytes) were read"
    }

    package var evidence: String { totalBytes.map { "\($0) bytes" } ?? "longer than \(readBytes) bytes" }
}

/// Reads RFC 5322 messages and their MIME structure (RFC 2045, 2046) from bytes, leniently, noting
/// every departure from the standards as a problem.
package enum MIMEParser {
    /// Shared across a message and the messages it encloses.
    private final class State {
        let source: SourceText
        let limits: MailLimits
        let isMboxMember: Bool
        var problems: [MailProblem] = []
        var partCount = 0
        var reportedPartLimit = false

        init(source: SourceText, limits: MailLimits, isMboxMember: Bool) {
            self.source = source
            self.limits = limits
            self.isMboxMember = isMboxMember
        }

        func line(_ offset: Int) -> Int { source.position(ofOffset: offset).line }

        func problem(_ kind: MailProblem.Kind, _ message: String, evidence: String, part: String?, header: String?, line: Int) {
            problems.append(MailProblem(kind: kind, message: message, evidence: evidence, part: part, header: header, line: line))
        }
    }

    /// Parses the message in `range` of `source`. Junk lines (pasted text) before the headers are
    /// allowed at the top level.
    /// `cut` says what a read before left out of the message.
    package static func parse(_ source: SourceText, range: Range<Int>? = nil, limits: MailLimits = MailLimits(),
                      isMboxMember: Bool = false, cut: InputCut? = nil) -> MailMessage {
        let state = State(source: source, limits: limits, isMboxMember: isMboxMember)
        var range = range ?? 0..<source.bytes.count
        if let cut = InputCut.of(range.count, limit: limits.maximumInputBytes, madeAlready: cut) {
            state.problem(.unread, cut.message("Message"), evidence: cut.evidence, part: nil, header: nil,
                          line: state.line(range.lowerBound))
            range = range.lowerBound..<min(range.upperBound, range.lowerBound + limits.maximumInputBytes)
        }
        if source.bytes[range].starts(with: [0xEF, 0xBB, 0xBF]) { range = (range.lowerBound + 3)..<range.upperBound }
        return message(in: range, prefix: "", depth: 0, allowJunk: InputSniffer.junkLinesAllowed + 2, state: state)
    }

    private static func message(in range: Range<Int>, prefix: String, depth: Int, allowJunk: Int, state: State) -> MailMessage {
        let block = HeaderParser.parse(state.source.bytes, range, lines: state.source, allowJunk: allowJunk)
        let headers = HeaderFields(block.fields)
        if block.missingSeparator && !block.fields.isEmpty {
            state.problem(.malformed, "The header block does not end with a blank line; the body was taken to start at the first line that is not a header",
                          evidence: firstLine(state.source.bytes, from: block.bodyStart, limit: range.upperBound),
                          part: nil, header: nil, line: state.line(block.bodyStart))
        }
        let root = part(headers: headers, body: block.bodyStart..<range.upperBound,
                        headerLine: block.fields.first?.line ?? state.line(range.lowerBound),
                        placement: .messageRoot(prefix: prefix), defaultType: .textPlain, depth: depth, state: state)
        return MailMessage(source: state.source, headers: headers, root: root, problems: depth == 0 ? state.problems : [],
                           isMboxMember: state.isMboxMember)
    }

    /// Where a part sits: the body of a message (numbered from the message's prefix, IMAP style:
    /// a single-part body is `1`, the children of a multipart body are `1`, `2`, ...), or a child
    /// of a multipart with its own path.
    private enum Placement {
        case messageRoot(prefix: String)
        case child(path: String)

        func path(isMultipart: Bool) -> String {
            switch self {
            case .messageRoot(let prefix): return isMultipart ? prefix : (prefix.isEmpty ? "1" : prefix + ".1")
            case .child(let path): return path
            }
        }
    }

    private static func part(headers: HeaderFields, body: Range<Int>, headerLine: Int, placement: Placement,
                             defaultType: ContentType, depth: Int, state: State) -> MIMEPart {
        state.partCount += 1
        var contentType = defaultType
        if let field = headers["Content-Type"] {
            if let parsed = ContentType.parse(field.value) {
                contentType = parsed
            } else {
                state.problem(.malformed, "Content-Type `\(field.value)` cannot be read; the part was read as \(defaultType.mimeType)",
                              evidence: field.value, part: placement.path(isMultipart: false), header: field.name, line: field.line)
            }
        }
        let path = placement.path(isMultipart: contentType.isMultipart)
        var encoding = TransferEncoding.sevenBit
        if let field = headers["Content-Transfer-Encoding"] {
            let (read, isValid) = TransferEncoding.read(field.value)
            encoding = read
            if !isValid {
                state.problem(.malformed, "Content-Transfer-Encoding `\(field.value)` is not valid; the part was decoded as \(read.rawValue)",
                              evidence: field.value, part: path, header: field.name, line: field.line)
            }
        }
        let bodyLine = state.line(body.lowerBound)
        var children: [MIMEPart] = []
        var enclosed: MailMessage?
        let tooDeep = depth >= state.limits.maximumDepth
        if (contentType.isMultipart || contentType.mimeType == "message/rfc822") && tooDeep {
            state.problem(.limit, "MIME nesting is deeper than \(state.limits.maximumDepth) levels; parts below were not read",
                          evidence: contentType.mimeType, part: path, header: nil, line: headerLine)
        } else if contentType.isMultipart {
            children = multipartChildren(of: contentType, headers: headers, body: body, path: path, depth: depth, state: state)
        } else if contentType.mimeType == "message/rfc822" && encoding.isIdentity && !body.isEmpty {
            enclosed = message(in: body, prefix: path, depth: depth + 1, allowJunk: 0, state: state)
        }
        return MIMEPart(path: path, headers: headers,
                        contentType: contentType, transferEncoding: encoding, bodyRange: body, bodyStartLine: bodyLine,
                        headerLine: headerLine, children: children, enclosed: enclosed)
    }

    private static func multipartChildren(of contentType: ContentType, headers: HeaderFields, body: Range<Int>, path: String,
                                          depth: Int, state: State) -> [MIMEPart] {
        let childDefault: ContentType = contentType.subtype == "digest" ? .messageRFC822 : .textPlain
        func childPath(_ number: Int) -> String { path.isEmpty ? String(number) : "\(path).\(number)" }
        let typeField = headers["Content-Type"]
        guard let boundary = contentType.boundary else {
            state.problem(.malformed, "\(contentType.mimeType) has no boundary parameter; the body was read as one text part",
                          evidence: typeField?.value ?? contentType.mimeType, part: path.isEmpty ? nil : path,
                          header: typeField?.name, line: typeField?.line ?? state.line(body.lowerBound))
            return [textPart(body, path: childPath(1), state: state)]
        }
        let split = splitMultipart(state.source.bytes, body: body, boundary: boundary)
        if split.parts.isEmpty {
            state.problem(.malformed, "The boundary `\(boundary)` never occurs in the body; the body was read as one text part",
                          evidence: boundary, part: path.isEmpty ? nil : path, header: typeField?.name,
                          line: typeField?.line ?? state.line(body.lowerBound))
            return [textPart(body, path: childPath(1), state: state)]
        }
        if !split.closed {
            state.problem(.malformed, "The closing boundary `--\(boundary)--` is missing; the last part runs to the end",
                          evidence: "--\(boundary)--", part: path.isEmpty ? nil : path, header: typeField?.name,
                          line: state.line(body.upperBound > body.lowerBound ? body.upperBound - 1 : body.lowerBound))
        }
        var children: [MIMEPart] = []
        for (number, range) in split.parts.enumerated() {
            if state.partCount >= state.limits.maximumParts {
                if !state.reportedPartLimit {
                    state.problem(.limit, "The message has more than \(state.limits.maximumParts) MIME parts; the rest were not read",
                                  evidence: "\(state.limits.maximumParts) parts", part: childPath(number + 1), header: nil,
                                  line: state.line(range.lowerBound))
                    state.reportedPartLimit = true
                }
                break
            }
            let block = HeaderParser.parse(state.source.bytes, range, lines: state.source)
            children.append(part(headers: HeaderFields(block.fields), body: block.bodyStart..<range.upperBound,
                                 headerLine: block.fields.first?.line ?? state.line(range.lowerBound),
                                 placement: .child(path: childPath(number + 1)), defaultType: childDefault,
                                 depth: depth + 1, state: state))
        }
        return children
    }

    private static func textPart(_ body: Range<Int>, path: String, state: State) -> MIMEPart {
        state.partCount += 1
        let line = state.line(body.lowerBound)
        return MIMEPart(path: path, headers: HeaderFields([]), contentType: .textPlain, transferEncoding: .eightBit,
                        bodyRange: body, bodyStartLine: line, headerLine: line, children: [], enclosed: nil)
    }

    /// The byte ranges between `--boundary` lines (RFC 2046 §5.1.1): the line break before a
    /// delimiter belongs to it; trailing white space after a delimiter is allowed.
    package static func splitMultipart(_ bytes: [UInt8], body: Range<Int>, boundary: String) -> (parts: [Range<Int>], closed: Bool) {
        let delimiter = Array(("--" + boundary).utf8)
        var parts: [Range<Int>] = []
        var partStart: Int?
        var index = body.lowerBound
        // The delimiters are found by a byte search, not line by line (a base64 part is thousands
        // of lines); only those at a line start count.
        while let found = bytes.firstOffset(of: delimiter, in: index..<body.upperBound) {
            guard found == body.lowerBound || bytes[found - 1] == 0x0A else {
                index = found + 1
                continue
            }
            let (contentEnd, next) = HeaderParser.lineBounds(bytes, from: found, limit: body.upperBound)
            if contentEnd - found >= delimiter.count {
                var rest = bytes[(found + delimiter.count)..<contentEnd]
                let isClose = rest.starts(with: [UInt8(ascii: "-"), UInt8(ascii: "-")])
                if isClose { rest = rest.dropFirst(2) }
                if rest.allSatisfy({ $0 == 0x20 || $0 == 0x09 }) {
                    if let start = partStart {
                        var end = found
                        if end > start && bytes[end - 1] == 0x0A { end -= 1 }
                        if end > start && bytes[end - 1] == 0x0D { end -= 1 }
                        parts.append(start..<max(start, end))
                    }
                    if isClose { return (parts, true) }
                    partStart = next
                }
            }
            index = next
        }
        if let start = partStart { parts.append(start..<body.upperBound) }
        return (parts, false)
    }

    private static func firstLine(_ bytes: [UInt8], from start: Int, limit: Int) -> String {
        let (end, _) = HeaderParser.lineBounds(bytes, from: start, limit: limit)
        return HeaderParser.text(Array(bytes[start..<min(end, start + 200)]))
    }
}
