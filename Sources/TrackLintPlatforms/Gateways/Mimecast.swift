extension Gateway {
    /// URL Protect's rewriting is opaque: the original is not in the link.
    static let mimecast = Gateway(
        "mimecast", "Mimecast", headerPrefixes: ["x-mimecast-"],
        rewrites: { host, _ in host.hasPrefix("protect-") && host.hasSuffix(".mimecast.com") || host.hasSuffix(".mimecastprotect.com") })
}
