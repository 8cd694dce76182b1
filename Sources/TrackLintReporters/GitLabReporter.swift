import TrackLint
import TrackLintParsing
import TrackLintPlatforms

/// `--format gitlab`: a GitLab Code Quality report, one JSON array. GitLab does not show
/// `check_name`, so the description starts with the code; the fingerprint leaves the line out, so
/// that a finding keeps its identity when lines move, and counts repeats so that it stays unique.
public struct GitLabReporter: Reporter {
    private var issues = JSONArrayStream(depth: 0)
    private var fingerprints = FindingFingerprints()

    public init() {}

    /// Streams: each issue is written as its input finishes.
    public mutating func add(_ result: InputResult) -> String {
        var text = ""
        fingerprints.startInput(path: result.path, message: result.messageIndex)
        for finding in result.findings {
            let location = finding.location
            text += issues.element(.object([
                ("description", .string("\(finding.code) \(finding.message)")),
                ("check_name", .string(finding.code)),
                ("fingerprint", .string(fingerprints.next(for: finding))),
                ("severity", .string(Self.severity(finding.severity))),
                ("location", .object([
                    ("path", .string(location.path)),
                    ("lines", .object([("begin", .int(location.line ?? 1))])),
                ])),
            ]))
        }
        return text
    }

    public func finish() -> String { issues.close() + "\n" }

    package static func severity(_ severity: Severity) -> String {
        switch severity {
        case .error: "major"
        case .warning: "minor"
        case .info: "info"
        }
    }
}
