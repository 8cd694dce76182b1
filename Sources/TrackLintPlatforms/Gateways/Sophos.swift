import TrackLintParsing

extension Gateway {
    /// `u` is the original in base64.
    static let sophos = Gateway(
        "sophos", "Sophos Email", headerPrefixes: ["x-sophos-"],
        rewrites: { host, _ in host.hasSuffix(".protection.sophos.com") },
        original: { QueryParameters($0.query ?? "").raw("u").flatMap(EncodedText.base64) })
}
