import TrackLintParsing
import TrackLintPlatforms

/// The result of linting one HTML document or one message (an mbox gives one per member).
public struct InputResult: Sendable {
    public let path: String
    public let kind: InputKind
    public let stage: Stage
    /// The message's index in its input (0 for a single message, the member's index in an mbox).
    public let messageIndex: Int?
    public let subject: String?
    public let findings: [Finding]
    public let diagnosis: Diagnosis
    /// The text findings' offsets refer to, for excerpts: the file's HTML under the key `""`, and
    /// each decoded `text/html` part under its part path.
    public let sources: [String: SourceText]
    /// Each body's links and safe preview, for the HTML report; empty unless the linter was asked
    /// to collect them.
    public let bodies: [BodyDetails]
}

extension InputResult {
    /// The same result with other findings (those a baseline did not accept).
    package func replacingFindings(_ findings: [Finding]) -> InputResult {
        InputResult(path: path, kind: kind, stage: stage, messageIndex: messageIndex, subject: subject,
                    findings: findings, diagnosis: diagnosis, sources: sources, bodies: bodies)
    }
}

/// Runs the enabled rules over inputs. Holds no state between inputs.
public struct Linter: Sendable {
    /// What a linter holds, behind one reference: the linter goes along with every input, and a
    /// copy of these fields retains each of them.
    private final class Settings: Sendable {
        let options: LintOptions
        let limits: MailLimits
        let documentRules: [ScheduledRule<any DocumentRule>]
        let messageRules: [ScheduledRule<any MessageRule>]
        let suppressionCodes: Set<String>
        let severities: [String: Severity]
        let collectsReportDetails: Bool

        init(options: LintOptions, severities: [String: Severity], limits: MailLimits, collectsReportDetails: Bool) {
            self.options = options
            self.severities = severities
            self.limits = limits
            self.collectsReportDetails = collectsReportDetails
            let isEnabled = { (rule: any Rule.Type) in options.enabledCodes?.contains(rule.info.code) ?? true }
            documentRules = RuleRegistry.documentRules.filter(isEnabled).map { ScheduledRule($0.init(), info: $0.info) }
            messageRules = RuleRegistry.messageRules.filter(isEnabled).map { ScheduledRule($0.init(), info: $0.info) }
            suppressionCodes = Set([SuppressionUnusedRule.info, SuppressionInvalidRule.info].map(\.code)
                .filter { options.enabledCodes?.contains($0) ?? true })
        }
    }

    private let settings: Settings

    public var options: LintOptions { settings.options }
    public var limits: MailLimits { settings.limits }
    package var documentRules: [ScheduledRule<any DocumentRule>] { settings.documentRules }
    package var messageRules: [ScheduledRule<any MessageRule>] { settings.messageRules }
    /// The enabled codes of the rules about suppression comments (TL901, TL902).
    package var suppressionCodes: Set<String> { settings.suppressionCodes }
    /// Severities that replace the rules' own, by code (a configuration's `rules`).
    public var severities: [String: Severity] { settings.severities }
    /// Whether results carry `bodies` (links and previews), which only the HTML report reads.
    public var collectsReportDetails: Bool { settings.collectsReportDetails }

    public init(options: LintOptions = LintOptions(), severities: [String: Severity] = [:], limits: MailLimits = MailLimits(),
                collectsReportDetails: Bool = false) {
        settings = Settings(options: options, severities: severities, limits: limits, collectsReportDetails: collectsReportDetails)
    }

