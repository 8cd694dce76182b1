import TrackLintParsing

/// German newsletter platform; tracks through `<x>.emailsys1a.net`.
extension PlatformProfile {
    static let rapidmail = PlatformProfile(
        "rapidmail", "rapidmail",
        headers: [HeaderFingerprint("Feedback-ID", .endsWith(":rm")), HeaderFingerprint("X-Complaints-To", .contains("rapidmail.de")),
                  HeaderFingerprint("List-Unsubscribe", .contains("emailsys1a.net"))],
        hosts: PlatformHosts(sending: ["emailsys1a.net", "emailsys.net", "rmh1.net"], ownLinks: ["c.emailsys1a.net"]),
        clicks: [URLShape("rapidmail", host: "emailsys1a.net", path: "/c/")],
        pixels: [URLShape("rapidmail", host: "emailsys1a.net", path: "/o/")])
}
