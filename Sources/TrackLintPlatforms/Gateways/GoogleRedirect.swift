extension Gateway {
    /// Gmail's click-time redirect: no gateway headers, but a link wrapped the same way.
    static let googleRedirect = Gateway(
        "google", "Google redirect",
        rewrites: { host, path in (host == "www.google.com" || host == "google.com") && path == "/url" },
        original: { Gateways.parameter("q", of: $0) ?? Gateways.parameter("url", of: $0) })
}
