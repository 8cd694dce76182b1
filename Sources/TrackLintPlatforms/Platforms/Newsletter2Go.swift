extension PlatformProfile {
    static let newsletter2go = PlatformProfile(
        "newsletter2go", "Newsletter2Go",
        headers: [HeaderFingerprint("X-rpcampaign"), HeaderFingerprint("Received", .contains("amxe.net"), weight: 1)],
        hosts: PlatformHosts(sending: ["amxe.net"]))
}
