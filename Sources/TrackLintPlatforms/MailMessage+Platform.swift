import TrackLintParsing

extension MailMessage {
    /// The platform the headers name, with the evidence; nil when no platform has enough.
    package var platformFromHeaders: (name: String, evidence: [String])? { PlatformProfiles.detect(headers: headers) }
}
