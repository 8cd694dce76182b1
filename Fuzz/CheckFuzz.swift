@testable import TrackLint
@testable import TrackLintParsing
@testable import TrackLintPlatforms
@testable import TrackLintReporters

/// libFuzzer target: one input linted as `tracklint check` lints it (HTML, message or mbox,
/// sniffed from the bytes), with report details, then rendered by every reporter.
@_cdecl("LLVMFuzzerTestOneInput")
public func checkOneInput(_ data: UnsafePointer<UInt8>, _ size: Int) -> Int32 {
    let bytes = Array(UnsafeBufferPointer(start: data, count: size))
    let results = Linter(options: LintOptions(), collectsReportDetails: true).lint(bytes, path: "fuzz.eml")
    // SARIF's rule table is the same for every input: only the rules that fired are listed.
    let fired = Set(results.flatMap(\.findings).map(\.code))
    var reporters: [any Reporter] = [
        TextReporter(color: true), JSONReporter(),
        SARIFReporter(rules: RuleRegistry.all.map { $0.info }.filter { fired.contains($0.code) }, baseFolder: "/"),
        GitHubReporter(), GitLabReporter(), HTMLReporter(),
    ]
    for index in reporters.indices {
        for result in results { _ = reporters[index].add(result) }
        _ = reporters[index].finish()
    }
    return 0
}
