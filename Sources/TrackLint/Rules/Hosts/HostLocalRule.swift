import TrackLintParsing
import TrackLintPlatforms

struct HostLocalRule: DocumentRule {
    static let info = RuleInfo(
        code: "TL501", slug: "host-local", title: "Link or image on a local host",
        summary: "A link, image, pixel or --base-url points at a host recipients cannot reach (`localhost`, private IPs, `.local`)",
        rationale: """
        Tracking works only through a public URL: the reader's client must reach the host to load the \
        pixel and to follow the redirect. `localhost`, loopback and private addresses, single-label \
        names such as `http://mautic/` and reserved names (`.local`, `.test`, `.internal`, `.lan`, \
        `.home.arpa`, `.invalid`) resolve only inside the sender's network, if at all. A self-hosted \
        platform whose site URL is not set (Mautic's `site_url`), or that sends from a cron job with a \
        stale cache, writes exactly such links.
        """,
        fix: "Set the platform's public site URL (for Mautic: `site_url`) and clear its cache, then send again",
        customer: CustomerWording(cause: "a link or image points at a local address that readers cannot reach",
                                  remedy: "use the public address of the server (for Mautic, its site_url)"),
        category: .hosts, concerns: [.openTracking, .clickTracking], deadensLink: true, stages: [.template, .sent], defaultSeverity: .error,
        triggering: [
            Example(#"<a href="↓http://localhost/r/5?ct=YTo0">Shop</a> <img src="↓http://127.0.0.1/email/ab12.gif" alt="">"#),
            Example(#"<a href="↓http://mautic/page">Page</a> <a href="↓https://crm.internal/x">CRM</a>"#),
            Example(#"<a href="↓http://192.168.1.20/x">LAN</a> <a href="↓http://[::1]/x">v6</a> <a href="↓http://0x7f.1/x">Hex</a>"#),
        ],
        clean: [
            Example(#"<a href="https://m.x.example/r/5?ct=YTo0">Shop</a> <a href="https://{{host}}/x">Templated</a>"#),
            Example(#"<a href="http://8.8.8.8/">Public IP</a>"#),
        ])

    func check(_ context: inout RuleContext) {
        let inventory = context.input.inventory
        for reference in inventory.all {
            guard let kind = reference.url.hostKind, let reason = HostAnalysis.unreachable(kind),
                  let host = reference.url.host else { continue }
            context.report("URL `\(reference.url.trimmed)` points at `\(host)` (\(reason)): recipients cannot reach it",
                           evidence: reference.url.raw, element: reference.element, attribute: reference.attribute)
        }
        if let base = context.input.options.baseURL {
            let url = URLReference(base)
            if let kind = url.hostKind, let reason = HostAnalysis.unreachable(kind), let host = url.host {
                context.reportInput("--base-url `\(base)` points at `\(host)` (\(reason)): recipients cannot reach it",
                                    evidence: base)
            }
        }
    }
}
