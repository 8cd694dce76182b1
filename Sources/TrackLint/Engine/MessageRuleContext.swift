import TrackLintParsing
import TrackLintPlatforms

/// What a message rule sees and reports through: the message, whether it is the top-level message
/// of the input (or one enclosed in a `message/rfc822` part), and the options.
public struct MessageRuleContext {
    public let message: MailMessage
    public let path: String
    public let isTopLevel: Bool
    public let options: LintOptions
    package let info: RuleInfo
    package let stage: Stage
    private(set) var findings: [Finding] = []

    package init(message: MailMessage, path: String, isTopLevel: Bool, options: LintOptions, info: RuleInfo, stage: Stage) {
        self.message = message
        self.path = path
        self.isTopLevel = isTopLevel
        self.options = options
        self.info = info
        self.stage = stage
    }

    /// Reports a finding located at a header field (or at a file line), optionally in a part.
    public mutating func report(_ message: String, evidence: String, header: HeaderField? = nil, part: String? = nil,
                                line: Int? = nil, help: String? = nil) {
        var location = Location(path: path, part: part, line: header?.line ?? line)
        location.header = header?.name
        findings.append(Finding(code: info.code, slug: info.slug, severity: info.severity(in: stage), message: message,
                                help: help ?? info.fix, location: location, evidence: evidence, fix: nil, offset: nil))
    }

    /// Reports one of the problems the parser met.
    public mutating func report(_ problem: MailProblem, help: String? = nil, severity: Severity? = nil) {
        var location = Location(path: path, part: problem.part, line: problem.line)
        location.header = problem.header
        findings.append(Finding(code: info.code, slug: info.slug, severity: severity ?? info.severity(in: stage),
                                message: problem.message,
                                help: help ?? info.fix, location: location, evidence: problem.evidence, fix: nil, offset: nil))
    }

    /// Reports each header with which the message asks its platform to switch `kind` tracking off
    /// (TL207 for opens, TL316 for clicks).
    package mutating func reportTrackingSwitchedOff(_ kind: TrackingKind) {
        let tracking = kind == .opens ? "open" : "click"
        for (found, field) in PlatformProfiles.trackingSwitchedOff(message.headers) where found == kind {
            report("Header \(field.name) switches \(tracking) tracking off for this message (`\(field.value.prefix(80))`)",
                   evidence: "\(field.name): \(field.value)", header: field)
        }
    }
}
