import TrackLint
import TrackLintParsing
import TrackLintPlatforms

/// `--format gitlab`: a GitLab Code Quality report, one JSON array. GitLab does not show
/// `check_name`, so the description starts with the code; the fingerprint leaves the line out, so
/// that a finding keeps its identity when lines move, and counts repeats so that it stays unique.
public struct GitLabReporter: Reporter {
    private var issues: [JSONValue] = []
    private var fingerprints = FindingFingerprints()

    public init() {}

    public mutating func add(_ result: InputResult) -> String {
        for finding in result.findings {
            let location = finding.location
            issues.append(.object([
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
        return ""
    }

    public func finish() -> String { JSONValue.array(issues).serialized() + "\n" }

    package static func severity(_ severity: Severity) -> String {
        switch severity {
        case .error: "major"
        case .warning: "minor"
        case .info: "info"
        }
    }
}
