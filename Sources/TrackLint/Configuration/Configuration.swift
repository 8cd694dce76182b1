import Foundation
import TrackLintParsing
import TrackLintPlatforms

/// One `.tracklint.json`: settings for the files below its folder (SPEC.md, "Config and
/// suppressions"). Paths in `exclude` and `overrides` are globs relative to that folder.
///
/// Decoding checks every value as `tracklint check` does and throws a `LintError` naming
/// the key; keys that mean nothing to tracklint are kept in `unknownKeys` rather than rejected.
/// Encoding writes the set keys only, rules under their codes.
public struct Configuration: Codable, Sendable, Equatable {
    public static let fileName = ".tracklint.json"

    /// The keys of a configuration file, which are also the settings a caller can fix so that
    /// configurations do not change them (`ConfigurationResolver(overriding:)`).
    public enum Key: String, CodingKey, CaseIterable, Sendable {
        case root, stage, context, platform, trackingDomains, baseURL, failOn, docsURL, rules, exclude, overrides, online, extensions
    }

    /// `stage`: detect (`auto`), or one stage.
    public enum StageSetting: String, Codable, Sendable, CaseIterable {
        case auto, template, sent

        /// The linter's stage option: nil to detect.
        public var stage: Stage? { Stage(rawValue: rawValue) }
    }

    /// `context`: infer it per input (`auto`), or state one: every rule of that context runs.
    public enum ContextSetting: String, Codable, Sendable, CaseIterable {
        case auto, campaign, transactional, test

        /// The linter's context option: nil to infer.
        public var context: MailContext? { MailContext(rawValue: rawValue) }
    }

    /// A rule turned off, or given another severity.
    public enum RuleSetting: Sendable, Hashable {
        case off
        case severity(Severity)
    }

    /// Rule settings, and optionally a context, for the files some globs match.
    public struct Override: Sendable, Equatable {
        public var files: [String]
        public var rules: [String: RuleSetting]
        public var context: ContextSetting?

        public init(files: [String], rules: [String: RuleSetting], context: ContextSetting? = nil) {
            self.files = files
            self.rules = rules
            self.context = context
        }
    }

    /// Stops the search for configurations in the folders above this one.
    public var root = false
    public var stage: StageSetting?
    public var context: ContextSetting?
    /// A platform id; nil (or `auto` in the file) leaves detection on.
    public var platform: String?
    public var trackingDomains: [String]?
    public var baseURL: String?
    public var failOn: FailOn?
    /// Where the rule pages are published (SARIF's `helpUri`): a URL with `{code}` or `{slug}`, or
    /// of a folder of the `docs/rules` pages.
    public var docsURL: String?
    /// Settings by rule code (a file may name rules by code or slug).
    public var rules: [String: RuleSetting] = [:]
    public var exclude: [String] = []
    public var overrides: [Override] = []
    /// Look up the tracking hosts themselves (DNS, TLS, HSTS), as `--online` does.
    public var online: Bool?
    /// File extensions a folder scan includes besides the built-in ones (`tpl`, `email.txt`),
    /// lower case, without the leading dot.
    public var extensions: [String]?
    /// Keys that mean nothing to tracklint, for a warning; never encoded.
    public var unknownKeys: [String] = []

    public init(root: Bool = false, stage: StageSetting? = nil, context: ContextSetting? = nil, platform: String? = nil,
                trackingDomains: [String]? = nil, baseURL: String? = nil, failOn: FailOn? = nil, docsURL: String? = nil,
                rules: [String: RuleSetting] = [:], exclude: [String] = [], overrides: [Override] = []) {
        self.root = root
        self.stage = stage
        self.context = context
        self.platform = platform
        self.trackingDomains = trackingDomains
        self.baseURL = baseURL
        self.failOn = failOn
        self.docsURL = docsURL
        self.rules = rules
        self.exclude = exclude
        self.overrides = overrides
    }

    /// Reads a configuration file; the error names the file and what is wrong with it.
    public init(contentsOfFile path: String) throws {
        guard let data = FileManager.default.contents(atPath: path) else { throw LintError("cannot read config `\(path)`") }
        // JSONSerialization says where the text stops being JSON; the decoder checks the values.
        let object: Any
        do {
            object = try JSONSerialization.jsonObject(with: data)
        } catch {
            throw LintError("config `\(path)` is not valid JSON (\(Self.position(of: error, in: data)))")
        }
        guard object is [String: Any] else { throw LintError("config `\(path)` must hold a JSON object") }
        do {
            self = try JSONDecoder().decode(Configuration.self, from: data)
        } catch let error as LintError {
            throw LintError("config `\(path)`: \(error.message)")
        }
    }

