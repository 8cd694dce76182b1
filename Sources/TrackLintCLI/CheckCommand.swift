import Foundation
import TrackLint
import TrackLintOnline
import TrackLintParsing
import TrackLintPlatforms
import TrackLintReporters

/// `tracklint check`: read the options, collect the inputs, lint them, render, choose the exit code.
enum CheckCommand {
    enum Format: String, CaseIterable { case text, json, jsonl, sarif, github, gitlab, html, answer }
    enum ColorChoice: String, CaseIterable { case auto, always, never }

    struct Settings {
        var options = LintOptions()
        var format = Format.text
        var failOn = FailOn.error
        var exitZero = false
        var quiet = false
        var noProgress = false
        var statistics = false
        var color = ColorChoice.auto
        var output: String?
        var stdinFilename: String?
        var sarifCategory: String?
        var docsURL: String?
        var select: [String]?
        var baseline: String?
        var writeBaseline: String?
        var jobs = ProcessInfo.processInfo.activeProcessorCount
        var config: String?
        var noConfig = false
        /// `--dns-server` and `--ca-file`, for `--online`.
        var dnsServer: String?
        var caFile: String?
        /// Options given on the command line, which win over config files.
        var explicit: Set<String> = []
        var ignore: [String] = []
        var paths: [String] = []
        /// `--fix` or `--diff` (which wins), widened by `--unsafe-fixes`.
        var fixMode: FixRequest.Mode?
        /// `--extension`: more file extensions a folder scan includes.
        var extensions: [String] = []
        var unsafeFixes = false

        var fixRequest: FixRequest? { fixMode.map { FixRequest(mode: $0, unsafe: unsafeFixes) } }

        /// The configuration settings the command line gave, which configurations must not change.
        var overriding: Set<Configuration.Key> {
            let options: [String: Configuration.Key] = ["--stage": .stage, "--context": .context, "--platform": .platform,
                                                        "--tracking-domain": .trackingDomains, "--base-url": .baseURL,
                                                        "--fail-on": .failOn, "--docs-url": .docsURL, "--online": .online]
            return Set(explicit.compactMap { options[$0] })
        }
    }

    static func run(_ arguments: [String], environment: CommandEnvironment) throws -> CommandOutput {
        var settings = try parse(arguments)
        if settings.paths.isEmpty { throw UsageError("no input given: name files, folders, or `-` for standard input") }
        settings.options.enabledCodes = try enabledCodes(select: settings.select, ignore: settings.ignore)
        // Inert until a linter with `online` set (by --online or a config) asks about a host.
        settings.options.hostChecker = OnlineHostChecker(dnsServer: settings.dnsServer, caFile: settings.caFile).hostChecker
        if settings.unsafeFixes && settings.fixMode == nil {
            throw UsageError("`--unsafe-fixes` widens `--fix` or `--diff`: give one of them too")
        }
        if settings.fixMode == .apply && settings.paths.contains("-") && settings.output != nil {
            throw UsageError("`--fix -` writes the fixed text to standard output, so `--output` cannot be used with it")
        }
        do {
            var run = try CheckRun(settings: settings, environment: environment)
            return try run.execute()
        } catch let error as LintError {
            throw UsageError(error.message)
        }
    }

    static func parse(_ arguments: [String]) throws -> Settings {
        var settings = Settings()
        var reader = ArgumentReader(arguments)
        while let token = reader.next() {
            guard case .option(let name, let inline) = token else {
                if case .positional(let path) = token { settings.paths.append(path) }
                continue
            }
            let option = Option(name: name, inline: inline)
            settings.explicit.insert(name == "-j" ? "--jobs" : name)
            if try !parseLintOption(option, reader: &reader, into: &settings.options),
               try !parseRunOption(option, reader: &reader, into: &settings) {
                throw UsageError("unknown option `\(name)` (see `tracklint check --help`)")
            }
        }
        return settings
    }

    /// An option as read, with its value when written `--name=value`.
    private struct Option {
        let name: String
        let inline: String?

