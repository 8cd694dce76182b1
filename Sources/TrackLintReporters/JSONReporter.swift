import TrackLint
import TrackLintParsing
import TrackLintPlatforms

/// `--format json`: the shape SPEC.md fixes, schemaVersion 1, written as inputs finish so that
/// memory stays bounded at any volume: `inputs` streams (an mbox's messages one at a time), and
/// `findings`, which comes after it, waits in a `Spool` (a temporary file past 1 MB).
public struct JSONReporter: Reporter {
    public static let schemaVersion = 1

    private var started = false
    private var inputs = JSONArrayStream(depth: 1)
    /// The messages of the message file being written, whose entry is still open.
    private var openMessages: JSONArrayStream?
    private var findings = JSONArrayStream(depth: 1)
    private let spooledFindings = Spool()
    private var summary = RunSummary()

    public init() {}

    public mutating func add(_ result: InputResult) -> String {
        var text = start()
        if result.kind == .html {
            text += closeMessages() + inputs.next() + Self.input(result).serialized(indent: 2)
        } else {
            if (result.messageIndex ?? 0) == 0 || openMessages == nil {
                text += closeMessages() + inputs.next() + JSONValue.objectHead(Self.head(of: result), openKey: "messages", indent: 2)
                openMessages = JSONArrayStream(depth: 3)
            }
            text += openMessages!.element(Self.message(result))
        }
        for finding in result.findings { spooledFindings.append(findings.element(Self.finding(finding))) }
        summary.add(result)
        return text
    }

    public func finish() -> String {
        var text = ""
        try? finish { text += $0 }
        return text
    }

    public func finish(writing write: (String) throws -> Void) throws {
        var copy = self
        try write(copy.start() + copy.closeMessages() + inputs.close() + ",\n" + JSONValue.pad(1) + "\"findings\": ")
        try spooledFindings.replay(write)
        try write(findings.close() + JSONValue.objectTail([("summary", Self.summary(summary))], indent: 0) + "\n")
    }

    /// The report's opening, before its first input.
    private mutating func start() -> String {
        guard !started else { return "" }
        started = true
        return JSONValue.objectHead([
            ("tool", .object([("name", .string(ToolInfo.name)), ("version", .string(ToolInfo.version))])),
            ("schemaVersion", .int(Self.schemaVersion)),
        ], openKey: "inputs", indent: 0)
    }

    /// The end of the open message file's entry, if any.
    private mutating func closeMessages() -> String {
        guard let messages = openMessages else { return "" }
        openMessages = nil
        return messages.close() + JSONValue.objectTail([], indent: 2)
    }

    private static func head(of result: InputResult) -> [(String, JSONValue)] {
        [("path", .string(result.path)), ("kind", .string(result.kind.rawValue)), ("stage", .string(result.stage.rawValue))]
    }

    private static func message(_ result: InputResult) -> JSONValue {
        .object([
            ("index", .int(result.messageIndex ?? 0)),
            ("subject", .optional(result.subject)),
            ("diagnosis", result.diagnosisJSON),
        ])
    }

    /// The entry of `inputs` for one result, whole: an HTML file's, or a message's with that one
    /// message (JSON Lines writes one a result).
    package static func input(_ result: InputResult) -> JSONValue {
        guard result.kind == .html else { return .object(head(of: result) + [("messages", .array([message(result)]))]) }
        return .object(head(of: result) + [("messages", .array([])), ("diagnosis", result.diagnosisJSON)])
    }

    package static func summary(_ summary: RunSummary) -> JSONValue {
        .object([
            ("inputs", .int(summary.inputs)),
            ("messages", .int(summary.messages)),
            ("errors", .int(summary.errors)),
            ("warnings", .int(summary.warnings)),
            ("infos", .int(summary.infos)),
        ])
    }

    package static func finding(_ finding: Finding) -> JSONValue {
        .object([
            ("code", .string(finding.code)),
            ("slug", .string(finding.slug)),
            ("severity", .string(finding.severity.rawValue)),
            ("message", .string(finding.message)),
            ("help", .string(finding.help)),
            ("location", .object([
                ("path", .string(finding.location.path)),
                ("message", .optional(finding.location.message)),
                ("part", .optional(finding.location.part)),
                ("line", .optional(finding.location.line)),
                ("column", .optional(finding.location.column)),
                ("partLine", .optional(finding.location.partLine)),
                ("partColumn", .optional(finding.location.partColumn)),
                ("header", .optional(finding.location.header)),
                ("selector", .optional(finding.location.selector)),
            ])),
            ("evidence", .string(finding.evidence)),
            ("fix", finding.fix.map(fix) ?? .null),
        ])
    }

    package static func fix(_ fix: Fix) -> JSONValue {
        .object([
            ("description", .string(fix.description)),
            ("applicability", .string(fix.applicability.rawValue)),
            ("edits", .array(fix.edits.map { edit in
                .object([("line", .int(edit.line)), ("column", .int(edit.column)),
                         ("length", .int(edit.length)), ("text", .string(edit.text))])
            })),
        ])
    }
}

public enum ToolInfo {
    public static let name = "tracklint"
    public static let version = "0.2.0"
    /// The project's home page (SARIF's `informationUri`).
    public static let informationURL = "https://github.com/tracklint/tracklint"
}
