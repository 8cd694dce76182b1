/// How one rule's finding changes other rules' findings on the same input, declared in the
/// rule's metadata (`RuleInfo.lowers`) and applied after all rules ran: a test send (TL406) lowers
/// the pixel, link-tracking and unsubscribe-placeholder findings, which it explains, to info.
public struct Lowering: Sendable {
    /// The codes whose findings it lowers.
    public let codes: Set<String>
    public let severity: Severity
    /// Appended to the help of each lowered finding.
    public let helpSuffix: String
    /// Added to a concern's verdict that rests on another finding: "this is a test send".
    public let verdictNote: String
    /// A concern's verdict when no finding speaks against it: at risk, for this reason.
    public let verdictReason: String

    public init(codes: Set<String>, to severity: Severity, helpSuffix: String, verdictNote: String, verdictReason: String) {
        self.codes = codes
        self.severity = severity
        self.helpSuffix = helpSuffix
        self.verdictNote = verdictNote
        self.verdictReason = verdictReason
    }
}

/// The post-pass that applies every declared lowering.
package enum FindingAdjustments {
    /// The rules that declare a lowering.
    private static let lowering: [(code: String, lowering: Lowering)] =
        RuleRegistry.all.compactMap { rule in rule.info.lowers.map { (rule.info.code, $0) } }

    /// The lowerings in force for these findings: those of the rules among them.
    package static func active(in findings: [Finding]) -> [(finding: Finding, lowering: Lowering)] {
        lowering.compactMap { entry in findings.first { $0.code == entry.code }.map { ($0, entry.lowering) } }
    }

    package static func apply(to findings: [Finding]) -> [Finding] {
        let active = active(in: findings)
        guard !active.isEmpty else { return findings }
        return findings.map { finding in
            var finding = finding
            for (_, lowering) in active where lowering.codes.contains(finding.code) {
                finding.severity = lowering.severity
                finding.help += lowering.helpSuffix
            }
            return finding
        }
    }
}
