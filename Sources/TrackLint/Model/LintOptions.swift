import TrackLintParsing
import TrackLintPlatforms

/// What the user told us about the inputs.
public struct LintOptions: Sendable, Hashable {
    /// nil: detect (raw messages are sent; HTML is a template unless it carries tracking already).
    public var stage: Stage?
    /// nil: infer per input (`--context auto`); a value is the user's statement and wins.
    public var context: MailContext?
    /// A platform id (`mautic`, `mailchimp`, ...) or nil to detect.
    public var platform: String?
    /// Hosts that tracked links go through (`--tracking-domain`).
    public var trackingDomains: [String]
    /// The public URL relative links were meant to resolve against (`--base-url`).
    public var baseURL: String?
    /// Rules to run, by code; nil means every rule.
    public var enabledCodes: Set<String>?
    /// Whether to look up the tracking hosts themselves (`--online`, config `online`): with a
    /// `hostChecker` only, which the caller supplies.
    public var online: Bool
    public var hostChecker: HostChecker?

    public init(stage: Stage? = nil, context: MailContext? = nil, platform: String? = nil,
                trackingDomains: [String] = [], baseURL: String? = nil, enabledCodes: Set<String>? = nil,
                online: Bool = false, hostChecker: HostChecker? = nil) {
        self.stage = stage
        self.context = context
        self.platform = platform
        self.trackingDomains = trackingDomains
        self.baseURL = baseURL
        self.enabledCodes = enabledCodes
        self.online = online
        self.hostChecker = hostChecker
    }
}
