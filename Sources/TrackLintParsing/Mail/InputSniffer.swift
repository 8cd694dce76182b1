/// What kind of input a file is, from its content.
public enum InputKind: String, Sendable {
    case html, message, mbox
}

/// Decides from content whether bytes are HTML, one raw message, or an mbox.
public enum InputSniffer {
    /// Header names that open a raw message (what "Show original" and `.eml` files start with).
    package static let messageHeaders: Set<String> = [
        "received", "return-path", "delivered-to", "from", "to", "subject", "date", "message-id", "mime-version",
        "dkim-signature", "arc-seal", "arc-message-signature", "arc-authentication-results",
        "authentication-results", "x-received", "reply-to", "content-type", "x-mailer", "x-google-smtp-source",
        "received-spf", "list-unsubscribe", "sender", "x-original-to", "envelope-to", "thread-topic",
    ]
    /// Lines of paste junk allowed before the headers.
    package static let junkLinesAllowed = 3

    public static func kind(of bytes: [UInt8]) -> InputKind {
        var lineStart = 0
        var linesSeen = 0
        let limit = min(bytes.count, 8192)
        while lineStart < limit && linesSeen <= junkLinesAllowed {
            var lineEnd = lineStart
            while lineEnd < limit && bytes[lineEnd] != 0x0A { lineEnd += 1 }
            var first = lineStart
            // Skip indentation and a UTF-8 BOM.
            while first < lineEnd {
                if bytes[first] == 0x20 || bytes[first] == 0x09 || bytes[first] == 0x0D { first += 1; continue }
                if bytes[first] == 0xEF && first + 2 < lineEnd && bytes[first + 1] == 0xBB && bytes[first + 2] == 0xBF {
                    first += 3
                    continue
                }
                break
            }
            if first < lineEnd {
                if let kind = kind(ofLine: bytes[first..<lineEnd], isFirst: linesSeen == 0) { return kind }
                linesSeen += 1
            }
            lineStart = lineEnd + 1
        }
        return .html
    }

    private static func kind(ofLine line: ArraySlice<UInt8>, isFirst: Bool) -> InputKind? {
        if line.first == UInt8(ascii: "<") { return .html }
        if isFirst && line.starts(with: Array("From ".utf8)) { return .mbox }
        guard let colon = line.firstIndex(of: UInt8(ascii: ":")), colon > line.startIndex, colon - line.startIndex < 80 else {
            return nil
        }
        let name = String(decoding: line[line.startIndex..<colon].map(asciiLower), as: UTF8.self)
        if messageHeaders.contains(name) || (name.hasPrefix("x-") && !name.contains(" ")) { return .message }
        return nil
    }
}
