import Foundation
import TrackLintParsing
import TrackLintPlatforms

/// The settings each file is linted with: the caller's options over the configurations found above
/// it, as `tracklint check` finds them. Discovery reads `.tracklint.json` in the file's folder and
/// in each folder above it, up to the first one marked `root`; nearer configurations win. Files
/// are read once and kept; not safe to share between threads.
public final class ConfigurationResolver {
    /// Where configurations come from.
    public enum Source: Sendable, Equatable {
        /// `.tracklint.json` files found from each file's folder up.
        case discover
        /// One file for every input (`--config`).
        case file(String)
        /// None: the options alone (`--no-config`).
        case none
    }

    /// What a file is linted with.
    public struct FileSettings: Sendable, Hashable {
        public let options: LintOptions
        /// Severities the configurations give rules, by code.
        public let severities: [String: Severity]
        /// Whether a configuration's `exclude` matches the file.
        public let excluded: Bool
    }

    /// A configuration and the folder its globs are relative to.
    private struct Loaded {
        let path: String
        /// With a trailing `/`.
        let folder: String
        let configuration: Configuration

        /// The file's path relative to this config's folder, or nil when it is not below it.
        func relativePath(of absolutePath: String) -> String? {
            absolutePath.hasPrefix(folder) ? String(absolutePath.dropFirst(folder.count)) : nil
        }
    }

    private enum Mode {
        case discover
        case file(Loaded)
        case none
    }

    private let mode: Mode
    private let options: LintOptions
    private let defaultFailOn: FailOn
    private let overriding: Set<Configuration.Key>
    private var chains: [String: [Loaded]] = [:]
    private var loaded: [String: Loaded] = [:]
    /// "config `PATH`: unknown key `KEY` ignored", for each configuration read so far.
    public private(set) var warnings: [String] = []

    /// `options` and `failOn` are the caller's settings; those named in `overriding` win over any
    /// configuration. A configuration file given by `source` is read here.
    public init(source: Source = .discover, options: LintOptions = LintOptions(), failOn: FailOn = .error,
                overriding: Set<Configuration.Key> = []) throws {
        self.options = options
        defaultFailOn = failOn
        self.overriding = overriding
        switch source {
        case .discover: mode = .discover
        case .none: mode = .none
        case .file(let path):
            let file = try Self.load(path)
            mode = .file(file)
            warn(file)
        }
    }

    private static func load(_ path: String) throws -> Loaded {
        let directory = FilePaths.folder(of: FilePaths.absolute(path))
        return Loaded(path: path, folder: directory.hasSuffix("/") ? directory : directory + "/",
                      configuration: try Configuration(contentsOfFile: path))
    }

    private func warn(_ file: Loaded) {
        for key in file.configuration.unknownKeys {
            warnings.append("config `\(file.path)`: unknown key `\(key)` ignored")
        }
    }

    /// The configurations that apply to files in `folder` (an absolute, standardized path), farthest first.
    private func chain(for folder: String) throws -> [Loaded] {
        switch mode {
        case .none: return []
        case .file(let file): return [file]
        case .discover: break
        }
        if let known = chains[folder] { return known }
        var found: [Loaded] = []
        let path = (folder == "/" ? "" : folder) + "/" + Configuration.fileName
        if FileManager.default.fileExists(atPath: path) {
            let file = try loaded[path] ?? Self.load(path)
            if loaded[path] == nil {
                loaded[path] = file
                warn(file)
            }
            found = [file]
        }
        if found.first?.configuration.root != true, folder != "/" {
            found = try chain(for: FilePaths.folder(of: folder)) + found
        }
        chains[folder] = found
        return found
    }

    /// The settings for a file, or for standard input (named by `path`, or nil: the working folder).
    public func settings(for path: String?) throws -> FileSettings {
        // Without configurations (`--no-config`) every file has the options alone: no path to work out.
        if case .none = mode { return FileSettings(options: options, severities: [:], excluded: false) }
        let absolute = FilePaths.absolute(path ?? "-")
        var options = self.options
        var ruleSettings: [String: Configuration.RuleSetting] = [:]
        var excluded = false
        for file in try chain(for: FilePaths.folder(of: absolute)) {
            apply(file.configuration, to: &options)
            ruleSettings.merge(file.configuration.rules) { $1 }
            guard let relative = file.relativePath(of: absolute) else { continue }
            if file.configuration.exclude.contains(where: { Glob.matches($0, relative) }) { excluded = true }
            for override in file.configuration.overrides where override.files.contains(where: { Glob.matches($0, relative) }) {
                ruleSettings.merge(override.rules) { $1 }
                if !overriding.contains(.context), let setting = override.context { options.context = setting.context }
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

    /// The configuration's settings over `options`, but for those the caller fixed.
    private func apply(_ configuration: Configuration, to options: inout LintOptions) {
        if !overriding.contains(.stage), let stage = configuration.stage { options.stage = stage.stage }
        if !overriding.contains(.context), let setting = configuration.context { options.context = setting.context }
        if !overriding.contains(.platform), let platform = configuration.platform { options.platform = platform }
        if !overriding.contains(.trackingDomains), let domains = configuration.trackingDomains { options.trackingDomains = domains }
        if !overriding.contains(.baseURL), let baseURL = configuration.baseURL { options.baseURL = baseURL }
        if !overriding.contains(.online), let online = configuration.online { options.online = online }
    }

    /// The extensions folder scans include besides the built-in ones: those of the configurations
    /// that apply in the working folder, all of them.
    public func extensions() throws -> [String] {
        try chain(for: FilePaths.absolute(".")).flatMap { $0.configuration.extensions ?? [] }
    }

    /// `failOn` from the configurations that apply in the working folder, unless the caller fixed it.
    public func failOn() throws -> FailOn {
        guard !overriding.contains(.failOn) else { return defaultFailOn }
        return try runSetting(\.failOn) ?? defaultFailOn
    }

    /// `docsURL` from the configurations that apply in the working folder, unless the caller fixed
    /// it: then (or when none sets it) `given`.
    public func docsURL(_ given: String?) throws -> String? {
        guard !overriding.contains(.docsURL) else { return given }
        return try runSetting(\.docsURL) ?? given
    }

    /// A setting of the whole run from the configurations that apply in the working folder, the
    /// nearest that sets it.
    private func runSetting<Value>(_ key: KeyPath<Configuration, Value?>) throws -> Value? {
        try chain(for: FilePaths.absolute(".")).compactMap { $0.configuration[keyPath: key] }.last
    }
}
