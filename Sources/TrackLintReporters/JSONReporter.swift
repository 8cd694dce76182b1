import TrackLint
import TrackLintParsing
import TrackLintPlatforms

/// `--format json`: the shape SPEC.md fixes, schemaVersion 1.
public struct JSONReporter: Reporter {
    public static let schemaVersion = 1

    /// One entry of `inputs`: an HTML file with its diagnosis, or a message file with one entry per
    /// message (an mbox's members arrive one result at a time).
    private struct InputEntry {
        let result: InputResult
        var messages: [JSONValue] = []
    }

    private var inputs: [InputEntry] = []
    private var findings: [JSONValue] = []
    private var summary = RunSummary()

    public init() {}

    public mutating func add(_ result: InputResult) -> String {
        if result.kind == .html || (result.messageIndex ?? 0) == 0 {
            inputs.append(InputEntry(result: result))
        }
        if result.kind != .html {
            inputs[inputs.count - 1].messages.append(.object([
                ("index", .int(result.messageIndex ?? 0)),
                ("subject", .optional(result.subject)),
                ("diagnosis", result.diagnosis.json),
            ]))
        }
        findings += result.findings.map(Self.finding)
        summary.add(result)
        return ""
    }

    public func finish() -> String {
        let document: JSONValue = .object([
            ("tool", .object([("name", .string(ToolInfo.name)), ("version", .string(ToolInfo.version))])),
            ("schemaVersion", .int(Self.schemaVersion)),
            ("inputs", .array(inputs.map(Self.input))),
            ("findings", .array(findings)),
            ("summary", .object([
                ("inputs", .int(summary.inputs)),
                ("messages", .int(summary.messages)),
                ("errors", .int(summary.errors)),
                ("warnings", .int(summary.warnings)),
                ("infos", .int(summary.infos)),
            ])),
        ])
        return document.serialized() + "\n"
    }

    private static func input(_ entry: InputEntry) -> JSONValue {
        var members: [(String, JSONValue)] = [
            ("path", .string(entry.result.path)),
            ("kind", .string(entry.result.kind.rawValue)),
            ("stage", .string(entry.result.stage.rawValue)),
            ("messages", .array(entry.messages)),
        ]
        if entry.result.kind == .html { members.append(("diagnosis", entry.result.diagnosis.json)) }
        return .object(members)
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
