import TrackLintParsing
import TrackLintPlatforms

struct LinkDuplicateVariantsRule: DocumentRule {
    static let info = RuleInfo(
        code: "TL318", slug: "link-duplicate-variants", title: "One destination written several ways",
        summary: "One destination is written in different forms (scheme, host case, trailing slash, default port, parameter order)",
        rationale: """
        Click reports list clicks per URL as written. When the same page is linked as \
        `https://x.com/shop`, `https://X.com/shop/` and `http://x.com/shop`, its clicks are split over \
        three rows and each looks less popular than it is. Platforms also treat them as separate links \
        in link maps and A/B reports.
        """,
        fix: "Write each destination the same way every time",
        category: .links, concerns: [.clickTracking], stages: [.template, .sent], defaultSeverity: .info,
        triggering: [
            Example(#"<a href="https://x.example/shop">Shop</a> <a href="↓https://X.example/shop/">Shop again</a>"#),
            Example(#"<a href="https://x.example/s?a=1&b=2">One</a> <a href="↓https://x.example:443/s?b=2&a=1">Two</a>"#),
        ],
        clean: [
            Example(#"<a href="https://x.example/shop">Shop</a> <a href="https://x.example/shop">Shop again</a>"#),
        ])

    /// The form that variants of one destination share.
    static func normalized(_ url: URLReference) -> String? {
        place(of: url).map { normalized(url, at: $0) }
    }

    private static func normalized(_ url: URLReference, at place: String) -> String {
        var query = url.query ?? ""
        if query.utf8.contains(UInt8(ascii: "&")) { query = sortedParameters(query) }
        return "\(place)?\(query)"
    }

    /// The host, port and path the normalized form starts with: only links at one place can be
    /// variants, and only their queries are sorted (most links are at a place of their own).
    private static func place(of url: URLReference) -> String? {
        guard url.isWeb, let host = url.host, url.hostKind != .templated else { return nil }
        var path = url.path.isEmpty ? "/" : url.path
        if path.utf8.count > 1 && path.utf8.last == UInt8(ascii: "/") { path.removeLast() }
        let defaultPort = url.port == nil || url.port == "" || url.port == "80" || url.port == "443"
        return "\(host)\(defaultPort ? "" : ":" + url.port!)\(path)"
    }

    /// The query's parameters in order. An ASCII query (nearly every one) is split as bytes:
    /// splitting a tracking token's query into Characters cost more than the rest of the rule.
    private static func sortedParameters(_ query: String) -> String {
        let parameters = query.utf8.allSatisfy { $0 < 0x80 }
            ? query.utf8.split(separator: UInt8(ascii: "&")).map { String(Substring($0)) }
            : query.split(separator: "&").map(String.init)
        return parameters.sorted().joined(separator: "&")
    }

    func check(_ context: inout RuleContext) {
        let links = context.input.inventory.webLinks
        let places = links.map { Self.place(of: $0.url) }
        var linksAt: [String: Int] = [:]
        for case let place? in places { linksAt[place, default: 0] += 1 }
        var firstForm: [String: String] = [:]
        var reported: Set<String> = []
        for (link, place) in zip(links, places) {
            guard let place, linksAt[place, default: 0] > 1 else { continue }
            let key = Self.normalized(link.url, at: place)
            guard let first = firstForm[key] else {
                firstForm[key] = link.url.trimmed
                continue
            }
            guard first != link.url.trimmed, reported.insert(link.url.trimmed).inserted else { continue }
            context.report("Link `\(link.url.trimmed)` is `\(first)` written another way, so its clicks are reported apart",
                           evidence: link.url.raw, element: link.element, attribute: link.attribute)
        }
    }
}
