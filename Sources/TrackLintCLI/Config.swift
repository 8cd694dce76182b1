import Foundation
import TrackLint
import TrackLintParsing
import TrackLintPlatforms
import TrackLintReporters

/// One `.tracklint.json`: settings for the files below its folder (SPEC.md, "Config and
/// suppressions"). Paths in `exclude` and `overrides` are globs relative to that folder.
struct Config {
    static let fileName = ".tracklint.json"

    enum RuleSetting: Equatable {
        case off
        case severity(Severity)
    }

    struct Override {
        let files: [String]
        let rules: [String: RuleSetting]
    }

    let path: String
    /// The folder the globs are relative to, with a trailing `/`.
    let folder: String
    var root = false
    /// Whether `stage` is set (`auto` sets it to nil, detection).
    var setsStage = false
    var stage: Stage?
    var context: MailContext?
    var platform: String?
    var trackingDomains: [String]?
    var baseURL: String?
    var failOn: CheckCommand.FailOn?
    var docsURL: String?
    var rules: [String: RuleSetting] = [:]
    var exclude: [String] = []
    var overrides: [Override] = []
    /// Keys that mean nothing to tracklint, for a warning.
    var unknownKeys: [String] = []

    static let keys: Set<String> = ["root", "stage", "context", "platform", "trackingDomains", "baseURL", "failOn",
                                    "docsURL", "rules", "exclude", "overrides"]

    /// Reads a config file; a config that cannot be used is a usage error (exit code 2).
    init(path: String) throws {
        self.path = path
        let directory = FilePaths.folder(of: FilePaths.absolute(path))
        folder = directory.hasSuffix("/") ? directory : directory + "/"

        guard let data = FileManager.default.contents(atPath: path) else { throw UsageError("cannot read config `\(path)`") }
        let object: Any
        do {
            object = try JSONSerialization.jsonObject(with: data)
        } catch {
            throw UsageError("config `\(path)` is not valid JSON (\(Self.position(of: error, in: data)))")
        }
        guard let json = object as? [String: Any] else { throw UsageError("config `\(path)` must hold a JSON object") }
        for (key, value) in json.sorted(by: { $0.key < $1.key }) { try read(key, value) }
    }

    private func fail(_ key: String, _ expected: String) -> UsageError {
        UsageError("config `\(path)`: `\(key)` must be \(expected)")
    }

    /// Reads one key of the file; an unknown one is kept for a warning.
    private mutating func read(_ key: String, _ value: Any) throws {
        switch key {
        case "root":
            guard let flag = value as? Bool else { throw fail(key, "true or false") }
            root = flag
        case "stage":
            guard let text = value as? String, text == "auto" || Stage(rawValue: text) != nil else {
                throw fail(key, "auto, template or sent")
            }
            stage = Stage(rawValue: text)
            setsStage = true
        case "context":
            guard let text = value as? String, let context = MailContext(rawValue: text) else {
                throw fail(key, MailContext.allCases.map(\.rawValue).joined(separator: ", "))
            }
            self.context = context
        case "platform":
            guard let text = value as? String, ["auto"].contains(text.lowercased()) || PlatformProfiles.profile(text.lowercased()) != nil else {
                throw fail(key, "auto or one of " + PlatformProfiles.ids.joined(separator: ", "))
            }
            platform = text.lowercased() == "auto" ? nil : text.lowercased()
        case "trackingDomains":
            guard let hosts = value as? [String] else { throw fail(key, "a list of host names") }
            trackingDomains = hosts.map { $0.lowercased() }
        case "baseURL":
            guard let text = value as? String, CheckCommand.isAbsoluteWebURL(text) else { throw fail(key, "an absolute http(s) URL") }
            baseURL = text
        case "docsURL":
            guard let text = value as? String, CheckCommand.isAbsoluteWebURL(text) else { throw fail(key, "an absolute http(s) URL") }
            docsURL = text
        case "failOn":
            guard let text = value as? String, let failOn = CheckCommand.FailOn(rawValue: text) else {
                throw fail(key, "error, warning, info or never")
            }
            self.failOn = failOn
        case "rules":
            rules = try Self.ruleSettings(value, key: key, path: path)
        case "exclude":
            guard let globs = value as? [String] else { throw fail(key, "a list of globs") }
            exclude = globs
        case "overrides":
            guard let list = value as? [[String: Any]] else { throw fail(key, "a list of {\"files\": [...], \"rules\": {...}}") }
            overrides = try list.map { entry in
                guard let files = entry["files"] as? [String] else { throw fail("overrides[].files", "a list of globs") }
                return Override(files: files, rules: try Self.ruleSettings(entry["rules"] ?? [:], key: "overrides[].rules", path: path))
            }
        default:
            unknownKeys.append(key)
        }
    }

