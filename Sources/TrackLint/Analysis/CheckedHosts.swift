import TrackLintParsing
import TrackLintPlatforms

/// A tracking host as `--online` looked it up (TL507 to TL510 and the diagnosis).
public struct CheckedHost {
    public let host: TrackingHost
    public let request: HostCheckRequest
    public let check: HostCheck
    /// The platform whose tracking the host serves: the shape of its links or pixel, else the
    /// mail's builder, else its relay.
    public let platform: PlatformProfile?
    /// The links and images through the host, in document order; none for a `--tracking-domain`
    /// the message does not use. Findings point at the first.
    public let uses: [URLAttribute]

    /// The tracking hosts of a document with their answers; none unless `--online` and a checker.
    static func all(in input: LintInput) -> [CheckedHost] {
        guard input.options.online, let checker = input.options.hostChecker else { return [] }
        let uses = input.inventory.webLinks + input.inventory.images.filter { $0.url.isWeb && $0.url.host != nil }
        return input.tracking.trackingHosts.map { host in
            let through = uses.filter { $0.url.host.map(host.covers) ?? false }
            let schemes = Set(through.compactMap { $0.url.scheme?.lowercased() })
            // A tracking domain nothing uses yet is checked as platforms set them up today: https.
            let request = HostCheckRequest(host: host.host, overHTTPS: schemes.contains("https") || schemes.isEmpty,
                                           overHTTP: schemes.contains("http"))
            let shaped = through.lazy.compactMap { PlatformProfiles.clickShape(of: $0.url) ?? PlatformProfiles.pixelShape(of: $0.url) }.first
            let platform = shaped.map(\.platform) ?? input.platform?.name ?? input.attribution.relay?.name
            return CheckedHost(host: host, request: request, check: checker.check(request),
                               platform: platform.flatMap(PlatformProfiles.profile), uses: through)
        }
    }

    /// Whether the host is one of the platform's own (its shared tracking host), whose DNS is the
    /// platform's business, not a CNAME the sender set up.
    public var isPlatformsOwnHost: Bool {
        guard let platform else { return false }
        let name = host.host
        return platform.isCNAMETarget(name) || [PlatformHosts.Role.clickTracking, .pixel, .sending]
            .contains { platform.hosts(for: $0).contains { URLShape.isDomain(name, under: $0) } }
    }
}

extension RuleContext {
    /// Reports a finding about a checked host at a use in the document (the href or src; the first
    /// unless told), or about the input when nothing uses it.
    mutating func report(_ message: String, about checked: CheckedHost, at chosen: URLAttribute? = nil, evidence: String,
                         help: String? = nil, severity: Severity? = nil) {
        if let use = chosen ?? checked.uses.first {
            report(message, evidence: evidence, element: use.element, attribute: use.attribute, help: help, severity: severity)
        } else {
            reportInput(message, evidence: evidence, help: help, severity: severity)
        }
    }
}
