import TrackLintParsing
import TrackLintPlatforms

/// The answer for one concern of one input: "Click tracking: partial, 1 of 20 links is not tracked".
public struct Verdict: Sendable, Equatable {
    /// SPEC.md's states, in JSON as their raw values.
    public enum State: String, Sendable, CaseIterable {
        case ok
        case partial
        case atRisk = "at-risk"
        case broken

        /// How the report and the text output show it.
        public var label: String {
            switch self {
            case .ok: "OK"
            case .partial: "partial"
            case .atRisk: "at risk"
            case .broken: "broken"
            }
        }
    }

    public let concern: Concern
    public let state: State
    /// One line: what the state rests on.
    public let reason: String
    /// The findings the state rests on, by code, sorted.
    public let codes: [String]

    public init(concern: Concern, state: State, reason: String, codes: [String] = []) {
        self.concern = concern
        self.state = state
        self.reason = reason
        self.codes = codes
    }

    /// Each concern judged from every finding that bears on it (its rule's `concerns`, and for the
    /// unsubscribe concern a `deadensLink` finding on an unsubscribe link): an error breaks a
    /// concern, or makes it `partial` when other links or paths still work; a warning puts it at
    /// risk. A finding that lowers others (a test send, TL406) puts every concern at risk, and the
    /// findings it lowered still count at their own severity: the message as sent is not tracked.
    public static func verdicts(for result: InputResult) -> [Verdict] {
        verdicts(for: result, weighing: Weighing(result))
    }

    static func verdicts(for result: InputResult, weighing: Weighing) -> [Verdict] {
        let lowering = weighing.lowering
        return Concern.allCases.map { concern in
            let against = weighing.findings.filter { $0.bears(on: concern) }
            let verdict = switch concern {
            case .openTracking: opens(against, result: result)
            case .clickTracking: clicks(against, result: result)
            case .unsubscribe: unsubscribe(against, result: result)
            }
            return lowering.map { verdict.noting($0.lowering, by: $0.code) } ?? verdict
        }
    }

    /// The verdict with a lowering's note: at risk for its reason when nothing else speaks against it.
    private func noting(_ lowering: Lowering, by code: String) -> Verdict {
        if state == .ok { return Verdict(concern: concern, state: .atRisk, reason: lowering.verdictReason, codes: [code]) }
        return Verdict(concern: concern, state: state, reason: reason + "; \(lowering.verdictNote) (\(code))",
                       codes: Array(Set(codes + [code])).sorted())
    }

    private static func opens(_ against: [WeighedFinding], result: InputResult) -> Verdict {
        let errors = against.filter { $0.severity == .error }
        guard let worst = errors.first else { return warnedOrUnbroken(.openTracking, against, result: result) }
        // A pixel that loads still counts opens when another image meant as one does not.
        if let pixel = result.diagnosis.pixel, errors.allSatisfy({ $0.offset.map { $0 != pixel.offset } ?? false }) {
            let host = URLReference(pixel.url).host.map { " on \($0)" } ?? ""
            return Verdict(concern: .openTracking, state: .partial,
                           reason: "The pixel\(host) works, but: \(worst.info.title)\(more(errors.count))", codes: codes(against))
        }
        return Verdict(concern: .openTracking, state: .broken, reason: worst.info.title + more(errors.count), codes: codes(against))
    }

    private static func clicks(_ against: [WeighedFinding], result: InputResult) -> Verdict {
        let errors = against.filter { $0.severity == .error }
        guard let worst = errors.first else { return warnedOrUnbroken(.clickTracking, against, result: result) }
        let failing = failingLinks(errors)
        // Links meant as web links that are dead count among the links too.
        let counted = result.diagnosis.links.web + failing.filter { !$0.isWeb }.count
        // Errors on no link in particular break clicks only when no link works.
        guard errors.allSatisfy({ $0.link != nil }), counted > 0 else {
            let state: State = counted > failing.count ? .partial : .broken
            return Verdict(concern: .clickTracking, state: state, reason: worst.info.title + more(errors.count), codes: codes(against))
        }
        let links = counted == 1 ? "link" : "links"
        let reason: String
        if failing.allSatisfy(\.isUntracked) {
            reason = failing.count < counted ? "\(failing.count) of \(counted) \(links) \(failing.count == 1 ? "is" : "are") not tracked"
                : "None of the \(counted) \(links) is tracked"
        } else {
            let problems = Array(Set(errors.filter { $0.link != nil }.map(\.info.title))).sorted().joined(separator: ", ")
            reason = "\(failing.count) of \(counted) \(links) \(failing.count == 1 ? "has" : "have") a problem (\(problems))"
        }
        return Verdict(concern: .clickTracking, state: failing.count < counted ? .partial : .broken, reason: reason + kindsDetail(failing),
                       codes: codes(against))
    }

    /// The links the findings are on, each once, in document order.
    static func failingLinks(_ findings: [WeighedFinding]) -> [LinkFacts] {
        var seen: Set<Int> = []
        var links: [LinkFacts] = []
        for finding in findings {
            if let link = finding.link, seen.insert(link.tag.lowerBound).inserted { links.append(link) }
        }
        return links.sorted { $0.tag.lowerBound < $1.tag.lowerBound }
    }

    /// " (1 footer, 1 legal): “Imprint”": the kinds of the failing links and the first few of them.
    private static func kindsDetail(_ links: [LinkFacts]) -> String {
        let kinds = [LinkKind.footer, .legal, .social].compactMap { kind -> String? in
            // By index: a filter copies each link it keeps.
            let count = links.indices.count(where: { links[$0].kinds.contains(kind) })
            return count == 0 ? nil : "\(count) \(kind.rawValue)"
        }
        let shown = links.prefix(3).map(\.label).joined(separator: ", ") + (links.count > 3 ? ", …" : "")
        return (kinds.isEmpty ? "" : " (\(kinds.joined(separator: ", ")))") + ": " + shown
    }

