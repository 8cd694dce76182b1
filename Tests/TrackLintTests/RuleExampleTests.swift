import Foundation
import Testing
@testable import TrackLint
@testable import TrackLintCLI
@testable import TrackLintParsing
@testable import TrackLintPlatforms
@testable import TrackLintReporters

/// Every rule's own examples are its tests: triggering examples must produce this rule's findings
/// exactly at the `↓` markers, clean examples none. Variants reuse each example in other settings.
@Suite struct RuleExampleTests {
    static let rules: [RuleCase] = RuleRegistry.all.map { RuleCase(type: $0) }

    struct RuleCase: CustomTestStringConvertible, Sendable {
        let type: any Rule.Type
        var info: RuleInfo { type.info }
        var testDescription: String { "\(info.code) \(info.slug)" }
    }

    private func positions(of code: String, in findings: [Finding]) -> [String] {
        findings.filter { $0.code == code }.map { finding in
            "\(finding.location.line ?? 0):\(finding.location.column.map(String.init) ?? "-")"
        }
    }

    private func expected(_ example: Example, lineShift: Int = 0, findings: [Finding], code: String) -> [String] {
        // A finding without a column (about the document as a whole) is matched on its line only.
        let actualHasColumn = findings.filter { $0.code == code }.map { $0.location.column != nil }
        return example.expectedPositions.enumerated().map { index, position in
            let hasColumn = index < actualHasColumn.count ? actualHasColumn[index] : true
            return "\(position.line + lineShift):\(hasColumn ? String(position.column) : "-")"
        }
    }

    @Test("Triggering examples report exactly at their markers", arguments: rules)
    func triggering(_ rule: RuleCase) {
        #expect(!rule.info.triggering.isEmpty, "every rule needs a triggering example")
        for example in rule.info.triggering {
            let findings = TestSupport.lint(example.html, options: example.options)
            #expect(positions(of: rule.info.code, in: findings) == expected(example, findings: findings, code: rule.info.code),
                    "\(rule.info.code) on: \(example.html)")
        }
    }

    @Test("Clean examples report nothing from the rule", arguments: rules)
    func clean(_ rule: RuleCase) {
        #expect(!rule.info.clean.isEmpty, "every rule needs a clean example")
        for example in rule.info.clean {
            let findings = TestSupport.lint(example.html, options: example.options)
            #expect(positions(of: rule.info.code, in: findings).isEmpty, "\(rule.info.code) on: \(example.html)")
        }
    }

    /// Each triggering example placed between `prefix` and `suffix` must report at its markers,
    /// moved down by the lines the prefix adds.
    private func checkPlaced(_ rule: RuleCase, prefix: String, suffix: String, setting: String, conditional: Bool = false) {
        let lineShift = prefix.filter { $0 == "\n" }.count
        for example in rule.info.triggering where example.checksVariants && (!conditional || example.checksConditionalVariant) {
            let findings = TestSupport.lint(prefix + example.html + suffix, options: example.options)
            #expect(positions(of: rule.info.code, in: findings)
                        == expected(example, lineShift: lineShift, findings: findings, code: rule.info.code),
                    "\(rule.info.code) \(setting): \(example.html)")
        }
    }

    /// Inside a full document whose head holds multibyte text, findings move down by the added
    /// lines and keep their columns.
    @Test("Triggering examples inside a document skeleton", arguments: rules)
    func skeletonVariant(_ rule: RuleCase) {
        checkPlaced(rule, prefix: "<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\"><title>Grüße ✓ 日本</title></head>\n<body>\n",
                    suffix: "\n</body></html>\n", setting: "in a skeleton")
    }

    /// Outlook conditional comments are parsed as HTML too, with locations mapped into the file.
    @Test("Triggering examples inside an Outlook conditional comment", arguments: rules)
    func conditionalCommentVariant(_ rule: RuleCase) {
        checkPlaced(rule, prefix: "<p>x</p><!--[if mso]>\n", suffix: "\n<![endif]-->", setting: "in a conditional comment",
                    conditional: true)
    }

    /// Commented out (an ordinary comment), nothing is reported.
    @Test("Triggering examples inside an ordinary comment report nothing", arguments: rules)
    func commentedOutVariant(_ rule: RuleCase) {
        for example in rule.info.triggering where example.checksVariants {
            let findings = TestSupport.lint("<p>x</p><!-- " + example.html + " -->", options: example.options)
            #expect(positions(of: rule.info.code, in: findings).isEmpty, "\(rule.info.code) commented out: \(example.html)")
        }
    }
}
