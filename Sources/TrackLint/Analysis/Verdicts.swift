import TrackLintParsing
import TrackLintPlatforms

/// The answer for one concern of one input: "Open tracking: broken, no open-tracking pixel".
public struct Verdict: Sendable, Equatable {
    public enum State: String, Sendable {
        case ok = "OK"
        case atRisk = "at risk"
        case broken = "broken"
    }

    public let concern: Concern
    public let state: State
    /// One line: what the state rests on.
    public let reason: String
    /// The finding the reason comes from, when it comes from one.
    public let code: String?

    /// A finding at error severity breaks a concern, a warning puts it at risk, info leaves it OK.
    /// A finding that lowers others (a test send, TL406) puts every concern at risk, and
    /// the findings it lowered still break theirs: the message as sent is not tracked, whatever the reason.
    public static func verdicts(for result: InputResult) -> [Verdict] {
        let lowering = FindingAdjustments.active(in: result.findings).first
        return Concern.allCases.map { concern in
            var worst: (finding: Finding, severity: Severity, title: String)?
            var count = 0
            for finding in result.findings {
                guard let info = RuleRegistry.infoByCode[finding.code], info.concerns.contains(concern) else { continue }
                // A test send lowered these to info, but they still break the concern, unless the
                // context does not require them at all.
                let severity = lowering?.lowering.codes.contains(finding.code) == true && result.diagnosis.context.requires(finding.code)
                    ? info.severity(in: result.stage) : finding.severity
                guard severity > .info else { continue }
                count += 1
                if worst.map({ severity > $0.severity }) ?? true { worst = (finding, severity, info.title) }
            }
            if let worst {
                var reason = worst.title + (count > 1 ? " (and \(count - 1) more)" : "")
                if let (by, lowering) = lowering, by.code != worst.finding.code { reason += "; \(lowering.verdictNote) (\(by.code))" }
                return Verdict(concern: concern, state: worst.severity == .error ? .broken : .atRisk,
                               reason: reason, code: worst.finding.code)
            }
            if let (by, lowering) = lowering {
                return Verdict(concern: concern, state: .atRisk, reason: lowering.verdictReason, code: by.code)
            }
            return unbroken(concern, diagnosis: result.diagnosis, kind: result.kind)
        }
    }

    /// The verdict when no finding speaks against the concern, with what the diagnosis saw.
    private static func unbroken(_ concern: Concern, diagnosis: Diagnosis, kind: InputKind) -> Verdict {
        let template = diagnosis.stage == .template
        switch concern {
        case .openTracking:
            if let pixel = diagnosis.pixel {
                let host = URLReference(pixel.url).host.map { " on \($0)" } ?? ""
                return Verdict(concern: concern, state: .ok, reason: "Pixel found\(host), line \(pixel.line)", code: nil)
            }
            return Verdict(concern: concern, state: .ok,
                           reason: template ? "Nothing blocks it; the platform adds the pixel when it sends" : "No problem found",
                           code: nil)
        case .clickTracking:
            let links = diagnosis.links
            if diagnosis.htmlParts == 0 && kind != .html {
                return Verdict(concern: concern, state: .atRisk,
                               reason: "No HTML body: only links in the text are tracked, where the platform rewrites them",
                               code: nil)
            }
            if links.total == 0 { return Verdict(concern: concern, state: .ok, reason: "No links to track", code: nil) }
            if let tracked = links.tracked, let host = diagnosis.trackingHosts.first?.host {
                return Verdict(concern: concern, state: .ok,
                               reason: "\(tracked) of \(links.total) links go through \(host)", code: nil)
            }
            return Verdict(concern: concern, state: .ok,
                           reason: template ? "\(links.total) links, none broken; the platform rewrites them when it sends"
                                            : "\(links.total) links, none broken", code: nil)
        case .unsubscribe:
            if diagnosis.context.value == .transactional {
                return Verdict(concern: concern, state: .ok, reason: "Not required of transactional mail", code: nil)
            }
            var parts: [String] = []
            if diagnosis.htmlParts > 0 {
                parts.append(diagnosis.unsubscribeBodyLink == true ? "Unsubscribe link in the body" : "No unsubscribe link in the body")
            }
            if diagnosis.listUnsubscribe == true {
                parts.append(diagnosis.oneClick == true ? "List-Unsubscribe with one-click" : "List-Unsubscribe header")
            }
            return Verdict(concern: concern, state: .ok, reason: parts.isEmpty ? "No problem found" : parts.joined(separator: ", "),
                           code: nil)
        }
    }
}