    /// Lints one input's bytes: an HTML file gives one result, a message one, an mbox one per
    /// message. `path` is used in locations only; nothing is read from disk. `cut` says what the
    /// read left out of the input; bytes past `limits.maximumInputBytes` are left out here.
    public func lint(_ bytes: [UInt8], path: String, cut: InputCut? = nil) -> [InputResult] {
        let results: [InputResult]
        switch InputSniffer.kind(of: bytes) {
        case .html:
            results = [lintHTML(bytes, path: path, cut: cut)]
        case .message:
            results = [lintMessage(MIMEParser.parse(SourceText(bytes: bytes), limits: limits, cut: cut), path: path,
                                   kind: .message, index: 0)]
        case .mbox:
            let source = SourceText(bytes: bytes)
            results = Mbox.messages(in: bytes, range: 0..<bytes.count).enumerated().map { index, range in
                lintMessage(MIMEParser.parse(source, range: range, limits: limits, isMboxMember: true),
                            path: path, kind: .mbox, index: index)
            }
        }
        guard !severities.isEmpty else { return results }
        return results.map(withConfiguredSeverities)
    }

    /// Lints one member of an mbox read as a stream: `bytes` is the message without its `From `
    /// line, and `lineOffset` the file line before its first line.
    public func lintMboxMember(_ bytes: [UInt8], path: String, index: Int, lineOffset: Int, cut: InputCut? = nil) -> InputResult {
        withConfiguredSeverities(lintMessage(MIMEParser.parse(SourceText(bytes: bytes), limits: limits, isMboxMember: true, cut: cut),
                                             path: path, kind: .mbox, index: index, lineOffset: lineOffset))
    }

    /// The result with `severities` over the rules' own (after everything else that sets them).
    private func withConfiguredSeverities(_ result: InputResult) -> InputResult {
        guard !severities.isEmpty else { return result }
        return result.replacingFindings(result.findings.map { finding in
            var finding = finding
            finding.severity = severities[finding.code] ?? finding.severity
            return finding
        })
    }

    package func lintHTML(_ bytes: [UInt8], path: String, cut: InputCut?) -> InputResult {
        let cut = InputCut.of(bytes.count, limit: limits.maximumInputBytes, madeAlready: cut)
        let document = HTMLParser.parse(bytes.count > limits.maximumInputBytes ? Array(bytes[..<limits.maximumInputBytes]) : bytes)
        let input = LintInput(path: path, document: document, options: options, cut: cut)
        let context = ContextInference.resolve(options: options, message: nil, inputs: [input])
        var findings = runDocumentRules(on: input, context: context)
        context.adjust(&findings)
        FindingAdjustments.apply(to: &findings)
        findings.putInDocumentOrder()
        return InputResult(path: path, kind: .html, stage: input.stage, messageIndex: nil, subject: nil, findings: findings,
                           diagnosis: Diagnosis(inputs: [input], stage: input.stage, context: context),
                           sources: ["": document.source],
                           bodies: collectsReportDetails ? [BodyDetails(input: input, part: nil)] : [])
    }

    /// Lints a message: the message rules on it and on every enclosed message, the document rules
    /// on every `text/html` part. `lineOffset` is added to file lines (for messages read from a
    /// stream, whose buffer starts further down the file).
    package func lintMessage(_ message: MailMessage, path: String, kind: InputKind, index: Int, lineOffset: Int = 0) -> InputResult {
        let stage = options.stage ?? .sent
        var partOptions = options
        partOptions.stage = stage
        // The top-level message's parts first: the context is inferred from them.
        let units = ([message] + message.enclosedMessages).map { current in
            (message: current, parts: current.htmlParts.map { part in
                (part: part, input: LintInput(path: path, document: Self.document(of: part, in: current), options: partOptions,
                                              message: current))
            })
        }
        // Each enclosed message is judged in its own context, except inside a delivery report,
        // which quotes the mail it is about.
        let contexts = units.map { ContextInference.resolve(options: options, message: $0.message, inputs: $0.parts.map(\.input)) }
        var findings: [Finding] = []
        var sources: [String: SourceText] = [:]
        var bodies: [BodyDetails] = []
        for (depth, unit) in units.enumerated() {
            let context = contexts[0].isDeliveryReport ? contexts[0] : contexts[depth]
            let unitStart = findings.count
            runMessageRules(on: unit.message, path: path, isTopLevel: depth == 0, stage: stage, context: context, into: &findings)
            for (part, input) in unit.parts {
                let partStart = findings.count
                runDocumentRules(on: input, context: context, into: &findings)
                for index in partStart..<findings.count { Self.locate(&findings[index], in: part) }
                sources[part.path] = input.document.source
                if collectsReportDetails { bodies.append(BodyDetails(input: input, part: part.path)) }
            }
            context.adjust(&findings, from: unitStart)
        }
        let inputs = units.flatMap { $0.parts.map(\.input) }
        if collectsReportDetails && inputs.isEmpty,
           let text = message.textParts.first {
            bodies.append(BodyDetails(textPart: text, of: message))
        }
        FindingAdjustments.apply(to: &findings)
        for position in findings.indices {
            findings[position].location.message = index
            findings[position].location.line = findings[position].location.line.map { $0 + lineOffset }
        }
        findings.putInDocumentOrder()
        return InputResult(path: path, kind: kind, stage: stage, messageIndex: index, subject: message.subject,
                           findings: findings,
                           diagnosis: Diagnosis(inputs: inputs, stage: stage, context: contexts[0], message: message,
                                                platformOption: options.platform,
                                                part: units.lazy.flatMap(\.parts).first?.part.path),
                           sources: sources, bodies: bodies)
    }

