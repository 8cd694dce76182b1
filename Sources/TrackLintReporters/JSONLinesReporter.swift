import TrackLint
import TrackLintParsing
import TrackLintPlatforms

/// `--format jsonl` (SPEC.md): one JSON object per line as inputs finish, for pipelines: a
/// `finding` line for each finding, then an `input` line for the input (each message of an mbox
/// is one) with its diagnosis, and a `summary` line last. Nothing is kept between inputs but the
/// counts, so memory stays flat at any volume.
public struct JSONLinesReporter: Reporter {
    private var summary = RunSummary()

    public init() {}

    public mutating func add(_ result: InputResult) -> String {
        var text = ""
        for finding in result.findings {
            text += Self.line("finding", JSONReporter.finding(finding))
        }
        var input: [(String, JSONValue)] = [
            ("path", .string(result.path)), ("kind", .string(result.kind.rawValue)), ("stage", .string(result.stage.rawValue)),
        ]
        if result.kind != .html {
            input += [("message", .int(result.messageIndex ?? 0)), ("subject", .optional(result.subject))]
        }
        text += Self.line("input", .object(input + [("findings", .int(result.findings.count)), ("diagnosis", result.diagnosis.json)]))
        summary.add(result)
        return text
    }

    public func finish() -> String {
        Self.line("summary", .object([
            ("tool", .object([("name", .string(ToolInfo.name)), ("version", .string(ToolInfo.version))])),
            ("schemaVersion", .int(JSONReporter.schemaVersion)),
            ("inputs", .int(summary.inputs)),
            ("messages", .int(summary.messages)),
            ("errors", .int(summary.errors)),
            ("warnings", .int(summary.warnings)),
            ("infos", .int(summary.infos)),
        ]))
    }

    /// `{"type": type, ...members}` on one line.
    private static func line(_ type: String, _ value: JSONValue) -> String {
        guard case .object(let members) = value else { return "" }
        return JSONValue.object([("type", .string(type))] + members).compact() + "\n"
    }
}
