import Foundation
import TrackLint
import TrackLintParsing
import TrackLintPlatforms

/// `--format sarif`: a SARIF 2.1.0 log with one run, valid against the official schema, for
/// GitHub code scanning and other SARIF viewers. Paths under the folder tracklint ran in are
/// relative to `%SRCROOT%`; columns count Unicode code points. Raw-source places (mbox message,
/// MIME part, header, line in the decoded part) go in each result's `properties`.
public struct SARIFReporter: Reporter {
    /// What standard input is called when `--stdin-filename` does not name it.
    public static let standardInputURI = "stdin"

    private let rules: [RuleInfo]
    private let ruleIndex: [String: Int]
    /// The folder relative paths start from, with a trailing `/`.
    private let baseFolder: String
    private let category: String?
    private let docsURL: RuleDocsURL?
    private var started = false
    private var results = JSONArrayStream(depth: 3)
    private var fingerprints = FindingFingerprints()

    /// `rules`: the rules that ran, listed in `tool.driver.rules`; `baseFolder`: the working folder;
    /// `category`: `automationDetails.id`, which tells code scanning's runs of one repository apart;
    /// `docsURL`: where each rule's `helpUri` points.
    public init(rules: [RuleInfo], baseFolder: String, category: String? = nil, docsURL: RuleDocsURL? = nil) {
        self.rules = rules
        self.ruleIndex = Dictionary(uniqueKeysWithValues: rules.enumerated().map { ($1.code, $0) })
        self.baseFolder = baseFolder.hasSuffix("/") ? baseFolder : baseFolder + "/"
        self.category = category
        self.docsURL = docsURL
    }

    /// Each input's results are written as it finishes: the log's opening, with the rules, goes
    /// out before the first.
    public mutating func add(_ result: InputResult) -> String {
        var text = start()
        fingerprints.startInput(path: result.path, message: result.messageIndex)
        for finding in result.findings {
            let source = finding.location.part == nil ? result.sources[""] : nil
            text += results.element(self.result(finding, inMbox: result.kind == .mbox, endColumn: Self.endColumn(of: finding, in: source)))
        }
        return text
    }

    public func finish() -> String {
        var copy = self
        return copy.start() + results.close() + JSONValue.objectTail([], indent: 2) + "\n" + JSONValue.pad(1) + "]"
            + JSONValue.objectTail([], indent: 0) + "\n"
    }

    /// The log up to its results: the one run's tool, with every rule, and where paths start.
    private mutating func start() -> String {
        guard !started else { return "" }
        started = true
        let driver: JSONValue = .object([
            ("name", .string(ToolInfo.name)),
            ("version", .string(ToolInfo.version)),
            ("semanticVersion", .string(ToolInfo.version)),
            ("informationUri", .string(ToolInfo.informationURL)),
            ("rules", .array(rules.map(descriptor))),
        ])
        var run: [(String, JSONValue)] = [("tool", .object([("driver", driver)]))]
        // GitHub reads the category as the id up to its last `/` (the rest names the run), as the
        // CodeQL CLI's `--sarif-category` writes it.
        if let category { run.append(("automationDetails", .object([("id", .string(category.hasSuffix("/") ? category : category + "/"))]))) }
        run += [
            ("originalUriBaseIds", .object([("%SRCROOT%", .object([("uri", .string(Self.fileURI(baseFolder)))]))])),
            ("columnKind", .string("unicodeCodePoints")),
        ]
        return JSONValue.objectHead([
            ("$schema", .string("https://json.schemastore.org/sarif-2.1.0.json")),
            ("version", .string("2.1.0")),
        ], openKey: "runs", indent: 0) + "[\n" + JSONValue.pad(2) + JSONValue.objectHead(run, openKey: "results", indent: 2)
    }

    package static func level(_ severity: Severity) -> String {
        switch severity {
        case .error: "error"
        case .warning: "warning"
        case .info: "note"
        }
    }

    private func descriptor(_ info: RuleInfo) -> JSONValue {
        var tags = [info.category.rawValue]
        tags += [Stage.template, .sent].filter(info.stages.contains).map { $0 == .template ? "template" : "sent" }
        var members: [(String, JSONValue)] = [
            ("id", .string(info.code)),
            ("name", .string(info.slug)),
            ("shortDescription", .object([("text", .string(info.title))])),
            ("fullDescription", .object([("text", .string(info.summary))])),
            ("help", .object([
                ("text", .string("\(info.rationale)\n\nFix: \(info.fix)")),
                ("markdown", .string(RuleDocs.markdown(info))),
            ])),
            ("defaultConfiguration", .object([("level", .string(Self.level(info.defaultSeverity)))])),
            ("properties", .object([("tags", .array(tags.map(JSONValue.string)))])),
        ]
        if let docsURL { members.insert(("helpUri", .string(docsURL.page(for: info))), at: 4) }
        return .object(members)
    }

