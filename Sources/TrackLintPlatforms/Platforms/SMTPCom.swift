import TrackLintParsing

/// A transport (SMTP relay) that senders such as Humble Bundle deliver through.
extension PlatformProfile {
    static let smtpcom = PlatformProfile(
        "smtpcom", "SMTP.com",
        headers: [HeaderFingerprint("X-SMTPCOM-Tracking-Number"), HeaderFingerprint("X-SMTPCOM-Sender-ID"),
                  HeaderFingerprint("Feedback-ID", .endsWith(":smtpcom")), HeaderFingerprint("DKIM-Signature", .contains("d=smtpsendemail.com"))],
        hosts: PlatformHosts(sending: ["smtp.com", "smtpsendemail.com"]),
        transport: true)
}