        func value(_ reader: inout ArgumentReader) throws -> String { try reader.value(for: name, inline: inline) }

        func flag() throws {
            if inline != nil { throw UsageError("option `\(name)` takes no value") }
        }
    }

    /// The options about the inputs, which configurations can set too; false for any other option.
    private static func parseLintOption(_ option: Option, reader: inout ArgumentReader, into options: inout LintOptions) throws -> Bool {
        let name = option.name
        switch name {
        case "--stage":
            let stage = try choice(option.value(&reader), of: ["auto"] + Stage.allCases.map(\.rawValue), for: name)
            options.stage = Stage(rawValue: stage)
        case "--context":
            options.context = MailContext(rawValue: try choice(option.value(&reader), of: ["auto"] + MailContext.allCases.map(\.rawValue), for: name))
        case "--platform":
            let platform = try choice(option.value(&reader), of: ["auto"] + PlatformProfiles.ids, for: name)
            options.platform = platform == "auto" ? nil : platform
        case "--tracking-domain":
            let host = try option.value(&reader).trimmingASCIISpaces().lowercased()
            guard !host.isEmpty, !host.contains("/"), !host.contains(":") else {
                throw UsageError("--tracking-domain takes a host name such as `click.example.com`, not `\(host)`")
            }
            options.trackingDomains.append(host)
        case "--base-url":
            let base = try option.value(&reader)
            guard Configuration.isAbsoluteWebURL(base) else {
                throw UsageError("--base-url takes an absolute http(s) URL such as `https://example.com/`, not `\(base)`")
            }
            options.baseURL = base
        case "--online":
            try option.flag()
            options.online = true
        default:
            return false
        }
        return true
    }

    /// The options about the run and its output; false for an unknown option.
    private static func parseRunOption(_ option: Option, reader: inout ArgumentReader, into settings: inout Settings) throws -> Bool {
        let name = option.name
        switch name {
        case "--config": settings.config = try option.value(&reader)
        case "--no-config": try option.flag(); settings.noConfig = true
        case "--format": settings.format = Format(rawValue: try choice(option.value(&reader), of: Format.allCases.map(\.rawValue), for: name))!
        case "--output": settings.output = try option.value(&reader)
        case "--fail-on": settings.failOn = FailOn(rawValue: try choice(option.value(&reader), of: FailOn.allCases.map(\.rawValue), for: name))!
        case "--exit-zero": try option.flag(); settings.exitZero = true
        case "--quiet", "-q": try option.flag(); settings.quiet = true
        case "--no-progress": try option.flag(); settings.noProgress = true
        case "--statistics": try option.flag(); settings.statistics = true
        case "--color":
            settings.color = ColorChoice(rawValue: try choice(option.value(&reader), of: ColorChoice.allCases.map(\.rawValue), for: name))!
        case "--stdin-filename": settings.stdinFilename = try option.value(&reader)
        case "--sarif-category", "--docs-url": try parseCodeScanningOption(option, reader: &reader, into: &settings)
        case "--jobs", "-j":
            let text = try option.value(&reader)
            guard let jobs = Int(text), jobs >= 1, jobs <= 512 else {
                throw UsageError("option `--jobs` takes a number of threads from 1 to 512, not `\(text)`")
            }
            settings.jobs = jobs
        case "--baseline": settings.baseline = try option.value(&reader)
        case "--write-baseline": settings.writeBaseline = try option.value(&reader)
        case "--dns-server":
            let server = try option.value(&reader)
            guard OnlineHostChecker.isValidServer(server) else {
                throw UsageError("--dns-server takes a numeric address with an optional port, such as `9.9.9.9` or `127.0.0.1:5353`, not `\(server)`")
            }
            settings.dnsServer = server
        case "--ca-file":
            let path = try option.value(&reader)
            guard FileManager.default.isReadableFile(atPath: path) else { throw UsageError("cannot read --ca-file `\(path)`") }
            settings.caFile = path
        case "--select": settings.select = (settings.select ?? []) + list(try option.value(&reader))
        case "--ignore": settings.ignore += list(try option.value(&reader))
        case "--fix": try option.flag(); settings.fixMode = settings.fixMode ?? .apply
        case "--diff": try option.flag(); settings.fixMode = .diff
        case "--unsafe-fixes": try option.flag(); settings.unsafeFixes = true
        case "--extension":
            let text = try option.value(&reader)
            guard let ext = Configuration.fileExtension(text) else {
                throw UsageError("option `--extension` takes a file extension such as `tpl`, not `\(text)`")
            }
            settings.extensions.append(ext)
        case "-h", "--help": throw HelpRequested()
        default: return false
        }
        return true
    }

