/// `tracklint rules` and `tracklint explain`: the catalogue rendered from the rules' own metadata.
public enum RuleDocs {
    public static func listing(format: String) -> String {
        let rules = RuleRegistry.all.map { $0.info }
        if format == "json" {
            return JSONValue.array(rules.map { info in
                .object([
                    ("code", .string(info.code)), ("slug", .string(info.slug)), ("title", .string(info.title)),
                    ("category", .string(info.category.rawValue)), ("stages", .string(info.stageLabel)),
                    ("severity", .string(info.defaultSeverity.rawValue)),
                    ("sentSeverity", .optional(info.sentSeverity?.rawValue)), ("summary", .string(info.summary)),
                ])
            }).serialized() + "\n"
        }
        let slugWidth = rules.map(\.slug.count).max() ?? 0
        let severities = rules.map(severityLabel)
        let severityWidth = severities.map(\.count).max() ?? 0
        return zip(rules, severities).map { info, severity in
            let slug = info.slug.padding(toLength: slugWidth)
            let stages = info.stageLabel.padding(toLength: 3)
            return "\(info.code)  \(slug)  \(stages)  \(severity.padding(toLength: severityWidth))  \(info.summary)"
        }.joined(separator: "\n") + "\n"
    }

    /// "error", or "warning (S: error)" where sent messages get another default.
    static func severityLabel(_ info: RuleInfo) -> String {
        guard let sent = info.sentSeverity, sent != info.defaultSeverity else { return info.defaultSeverity.rawValue }
        return "\(info.defaultSeverity.rawValue) (S: \(sent.rawValue))"
    }

    public static func explain(_ info: RuleInfo) -> String {
        var text = "\(info.code) \(info.slug): \(info.title)\n\n"
        text += "\(info.summary).\n\n"
        let severity = info.sentSeverity.map { "\(info.defaultSeverity.rawValue) in templates, \($0.rawValue) in sent messages" }
            ?? info.defaultSeverity.rawValue
        text += "Category: \(info.category.rawValue). Applies to: \(stageNames(info)). Default severity: \(severity).\n\n"
        text += "Why it matters\n\(wrap(info.rationale))\n\n"
        text += "Triggers on\n\(examples(info.triggering))\n\n"
        text += "Does not trigger on\n\(examples(info.clean))\n\n"
        text += "How to fix\n\(wrap(info.fix))\n"
        return text
    }

    /// Examples indented as code, with invisible characters shown as escapes.
    private static func examples(_ examples: [Example]) -> String {
        examples.map { example in
            example.html.split(separator: "\n", omittingEmptySubsequences: false)
                .map { "    " + TerminalText.escaped(String($0)) }.joined(separator: "\n")
        }.joined(separator: "\n")
    }

    private static func stageNames(_ info: RuleInfo) -> String {
        [Stage.template, .sent].filter(info.stages.contains)
            .map { $0 == .template ? "templates" : "sent messages" }.joined(separator: " and ")
    }

    /// Wraps prose at 100 columns, indented by two spaces.
    static func wrap(_ text: String, width: Int = 100) -> String {
        var lines: [String] = []
        var line = ""
        for word in text.split(separator: " ") {
            if !line.isEmpty && line.count + word.count + 1 > width - 2 {
                lines.append(line)
                line = ""
            }
            line += (line.isEmpty ? "" : " ") + word
        }
        if !line.isEmpty { lines.append(line) }
        return lines.map { "  " + $0 }.joined(separator: "\n")
    }
}

extension String {
    func padding(toLength length: Int) -> String {
        count >= length ? self : self + String(repeating: " ", count: length - count)
    }
}
