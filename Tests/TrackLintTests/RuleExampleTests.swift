import Foundation
import Testing
@testable import TrackLint
@testable import TrackLintCLI
@testable import TrackLintParsing
@testable import TrackLintPlatforms
@testable import TrackLintReporters

/// Every rule's own examples are its tests: triggering examples must produce this rule's findings
/// exactly at their markers (`↓` line and column, `⇣` line only), clean examples none, and
/// corrections must turn into their fixed text. Variants reuse each example in other settings.
@Suite struct RuleExampleTests {
    static let rules: [RuleCase] = RuleRegistry.all.map { RuleCase(type: $0) }
    static let documentRules: [RuleCase] = rules.filter { $0.type is any DocumentRule.Type }

    struct RuleCase: CustomTestStringConvertible, Sendable {
        let type: any Rule.Type
        var info: RuleInfo { type.info }
        var testDescription: String { "\(info.code) \(info.slug)" }
    }

    /// "line:column" of each of the rule's findings, "line:-" for those without a column.
    private func positions(of code: String, in findings: [Finding]) -> [String] {
        findings.filter { $0.code == code }.map { "\($0.location.line ?? 0):\($0.location.column.map(String.init) ?? "-")" }
    }

    /// The same in the decoded part, for findings in a message.
    private func partPositions(of code: String, in findings: [Finding]) -> [String] {
        findings.filter { $0.code == code }.map { "\($0.location.partLine ?? 0):\($0.location.partColumn.map(String.init) ?? "-")" }
    }

    private func expected(_ example: Example, lineShift: Int = 0) -> [String] {
        example.expectedPositions.map { "\($0.line + lineShift):\($0.column.map(String.init) ?? "-")" }
    }

    @Test("Triggering examples report exactly at their markers", arguments: rules)
    func triggering(_ rule: RuleCase) {
        #expect(!rule.info.triggering.isEmpty, "every rule needs a triggering example")
        for example in rule.info.triggering {
            #expect(!example.expectedPositions.isEmpty, "\(rule.info.code): a triggering example needs a marker: \(example.html)")
            let findings = TestSupport.lint(example.html, options: example.options)
            #expect(positions(of: rule.info.code, in: findings) == expected(example), "\(rule.info.code) on: \(example.html)")
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
            #expect(positions(of: rule.info.code, in: findings) == expected(example, lineShift: lineShift),
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

    /// Commented out in a template language (Jinja, Handlebars, Liquid), nothing is reported: the
    /// engine drops the comment before sending.
    @Test("Triggering examples inside a template comment report nothing", arguments: rules)
    func templateCommentedOutVariant(_ rule: RuleCase) {
        for example in rule.info.triggering where example.checksVariants && !example.html.contains("#}") {
            for (open, close) in [("{# ", " #}"), ("{{!-- ", " --}}"), ("{% comment %}", "{% endcomment %}")] {
                let findings = TestSupport.lint("<p>x</p>" + open + example.html + close, options: example.options)
                #expect(positions(of: rule.info.code, in: findings).isEmpty, "\(rule.info.code) in \(open): \(example.html)")
            }
        }
    }

    /// Sent as the HTML part of a bulk message in each transfer encoding, an example reports at the
    /// same lines and columns of the decoded part, linted at the stage the bare HTML was linted at.
    /// (Examples that are messages themselves are left as they are.)
    @Test("Triggering examples inside quoted-printable and base64 messages", arguments: documentRules)
    func messageVariant(_ rule: RuleCase) {
        for example in rule.info.triggering where InputSniffer.kind(of: Array(example.html.utf8)) == .html {
            var options = example.options
            options.stage = Linter(options: example.options).lint(example.html).first?.stage
            for encoding in MessageWrapping.allCases {
                let message = encoding.message(around: example.html)
                let findings = TestSupport.lint(message, options: options, path: "test.eml")
                #expect(partPositions(of: rule.info.code, in: findings) == expected(example),
                        "\(rule.info.code) in a \(encoding.rawValue) message: \(example.html)")
            }
        }
    }

    /// A rule is fixable when a finding of its examples carries edits; a fixable rule shows its fix.
    @Test("Fixable rules have corrections, and each turns into its fixed text", arguments: rules)
    func corrections(_ rule: RuleCase) {
        let code = rule.info.code
        let offersEdits = (rule.info.triggering.map { ($0.html, $0.options) } + rule.info.corrections.map { ($0.before, $0.options) })
            .contains { source, options in TestSupport.lint(source, options: options).contains { $0.code == code && $0.fix?.edits.isEmpty == false } }
        #expect(offersEdits == !rule.info.corrections.isEmpty, "\(code): corrections exactly when its findings carry edits")
        for correction in rule.info.corrections {
            let findings = TestSupport.lint(correction.before, options: correction.options).filter { $0.code == code }
            #expect(!findings.isEmpty && findings.allSatisfy { $0.fix?.edits.isEmpty == false }, "\(code): every finding fixable: \(correction.before)")
            let fixed = FixApplier.apply(fixesOf: findings, to: Array(correction.before.utf8), applicabilities: [.safe, .unsafe])
            #expect(String(decoding: fixed.bytes, as: UTF8.self) == correction.after, "\(code) fixing: \(correction.before)")
            #expect(fixed.skipped.isEmpty)
            // The fixed text is a fixed point: `--fix` run on it again changes nothing.
            let again = Linter(options: correction.options).fix(Array(correction.after.utf8), path: "test.html",
                                                                applicabilities: [.safe, .unsafe])
            #expect(again.fixed == 0 && again.bytes == Array(correction.after.utf8), "\(code) fixing again: \(correction.after)")
        }
    }
}

/// The transfer encodings an example is sent in, and the message around it.
enum MessageWrapping: String, CaseIterable {
    case quotedPrintable = "quoted-printable"
    case base64

    func message(around html: String) -> String {
        "From: News <news@shop.example>\r\nTo: ann@example.org\r\nSubject: Example\r\n"
            + "Date: Tue, 1 Dec 2026 09:00:00 +0000\r\nMessage-ID: <example@shop.example>\r\nPrecedence: bulk\r\nMIME-Version: 1.0\r\n"
            + "Content-Type: text/html\r\nContent-Transfer-Encoding: \(rawValue)\r\n\r\n" + encoded(html) + "\r\n"
    }

    private func encoded(_ html: String) -> String {
        switch self {
        case .base64:
            return Data(html.utf8).base64EncodedString(options: [.lineLength76Characters, .endLineWithCarriageReturn, .endLineWithLineFeed])
        case .quotedPrintable:
            return html.split(separator: "\n", omittingEmptySubsequences: false).map { Self.quotedPrintable(Array($0.utf8)) }
                .joined(separator: "\r\n")
        }
    }

    /// One line, `=` and non-ASCII bytes escaped, broken with soft line breaks (`=` at the end)
    /// every 40 characters so that decoding must join lines.
    private static func quotedPrintable(_ line: [UInt8]) -> String {
        var output = ""
        var width = 0
        for (index, byte) in line.enumerated() {
            let isLast = index == line.count - 1
            let literal = (byte >= 0x21 && byte <= 0x7E && byte != UInt8(ascii: "=")) || (byte == 0x20 && !isLast)
            let piece = literal ? String(UnicodeScalar(byte)) : String(format: "=%02X", byte)
            if width + piece.count > 40 {
                output += "=\r\n"
                width = 0
            }
            output += piece
            width += piece.count
        }
        return output
    }
}
