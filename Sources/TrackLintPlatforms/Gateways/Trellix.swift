extension Gateway {
    static let trellix = Gateway(
        "trellix", "Trellix (FireEye)",
        rewrites: { host, _ in host == "protect2.fireeye.com" },
        original: { Gateways.parameter("u", of: $0) })
}