    private static func ruleSettings(_ value: Any, key: String, path: String) throws -> [String: RuleSetting] {
        guard let map = value as? [String: Any] else { throw UsageError("config `\(path)`: `\(key)` must be an object") }
        var settings: [String: RuleSetting] = [:]
        for (name, setting) in map {
            guard let rule = RuleRegistry.rule(named: name) else {
                throw UsageError("config `\(path)`: unknown rule `\(name)` in `\(key)` (see `tracklint rules`)")
            }
            guard let text = setting as? String, text == "off" || Severity(rawValue: text) != nil else {
                throw UsageError("config `\(path)`: rule `\(name)` must be off, info, warning or error")
            }
            settings[rule.info.code] = Severity(rawValue: text).map(RuleSetting.severity) ?? .off
        }
        return settings
    }

    /// "line L, column C" from Foundation's "around character N" (or the end of the data).
    static func position(of error: Error, in data: Data) -> String {
        let description = (error as NSError).userInfo["NSDebugDescription"] as? String ?? ""
        var offset = data.count
        if let range = description.range(of: "character "),
           let number = Int(description[range.upperBound...].prefix(while: \.isNumber)) {
            offset = min(number, data.count)
        }
        var line = 1
        var column = 1
        for byte in data.prefix(offset) {
            if byte == 0x0A { line += 1; column = 1 } else if byte & 0xC0 != 0x80 { column += 1 }
        }
        return "line \(line), column \(column)"
    }

    /// The file's path relative to this config's folder, or nil when it is not below it.
    func relativePath(of absolutePath: String) -> String? {
        absolutePath.hasPrefix(folder) ? String(absolutePath.dropFirst(folder.count)) : nil
    }
}

/// Glob matching for config paths: `*` and `?` within one path segment, `**` across segments.
enum Glob {
    static func matches(_ pattern: String, _ path: String) -> Bool {
        matches(Array(pattern.utf8)[...], Array(path.utf8)[...])
    }

    private static func matches(_ pattern: ArraySlice<UInt8>, _ path: ArraySlice<UInt8>) -> Bool {
        guard let first = pattern.first else { return path.isEmpty }
        let slash = UInt8(ascii: "/")
        if first == UInt8(ascii: "*") {
            if pattern.dropFirst().first == UInt8(ascii: "*") {
                // `**/` matches no folder or any number of them; a trailing `**` everything.
                var rest = pattern.dropFirst(2)
                if rest.first == slash { rest = rest.dropFirst() }
                var candidate = path
                while true {
                    if matches(rest, candidate) { return true }
                    guard let next = candidate.firstIndex(of: slash) else { return rest.isEmpty }
                    candidate = candidate[(next + 1)...]
                }
            }
            var candidate = path
            while true {
                if matches(pattern.dropFirst(), candidate) { return true }
                guard let next = candidate.first, next != slash else { return false }
                candidate = candidate.dropFirst()
            }
        }
        guard let character = path.first else { return false }
        if first == UInt8(ascii: "?") ? character != slash : first == character {
            return matches(pattern.dropFirst(), path.dropFirst())
        }
        return false
    }
}

