import TrackLintParsing
import TrackLintPlatforms

struct AuthFailedRule: MessageRule {
    static let info = RuleInfo(
        code: "TL504", slug: "auth-failed", title: "Authentication failed",
        summary: "`Authentication-Results` reports spf, dkim or dmarc as fail, softfail, permerror or none",
        rationale: """
        The receiving server records what it verified in `Authentication-Results` (one field, or one \
        per method; fields further down from other servers are not read). A failing or \
        missing SPF, DKIM or DMARC result sends mail to spam or gets it rejected, and mail that \
        lands in spam is opened and clicked far less (and images there are blocked, so opens are \
        not counted). The usual causes: the platform's DKIM key or SPF include is not published for \
        the sending domain, or the From domain does not align with either.
        """,
        fix: "Publish the platform's SPF include and DKIM key for the From domain, and a DMARC record",
        category: .hosts, concerns: [], stages: [.sent], defaultSeverity: .error,
        triggering: [
            Example("⇣Authentication-Results: mx.y.example; spf=pass smtp.mailfrom=x.example; dkim=fail header.d=x.example; dmarc=fail\nFrom: a@x.example\nSubject: s\nContent-Type: text/html\n\n<p>x</p>\n",
                    checksVariants: false),
            // One field per method, as Proton Mail writes them; a failing DKIM signature beside a passing one is no failure.
            Example("Authentication-Results: mx.y.example; dkim=pass header.d=relay.example; dkim=fail header.d=x.example\n⇣Authentication-Results: mx.y.example; dmarc=none header.from=x.example\nFrom: a@x.example\nSubject: s\nContent-Type: text/html\n\n<p>x</p>\n",
                    checksVariants: false),
        ],
        clean: [
            Example("Authentication-Results: mx.y.example; spf=pass; dkim=pass; dmarc=pass\nFrom: a@x.example\nSubject: s\nContent-Type: text/html\n\n<p>x</p>\n",
                    checksVariants: false),
            // Results further down from another server are the sender's to write: the receiver's own are read.
            Example("Authentication-Results: mx.y.example; spf=pass; dkim=pass; dmarc=pass\nAuthentication-Results: relay.z.example; spf=fail; dkim=fail\nFrom: a@x.example\nSubject: s\nContent-Type: text/html\n\n<p>x</p>\n",
                    checksVariants: false),
        ])

    func check(_ context: inout MessageRuleContext) {
        guard context.isTopLevel, let (results, field) = HeaderAnalysis.authentication(context.message.headers) else { return }
        let failing = ["spf", "dkim", "dmarc"].compactMap { method in
            results[method].flatMap { HeaderAnalysis.failingResults.contains($0) ? "\(method)=\($0)" : nil }
        }
        guard !failing.isEmpty else { return }
        context.report("\(field.name) reports \(failing.joined(separator: ", "))", evidence: failing.joined(separator: " "), header: field)
    }
}
