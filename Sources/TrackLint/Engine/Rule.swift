import Foundation
import TrackLintParsing
import TrackLintPlatforms

/// The catalogue's categories, by code range.
public enum RuleCategory: String, Sendable, CaseIterable {
    case input = "Input and structure"          // TL1xx
    case openTracking = "Open tracking"         // TL2xx
    case links = "Click tracking and links"     // TL3xx
    case unsubscribe = "Unsubscribe"            // TL4xx
    case hosts = "Hosts and sending setup"      // TL5xx
    case suppressions = "Suppressions"          // TL9xx
}

/// The three questions support staff ask of a message: the report gives each a verdict.
public enum Concern: String, Sendable, CaseIterable {
    case openTracking = "Open tracking"
    case clickTracking = "Click tracking"
    case unsubscribe = "Unsubscribe"

    /// The name in JSON (`verdicts[].concern`).
    public var id: String {
        switch self {
        case .openTracking: "openTracking"
        case .clickTracking: "clickTracking"
        case .unsubscribe: "unsubscribe"
        }
    }
}

/// How a rule's findings read to a customer, without rule codes: the customer answer says
/// "... because <cause>; to fix it, <remedy>".
public struct CustomerWording: Sendable {
    /// Completes "because ...": what is wrong, in plain words.
    public let cause: String
    /// Completes "to fix it, ...": what to change, in the platform's terms where they are general.
    public let remedy: String

    public init(cause: String, remedy: String) {
        self.cause = cause
        self.remedy = remedy
    }
}

/// A piece of HTML that shows a rule's behaviour. In triggering examples, each marker stands where
/// a finding is expected: `↓` at its line and column, `⇣` on its line for a finding without a
/// column (about the document as a whole). Markers are removed before linting. Examples of the
/// `--online` rules carry the answers the lookups give (`online:`).
public struct Example: Sendable {
    public static let marker: Character = "↓"
    public static let lineMarker: Character = "⇣"

    public let source: String
    public let options: LintOptions
    /// Whether the automatic variants (a document skeleton around it, a line before it) apply; the
    /// message variants apply to every HTML example.
    public let checksVariants: Bool
    /// Whether the example behaves the same inside an Outlook conditional comment (not for rules
    /// that hand such links to TL309).
    public let checksConditionalVariant: Bool

    public init(_ source: String, stage: Stage? = nil, context: MailContext = .campaign, platform: String? = nil,
                trackingDomains: [String] = [], baseURL: String? = nil, checksVariants: Bool = true,
                checksConditionalVariant: Bool = true, online answers: [String: HostCheck]? = nil) {
        self.source = source
        self.options = LintOptions(stage: stage, context: context, platform: platform, trackingDomains: trackingDomains, baseURL: baseURL,
                                   online: answers != nil, hostChecker: answers.map(HostChecker.init(answers:)))
        self.checksVariants = checksVariants
        self.checksConditionalVariant = checksConditionalVariant
    }

    /// The source as linted: markers removed, found as bytes. Each is one scalar that no example
    /// follows with a combining mark; filtering characters walked the grapheme clusters of
    /// examples of 100 KB each time SARIF's rules were written.
    public var html: String {
        source.replacingBytes(String(Self.marker), with: "").replacingBytes(String(Self.lineMarker), with: "")
    }

    /// Expected finding positions from the markers: 1-based line, and column for `↓` (nil for `⇣`).
    public var expectedPositions: [(line: Int, column: Int?)] {
        var positions: [(Int, Int?)] = []
        var line = 1
        var column = 1
        for scalar in source.unicodeScalars {
            switch Character(scalar) {
            case Self.marker: positions.append((line, column))
            case Self.lineMarker: positions.append((line, nil))
            case "\n":
                line += 1
                column = 1
            default:
                column += 1
            }
        }
        return positions
    }
}

/// A rule's fix shown on an example: linting `before` and applying the rule's fixes (unsafe ones
/// included) with `FixApplier` gives `after`.
public struct Correction: Sendable {
    public let before: String
    public let after: String
    public let options: LintOptions

