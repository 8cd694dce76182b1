extension PlatformProfile {
    static let iterable = PlatformProfile(
        "iterable", "Iterable",
        headers: [HeaderFingerprint("Received", .contains("iterable.com"))],
        hosts: PlatformHosts(sending: ["iterable.com"]),
        clicks: [URLShape("iterable", host: "links.iterable.com", path: "/a/")],
        mergeTags: [.handlebars],
        unsubscribe: ["{{unsubscribeUrl}}", "{{hostedUnsubscribeUrl}}"],
        templateSignals: ["{{unsubscribeMessageTypeUrl}}", "{{viewInBrowserUrl}}"])
}
