import TrackLintParsing
import TrackLintPlatforms

/// A short explanation a support engineer can send to a customer: one paragraph per concern that
/// is not OK ("Opens are not counted ..., because ...; to fix it, ..."), from the verdicts and the
/// rules' `CustomerWording`, with the customer's platform's own advice where it is known. It names
/// no rule code and quotes what the customer can recognise: a link's text, the subject.
public enum CustomerAnswer {
    public static func text(for result: InputResult) -> String {
        verdictsAndText(for: result).text
    }

    /// The verdicts and the answer from one weighing of the findings, for outputs that show both.
    public static func verdictsAndText(for result: InputResult) -> (verdicts: [Verdict], text: String) {
        let weighing = Weighing(result)
        let verdicts = Verdict.verdicts(for: result, weighing: weighing)
        return (verdicts, text(for: result, weighing: weighing, verdicts: verdicts))
    }

    private static func text(for result: InputResult, weighing: Weighing, verdicts: [Verdict]) -> String {
        let lowering = weighing.lowering
        let weighed = weighing.findings
        let profile = result.diagnosis.platform.flatMap { PlatformProfiles.profile($0.name) }
        var paragraphs: [String] = []
        var explained: Set<String> = []
        if let testSend = testSend(result, profile: profile, lowering: lowering) {
            paragraphs.append(testSend.text)
            explained = testSend.explains
        }
        for verdict in verdicts where verdict.state != .ok {
            let against = weighed.filter { $0.bears(on: verdict.concern) && !explained.contains($0.info.code) }
            if let paragraph = paragraph(verdict, against: against, diagnosis: result.diagnosis, profile: profile) {
                paragraphs.append(paragraph)
            }
        }
        if paragraphs.isEmpty { paragraphs.append(allWell(result.diagnosis, platform: profile?.displayName)) }
        let about = result.subject.map { "About the email “\($0)”:\n" } ?? ""
        return about + paragraphs.joined(separator: "\n\n")
    }

    /// The paragraph about a test send, and the codes whose findings it explains.
    private static func testSend(_ result: InputResult, profile: PlatformProfile?, lowering: (code: String, lowering: Lowering)?)
        -> (text: String, explains: Set<String>)? {
        // By index: a loop over the findings would copy each one. Compared as bytes: Foundation's
        // `contains` bridged each evidence to NSString.
        let findings = result.findings
        let signal = profile?.testSendSignals.first { signal in
            findings.indices.contains { findings[$0].evidence.containsBytes(signal.placeholder) }
        }
        guard lowering != nil || signal != nil else { return nil }
        let lowered = lowering?.lowering.codes ?? RuleRegistry.all.compactMap { $0.info.lowers }.first?.codes ?? []
        var why = "This email was checked as a test send, and platforms do not track test sends."
        if let signal, let profile {
            why = "This email is a test send: \(profile.displayName)'s “\(signal.placeholder)” placeholder was not replaced, "
                + "which means \(signal.explanation)."
        } else if let subject = result.subject, subject.lowercased().hasPrefix("[test]") {
            why = "This email is a test send (its subject “\(subject)” marks it as one), and platforms do not track test sends."
        }
        let advice = profile?.advice.testSend ?? "send it to a small segment of real contacts (add your own addresses as contacts)"
        let text = why + " Opens and clicks of a test send are not counted and its unsubscribe link does not work, by design; "
            + "nothing needs fixing in the email itself. To test tracking, \(advice)."
        return (text, lowered.union(lowering.map { [$0.code] } ?? []))
    }

    private static func paragraph(_ verdict: Verdict, against: [WeighedFinding], diagnosis: Diagnosis, profile: PlatformProfile?) -> String? {
        guard let worst = against.first(where: { $0.info.customer != nil }), let wording = worst.info.customer else {
            return verdict.concern == .unsubscribe ? clippedUnsubscribe(diagnosis) : nil
        }
        let head = headline(verdict, against: against, diagnosis: diagnosis)
        var remedy = wording.remedy
        // A broken address is fixed in the template, and some links missed while others are
        // tracked are too; the platform's setting is the fix when the concern fails throughout.
        if !worst.info.deadensLink, verdict.state != .partial, let profile, let advice = advice(for: verdict.concern, in: profile) {
            remedy = advice
        }
        var text = "\(head), because \(wording.cause)\(quoted(worst.evidence)). To fix it, \(remedy)."
        if verdict.concern == .unsubscribe, let clipped = clippedUnsubscribe(diagnosis) { text += " " + clipped }
        return text
    }

