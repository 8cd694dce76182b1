import TrackLint

/// One line per finding: a template given as text, then a file linted with the
/// `.tracklint.json` files above it, found as `tracklint check` finds them.
func findingLines(template: String, file: String) throws -> [String] {
    let linter = Linter(options: LintOptions(stage: .template))
    let results = linter.lint(template, path: "welcome.html") + (try ConfiguredLinter().lint(fileAt: file))
    return results.flatMap { result in
        result.findings.map { "\($0.location.path):\($0.location.line ?? 0): \($0.severity.rawValue) \($0.code)" }
    }
}