    public init(from decoder: any Decoder) throws {
        guard let json = try? decoder.container(keyedBy: AnyKey.self) else { throw LintError("must hold a JSON object") }
        for key in json.allKeys.sorted(by: { $0.stringValue < $1.stringValue }) {
            guard let known = Key(rawValue: key.stringValue) else {
                unknownKeys.append(key.stringValue)
                continue
            }
            try decode(known, from: json, at: key)
        }
    }

    private mutating func decode(_ key: Key, from json: KeyedDecodingContainer<AnyKey>, at name: AnyKey) throws {
        func value<T: Decodable>(_ type: T.Type, _ expected: String) throws -> T {
            guard let value = try? json.decode(type, forKey: name) else { throw LintError("`\(key.rawValue)` must be \(expected)") }
            return value
        }
        switch key {
        case .root: root = try value(Bool.self, "true or false")
        case .online: online = try value(Bool.self, "true or false")
        case .stage: stage = try value(StageSetting.self, "auto, template or sent")
        case .context: context = try value(ContextSetting.self, Self.contextChoices)
        case .platform:
            let expected = "auto or one of " + PlatformProfiles.ids.joined(separator: ", ")
            let text = try value(String.self, expected).lowercased()
            guard text == "auto" || PlatformProfiles.profile(text) != nil else { throw LintError("`platform` must be \(expected)") }
            platform = text == "auto" ? nil : text
        case .trackingDomains: trackingDomains = try value([String].self, "a list of host names").map { $0.lowercased() }
        case .baseURL: baseURL = try absoluteWebURL(value(String.self, "an absolute http(s) URL"), key)
        case .docsURL: docsURL = try absoluteWebURL(value(String.self, "an absolute http(s) URL"), key)
        case .failOn: failOn = try value(FailOn.self, "error, warning, info or never")
        case .rules: rules = try Self.ruleSettings(json, at: name, key: "rules")
        case .exclude: exclude = try value([String].self, "a list of globs")
        case .extensions:
            let expected = "a list of file extensions such as \"tpl\""
            extensions = try value([String].self, expected).map { text in
                guard let normalized = Self.fileExtension(text) else { throw LintError("`extensions` must be \(expected), not `\(text)`") }
                return normalized
            }
        case .overrides:
            guard var list = try? json.nestedUnkeyedContainer(forKey: name) else {
                throw LintError(#"`overrides` must be a list of {"files": [...], "rules": {...}, "context": ...}"#)
            }
            while !list.isAtEnd {
                guard let entry = try? list.nestedContainer(keyedBy: AnyKey.self) else {
                    throw LintError(#"`overrides` must be a list of {"files": [...], "rules": {...}}"#)
                }
                guard let files = try? entry.decode([String].self, forKey: AnyKey("files")) else {
                    throw LintError("`overrides[].files` must be a list of globs")
                }
                let rules = entry.contains(AnyKey("rules")) ? try Self.ruleSettings(entry, at: AnyKey("rules"), key: "overrides[].rules") : [:]
                var context: ContextSetting?
                if entry.contains(AnyKey("context")) {
                    guard let setting = try? entry.decode(ContextSetting.self, forKey: AnyKey("context")) else {
                        throw LintError("`overrides[].context` must be \(Self.contextChoices)")
                    }
                    context = setting
                }
                overrides.append(Override(files: files, rules: rules, context: context))
            }
        }
    }

    private func absoluteWebURL(_ text: String, _ key: Key) throws -> String {
        guard Self.isAbsoluteWebURL(text) else { throw LintError("`\(key.rawValue)` must be an absolute http(s) URL") }
        return text
    }

    /// An absolute http(s) URL, as `baseURL`, `docsURL` and their options take.
    public static func isAbsoluteWebURL(_ text: String) -> Bool {
        let url = URLReference(text)
        return url.isWeb && url.kind == .absolute
    }

    /// A file extension as `--extension` and `extensions` take it (`.TPL` and `tpl` alike), or nil
    /// when it cannot be one: empty, or holding a `/` or a space.
    public static func fileExtension(_ text: String) -> String? {
        let trimmed = text.trimmingASCIISpaces().lowercased()
        let name = trimmed.hasPrefix(".") ? String(trimmed.dropFirst()) : trimmed
        guard !name.isEmpty, !name.hasPrefix("."), !name.contains("/"), !name.contains(" ") else { return nil }
        return name
    }

    private static let contextChoices = ContextSetting.allCases.map(\.rawValue).joined(separator: ", ")

    /// A `rules` object: rule names (codes or slugs) to `off` or a severity.
    private static func ruleSettings(_ json: KeyedDecodingContainer<AnyKey>, at name: AnyKey,
                                     key: String) throws -> [String: RuleSetting] {
        guard let map = try? json.nestedContainer(keyedBy: AnyKey.self, forKey: name) else {
            throw LintError("`\(key)` must be an object")
        }
        var settings: [String: RuleSetting] = [:]
        for ruleName in map.allKeys {
            guard let rule = RuleRegistry.rule(named: ruleName.stringValue) else {
                throw LintError("unknown rule `\(ruleName.stringValue)` in `\(key)` (see `tracklint rules`)")
            }
            guard let text = try? map.decode(String.self, forKey: ruleName), let setting = RuleSetting(text) else {
                throw LintError("rule `\(ruleName.stringValue)` must be off, info, warning or error")
            }
            settings[rule.info.code] = setting
        }
        return settings
    }

    public func encode(to encoder: any Encoder) throws {
        var json = encoder.container(keyedBy: Key.self)
        if root { try json.encode(root, forKey: .root) }
        try json.encodeIfPresent(stage, forKey: .stage)
        try json.encodeIfPresent(context, forKey: .context)
        try json.encodeIfPresent(platform, forKey: .platform)
        try json.encodeIfPresent(trackingDomains, forKey: .trackingDomains)
        try json.encodeIfPresent(baseURL, forKey: .baseURL)
        try json.encodeIfPresent(failOn, forKey: .failOn)
        try json.encodeIfPresent(docsURL, forKey: .docsURL)
        try json.encodeIfPresent(online, forKey: .online)
        if !rules.isEmpty { try json.encode(rules.mapValues(\.name), forKey: .rules) }
        if !exclude.isEmpty { try json.encode(exclude, forKey: .exclude) }
        try json.encodeIfPresent(extensions, forKey: .extensions)
        if !overrides.isEmpty {
            var list = json.nestedUnkeyedContainer(forKey: .overrides)
            for override in overrides {
                var entry = list.nestedContainer(keyedBy: AnyKey.self)
                try entry.encode(override.files, forKey: AnyKey("files"))
                try entry.encode(override.rules.mapValues(\.name), forKey: AnyKey("rules"))
                try entry.encodeIfPresent(override.context, forKey: AnyKey("context"))
            }
        }
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

    /// Any key of a JSON object, to see the keys tracklint does not know.
    struct AnyKey: CodingKey {
        let stringValue: String
        var intValue: Int? { nil }
        init(_ string: String) { stringValue = string }
        init?(stringValue: String) { self.stringValue = stringValue }
        init?(intValue: Int) { nil }
    }
}

extension Configuration.RuleSetting {
    /// `off`, `info`, `warning` or `error`; nil for anything else.
    public init?(_ name: String) {
        if name == "off" {
            self = .off
        } else if let severity = Severity(rawValue: name) {
            self = .severity(severity)
        } else {
            return nil
        }
    }

    /// The setting as a configuration file writes it.
    public var name: String {
        switch self {
        case .off: "off"
        case .severity(let severity): severity.rawValue
        }
    }
}

/// `failOn` and `--fail-on`: the least severity that makes a run fail.
public enum FailOn: String, Codable, Sendable, CaseIterable {
    case error, warning, info, never

    /// The threshold, or nil when no finding fails the run.
    public var severity: Severity? {
        switch self {
        case .error: .error
        case .warning: .warning
        case .info: .info
        case .never: nil
        }
    }
}

/// A configuration that cannot be used, or an input that cannot be read: the message names the
/// file and what is wrong.
public struct LintError: Error, Equatable, Sendable, CustomStringConvertible {
    public let message: String
    public init(_ message: String) { self.message = message }
    public var description: String { message }
}
