import TrackLintParsing
import TrackLintPlatforms

struct TrackingCertificateInvalidRule: DocumentRule {
    static let info = RuleInfo(
        code: "TL509", slug: "tracking-certificate-invalid", title: "Tracking host's certificate is invalid",
        summary: "With --online: https tracking links go to a host whose TLS certificate is expired, for another name or untrusted",
        rationale: """
        A tracked https link first opens the tracking host. When its certificate has expired, \
        names other hosts, or is not signed by an authority browsers trust, the browser shows a \
        security warning instead of the destination: the click is lost and the pixel does not \
        load. Custom tracking domains need their own certificate (the platform's managed HTTPS, \
        or a CDN in front), which is easy to forget. Only checked with --online, by a TLS \
        handshake with the host; no tracked URL is requested.
        """,
        fix: "Give the tracking domain a valid certificate (the platform's HTTPS tracking setup, or a CDN in front of it)",
        customer: CustomerWording(cause: "the tracking domain's https certificate is not valid, so browsers show a warning instead of the page",
                                  remedy: "renew or set up the tracking domain's certificate (the platform's SSL option for custom domains)"),
        category: .hosts, concerns: [.openTracking, .clickTracking], stages: [.sent], defaultSeverity: .error,
        triggering: [
            Example("<a href=\"↓https://email.shop.example/c/eJxVj0tuwzAMRE8TrRxYkiXbWnjRRS8RUDIbC9EPEp0gt68L\">Shop</a>",
                    stage: .sent, checksVariants: false,
                    online: ["email.shop.example": .example(cnames: ["mailgun.org"], tls: .expired, tlsDetail: "certificate has expired")]),
            Example("<p>Sale</p>\n<a href=\"↓https://email.shop.example/c/eJxVj0tuwzAMRE8TrRxYkiXbWnjRRS8RUDIbC9EPEp0gt68L\">Shop</a>\n"
                    + "<img src=\"https://email.shop.example/o/eJxVj0tuwzAMRE8TrRxYkiXbWnjRRS8RUDIbC9EPEp0gt68L\" width=\"1\" height=\"1\">",
                    stage: .sent, checksVariants: false,
                    online: ["email.shop.example": .example(cnames: ["mailgun.org"], tls: .wrongName, tlsDetail: "no name matches")]),
        ],
        clean: [
            Example("<a href=\"https://email.shop.example/c/eJxVj0tuwzAMRE8TrRxYkiXbWnjRRS8RUDIbC9EPEp0gt68L\">Shop</a>",
                    stage: .sent, online: ["email.shop.example": .example(cnames: ["mailgun.org"], tls: .valid)]),
        ])

    func check(_ context: inout RuleContext) {
        for checked in context.input.checkedHosts where checked.request.overHTTPS {
            guard let tls = checked.check.tls, tls.status != .valid else { continue }
            let host = checked.host.host
            let detail = tls.detail.map { " (\($0))" } ?? ""
            let why: String
            switch tls.status {
            case .expired: why = "its TLS certificate has expired"
            case .wrongName: why = "its TLS certificate does not name it"
            case .untrusted: why = "its TLS certificate is not signed by an authority browsers trust"
            case .failed, .valid: why = "no TLS handshake with it succeeded"
            }
            context.report("https tracking links through `\(host)` fail in browsers: \(why)\(detail)", about: checked,
                           evidence: host, severity: tls.status == .failed ? .warning : nil)
        }
    }
}
