import TrackLintParsing
import TrackLintPlatforms

struct TrackingHostUnresolvedRule: DocumentRule {
    static let info = RuleInfo(
        code: "TL507", slug: "tracking-host-unresolved", title: "Tracking host does not resolve",
        summary: "With --online: the tracking host does not exist in DNS or leads to no address",
        rationale: """
        Every tracked link and the open pixel go through the tracking host first. When its name \
        does not resolve (NXDOMAIN, or a CNAME chain that ends without an address), recipients \
        click dead links and no open is recorded. It happens when a custom tracking domain's CNAME \
        was never created, was deleted, or has a typo. Only checked with --online, which asks DNS \
        about the host and nothing else.
        """,
        fix: "Create the tracking domain's CNAME record as the platform's domain setup says",
        customer: CustomerWording(cause: "the tracking domain has no working DNS record, so the tracked links and the pixel lead nowhere",
                                  remedy: "set up the tracking domain's DNS record (its CNAME) as the platform describes"),
        category: .hosts, concerns: [.openTracking, .clickTracking], stages: [.sent], defaultSeverity: .error,
        triggering: [
            Example("<a href=\"↓https://email.shop.example/c/eJxVj0tuwzAMRE8TrRxYkiXbWnjRRS8RUDIbC9EPEp0gt68L\">Shop</a>",
                    stage: .sent, checksVariants: false, online: [:]),
        ],
        clean: [
            Example("<a href=\"https://email.shop.example/c/eJxVj0tuwzAMRE8TrRxYkiXbWnjRRS8RUDIbC9EPEp0gt68L\">Shop</a>",
                    stage: .sent, online: ["email.shop.example": .example(cnames: ["mailgun.org"], tls: .valid)]),
            Example("<a href=\"https://email.shop.example/c/eJxVj0tuwzAMRE8TrRxYkiXbWnjRRS8RUDIbC9EPEp0gt68L\">Shop</a>", stage: .sent),
        ])

    func check(_ context: inout RuleContext) {
        for checked in context.input.checkedHosts {
            let dns = checked.check.dns
            guard dns.status == .nxdomain || dns.status == .noAddress else { continue }
            let host = checked.host.host
            let what = dns.status == .nxdomain ? "does not exist in DNS (NXDOMAIN from \(dns.server))"
                : "leads to no address (\(checked.check.dnsSummary), asked \(dns.server))"
            let help = checked.platform.flatMap { platform in
                platform.cnameTargets.first.map { "Create the CNAME record `\(host)` → `\($0)` that \(platform.displayName)'s domain setup asks for" }
            }
            context.report("Tracking host `\(host)` \(what): its tracked links and pixel are dead", about: checked,
                           evidence: host, help: help)
        }
    }
}
