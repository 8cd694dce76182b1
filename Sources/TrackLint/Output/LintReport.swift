/// Everything one run produced, in input order: what reporters render.
public struct LintReport: Sendable {
    public let results: [InputResult]
    public let options: LintOptions

    public init(results: [InputResult], options: LintOptions) {
        self.results = results
        self.options = options
    }

    public var findings: [Finding] { results.flatMap(\.findings) }

    public func count(_ severity: Severity) -> Int { findings.filter { $0.severity == severity }.count }
}