    /// The message rules' findings, appended to `findings`.
    private func runMessageRules(on message: MailMessage, path: String, isTopLevel: Bool, stage: Stage,
                                 context: ResolvedContext, into findings: inout [Finding]) {
        let rules = messageRules
        for index in rules.indices where rules[index].runs(at: stage, in: context) {
            var ruleContext = MessageRuleContext(message: message, path: path, isTopLevel: isTopLevel, options: options,
                                                 info: rules[index].info, stage: stage)
            rules[index].rule.check(&ruleContext)
            findings += ruleContext.findings
        }
    }

    /// The HTML of a part: decoded from the part's declared charset when it has one (which wins
    /// over a `<meta>` inside), else read as an HTML file is.
    package static func document(of part: MIMEPart, in message: MailMessage) -> HTMLDocument {
        guard part.contentType.charset != nil else { return HTMLParser.parse(message.decodedBody(of: part).bytes, blankingTemplateComments: false) }
        let text = message.text(of: part)
        return HTMLParser.parse(decoded: text.utf8, charset: text.charset ?? "utf-8", unknownCharset: text.unknownCharset,
                                hadInvalidBytes: text.invalid)
    }

    /// Moves a finding from the decoded part onto the file: the part path and the line in the part,
    /// and the file line (and column) where they are exact, which is for parts sent without a
    /// transfer encoding; otherwise the file line where the part's body starts.
    package static func locate(_ finding: inout Finding, in part: MIMEPart) {
        finding.location.part = part.path
        finding.location.partLine = finding.location.line
        finding.location.partColumn = finding.location.column
        if part.transferEncoding.isIdentity, let line = finding.location.line {
            finding.location.line = part.bodyStartLine + line - 1
        } else {
            finding.location.line = part.bodyStartLine
            finding.location.column = nil
        }
        // Edits would be positions in the decoded part, not in the file.
        if let fix = finding.fix { finding.fix = Fix(description: fix.description, applicability: .display, edits: []) }
    }

    /// The document rules' findings, then the document's suppression comments applied to them.
    private func runDocumentRules(on input: LintInput, context: ResolvedContext) -> [Finding] {
        var findings: [Finding] = []
        runDocumentRules(on: input, context: context, into: &findings)
        return findings
    }

