extension PlatformProfile {
    static let inxmail = PlatformProfile(
        "inxmail", "Inxmail",
        headers: [HeaderFingerprint("X-Mailer", .contains("inxmail")), HeaderFingerprint("Feedback-ID", .endsWith(":inxmailde")),
                  HeaderFingerprint("Received", .contains("inxserver.de"))],
        hosts: PlatformHosts(sending: ["inxserver.de", "inxserver.com"]))
}