    public init(_ before: String, _ after: String, stage: Stage? = nil, platform: String? = nil, baseURL: String? = nil) {
        self.before = before
        self.after = after
        self.options = LintOptions(stage: stage, platform: platform, baseURL: baseURL)
    }
}

/// Everything a rule says about itself: the catalogue row, its documentation and its examples.
public final class RuleInfo: Sendable {
    public let code: String
    public let slug: String
    public let title: String
    /// One line, for `tracklint rules`.
    public let summary: String
    /// Why it breaks tracking: shown by `tracklint explain`.
    public let rationale: String
    /// How to fix it: the default help line of its findings.
    public let fix: String
    public let category: RuleCategory
    /// What its findings put at risk: an error breaks these, a warning puts them at risk.
    public let concerns: Set<Concern>
    /// Whether a finding of it on a link means the link does not work at all (not only that it is
    /// untracked): on an unsubscribe link, that unsubscribe path fails too.
    public let deadensLink: Bool
    /// Its findings in the customer answer; nil for rules that never speak to a customer.
    public let customer: CustomerWording?
    public let stages: Set<Stage>
    public let defaultSeverity: Severity
    /// A different default for sent messages, where one applies (TL304).
    public let sentSeverity: Severity?
    /// Contexts in which the rule runs.
    public let contexts: Set<MailContext>
    /// The examples are built when asked (by the tests and the docs), not at start-up: some are
    /// 100 KB long.
    public var triggering: [Example] { triggeringExamples() }
    public var clean: [Example] { cleanExamples() }
    private let triggeringExamples: @Sendable () -> [Example]
    private let cleanExamples: @Sendable () -> [Example]
    /// Other rules' findings that a finding of this rule lowers (a post-pass, `FindingAdjustments`).
    public let lowers: Lowering?
    /// For rules whose findings carry edits: sources before and after their fixes.
    public var corrections: [Correction] { correctionExamples() }
    private let correctionExamples: @Sendable () -> [Correction]

    public init(code: String, slug: String, title: String, summary: String, rationale: String, fix: String,
                customer: CustomerWording? = nil, category: RuleCategory, concerns: Set<Concern>, deadensLink: Bool = false,
                stages: Set<Stage>, defaultSeverity: Severity, sentSeverity: Severity? = nil,
                contexts: Set<MailContext> = Set(MailContext.allCases), lowers: Lowering? = nil,
                triggering: @autoclosure @escaping @Sendable () -> [Example], clean: @autoclosure @escaping @Sendable () -> [Example],
                corrections: @autoclosure @escaping @Sendable () -> [Correction] = []) {
        self.code = code
        self.slug = slug
        self.title = title
        self.summary = summary
        self.rationale = rationale
        self.fix = fix
        self.category = category
        self.concerns = concerns
        self.deadensLink = deadensLink
        self.customer = customer
        self.stages = stages
        self.defaultSeverity = defaultSeverity
        self.sentSeverity = sentSeverity
        self.contexts = contexts
        self.triggeringExamples = triggering
        self.cleanExamples = clean
        self.lowers = lowers
        self.correctionExamples = corrections
    }

    public func severity(in stage: Stage) -> Severity {
        stage == .sent ? (sentSeverity ?? defaultSeverity) : defaultSeverity
    }

    /// "T S", "S": the catalogue's stage column.
    public var stageLabel: String {
        [Stage.template, .sent].filter(stages.contains).map { $0 == .template ? "T" : "S" }.joined(separator: " ")
    }
}

/// A check. Conformers are small value types, one per file, grouped by category under `Rules/`.
public protocol Rule: Sendable {
    static var info: RuleInfo { get }
    init()
}

/// A check of one HTML document: an HTML file, or one `text/html` part of a message.
public protocol DocumentRule: Rule {
    func check(_ context: inout RuleContext)
}

/// A check of a message as a whole: its headers and MIME structure.
public protocol MessageRule: Rule {
    func check(_ context: inout MessageRuleContext)
}
