/// What kind of input a file is, from its content.
public enum InputKind: String, Sendable {
    case html, message, mbox
}

/// The result of linting one input.
public struct InputResult: Sendable {
    public let path: String
    public let kind: InputKind
    public let stage: Stage
    public let findings: [Finding]
    public let diagnosis: Diagnosis
    /// The text the findings' lines and columns refer to (for excerpts).
    public let source: SourceText
}

/// Why an input could not be linted (reported on stderr; exit code 2).
public struct InputError: Error, Sendable, Equatable {
    public let path: String
    public let message: String
}

/// Runs the enabled rules over inputs. Holds no state between inputs.
public struct Linter: Sendable {
    public let options: LintOptions
    public let rules: [any Rule]

    public init(options: LintOptions) {
        self.options = options
        self.rules = RuleRegistry.all
            .filter { options.enabledCodes?.contains($0.info.code) ?? true }
            .map { $0.init() }
    }

    /// Lints one input's bytes. `path` is used in locations only; nothing is read from disk.
    public func lint(_ bytes: [UInt8], path: String) -> Result<InputResult, InputError> {
        let kind = InputSniffer.kind(of: bytes)
        guard kind == .html else {
            return .failure(InputError(path: path, message: "raw email source (\(kind.rawValue)) is not supported yet; lint its HTML part"))
        }
        let document = HTMLParser.parse(bytes)
        let input = LintInput(path: path, document: document, options: options)
        var findings: [Finding] = []
        for rule in rules {
            let info = type(of: rule).info
            guard info.stages.contains(input.stage), info.contexts.contains(options.context) else { continue }
            var context = RuleContext(input: input, info: info)
            rule.check(&context)
            findings += context.findings
        }
        findings.sort(by: Finding.precedes)
        return .success(InputResult(path: path, kind: .html, stage: input.stage, findings: findings,
                                    diagnosis: Diagnosis(input: input), source: document.source))
    }
}

extension Finding {
    /// Document order, then code, then evidence: the same input always gives the same order.
    static func precedes(_ a: Finding, _ b: Finding) -> Bool {
        let keyA = (a.location.line ?? 0, a.location.column ?? 0, a.offset ?? -1)
        let keyB = (b.location.line ?? 0, b.location.column ?? 0, b.offset ?? -1)
        if keyA != keyB { return keyA < keyB }
        if a.code != b.code { return a.code < b.code }
        return a.evidence < b.evidence
    }
}

/// Decides from content whether bytes are HTML, one raw message, or an mbox.
public enum InputSniffer {
    /// Header names that open a raw message (what "Show original" and `.eml` files start with).
    static let messageHeaders: Set<String> = [
        "received", "return-path", "delivered-to", "from", "to", "subject", "date", "message-id", "mime-version",
        "dkim-signature", "arc-seal", "arc-message-signature", "arc-authentication-results",
        "authentication-results", "x-received", "reply-to", "content-type", "x-mailer", "x-google-smtp-source",
        "received-spf", "list-unsubscribe", "sender", "x-original-to", "envelope-to", "thread-topic",
    ]
    /// Lines of paste junk allowed before the headers.
    static let junkLinesAllowed = 3

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
