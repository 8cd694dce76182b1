import TrackLintParsing
import TrackLintPlatforms

struct LinkIPHostRule: DocumentRule {
    static let info = RuleInfo(
        code: "TL312", slug: "link-ip-host", title: "Link to an IP address",
        summary: "A link's host is an IP address literal (also hex, octal or dotless decimal forms)",
        rationale: """
        Links to bare IP addresses are a classic phishing signal: spam filters score them, and the \
        obfuscated forms (`http://0x5d.0xb8.0xd8.0x22/`, `http://1572395042/`) even more. No platform \
        tracks clicks through an IP address either: a tracking domain is a name. A private or \
        loopback address is also TL501's (recipients cannot reach it): two different problems. \
        A link a security gateway rewrote is checked on the original inside it.
        """,
        fix: "Link to a domain name",
        customer: CustomerWording(cause: "the link points at an IP address, which spam filters distrust",
                                  remedy: "link to a domain name instead"),
        category: .links, concerns: [.clickTracking], stages: [.template, .sent], defaultSeverity: .warning,
        triggering: [
            Example(#"<a href="↓http://93.184.216.34/offer">Offer</a> <a href="↓http://1572395042/">Dotless</a> <a href="↓http://[2001:db8::1]/">v6</a>"#),
            Example(#"<a href="↓http://127.0.0.1/">Local (TL501 too)</a>"#),
        ],
        clean: [
            Example(#"<a href="https://x.example/">Name</a> <a href="https://198-51-100-7.example/">Dashes</a>"#),
        ])

    func check(_ context: inout RuleContext) {
        for link in context.input.inventory.links {
            guard let kind = link.url.hostKind else { continue }
            let form: String
            switch kind {
            case .ipv4(_, let ipv4Form): form = ipv4Form == .dottedDecimal ? "an IPv4 address" : "an IPv4 address in \(ipv4Form.rawValue) form"
            case .ipv6: form = "an IPv6 address"
            default: continue
            }
            context.report("Link `\(link.url.trimmed)` points at \(form), which spam filters distrust and no platform tracks",
                           evidence: link.url.raw, element: link.element, attribute: link.attribute)
        }
    }
}
