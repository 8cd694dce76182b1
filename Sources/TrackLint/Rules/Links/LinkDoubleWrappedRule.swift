import TrackLintParsing
import TrackLintPlatforms

struct LinkDoubleWrappedRule: DocumentRule {
    static let info = RuleInfo(
        code: "TL310", slug: "link-double-wrapped", title: "Tracking link wrapped twice",
        summary: "A tracking link's destination is another tracking or redirect link (two systems both tracking)",
        rationale: """
        When two systems track the same message, each wraps the links: Mautic rewrites a link to its \
        `/r/` redirect, and the transport (Mandrill, SendGrid, Mailgun) wraps that again. Every click \
        then goes through a chain of redirects, is counted twice in two places, and breaks when \
        either system's redirect does. tracklint reads the destination where the outer platform puts \
        it in the URL (SES, Mailjet, Kit, ActiveCampaign, Customer.io, Postmark, Mandrill).
        """,
        fix: "Switch click tracking off in one of the two systems (usually the transport)",
        customer: CustomerWording(cause: "the links are tracked twice, by two systems one after the other",
                                  remedy: "switch click tracking off in one of them"),
        category: .links, concerns: [.clickTracking], stages: [.sent], defaultSeverity: .warning,
        triggering: [
            Example(#"<a href="↓https://click.pstmrk.it/3s/m.x.example%2Fr%2F5f1e2d3c%3Fct%3DYTo0/AbC/DeF/sig">Shop</a>"#, stage: .sent),
        ],
        clean: [
            Example(#"<a href="https://click.pstmrk.it/3s/x.example%2Fshop/AbC/DeF/sig">Shop</a>"#, stage: .sent),
        ])

    func check(_ context: inout RuleContext) {
        for link in context.input.inventory.webLinks {
            guard let targetText = PlatformProfiles.destination(of: link.url) else { continue }
            let target = URLReference(targetText)
            let inner = PlatformProfiles.clickShape(of: target)?.platform.capitalized
                ?? Gateways.unwrap(target)?.gateway ?? (LinkExemptions.isRedirect(target) ? "a redirect" : nil)
            guard let inner else { continue }
            let outer = PlatformProfiles.clickShape(of: link.url)?.platform.capitalized ?? "the platform"
            context.report("\(outer) tracking link leads to another tracking link (\(inner)): `\(target.trimmed)`",
                           evidence: target.trimmed, element: link.element, attribute: link.attribute)
        }
    }
}
