import TrackLintParsing
import TrackLintPlatforms

/// One way a reader can unsubscribe: a link in the body, the List-Unsubscribe header.
struct UnsubscribePath {
    /// "the unsubscribe link “Unsubscribe”", "List-Unsubscribe with one-click".
    let name: String
    /// The name a customer knows it by.
    let plainName: String
    /// What breaks it, when something does: the title of the error on it.
    let failure: String?
    /// Past Gmail's clipping point: Gmail readers see it only after opening the whole message.
    let afterClip: Bool

    /// Every path the input shows: each unsubscribe link of the body read, then the header.
    static func all(_ against: [WeighedFinding], diagnosis: Diagnosis) -> [UnsubscribePath] {
        var paths: [UnsubscribePath] = []
        // By index: a loop over the links copies each one, its strings retained.
        let links = diagnosis.linkFacts
        for index in links.indices where links[index].kinds.contains(.unsubscribe) {
            let link = links[index]
            let error = against.first { $0.severity == .error && $0.link?.tag == link.tag }
            // Made once: the label is worked out from the link's text or address.
            let name = "the unsubscribe link \(link.label)"
            paths.append(UnsubscribePath(name: name, plainName: name, failure: error?.info.title,
                                         afterClip: diagnosis.isAfterClip(link.tag.lowerBound)))
        }
        if diagnosis.listUnsubscribe == true {
            let error = against.first { $0.severity == .error && $0.header?.lowercased().hasPrefix("list-unsubscribe") == true }
            let oneClick = diagnosis.oneClick == true
            paths.append(UnsubscribePath(name: oneClick ? "List-Unsubscribe with one-click" : "the List-Unsubscribe header",
                                         plainName: oneClick ? "the Unsubscribe button that Gmail, Yahoo and other mailboxes show"
                                             : "the unsubscribe option that mailboxes offer from the List-Unsubscribe header",
                                         failure: error?.info.title, afterClip: false))
        }
        return paths
    }
}

extension Verdict {
    /// Every path counts: `partial` when one fails and another works, `broken` when none works
    /// (also when a message has neither a body link nor the header), and a body link past Gmail's
    /// clip is said.
    static func unsubscribe(_ against: [WeighedFinding], result: InputResult) -> Verdict {
        let paths = UnsubscribePath.all(against, diagnosis: result.diagnosis)
        let working = paths.filter { $0.failure == nil }
        let failing = paths.filter { $0.failure != nil }
        let clipped = working.filter(\.afterClip).prefix(1).map { "\($0.name) is past Gmail's clipping point (\(GmailClipping.thresholdBytes / 1024) KB)" }
        let errors = against.filter { $0.severity == .error }
        if let worst = errors.first {
            let broken = failing.map { "\($0.name) does not work (\($0.failure!))" }
            let unplaced = errors.filter { error in !failing.contains { $0.failure == error.info.title } }.map(\.info.title)
            let reason = (broken + unplaced + working.map { "\($0.name) works" } + clipped).joined(separator: "; ")
            return Verdict(concern: .unsubscribe, state: working.isEmpty ? .broken : .partial,
                           reason: reason.isEmpty ? worst.info.title : reason, codes: codes(against))
        }
        // Findings speak against it only where the context requires a way out.
        if paths.isEmpty && result.diagnosis.listUnsubscribe == false && !against.isEmpty {
            return Verdict(concern: .unsubscribe, state: .broken, reason: "No unsubscribe link in the body and no List-Unsubscribe header",
                           codes: codes(against))
        }
        var verdict = warnedOrUnbroken(.unsubscribe, against, result: result)
        if !clipped.isEmpty {
            // The only working paths are past the clip: Gmail readers may not find a way out.
            let state: State = working.allSatisfy(\.afterClip) && verdict.state == .ok ? .atRisk : verdict.state
            verdict = Verdict(concern: .unsubscribe, state: state, reason: verdict.reason + "; " + clipped.joined(separator: "; "),
                              codes: verdict.codes)
        }
        return verdict
    }

    /// The verdict when no finding speaks against the concern, with what the diagnosis saw.
    static func unbroken(_ concern: Concern, diagnosis: Diagnosis, kind: InputKind) -> Verdict {
        let template = diagnosis.stage == .template
        switch concern {
        case .openTracking:
            if let pixel = diagnosis.pixel {
                let host = URLReference(pixel.url).host.map { " on \($0)" } ?? ""
                return Verdict(concern: concern, state: .ok, reason: "Pixel found\(host), line \(pixel.line)")
            }
            return Verdict(concern: concern, state: .ok,
                           reason: template ? "Nothing blocks it; the platform adds the pixel when it sends" : "No problem found")
        case .clickTracking:
            let links = diagnosis.links
            if diagnosis.htmlParts == 0 && kind != .html {
                return Verdict(concern: concern, state: .atRisk,
                               reason: "No HTML body: only links in the text are tracked, where the platform rewrites them")
            }
            if links.total == 0 { return Verdict(concern: concern, state: .ok, reason: "No links to track") }
            if let tracked = links.tracked, let host = diagnosis.trackingHosts.first?.host {
                return Verdict(concern: concern, state: .ok,
                               reason: "\(tracked) of \(links.web) link\(links.web == 1 ? "" : "s") \(tracked == 1 ? "goes" : "go") through \(host)")
            }
            return Verdict(concern: concern, state: .ok,
                           reason: "\(links.total) link\(links.total == 1 ? "" : "s"), none broken"
                               + (template ? "; the platform rewrites \(links.total == 1 ? "it" : "them") when it sends" : ""))
        case .unsubscribe:
            if diagnosis.context.value == .transactional { return Verdict(concern: concern, state: .ok, reason: "Not required of transactional mail") }
            var parts: [String] = []
            if diagnosis.htmlParts > 0 {
                // A template's platform may add the link itself.
                let footer = template ? PlatformProfiles.addingUnsubscribeFooter(diagnosis.platform?.name) : nil
                parts.append(diagnosis.unsubscribeBodyLink == true ? "Unsubscribe link in the body"
                    : diagnosis.unsubscribePlaceholder ? "Unsubscribe placeholder in the body"
                    : footer.map { "No unsubscribe link in the body; \($0.displayName) adds its footer with one when it sends" }
                    ?? "No unsubscribe link in the body")
            }
            if diagnosis.listUnsubscribe == true {
                parts.append(diagnosis.oneClick == true ? "List-Unsubscribe with one-click" : "List-Unsubscribe header")
            }
            return Verdict(concern: concern, state: .ok, reason: parts.isEmpty ? "No problem found" : parts.joined(separator: ", "))
        }
    }
}
