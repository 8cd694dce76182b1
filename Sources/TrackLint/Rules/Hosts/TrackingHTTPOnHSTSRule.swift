import TrackLintParsing
import TrackLintPlatforms

struct TrackingHTTPOnHSTSRule: DocumentRule {
    static let info = RuleInfo(
        code: "TL510", slug: "tracking-http-on-hsts", title: "http tracking on an HSTS domain",
        summary: "With --online: tracked links are http:// but the tracking host asks browsers to use https only (HSTS)",
        rationale: """
        A host that answers with `Strict-Transport-Security` tells browsers to open it over https \
        only, and they rewrite every later http:// link to it before sending anything. Tracking \
        links written as http:// then depend on the platform serving the same tracking paths over \
        https with a certificate for the domain; Mailgun's troubleshooting names this as a cause \
        of clicks and opens that stop counting. Only checked with --online, by a request for the \
        host's root `/`, never for a tracked path.
        """,
        fix: "Turn on HTTPS tracking in the platform so that tracked links are https://, or remove HSTS from the tracking host",
        customer: CustomerWording(cause: "the tracking domain makes browsers use https while its tracked links use http, so the links can break",
                                  remedy: "set up https for the tracking domain, so that the platform writes https tracking links"),
        category: .hosts, concerns: [.clickTracking], stages: [.sent], defaultSeverity: .warning,
        triggering: [
            Example("<a href=\"↓http://email.shop.example/c/eJxVj0tuwzAMRE8TrRxYkiXbWnjRRS8RUDIbC9EPEp0gt68L\">Shop</a>",
                    stage: .sent, checksVariants: false,
                    online: ["email.shop.example": .example(cnames: ["mailgun.org"], hsts: "max-age=31536000; includeSubDomains")]),
        ],
        clean: [
            Example("<a href=\"http://email.shop.example/c/eJxVj0tuwzAMRE8TrRxYkiXbWnjRRS8RUDIbC9EPEp0gt68L\">Shop</a>",
                    stage: .sent, online: ["email.shop.example": .example(cnames: ["mailgun.org"], hsts: "max-age=0")]),
            Example("<a href=\"https://email.shop.example/c/eJxVj0tuwzAMRE8TrRxYkiXbWnjRRS8RUDIbC9EPEp0gt68L\">Shop</a>",
                    stage: .sent, online: ["email.shop.example": .example(cnames: ["mailgun.org"], tls: .valid, hsts: "max-age=31536000")]),
        ])

    func check(_ context: inout RuleContext) {
        for checked in context.input.checkedHosts where checked.request.overHTTP {
            guard let hsts = checked.check.hsts, hsts.isEnforced, let header = hsts.header else { continue }
            let host = checked.host.host
            context.report("Tracked links to `\(host)` are http://, but https://\(host)/ sends Strict-Transport-Security "
                           + "`\(header.prefix(80))`: browsers rewrite them to https://", about: checked,
                           at: checked.uses.first { $0.url.scheme?.lowercased() == "http" }, evidence: header)
        }
    }
}
