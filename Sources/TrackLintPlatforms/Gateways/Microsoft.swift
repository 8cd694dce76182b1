extension Gateway {
    /// Exchange Online Protection and Defender for Office 365, whose Safe Links rewrite links.
    static let microsoft = Gateway(
        "microsoft", "Microsoft Defender / Exchange Online Protection",
        headerPrefixes: ["x-forefront-antispam-report", "x-microsoft-antispam", "x-ms-exchange-organization-"],
        rewrites: { host, _ in host.hasSuffix(".safelinks.protection.outlook.com") },
        original: { Gateways.parameter("url", of: $0) })
}
