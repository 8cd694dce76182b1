import TrackLint
import TrackLintParsing
import TrackLintPlatforms

/// `--format jsonl` (SPEC.md, `schemas/tracklint-jsonl.schema.json`): one JSON object per line as
/// inputs finish, for pipelines, each an object of the JSON report with its `type`: a `finding`
/// line for each finding, then an `input` line for the input with its diagnosis (each message of
/// an mbox is one, with that message in `messages`), and the `summary` line last. Nothing is kept
/// between inputs but the counts, so memory stays flat at any volume.
public struct JSONLinesReporter: Reporter {
    private var summary = RunSummary()

    public init() {}

    public mutating func add(_ result: InputResult) -> String {
        var text = ""
        for finding in result.findings { text += Self.line("finding", JSONReporter.finding(finding)) }
        text += Self.line("input", JSONReporter.input(result))
        summary.add(result)
        return text
    }

    public func finish() -> String { Self.line("summary", JSONReporter.summary(summary)) }

    /// `{"type": type, ...members}` on one line.
    private static func line(_ type: String, _ value: JSONValue) -> String {
        guard case .object(let members) = value else { return "" }
        return JSONValue.object([("type", .string(type))] + members).compact() + "\n"
    }
}
