extension Gateway {
    static let barracuda = Gateway(
        "barracuda", "Barracuda", headerPrefixes: ["x-barracuda-"],
        rewrites: { host, _ in host == "linkprotect.cudasvc.com" },
        original: { Gateways.parameter("a", of: $0) })
}
