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

    /// The lowerings in force for these findings: those of the rules among them, with their codes.
    package static func active(in findings: [Finding]) -> [(code: String, lowering: Lowering)] {
        lowering.filter { entry in findings.contains { $0.code == entry.code } }
    }

    /// Applies the lowerings in force, in place: only the lowered findings change.
    package static func apply(to findings: inout [Finding]) {
        let active = active(in: findings)
        guard !active.isEmpty else { return }
        for index in findings.indices {
            for (_, lowering) in active where lowering.codes.contains(findings[index].code) {
                findings[index].severity = lowering.severity
                findings[index].help += lowering.helpSuffix
            }
        }
    }
}

extension ResolvedContext {
    /// `adjusted` in place, for the findings from `start` on: only those the context does not
    /// require are changed (and copied).
    package func adjust(_ findings: inout [Finding], from start: Int = 0) {
        for index in start..<findings.count where !requires(findings[index].code) {
            findings[index] = adjusted(findings[index])
        }
    }
}
