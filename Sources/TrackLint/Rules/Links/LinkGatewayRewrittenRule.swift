import TrackLintParsing
import TrackLintPlatforms

struct LinkGatewayRewrittenRule: DocumentRule {
    static let info = RuleInfo(
        code: "TL311", slug: "link-gateway-rewritten", title: "Link rewritten by a security gateway",
        summary: "A recipient-side security gateway rewrote the link (Proofpoint, Safe Links, Mimecast, ...); evidence is the original",
        rationale: """
        Security gateways at the recipient's organisation rewrite every link through their own \
        checker (Proofpoint URL Defense, Microsoft Safe Links, Mimecast, Barracuda, Cisco, Trend \
        Micro, Sophos, Trellix) and scan each one on delivery. The platform's tracking still works, \
        but the scanner's visit counts as a click (and its image fetch as an open), so numbers are \
        inflated. tracklint decodes the original URL where the link carries it and runs every other \
        check on that; Mimecast keeps the original on its servers.
        """,
        fix: "Nothing to fix in the template; when reading reports, filter clicks made seconds after delivery",
        category: .links, concerns: [.clickTracking], stages: [.sent], defaultSeverity: .info,
        triggering: [
            Example(#"<a href="↓https://urldefense.com/v3/__https://x.example/offer?a=1__;!!Tenant!sig$">Offer</a>"#, stage: .sent),
            Example(#"<a href="↓https://eur01.safelinks.protection.outlook.com/?url=https%3A%2F%2Fx.example%2Fsale&data=05&reserved=0">Sale</a>"#,
                    stage: .sent),
        ],
        clean: [
            Example(#"<a href="https://x.example/offer">Offer</a>"#, stage: .sent),
        ])

    func check(_ context: inout RuleContext) {
        for link in context.input.inventory.links {
            guard let (unwrapped, written) = link.gateway else { continue }
            if let original = unwrapped.original {
                context.report("\(unwrapped.gateway) rewrote this link; it leads to `\(original)`", evidence: original,
                               element: link.element, attribute: link.attribute)
            } else {
                context.report("\(unwrapped.gateway) rewrote this link; the original is kept on its servers",
                               evidence: written.raw, element: link.element, attribute: link.attribute)
            }
        }
    }
}