    /// The column after the evidence, when the evidence is the source text at the finding's place
    /// (a decoded entity or a header value is not, and gets no end).
    static func endColumn(of finding: Finding, in source: SourceText?) -> Int? {
        guard let source, let column = finding.location.column, let offset = finding.offset, !finding.evidence.isEmpty
        else { return nil }
        let evidence = Array(finding.evidence.utf8)
        guard !evidence.contains(0x0A), !evidence.contains(0x0D), offset + evidence.count <= source.bytes.count,
              source.bytes[offset..<(offset + evidence.count)].elementsEqual(evidence) else { return nil }
        return column + finding.evidence.unicodeScalars.count
    }

    private mutating func result(_ finding: Finding, inMbox: Bool, endColumn: Int?) -> JSONValue {
        let location = finding.location
        var members: [(String, JSONValue)] = [
            ("ruleId", .string(finding.code)),
        ]
        if let index = ruleIndex[finding.code] { members.append(("ruleIndex", .int(index))) }
        members += [
            ("level", .string(Self.level(finding.severity))),
            ("message", .object([("text", .string(finding.message))])),
            ("locations", .array([.object([("physicalLocation", physicalLocation(location, endColumn: endColumn))])])),
            ("partialFingerprints", .object([("tracklint/v1", .string(fingerprints.next(for: finding)))])),
        ]
        if let fix = finding.fix, !fix.edits.isEmpty {
            members.append(("fixes", .array([fixValue(fix, location: location)])))
        }
        var properties: [(String, JSONValue)] = [("help", .string(finding.help)), ("evidence", .string(finding.evidence))]
        if inMbox, let message = location.message { properties.append(("message", .int(message))) }
        if let part = location.part { properties.append(("part", .string(part))) }
        if let partLine = location.partLine { properties.append(("partLine", .int(partLine))) }
        if let partColumn = location.partColumn { properties.append(("partColumn", .int(partColumn))) }
        if let header = location.header { properties.append(("header", .string(header))) }
        if let selector = location.selector { properties.append(("selector", .string(selector))) }
        members.append(("properties", .object(properties)))
        return .object(members)
    }

    private func physicalLocation(_ location: Location, endColumn: Int?) -> JSONValue {
        var members: [(String, JSONValue)] = [("artifactLocation", artifactLocation(location.path))]
        if let line = location.line {
            var region: [(String, JSONValue)] = [("startLine", .int(line))]
            if let column = location.column { region.append(("startColumn", .int(column))) }
            if let endColumn { region.append(("endColumn", .int(endColumn))) }
            members.append(("region", .object(region)))
        }
        return .object(members)
    }

    private func fixValue(_ fix: Fix, location: Location) -> JSONValue {
        let replacements = fix.edits.map { edit -> JSONValue in
            .object([
                ("deletedRegion", .object([
                    ("startLine", .int(edit.line)),
                    ("startColumn", .int(edit.column)),
                    ("endColumn", .int(edit.column + edit.length)),
                ])),
                ("insertedContent", .object([("text", .string(edit.text))])),
            ])
        }
        return .object([
            ("description", .object([("text", .string(fix.description))])),
            ("artifactChanges", .array([.object([
                ("artifactLocation", artifactLocation(location.path)),
                ("replacements", .array(replacements)),
            ])])),
        ])
    }

    /// A path under the base folder as a reference relative to `%SRCROOT%`; any other as a file URI.
    private func artifactLocation(_ path: String) -> JSONValue {
        if path == Location.standardInputPath {
            return .object([("uri", .string(Self.standardInputURI)), ("uriBaseId", .string("%SRCROOT%"))])
        }
        let absolute = FilePaths.absolute(path.hasPrefix("/") ? path : baseFolder + path)
        guard absolute.hasPrefix(baseFolder) else { return .object([("uri", .string(Self.fileURI(absolute)))]) }
        let relative = String(absolute.dropFirst(baseFolder.count))
        return .object([("uri", .string(Self.encoded(relative))), ("uriBaseId", .string("%SRCROOT%"))])
    }

    private static func fileURI(_ absolutePath: String) -> String { "file://" + encoded(absolutePath) }

    private static func encoded(_ path: String) -> String {
        path.addingPercentEncoding(withAllowedCharacters: uriPathCharacters) ?? path
    }

    /// RFC 3986 path characters (unreserved, sub-delims, `:`, `@`, `/`); everything else is escaped.
    private static let uriPathCharacters = CharacterSet(
        charactersIn: "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-._~!$&'()*+,;=:@/")
}