    /// `--sarif-category` and `--docs-url`, which only SARIF output uses.
    private static func parseCodeScanningOption(_ option: Option, reader: inout ArgumentReader, into settings: inout Settings) throws {
        let value = try option.value(&reader)
        if option.name == "--sarif-category" {
            guard !value.trimmingASCIISpaces().isEmpty else { throw UsageError("--sarif-category takes a name such as `templates`") }
            settings.sarifCategory = value
        } else {
            guard Configuration.isAbsoluteWebURL(value) else {
                throw UsageError("--docs-url takes an absolute http(s) URL such as `https://example.com/docs/rules/{slug}.md`, not `\(value)`")
            }
            settings.docsURL = value
        }
    }

    struct HelpRequested: Error {}

    static func enabledCodes(select: [String]?, ignore: [String]) throws -> Set<String>? {
        guard select != nil || !ignore.isEmpty else { return nil }
        let selected = RuleRegistry.codes(matching: select ?? ["ALL"])
        let ignored = RuleRegistry.codes(matching: ignore)
        if let unknown = (selected.unknown + ignored.unknown).first {
            throw UsageError("unknown rule `\(unknown)` (see `tracklint rules`)")
        }
        return selected.codes.subtracting(ignored.codes)
    }

    private static func choice(_ value: String, of choices: [String], for option: String) throws -> String {
        let lower = value.lowercased()
        guard choices.contains(lower) else {
            throw UsageError("option `\(option)` takes one of \(choices.joined(separator: ", ")), not `\(value)`")
        }
        return lower
    }

    /// "1 input", "2 inputs".
    static func counted(_ count: Int, _ noun: String) -> String { "\(count) \(noun)\(count == 1 ? "" : "s")" }

    private static func list(_ value: String) -> [String] {
        value.split(separator: ",").map { String($0).trimmingASCIISpaces() }.filter { !$0.isEmpty }
    }

    static func useColor(_ choice: ColorChoice, environment: CommandEnvironment, toFile: Bool) -> Bool {
        switch choice {
        case .always: return true
        case .never: return false
        case .auto:
            if toFile || environment.variables["NO_COLOR"].map({ !$0.isEmpty }) == true { return false }
            for name in ["FORCE_COLOR", "CLICOLOR_FORCE"] where environment.variables[name].map({ !$0.isEmpty && $0 != "0" }) == true {
                return true
            }
            return environment.stdoutIsTerminal && environment.variables["TERM"] != "dumb"
        }
    }
}

/// `--statistics`: how often each rule fired, most frequent first.
struct Statistics: Reporter {
    private var counts: [String: (slug: String, severity: Severity, count: Int)] = [:]

    mutating func add(_ result: InputResult) -> String {
        for finding in result.findings {
            counts[finding.code, default: (finding.slug, finding.severity, 0)].count += 1
        }
        return ""
    }

    func finish() -> String {
        let rows = counts.sorted { ($1.value.count, $0.key) < ($0.value.count, $1.key) }
        return rows.map { code, entry in
            "\(String(entry.count).leftPadded(toLength: 5))  \(code)  \(entry.slug.padding(toLength: 28))  \(entry.severity.rawValue)"
        }.joined(separator: "\n") + (rows.isEmpty ? "" : "\n")
    }
}

extension String {
    func leftPadded(toLength length: Int) -> String {
        count >= length ? self : TerminalText.repeated(" ", count: length - count) + self
    }
}
