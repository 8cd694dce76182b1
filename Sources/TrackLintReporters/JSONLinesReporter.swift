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
        var json = JSONWriter(indent: nil, capacity: 1024 * (result.findings.count + 4))
        for finding in result.findings {
            Self.line("finding", to: &json) { JSONReporter.writeMembers(of: finding, to: &$0) }
        }
        Self.line("input", to: &json) { JSONReporter.writeInputMembers(result, to: &$0) }
        summary.add(result)
        return json.text
    }

    public func finish() -> String {
        JSONWriter.text(indent: nil) { json in Self.line("summary", to: &json) { JSONReporter.writeMembers(of: summary, to: &$0) } }
    }

    /// `{"type": type, ...members}` on one line.
    private static func line(_ type: String, to json: inout JSONWriter, members: (inout JSONWriter) -> Void) {
        json.openObject()
        json.member("type", type)
        members(&json)
        json.closeObject()
        json.raw("\n")
    }
}
