/// `--format json`: the shape SPEC.md fixes, schemaVersion 1.
public enum JSONReporter {
    public static let schemaVersion = 1

    public static func render(_ report: LintReport) -> String {
        let document: JSONValue = .object([
            ("tool", .object([("name", .string(ToolInfo.name)), ("version", .string(ToolInfo.version))])),
            ("schemaVersion", .int(schemaVersion)),
            ("inputs", .array(report.results.map(input))),
            ("findings", .array(report.findings.map(finding))),
            ("summary", .object([
                ("inputs", .int(report.results.count)),
                ("messages", .int(report.results.filter { $0.kind != .html }.count)),
                ("errors", .int(report.count(.error))),
                ("warnings", .int(report.count(.warning))),
                ("infos", .int(report.count(.info))),
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
