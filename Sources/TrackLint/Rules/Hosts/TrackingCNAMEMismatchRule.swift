import TrackLintParsing
import TrackLintPlatforms

struct TrackingCNAMEMismatchRule: DocumentRule {
    static let info = RuleInfo(
        code: "TL508", slug: "tracking-cname-mismatch", title: "Tracking domain's CNAME points elsewhere",
        summary: "With --online: the custom tracking domain's CNAME does not lead to its platform's tracking servers",
        rationale: """
        A custom tracking domain works when it is a CNAME to the platform's tracking servers \
        (Mailgun `mailgun.org`, SendGrid `sendgrid.net`, SparkPost `spgo.io`, Marketo \
        `mkto-<id>.com`, Amazon SES `awstrack.me`). A CNAME left pointing at a previous platform \
        or mistyped sends every click and pixel request to servers that do not know the message, \
        so nothing is counted. An error when the chain leads to another platform's servers; a \
        warning when it leads elsewhere (a CDN or proxy in front of the platform can be right).
        """,
        fix: "Point the tracking domain's CNAME at the platform's tracking target",
        customer: CustomerWording(cause: "the tracking domain's DNS record (its CNAME) does not point at the platform",
                                  remedy: "point the tracking domain's CNAME at the host the platform names"),
        category: .hosts, concerns: [.openTracking, .clickTracking], stages: [.sent], defaultSeverity: .warning,
        triggering: [
            Example("<a href=\"↓https://email.shop.example/c/eJxVj0tuwzAMRE8TrRxYkiXbWnjRRS8RUDIbC9EPEp0gt68L\">Shop</a>",
                    stage: .sent, checksVariants: false,
                    online: ["email.shop.example": .example(cnames: ["u1234.wl.sendgrid.net", "sendgrid.net"], tls: .valid)]),
            Example("<a href=\"↓https://email.shop.example/c/eJxVj0tuwzAMRE8TrRxYkiXbWnjRRS8RUDIbC9EPEp0gt68L\">Shop</a>",
                    stage: .sent, checksVariants: false, online: ["email.shop.example": .example(cnames: [], tls: .valid)]),
        ],
        clean: [
            Example("<a href=\"https://email.shop.example/c/eJxVj0tuwzAMRE8TrRxYkiXbWnjRRS8RUDIbC9EPEp0gt68L\">Shop</a>",
                    stage: .sent, online: ["email.shop.example": .example(cnames: ["eu.mailgun.org"], tls: .valid)]),
            Example("<a href=\"https://u1234.ct.sendgrid.net/ls/click?upn=abcdef0123456789\">Shop</a>",
                    stage: .sent, online: ["u1234.ct.sendgrid.net": .example(cnames: ["sendgrid.net"], tls: .valid)]),
        ])

    func check(_ context: inout RuleContext) {
        for checked in context.input.checkedHosts {
            guard checked.check.dns.status == .resolved, let platform = checked.platform, !platform.cnameTargets.isEmpty,
                  !checked.isPlatformsOwnHost else { continue }
            let cnames = checked.check.dns.cnames
            guard !cnames.contains(where: platform.isCNAMETarget) else { continue }
            let host = checked.host.host
            let expected = "\(platform.displayName)'s " + platform.cnameTargets.map { "`\($0)`" }.joined(separator: " or ")
            guard let target = cnames.first else {
                context.report("Tracking host `\(host)` has no CNAME (it resolves to \(checked.check.dns.addresses.joined(separator: ", ")) "
                               + "directly), not one to \(expected)", about: checked, evidence: host,
                               help: "Make `\(host)` a CNAME to \(platform.cnameTargets[0]), unless a proxy of yours forwards it to \(platform.displayName)")
                continue
            }
            let chain = cnames.joined(separator: " → ")
            let alias = "`\(target)`" + (cnames.count > 1 ? " (→ `\(cnames.last!)`)" : "")
            if let other = cnames.lazy.compactMap(PlatformProfiles.platform(ownerOfCNAMETarget:)).first {
                context.report("Tracking host `\(host)` is a CNAME to \(alias), \(other.displayName)'s, not to \(expected): "
                               + "clicks and opens go to the wrong platform", about: checked, evidence: chain,
                               help: "Change the CNAME of `\(host)` to \(platform.cnameTargets[0])", severity: .error)
            } else {
                context.report("Tracking host `\(host)` is a CNAME to \(alias), not to \(expected)", about: checked, evidence: chain,
                               help: "Point `\(host)` at \(platform.cnameTargets[0]), unless `\(target)` is a CDN or proxy that forwards to \(platform.displayName)")
            }
        }
    }
}
