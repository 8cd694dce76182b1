import TrackLintParsing
import TrackLintPlatforms

/// Gmail clips messages whose HTML is larger than this; what comes after (often the pixel) is not
/// loaded unless the reader expands the message.
public enum GmailClipping {
    public static let thresholdBytes = 102 * 1024
}

/// The one-screen answer to "is tracking working?" for an input: SPEC.md's `diagnosis`. Values
/// this input cannot tell are nil (`null` in JSON), never guessed.
public struct Diagnosis: Codable, Sendable {
    public struct Pixel: Codable, Sendable {
        public let url: String
        public let line: Int
        public let offset: Int
        public let hidden: Bool
    }

    public struct LinkCounts: Codable, Sendable {
        public let total: Int
        /// Absolute http(s) links: what "N of M links" counts.
        public let web: Int
        public let tracked: Int?
        public let untracked: Int?
        public let optedOut: Int
        public let nonWeb: Int
        public let gatewayWrapped: Int
    }

    public let stage: Stage
    public let context: ResolvedContext
    /// Who built the mail and owns its tracking, and who delivered it when that is another system.
    public let platform: PlatformAttribution?
    public let relay: PlatformAttribution?
    public let trackingHosts: [TrackingHost]
    public let pixel: Pixel?
    /// A third-party measurement beacon (never the pixel): the beacon's name and the image URL.
    public struct Beacon: Codable, Sendable, Equatable {
        public let name: String
        public let url: String
    }

    public let beacons: [Beacon]
    public let links: LinkCounts
    public let unsubscribePlaceholder: Bool
    /// nil for an HTML file with no message around it: headers unknown.
    public let unsubscribeBodyLink: Bool?
    public let listUnsubscribe: Bool?
    public let oneClick: Bool?
    public let authentication: [String: String]?
    public let htmlParts: Int
    public let htmlBytes: Int
    /// The MIME part path of the body read (the first `text/html` part), nil for an HTML file.
    public let part: String?
    /// The links of that body, for the verdicts and the customer answer.
    public let linkFacts: [LinkFacts]

    /// Whether Gmail clips the body before this byte offset.
    public func isAfterClip(_ offset: Int) -> Bool { htmlBytes > GmailClipping.thresholdBytes && offset > GmailClipping.thresholdBytes }

    /// The diagnosis of an HTML file (one input) or of a message (one input per `text/html` part;
    /// none for a text-only message). Tracking is read from the first part, which is the one
    /// readers see in nearly every message.
    package init(inputs: [LintInput], stage: Stage, context: ResolvedContext, message: MailMessage? = nil, platformOption: String? = nil,
                 part: String? = nil) {
        self.stage = stage
        self.part = part
        self.context = context
        htmlParts = inputs.count
        htmlBytes = inputs.reduce(0) { $0 + $1.document.byteCount }
        unsubscribePlaceholder = inputs.contains { $0.hasUnsubscribePlaceholder }
        unsubscribeBodyLink = inputs.isEmpty ? (message == nil ? nil : false) : inputs.contains { $0.hasUnsubscribeLink }
        listUnsubscribe = message.map { $0.headers["List-Unsubscribe"] != nil }
        oneClick = message.map { HeaderAnalysis.hasOneClickPost($0.headers) }
        authentication = message.map { HeaderAnalysis.authentication($0.headers)?.results ?? [:] }
        // A delivery report's only HTML is often the bounced mail it quotes: when that copy names
        // no platform, the report's own headers (SES's, say) are asked.
        let isQuoted = inputs.first?.message.map { $0 !== message } ?? false
        if let fromPart = inputs.first?.attribution, fromPart.platform != nil || !isQuoted {
            (platform, relay) = fromPart
        } else {
            (platform, relay) = PlatformDetector.attribute(headers: message?.headers, input: nil, option: platformOption)
        }
        guard let input = inputs.first else {
            trackingHosts = []
            pixel = nil
            beacons = []
            linkFacts = []
            links = LinkCounts(total: 0, web: 0, tracked: nil, untracked: nil, optedOut: 0, nonWeb: 0, gatewayWrapped: 0)
            return
        }
        let tracking = input.tracking
        let document = input.document
        let checks = Dictionary(input.checkedHosts.map { ($0.host.host, $0.check) }, uniquingKeysWith: { first, _ in first })
        trackingHosts = tracking.trackingHosts.map { $0.with(checks[$0.host]) }
        pixel = tracking.pixels.first.map { candidate in
            let offset = document.valueOffset(of: "src", in: candidate.image.element)?.lowerBound
                ?? candidate.image.element.startTag?.lowerBound ?? 0
            return Pixel(url: candidate.image.url.trimmed, line: document.source.position(ofOffset: offset).line,
                         offset: offset, hidden: input.visibility.isHidden(candidate.image.element))
        }
        beacons = tracking.beacons.map { Beacon(name: $0.beacon.name, url: $0.image.url.trimmed) }
        let allLinks = input.inventory.links
        let knowsHosts = !tracking.trackingHosts.isEmpty
        let untracked = tracking.untrackedLinks(in: input.inventory, platform: input.platform?.name)
        linkFacts = LinkFacts.all(in: input, untracked: Set(untracked.map(\.element.index)))
        // Counted, not filtered: a filtered array copied each link it kept.
        links = LinkCounts(
            total: allLinks.count, web: input.inventory.webLinks.count,
            tracked: knowsHosts ? input.inventory.webLinks.count(where: { tracking.isTracked($0) }) : nil,
            untracked: knowsHosts ? untracked.count : nil,
            optedOut: allLinks.count(where: { LinkExemptions.isOptedOut($0.element) }),
            nonWeb: allLinks.count(where: { $0.url.kind == .absolute && !$0.url.isWeb }),
            gatewayWrapped: allLinks.count(where: { $0.gateway != nil }))
    }
}
