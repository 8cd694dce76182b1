extension PlatformProfile {
    static let newsletter2go = PlatformProfile(
        "newsletter2go", "Newsletter2Go",
        // X-rpcampaign is a reputation header other senders carry too: a hint, not a name.
        headers: [HeaderFingerprint("X-rpcampaign", weight: 1), HeaderFingerprint("Return-Path", .contains("amxe.net")),
                  HeaderFingerprint("DKIM-Signature", .contains("s=newsletter2go")), HeaderFingerprint("Received", .contains("amxe.net"), weight: 1)],
        hosts: PlatformHosts(sending: ["amxe.net"]),
        // Links `https://amxe.net/<a>-<b>-<c>-<d>`, pixel the same with `.gif`.
        clicks: [URLShape("newsletter2go", host: "amxe.net", path: "/")],
        pixels: [URLShape("newsletter2go", host: "amxe.net", path: "/", suffix: ".gif")])
}
