/// `--format json`: the shape SPEC.md fixes, schemaVersion 1.
public struct JSONReporter: Reporter {
    public static let schemaVersion = 1

    private var inputs: [JSONValue] = []
    private var findings: [JSONValue] = []
    private var summary = RunSummary()

    public init() {}

    public mutating func add(_ result: InputResult) {
        inputs.append(Self.input(result))
        findings += result.findings.map(Self.finding)
        summary.add(result)
    }

    public func finish() -> String {
        let document: JSONValue = .object([
            ("tool", .object([("name", .string(ToolInfo.name)), ("version", .string(ToolInfo.version))])),
            ("schemaVersion", .int(Self.schemaVersion)),
            ("inputs", .array(inputs)),
            ("findings", .array(findings)),
            ("summary", .object([
                ("inputs", .int(summary.inputs)),
                ("messages", .int(summary.messages)),
                ("errors", .int(summary.errors)),
                ("warnings", .int(summary.warnings)),
                ("infos", .int(summary.infos)),
            ])),
        ])
        return document.serialized() + "\n"
    }

    static func input(_ result: InputResult) -> JSONValue {
        .object([
            ("path", .string(result.path)),
            ("kind", .string(result.kind.rawValue)),
            ("stage", .string(result.stage.rawValue)),
            ("messages", .array([])),
            ("diagnosis", result.diagnosis.json),
        ])
    }

    static func finding(_ finding: Finding) -> JSONValue {
        .object([
            ("code", .string(finding.code)),
            ("slug", .string(finding.slug)),
            ("severity", .string(finding.severity.rawValue)),
            ("message", .string(finding.message)),
            ("help", .string(finding.help)),
            ("location", .object([
                ("path", .string(finding.location.path)),
                ("message", .optional(finding.location.message)),
                ("part", .optional(finding.location.part)),
                ("line", .optional(finding.location.line)),
                ("column", .optional(finding.location.column)),
                ("header", .optional(finding.location.header)),
                ("selector", .optional(finding.location.selector)),
            ])),
            ("evidence", .string(finding.evidence)),
            ("fix", finding.fix.map(fix) ?? .null),
        ])
    }

    static func fix(_ fix: Fix) -> JSONValue {
        .object([
            ("description", .string(fix.description)),
            ("applicability", .string(fix.applicability.rawValue)),
            ("edits", .array(fix.edits.map { edit in
                .object([("line", .int(edit.line)), ("column", .int(edit.column)),
                         ("length", .int(edit.length)), ("text", .string(edit.text))])
            })),
        ])
    }
}

public enum ToolInfo {
    public static let name = "tracklint"
    public static let version = "0.1.0"
}
