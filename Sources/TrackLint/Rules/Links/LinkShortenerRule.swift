import TrackLintParsing
import TrackLintPlatforms

struct LinkShortenerRule: DocumentRule {
    static let info = RuleInfo(
        code: "TL313", slug: "link-shortener", title: "Link through a URL shortener",
        summary: "A link goes through a URL shortener (bit.ly, tinyurl.com, t.co, ...)",
        rationale: """
        A shortener adds a redirect the reader cannot see through, which spam filters distrust (public \
        shorteners are abused by spammers), and it hides the destination from the reader and from \
        link checks. Behind the platform's click tracking it is a second redirect for every click.
        """,
        fix: "Link to the destination directly; let the platform's click tracking do the counting",
        category: .links, concerns: [.clickTracking], stages: [.template, .sent], defaultSeverity: .info,
        triggering: [
            Example(#"<a href="↓https://bit.ly/3xYzAbc">Offer</a> <a href="↓http://tinyurl.com/y7abc">Old</a>"#),
        ],
        clean: [
            Example(#"<a href="https://x.example/offer">Offer</a> <a href="https://notbit.ly.x.example/">Not one</a>"#),
        ])

    static let shorteners: Set<String> = [
        "bit.ly", "bitly.com", "tinyurl.com", "t.co", "ow.ly", "is.gd", "buff.ly", "rebrand.ly", "goo.gl", "t.ly",
        "cutt.ly", "shorturl.at", "tiny.cc", "rb.gy", "v.gd", "s.id", "lnkd.in", "bl.ink", "short.io", "soo.gd",
    ]

    func check(_ context: inout RuleContext) {
        for link in context.input.inventory.webLinks {
            guard let host = link.url.host, Self.shorteners.contains(host.hasPrefix("www.") ? String(host.dropFirst(4)) : host)
            else { continue }
            context.report("Link `\(link.url.trimmed)` goes through the URL shortener \(host)",
                           evidence: link.url.raw, element: link.element, attribute: link.attribute)
        }
    }
}
