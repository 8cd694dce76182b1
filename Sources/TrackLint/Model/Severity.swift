import TrackLintParsing
import TrackLintPlatforms

/// How serious a finding is. Ordered: info < warning < error.
public enum Severity: String, Codable, Sendable, Hashable, Comparable, CaseIterable {
    case info, warning, error

    private var rank: Int {
        switch self {
        case .info: return 0
        case .warning: return 1
        case .error: return 2
        }
    }

    public static func < (lhs: Severity, rhs: Severity) -> Bool { lhs.rank < rhs.rank }

    /// "1 error", "2 warnings", "3 info": how summaries count findings.
    package func counted(_ number: Int) -> String {
        "\(number) \(rawValue)\(number == 1 || self == .info ? "" : "s")"
    }
}

/// Where in an email's life the input is: a template before sending, or a message as sent.
public enum Stage: String, Codable, Sendable, Hashable, CaseIterable {
    case template, sent
}

/// What kind of mail it is, which changes what is expected of it.
public enum MailContext: String, Codable, Sendable, Hashable, CaseIterable {
    /// Marketing mail: tracking and unsubscribe are expected.
    case campaign
    /// Receipts, password resets: unsubscribe rules do not apply.
    case transactional
    /// A test or example send, which platforms do not track on purpose.
    case test
}