    /// At risk from warnings, or the concern's verdict when nothing speaks against it.
    static func warnedOrUnbroken(_ concern: Concern, _ against: [WeighedFinding], result: InputResult) -> Verdict {
        guard let worst = against.first else { return unbroken(concern, diagnosis: result.diagnosis, kind: result.kind) }
        return Verdict(concern: concern, state: .atRisk, reason: worst.info.title + more(against.count), codes: codes(against))
    }

    static func more(_ count: Int) -> String { count > 1 ? " (and \(count - 1) more)" : "" }

    /// Sorted, each once: sorted first and the repeats dropped, which hashes nothing.
    static func codes(_ findings: [WeighedFinding]) -> [String] {
        let sorted = findings.map(\.info.code).sorted()
        var codes: [String] = []
        for code in sorted where code != codes.last { codes.append(code) }
        return codes
    }
}

/// What the verdicts and the customer answer both read from an input's findings, worked out once.
struct Weighing {
    /// The code of the finding that lowers others (a test send), with how.
    let lowering: (code: String, lowering: Lowering)?
    let findings: [WeighedFinding]

    init(_ result: InputResult) {
        lowering = FindingAdjustments.active(in: result.findings).first
        findings = WeighedFinding.all(in: result, lowering: lowering?.lowering)
    }
}

/// A finding as the verdicts weigh it: at its severity for the verdict, with the link it is on, and
/// the little of the finding they read (its code is `info.code`). A class: the verdicts filter and
/// sort these, and a link is large to copy.
final class WeighedFinding {
    let evidence: String
    let offset: Int?
    /// The header the finding is on, for header findings.
    let header: String?
    let info: RuleInfo
    let severity: Severity
    let link: LinkFacts?
    /// What `bears(on:)` answers, worked out once: the verdicts and the answer ask it per concern.
    private let bearsOnOpens: Bool, bearsOnClicks: Bool, bearsOnUnsubscribe: Bool

    /// Takes the finding's few fields: the whole finding would be copied.
    init(evidence: String, offset: Int?, header: String?, info: RuleInfo, severity: Severity, link: LinkFacts?) {
        self.evidence = evidence
        self.offset = offset
        self.header = header
        self.info = info
        self.severity = severity
        self.link = link
        // A dead link is about that link, never about opens; a dead unsubscribe link is an
        // unsubscribe path failing, not a click going uncounted.
        let deadLink = info.deadensLink && link != nil
        let deadUnsubscribeLink = deadLink && link?.kinds.contains(.unsubscribe) == true
        // The concerns gone through once: a look-up in the set hashes, three times a finding.
        var concerns = (opens: false, clicks: false, unsubscribe: false)
        for concern in info.concerns {
            switch concern {
            case .openTracking: concerns.opens = true
            case .clickTracking: concerns.clicks = true
            case .unsubscribe: concerns.unsubscribe = true
            }
        }
        bearsOnUnsubscribe = concerns.unsubscribe || deadUnsubscribeLink
        bearsOnClicks = concerns.clicks && !deadUnsubscribeLink
        bearsOnOpens = concerns.opens && !deadLink
    }

    /// The findings above info, worst first (then in document order). A lowering's findings count
    /// at their rule's own severity, unless the context does not require them at all.
    static func all(in result: InputResult, lowering: Lowering?) -> [WeighedFinding] {
        // Read by index, a field at a time: a loop over the array copies each finding (a dozen
        // strings retained). The diagnosis too is read where it is, not copied.
        let findings = result.findings
        let weighed = findings.indices.compactMap { index -> WeighedFinding? in
            // Without a lowering, an info finding stays at info: no lookups.
            guard lowering != nil || findings[index].severity > .info else { return nil }
            let code = findings[index].code
            guard let info = RuleRegistry.infoByCode[code] else { return nil }
            let severity = lowering?.codes.contains(code) == true && result.diagnosis.context.requires(code)
                ? info.severity(in: result.stage) : findings[index].severity
            guard severity > .info else { return nil }
            let offset = findings[index].offset
            // Not `offset.flatMap(diagnosis.link(at:))`: the method as a value captures a copy of the diagnosis.
            let link = if let offset, findings[index].location.part == result.diagnosis.part { result.diagnosis.link(at: offset) }
                else { nil as LinkFacts? }
            return WeighedFinding(evidence: findings[index].evidence, offset: offset, header: findings[index].location.header,
                                  info: info, severity: severity, link: link)
        }
        // Errors, then warnings (nothing else is left), each in the findings' order: what a stable
        // sort by severity gives, without sorting.
        return weighed.filter { $0.severity == .error } + weighed.filter { $0.severity != .error }
    }

    /// Whether the finding speaks to the concern's verdict.
    func bears(on concern: Concern) -> Bool {
        switch concern {
        case .unsubscribe: bearsOnUnsubscribe
        case .clickTracking: bearsOnClicks
        case .openTracking: bearsOnOpens
        }
    }
}

extension Diagnosis {
    /// The link whose start tag holds this offset of the body read.
    public func link(at offset: Int) -> LinkFacts? {
        var low = 0
        var high = linkFacts.count
        while low < high {
            let middle = (low + high) / 2
            if linkFacts[middle].tag.lowerBound <= offset { low = middle + 1 } else { high = middle }
        }
        return low > 0 && linkFacts[low - 1].tag.contains(offset) ? linkFacts[low - 1] : nil
    }
}
