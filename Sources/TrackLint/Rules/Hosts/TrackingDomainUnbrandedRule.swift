import TrackLintParsing
import TrackLintPlatforms

struct TrackingDomainUnbrandedRule: DocumentRule {
    static let info = RuleInfo(
        code: "TL502", slug: "tracking-domain-unbranded", title: "Tracking on the platform's shared domain",
        summary: "Tracked links use the platform's shared host instead of a domain of the sender (link branding not set up)",
        rationale: """
        Platforms let senders track clicks through their own domain (a CNAME such as \
        `click.example.com`): links then match the From domain, which filters trust and readers \
        recognise. Links through the platform's shared host (`u1234.ct.sendgrid.net`, \
        `*.list-manage.com`) share its reputation with every other sender; so does an open pixel \
        loaded from it. With --tracking-domain, tracked links on another host mean the custom \
        domain is not in effect (a warning then).
        """,
        fix: "Set up link branding (a custom tracking domain) in the platform",
        category: .hosts, concerns: [.clickTracking], stages: [.sent], defaultSeverity: .info,
        triggering: [
            Example("From: Shop <news@shop.example>\nSubject: s\nContent-Type: text/html\n\n<a href=\"↓https://u1234.ct.sendgrid.net/ls/click?upn=abcdef0123456789\">Shop</a>\n",
                    checksVariants: false),
            Example("From: Shop <news@shop.example>\nSubject: s\nContent-Type: text/html\n\n<img src=\"↓https://x1.mjt.lu/oo/abc/def.gif\" width=\"1\" height=\"1\">\n",
                    checksVariants: false),
        ],
        clean: [
            Example("From: Shop <news@shop.example>\nSubject: s\nContent-Type: text/html\n\n<a href=\"https://url1234.shop.example/ls/click?upn=abcdef0123456789\">Shop</a>\n",
                    checksVariants: false),
        ])

    func check(_ context: inout RuleContext) {
        // The sender's domain comes from the message's From header: raw messages only.
        guard let message = context.input.message,
              let fromDomain = message.headers["From"].flatMap({ AddressParser.parse($0.value).first?.domain }) else { return }
        let sender = Self.registrableDomain(fromDomain)
        let configured = context.input.options.trackingDomains
        var reported: Set<String> = []
        for link in context.input.inventory.webLinks {
            // A host is reported once: its other links need no shape match.
            guard let host = link.url.host, !reported.contains(host), PlatformProfiles.clickShape(of: link.url) != nil else { continue }
            reported.insert(host)
            if !configured.isEmpty {
                guard !configured.contains(where: { host == $0 || host.hasSuffix("." + $0) }) else { continue }
                context.report("Tracked links go through `\(host)`, not the configured tracking domain \(configured.joined(separator: ", "))",
                               evidence: host, element: link.element, attribute: link.attribute,
                               help: "Check the custom tracking domain's CNAME and that the platform uses it for this sender",
                               severity: .warning)
            } else if context.input.tracking.isTracked(link), Self.registrableDomain(host) != sender {
                // A platform's path on a host that is not the message's tracking host is not its tracking.
                context.report("Tracked links go through `\(host)`, not a domain of the sender (\(sender))",
                               evidence: host, element: link.element, attribute: link.attribute)
            }
        }
        // Open tracking alone (click tracking off) still runs through the platform's host.
        guard configured.isEmpty, reported.isEmpty,
              let pixel = context.input.tracking.pixels.first(where: { $0.reason.platform != nil }),
              let host = pixel.image.url.host, Self.registrableDomain(host) != sender else { return }
        context.report("The open pixel loads from `\(host)`, not a domain of the sender (\(sender))",
                       evidence: host, element: pixel.image.element, attribute: pixel.image.attribute)
    }

    /// The domain a name is registered under: the last two labels, or three under `co.uk`-style suffixes.
    static func registrableDomain(_ host: String) -> String {
        let labels = host.split(separator: ".")
        guard labels.count > 2 else { return host }
        let secondLevel = ["co", "com", "org", "net", "ac", "gov", "edu", "ne", "or"]
        if labels.last!.count == 2, secondLevel.contains(String(labels[labels.count - 2])) {
            return labels.suffix(3).joined(separator: ".")
        }
        return labels.suffix(2).joined(separator: ".")
    }
}
