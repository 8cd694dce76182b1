import TrackLintParsing
import TrackLintPlatforms

/// Lints inputs as `tracklint check` does: each with the options and rule severities of the
/// configurations that apply to it (see `ConfigurationResolver`). Not safe to share between threads.
public final class ConfiguredLinter {
    public let resolver: ConfigurationResolver
    /// Whether results carry `bodies` (links and previews), which only the HTML report reads.
    public let collectsReportDetails: Bool
    /// The linter of the settings asked for last. Nearly every run has one set of settings, and
    /// then `linters` stays empty: the first insert into it costs a runtime conformance lookup of
    /// about 340,000 instructions, a fifth of a small file's run.
    private var latest: (settings: ConfigurationResolver.FileSettings, linter: Linter)?
    /// The linters of the other settings seen.
    private var linters: [ConfigurationResolver.FileSettings: Linter] = [:]

    public init(resolver: ConfigurationResolver, collectsReportDetails: Bool = false) {
        self.resolver = resolver
        self.collectsReportDetails = collectsReportDetails
    }

    /// Configurations from `source` over `options` (see `ConfigurationResolver.init`).
    public convenience init(source: ConfigurationResolver.Source = .discover, options: LintOptions = LintOptions(),
                            overriding: Set<Configuration.Key> = [], collectsReportDetails: Bool = false) throws {
        self.init(resolver: try ConfigurationResolver(source: source, options: options, overriding: overriding),
                  collectsReportDetails: collectsReportDetails)
    }

    /// The linter for a file (or for standard input named `path`), or nil when a configuration
    /// excludes it.
    public func linter(for path: String?) throws -> Linter? {
        let settings = try resolver.settings(for: path)
        if settings.excluded { return nil }
        if let latest, latest.settings == settings { return latest.linter }
        if let latest { linters[latest.settings] = latest.linter }
        let linter = linters[settings] ?? Linter(options: settings.options, severities: settings.severities,
                                                 collectsReportDetails: collectsReportDetails)
        latest = (settings, linter)
        return linter
    }

    /// Lints a file with its settings; nothing when a configuration excludes it.
    public func lint(fileAt path: String) throws -> [InputResult] {
        try linter(for: path)?.lint(fileAt: path) ?? []
    }

    /// Lints text with the settings of a file at `path` (which need not exist); nothing when a
    /// configuration excludes that path.
    public func lint(_ text: String, path: String) throws -> [InputResult] {
        try linter(for: path)?.lint(text, path: path) ?? []
    }
}