/// The settings each file is linted with: the command line over the configs found above it.
final class ConfigResolver {
    /// What a file is linted with.
    struct FileSettings {
        let options: LintOptions
        let severities: [String: Severity]
        let excluded: Bool
    }

    private enum Mode {
        case discover
        case file(Config)
        case none
    }

    private let mode: Mode
    private let base: CheckCommand.Settings
    private var chains: [String: [Config]] = [:]
    private var loaded: [String: Config] = [:]
    private(set) var warnings: [String] = []

    init(settings: CheckCommand.Settings) throws {
        base = settings
        if settings.noConfig {
            mode = .none
        } else if let path = settings.config {
            let config = try Config(path: path)
            mode = .file(config)
            warn(config)
        } else {
            mode = .discover
        }
    }

    private func warn(_ config: Config) {
        for key in config.unknownKeys {
            warnings.append("tracklint: warning: config `\(config.path)`: unknown key `\(key)` ignored\n")
        }
    }

    /// The configs that apply to files in `folder` (an absolute, standardized path), farthest first.
    private func chain(for folder: String) throws -> [Config] {
        switch mode {
        case .none: return []
        case .file(let config): return [config]
        case .discover: break
        }
        if let known = chains[folder] { return known }
        var found: [Config] = []
        let path = (folder == "/" ? "" : folder) + "/" + Config.fileName
        if FileManager.default.fileExists(atPath: path) {
            let config = try loaded[path] ?? Config(path: path)
            if loaded[path] == nil {
                loaded[path] = config
                warn(config)
            }
            found = [config]
        }
        if found.first?.root != true, folder != "/" {
            found = try chain(for: FilePaths.folder(of: folder)) + found
        }
        chains[folder] = found
        return found
    }

    /// The settings for a file (or for standard input, named by `--stdin-filename` or not at all).
    func settings(for path: String?) throws -> FileSettings {
        let absolute = FilePaths.absolute(path ?? "-")
        let configs = try chain(for: FilePaths.folder(of: absolute))

        var options = base.options
        var ruleSettings: [String: Config.RuleSetting] = [:]
        var excluded = false
        for config in configs {
            if !base.explicit.contains("--stage"), config.setsStage { options.stage = config.stage }
            if !base.explicit.contains("--context"), let context = config.context { options.context = context }
            if !base.explicit.contains("--platform"), let platform = config.platform { options.platform = platform }
            if !base.explicit.contains("--tracking-domain"), let domains = config.trackingDomains { options.trackingDomains = domains }
            if !base.explicit.contains("--base-url"), let baseURL = config.baseURL { options.baseURL = baseURL }
            ruleSettings.merge(config.rules) { $1 }
            guard let relative = config.relativePath(of: absolute) else { continue }
            if config.exclude.contains(where: { Glob.matches($0, relative) }) { excluded = true }
            for override in config.overrides where override.files.contains(where: { Glob.matches($0, relative) }) {
                ruleSettings.merge(override.rules) { $1 }
            }
        }
        let off = Set(ruleSettings.filter { $0.value == .off }.keys)
        if !off.isEmpty {
            options.enabledCodes = (options.enabledCodes ?? Set(RuleRegistry.all.map { $0.info.code })).subtracting(off)
        }
        var severities: [String: Severity] = [:]
        for case let (code, .severity(severity)) in ruleSettings { severities[code] = severity }
        return FileSettings(options: options, severities: severities, excluded: excluded)
    }

    func failOn() throws -> CheckCommand.FailOn { try runSetting(\.failOn, option: "--fail-on") ?? base.failOn }

    func docsURL() throws -> String? { try runSetting(\.docsURL, option: "--docs-url") ?? base.docsURL }

    /// A setting of the whole run from the configs that apply in the current folder, nearest
    /// first; nil when none sets it or the command line did.
    private func runSetting<Value>(_ key: KeyPath<Config, Value?>, option: String) throws -> Value? {
        guard !base.explicit.contains(option) else { return nil }
        return try chain(for: FilePaths.absolute(".")).compactMap { $0[keyPath: key] }.last
    }
}
