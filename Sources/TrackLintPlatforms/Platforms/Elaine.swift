extension PlatformProfile {
    static let elaine = PlatformProfile(
        "elaine", "ELAINE (artegic)",
        headers: [HeaderFingerprint("X-MA-Provider", .contains("elaine")), HeaderFingerprint("Received", .contains("artegic.net"))],
        hosts: PlatformHosts(sending: ["artegic.net"]))
}