    /// The document rules' findings with its suppression comments applied, appended to `findings`.
    /// Every rule reports into the one array, which is handed on and never copied: a finding holds
    /// a dozen strings, each retained by a copy.
    private func runDocumentRules(on input: LintInput, context: ResolvedContext, into findings: inout [Finding]) {
        let stage = input.stage
        let start = findings.count
        // Read in place: the array's subscript would copy each rule to run it.
        settings.documentRules.withUnsafeBufferPointer { rules in
            for index in rules.indices where rules[index].runs(at: stage, in: context) {
                var ruleContext = RuleContext(input: input, info: rules[index].info, after: findings)
                findings = []
                rules[index].rule.check(&ruleContext)
                ruleContext.mergeOutlookCopies()
                findings = ruleContext.takeFindings()
            }
        }
        var suppressions = InlineSuppressions(input.document)
        guard !suppressions.isEmpty else { return }
        // Which rules ran matters only to the suppression comments, which few documents have.
        let ranCodes = suppressionCodes.union(documentRules.filter { $0.runs(at: stage, in: context) }.map(\.info.code))
        suppressions.dropCovered(&findings, from: start)
        findings += suppressions.findings(input: input, ranCodes: ranCodes)
    }
}

/// An enabled rule with what decides whether it runs, read once per linter: `info` is a protocol
/// requirement and its stages a set, looked up per rule and input otherwise. A class: the linter
/// reads each rule once per input, and a copy of the value copied the rule's existential box.
package final class ScheduledRule<Check: Sendable>: Sendable {
    package let rule: Check
    package let info: RuleInfo
    private let runsAsTemplate: Bool
    private let runsWhenSent: Bool
    /// `info.contexts` as bits, and whether the diagnosis states the rule's subject: looked up
    /// in sets otherwise, which hashes the rule's code and context per rule and input.
    private let contextBits: UInt8
    private let isStatedByDiagnosis: Bool

    init(_ rule: Check, info: RuleInfo) {
        self.rule = rule
        self.info = info
        runsAsTemplate = info.stages.contains(.template)
        runsWhenSent = info.stages.contains(.sent)
        contextBits = info.contexts.reduce(0) { $0 | Self.bit($1) }
        isStatedByDiagnosis = ResolvedContext.statedByDiagnosis.contains(info.code)
    }

    /// Whether the rule runs on this input, from the facts read once: an explicit context runs
    /// exactly its rules; an inferred one also runs those the diagnosis speaks for (lowered by
    /// `ResolvedContext.adjusted` when the context does not require them).
    func runs(at stage: Stage, in context: ResolvedContext) -> Bool {
        guard stage == .sent ? runsWhenSent : runsAsTemplate else { return false }
        let isContextual = contextBits & Self.bit(context.value) != 0
        guard isStatedByDiagnosis else { return isContextual }
        return !context.isDeliveryReport && (context.inferred || isContextual)
    }

    private static func bit(_ context: MailContext) -> UInt8 {
        switch context {
        case .campaign: 1
        case .transactional: 2
        case .test: 4
        }
    }
}

extension [Finding] {
    /// Sorted by `Finding.precedes`, in place. The positions are sorted, then each finding is moved
    /// in memory to its place: a sort of the findings themselves copies a finding (a dozen strings
    /// retained) at every move.
    package mutating func putInDocumentOrder() {
        guard count > 1 else { return }
        var destination = [Int](repeating: 0, count: count)
        for (rank, position) in indices.sorted(by: { Finding.precedes(self[$0], self[$1]) }).enumerated() {
            destination[position] = rank
        }
        withUnsafeMutableBufferPointer { findings in
            for position in findings.indices {
                while destination[position] != position {
                    let target = destination[position]
                    findings.swapAt(position, target)
                    destination.swapAt(position, target)
                }
            }
        }
    }
}

extension Finding {
    /// Document order, then code, then evidence: the same input always gives the same order.
    package static func precedes(_ a: Finding, _ b: Finding) -> Bool {
        let keyA = (a.location.line ?? 0, a.location.column ?? 0, a.offset ?? -1)
        let keyB = (b.location.line ?? 0, b.location.column ?? 0, b.offset ?? -1)
        if keyA != keyB { return keyA < keyB }
        if a.code != b.code { return a.code < b.code }
        return a.evidence < b.evidence
    }
}
