import TrackLintParsing
import TrackLintPlatforms

/// A platform named by the diagnosis, how sure it is, and why (SPEC.md: `platform` and `relay`).
public struct PlatformAttribution: Sendable, Equatable, Codable {
    public enum Confidence: String, Sendable, Codable {
        case high, medium
    }

    public let name: String
    public let confidence: Confidence
    public let evidence: [String]
}

/// Who built a mail and owns its tracking (`platform`: Customer.io, Klaviyo, Mailchimp, ...), and
/// who delivered it when that is another system (`relay`: Mailgun, SES, SendGrid, ...).
///
/// Evidence is weighed per platform: its header fingerprints (3 for a header that names it alone,
/// 1 for a hint), its pixel or click-tracking URL shapes in the body (4 each), and its template
/// syntax (3 for text only its templates use, 1 for text several platforms share or home-grown
/// mailers write too, one more where it stands in a link, which the platform must fill for the mail
/// to work). The platform is the one whose tracking the body carries; without such links, the best
/// builder, and only then a transport. A transport's tracking links in a mail whose headers name
/// another sender and not it were copied from other mail (as phishing does) and name nobody. A
/// platform sets aside those it `overrides` (Mandrill, Mailchimp) only on evidence they do not
/// share: Mailchimp's `*|UNSUB|*` is Mandrill's too. When the two best candidates weigh the same,
/// the answer is nil: never a guess.
package enum PlatformDetector {
    /// Weight at which evidence names a platform.
    static let namingWeight = PlatformProfiles.confidentWeight
    static let trackingWeight = 4
    static let uniqueSyntaxWeight = 3
    static let sharedSyntaxWeight = 1
    static let syntaxInLinkWeight = 1
    /// Weight from which an attribution is `high`, as is one that headers and the body agree on.
    static let highConfidenceWeight = 6

    struct Candidate {
        let profile: PlatformProfile
        var headerWeight = 0
        var bodyWeight = 0
        var syntaxWeight = 0
        /// The part of `syntaxWeight` from syntax no other platform declares.
        var ownSyntaxWeight = 0
        var evidence: [String] = []

        var weight: Int { headerWeight + bodyWeight + syntaxWeight }
        /// Evidence for it and no other platform: what lets it set aside the platforms it overrides.
        var ownWeight: Int { headerWeight + bodyWeight + ownSyntaxWeight }

        var attribution: PlatformAttribution {
            let agreeing = headerWeight > 0 && bodyWeight > 0
            return PlatformAttribution(name: profile.id, confidence: agreeing || weight >= highConfidenceWeight ? .high : .medium,
                                       evidence: evidence)
        }
    }

    /// `input` is the first HTML body (nil for a message without one); `option` is `--platform`.
    package static func attribute(headers: HeaderFields?, input: LintInput?, option: String?)
        -> (platform: PlatformAttribution?, relay: PlatformAttribution?) {
        let candidates = weigh(headers: headers, input: input)
        let chosen = option.map { PlatformAttribution(name: $0, confidence: .high, evidence: ["--platform"]) }
            ?? builder(among: candidates)?.attribution
        let transports = candidates.filter { $0.profile.isTransport && $0.headerWeight >= namingWeight && $0.profile.id != chosen?.name }
        return (chosen, uniqueBest(transports)?.attribution)
    }

    static func builder(among candidates: [Candidate]) -> Candidate? {
        let overridden = Set(candidates.filter { $0.ownWeight >= namingWeight }.flatMap(\.profile.overrides))
        let namedByHeaders = candidates.filter { $0.headerWeight >= namingWeight }
        let builders = candidates.filter { candidate in
            let copied = candidate.profile.isTransport && candidate.headerWeight == 0
                && namedByHeaders.contains { $0.profile.id != candidate.profile.id }
            return !copied && !overridden.contains(candidate.profile.id) && candidate.weight >= namingWeight
        }
        let tiers = [builders.filter { $0.bodyWeight > 0 }, builders.filter { !$0.profile.isTransport }, builders]
        guard let tier = tiers.first(where: { !$0.isEmpty }) else { return nil }
        return uniqueBest(tier)
    }

    /// The heaviest candidate, or nil when another weighs as much.
    static func uniqueBest(_ candidates: [Candidate]) -> Candidate? {
        let sorted = candidates.sorted { $0.weight > $1.weight }
        guard let best = sorted.first else { return nil }
        return sorted.count > 1 && sorted[1].weight == best.weight ? nil : best
    }

    static func weigh(headers: HeaderFields?, input: LintInput?) -> [Candidate] {
        var candidates: [String: Candidate] = [:]
        func add(_ id: String, _ apply: (inout Candidate) -> Void) {
            guard let profile = PlatformProfiles.profile(id) else { return }
            apply(&candidates[id, default: Candidate(profile: profile)])
        }
        if let headers {
            for score in PlatformProfiles.headerScores(headers) {
                add(score.profile.id) { $0.headerWeight += score.weight; $0.evidence += score.evidence }
            }
        }
        if let input {
            for (id, evidence) in trackingEvidence(input) {
                add(id) { $0.bodyWeight += trackingWeight; $0.evidence.append(evidence) }
            }
            let signals = TemplateSignals.all.matches(in: input.document.source.bytes)
            // The links are searched only for syntax the document has, which most documents have none of.
            let inLinks: Set<String> = signals.isEmpty ? [] : Set(input.inventory.links.flatMap { link in
                var raw = link.url.raw
                return raw.withUTF8 { TemplateSignals.all.matches(in: $0) }.map(\.text)
            })
            for signal in signals {
                let weight = (signal.isOwn ? uniqueSyntaxWeight : sharedSyntaxWeight)
                    + (inLinks.contains(signal.text) ? syntaxInLinkWeight : 0)
                for id in signal.platforms {
                    add(id) { candidate in
                        candidate.syntaxWeight += weight
                        if signal.isOwn { candidate.ownSyntaxWeight += weight }
                        candidate.evidence.append("template syntax `\(signal.text)`")
                    }
                }
            }
        }
        return candidates.values.sorted { $0.profile.id < $1.profile.id }
    }

    /// The platforms whose open pixel or click-tracking URL shape the body carries, once each.
    static func trackingEvidence(_ input: LintInput) -> [(String, String)] {
        var found: [(String, String)] = []
        if let pixel = input.tracking.pixels.first(where: { $0.reason.platform != nil }), let id = pixel.reason.platform {
            found.append((id, "open pixel \(pixel.image.url.host ?? "")\(pixel.image.url.path)"))
        }
        var clicks: [String: String] = [:]
        for (link, shape) in input.tracking.clickShapedLinks {
            if clicks[shape.platform] == nil { clicks[shape.platform] = "\(link.url.host ?? "")\(shape.pathPrefix)" }
        }
        for (id, example) in clicks.sorted(by: { $0.key < $1.key }) {
            found.append((id, "click-tracking links to \(example)"))
        }
        return found
    }
}
