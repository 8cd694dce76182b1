extension Gateway {
    static let trendMicro = Gateway(
        "trendmicro", "Trend Micro", headerPrefixes: ["x-tm-as-", "x-tmase-"],
        rewrites: { host, path in host.hasSuffix(".trendmicro.com") && path.hasPrefix("/wis/clicktime/") },
        original: { Gateways.parameter("url", of: $0) })
}