    /// A placeholder left in the email, quoted: the customer can search the template for it.
    /// Other evidence (addresses, MIME details) is named by its link or means nothing to them.
    private static func quoted(_ evidence: String) -> String {
        // Bytes first: no more of them is no more characters, and counting characters is slow.
        guard evidence.utf8.count <= 40 || evidence.count <= 40, let span = MergeTags.spans(in: evidence).first else { return "" }
        return " (“\(span.text)”)"
    }

    private static func advice(for concern: Concern, in profile: PlatformProfile) -> String? {
        switch concern {
        case .openTracking: profile.advice.opens
        case .clickTracking: profile.advice.clicks
        case .unsubscribe: profile.advice.unsubscribe
        }
    }

    /// "Clicks on 1 of the 20 links are not counted (“Imprint”, in the footer)": the verdict in plain words.
    private static func headline(_ verdict: Verdict, against: [WeighedFinding], diagnosis: Diagnosis) -> String {
        let errors = against.filter { $0.severity == .error }
        switch (verdict.concern, verdict.state) {
        case (.openTracking, .broken): return "Opens are not counted"
        case (.openTracking, _): return "Opens are not counted for some readers"
        case (.clickTracking, .partial):
            let links = Verdict.failingLinks(errors)
            let counted = diagnosis.links.web + links.filter { !$0.isWeb }.count
            let named = links.prefix(3).map { link in
                link.label + (link.kinds.contains(.footer) ? " in the footer" : "")
            }.joined(separator: ", ") + (links.count > 3 ? ", …" : "")
            return links.allSatisfy(\.isUntracked) ? "Clicks on \(links.count) of the \(counted) links are not counted (\(named))"
                : "\(links.count) of the \(counted) links \(links.count == 1 ? "does not work as it should" : "do not work as they should") (\(named))"
        case (.clickTracking, .broken): return "Clicks are not counted"
        case (.clickTracking, _): return "Clicks on some links may not be counted"
        case (.unsubscribe, .partial):
            let paths = UnsubscribePath.all(against, diagnosis: diagnosis)
            let failing = paths.filter { $0.failure != nil }.map(\.plainName).joined(separator: " and ")
            let working = paths.filter { $0.failure == nil }.map(\.plainName).joined(separator: " and ")
            return "Readers can still unsubscribe through \(working), but \(failing) does not work"
        case (.unsubscribe, .broken): return "Readers cannot unsubscribe"
        case (.unsubscribe, _): return "Unsubscribing may not work for every reader"
        }
    }

    /// Gmail's other cut: an unsubscribe link past the clip shows only in the whole message.
    private static func clippedUnsubscribe(_ diagnosis: Diagnosis) -> String? {
        // By index: a search over the links copies each one, its strings retained.
        let links = diagnosis.linkFacts
        guard let index = links.indices.first(where: { links[$0].kinds.contains(.unsubscribe) && diagnosis.isAfterClip(links[$0].tag.lowerBound) })
        else { return nil }
        let link = links[index]
        return "In Gmail, the unsubscribe link \(link.label) shows only after the reader clicks \"View entire message\", because "
            + "Gmail cuts off emails larger than \(GmailClipping.thresholdBytes / 1024) KB and the link comes after that point."
    }

    private static func allWell(_ diagnosis: Diagnosis, platform: String?) -> String {
        var seen: [String] = []
        if diagnosis.pixel != nil { seen.append("the open-tracking pixel is in place") }
        if let tracked = diagnosis.links.tracked, diagnosis.links.web > 0 {
            seen.append("\(tracked) of its \(diagnosis.links.web) links \(tracked == 1 ? "goes" : "go") through click tracking")
        }
        if diagnosis.unsubscribeBodyLink == true { seen.append("it has an unsubscribe link") }
        if diagnosis.oneClick == true { seen.append("Gmail and Yahoo can show their one-click Unsubscribe button") }
        let sent = platform.map { " (sent with \($0))" } ?? ""
        let details = seen.isEmpty ? "" : ": " + seen.joined(separator: ", ")
        return "Nothing in this email\(sent) stops opens, clicks or unsubscribes from being counted\(details)."
    }
}
