/// The URL shapes platforms use for their open pixel and click redirects (facts:
/// `knowledge/esp-facts.md`). A later profile system extends this table; rules only ask it questions.
public struct URLShape: Sendable {
    public let platform: String
    /// The host must be this domain or a subdomain of it; nil for any host (branded domains).
    public let hostSuffix: String?
    /// The host's first label must be this (`email` for Mailgun's `email.mg.example.com`).
    public let hostFirstLabel: String?
    public let pathPrefix: String
    /// The path must end with this (`.gif`), with no `/` after the prefix.
    public let pathSuffix: String?
    /// The query must contain this parameter name.
    public let queryParameter: String?

    init(_ platform: String, host: String? = nil, firstLabel: String? = nil, path: String,
         suffix: String? = nil, query: String? = nil) {
        self.platform = platform
        self.hostSuffix = host
        self.hostFirstLabel = firstLabel
        self.pathPrefix = path
        self.pathSuffix = suffix
        self.queryParameter = query
    }

    func matches(_ url: URLReference) -> Bool {
        guard url.isWeb, let host = url.host, url.hostKind != .templated else { return false }
        if let hostSuffix, host != hostSuffix && !host.hasSuffix("." + hostSuffix) { return false }
        if let hostFirstLabel, !host.hasPrefix(hostFirstLabel + ".") { return false }
        let path = url.path.lowercased()
        guard path.hasPrefix(pathPrefix) else { return false }
        if let pathSuffix {
            let middle = path.dropFirst(pathPrefix.count)
            guard middle.hasSuffix(pathSuffix), middle.count > pathSuffix.count,
                  !middle.dropLast(pathSuffix.count).contains("/") else { return false }
        }
        if let queryParameter {
            let parameters = (url.query ?? "").split(separator: "&").map { $0.split(separator: "=").first.map(String.init) ?? "" }
            guard parameters.contains(queryParameter) else { return false }
        }
        return true
    }
}

public enum PlatformPatterns {
    public static let pixelShapes: [URLShape] = [
        URLShape("mautic", path: "/email/", suffix: ".gif"),
        URLShape("mailchimp", host: "list-manage.com", path: "/track/open.php"),
        URLShape("mandrill", host: "mandrillapp.com", path: "/track/open.php"),
        URLShape("sendgrid", path: "/wf/open", query: "upn"),
        URLShape("mailgun", firstLabel: "email", path: "/o/"),
        URLShape("ses", host: "awstrack.me", path: "/i0/"),
        URLShape("postmark", host: "pstmrk.it", path: "/open"),
        URLShape("mailjet", host: "mjt.lu", path: "/oo/"),
        URLShape("klaviyo", host: "klclick.com", path: "/o/"),
        URLShape("hubspot", host: "hubspotemail.net", path: "/e2t/to/"),
        URLShape("customerio", host: "customeriomail.com", path: "/e/o/"),
        URLShape("brevo", host: "sendibm1.com", path: "/mk/op/"),
        URLShape("brevo", host: "sendibt2.com", path: "/tr/op/"),
        URLShape("constantcontact", host: "rs6.net", path: "/on.jsp"),
    ]

    public static let clickShapes: [URLShape] = [
        URLShape("mautic", path: "/r/", query: "ct"),
        URLShape("mailchimp", host: "list-manage.com", path: "/track/click"),
        URLShape("mandrill", host: "mandrillapp.com", path: "/track/click/"),
        URLShape("sendgrid", path: "/ls/click", query: "upn"),
        URLShape("sendgrid", path: "/wf/click", query: "upn"),
        URLShape("mailgun", firstLabel: "email", path: "/c/"),
        URLShape("ses", host: "awstrack.me", path: "/l0/"),
        URLShape("postmark", host: "click.pstmrk.it", path: "/"),
        URLShape("mailjet", host: "mjt.lu", path: "/lnk/"),
        URLShape("klaviyo", host: "klclick.com", path: "/l/"),
        URLShape("hubspot", host: "hubspotlinks.com", path: "/"),
        URLShape("hubspot", host: "hubspotemail.net", path: "/e2t/c/"),
        URLShape("customerio", host: "customeriomail.com", path: "/e/c/"),
        URLShape("brevo", host: "sendibm1.com", path: "/mk/cl/"),
        URLShape("brevo", host: "sendibt2.com", path: "/tr/cl/"),
        URLShape("constantcontact", host: "rs6.net", path: "/tn.jsp"),
        URLShape("activecampaign", path: "/prod/link-tracker", query: "redirectUrl"),
        URLShape("sparkpost", path: "/f/a/"),
        URLShape("iterable", host: "links.iterable.com", path: "/a/"),
    ]

    /// The platform pixel shape a URL has, if any.
    public static func pixelShape(of url: URLReference) -> URLShape? {
        pixelShapes.first { $0.matches(url) }
    }

    /// The platform click-redirect shape a URL has, if any.
    public static func clickShape(of url: URLReference) -> URLShape? {
        clickShapes.first { $0.matches(url) }
    }
}
