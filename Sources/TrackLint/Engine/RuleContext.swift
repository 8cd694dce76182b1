import Foundation
import TrackLintParsing
import TrackLintPlatforms

/// One HTML input as the rules see it: the document, the options, the stage, and analyses computed
/// once on first use and shared by every rule.
public final class LintInput {
    public let path: String
    public let document: HTMLDocument
    public let options: LintOptions
    /// The message the document is a part of, when it is one.
    public let message: MailMessage?
    /// What the read left out of an HTML file past the size limit (TL106).
    public let cut: InputCut?
    // The analyses below are worked out on first use and then lent in place (`_read`): a lazy
    // property's getter copies its value, retaining each of its arrays, at each of the hundreds of
    // reads of a pass.
    /// The links.
    public var inventory: LinkInventory {
        _read { Self.fill(&inventoryStorage) { LinkInventory(document: document) }; yield inventoryStorage! }
    }
    public var visibility: Visibility {
        _read { Self.fill(&visibilityStorage) { Visibility(document: document) }; yield visibilityStorage! }
    }
    public var tracking: TrackingAnalysis {
        _read {
            Self.fill(&trackingStorage) {
                TrackingAnalysis(inventory: inventory, visibility: visibility, options: options,
                                 headerPlatform: message?.platformFromHeaders?.name)
            }
            yield trackingStorage!
        }
    }
    /// Who built the mail and owns its tracking, and who delivered it (`--platform` when given).
    public var attribution: (platform: PlatformAttribution?, relay: PlatformAttribution?) {
        _read {
            Self.fill(&attributionStorage) {
                PlatformDetector.attribute(headers: message?.headers, input: self, option: options.platform)
            }
            yield attributionStorage!
        }
    }
    /// The visible text of every link, by element index.
    public var linkTexts: [Int: String] {
        _read {
            Self.fill(&linkTextsStorage) { document.textContent(of: Set(inventory.links.map(\.element.index))) }
            yield linkTextsStorage!
        }
    }
    /// Each Outlook VML button's link with the ordinary link that stands for it (TL309, and the merge
    /// of findings made on both).
    public var outlookButtons: OutlookButtons {
        _read {
            Self.fill(&outlookButtonsStorage) { OutlookButtons(input: self) }
            yield outlookButtonsStorage!
        }
    }
    private var inventoryStorage: LinkInventory?
    private var visibilityStorage: Visibility?
    private var trackingStorage: TrackingAnalysis?
    private var attributionStorage: (platform: PlatformAttribution?, relay: PlatformAttribution?)?
    private var linkTextsStorage: [Int: String]?
    private var outlookButtonsStorage: OutlookButtons?

    /// Makes the value of `storage` when there is none yet.
    @inline(__always)
    private static func fill<Value>(_ storage: inout Value?, _ make: () -> Value) {
        if storage == nil { storage = make() }
    }

    /// The platform whose rules apply to this document: the builder.
    public var platform: PlatformAttribution? { attribution.platform }
    public private(set) lazy var stage: Stage = options.stage ?? (tracking.carriesPlatformTracking ? .sent : .template)
    /// What relative URLs are resolved against for fixes: `--base-url`, else the document's
    /// `<base href>` (looked up once: a document may hold a million relative images).
    public private(set) lazy var resolutionBase: URL? = (options.baseURL ?? document.baseHref)
        .flatMap { URL(string: $0) }.flatMap { $0.scheme == nil ? nil : $0 }
    /// Whether a link reads as an unsubscribe link (TL402 and the diagnosis).
    public private(set) lazy var hasUnsubscribeLink: Bool = UnsubscribeLinks.first(in: self) != nil
    /// The element indexes of every link that reads as unsubscribe (link facts and verdicts).
    public private(set) lazy var unsubscribeLinkIndexes: Set<Int> = UnsubscribeLinks.all(in: self)
    /// Whether the body has any platform's unsubscribe placeholder (the diagnosis, and the next).
    public private(set) lazy var hasUnsubscribePlaceholder: Bool = UnsubscribeLinks.hasPlaceholder(in: self)
    /// Whether the body has an unsubscribe link or placeholder (context inference and TL402 both ask).
    public var hasUnsubscribeLinkOrPlaceholder: Bool { hasUnsubscribeLink || hasUnsubscribePlaceholder }
    /// Whether the platform adds an unsubscribe footer to mail without one (TL402 and the verdict).
    public var platformAppendsUnsubscribeFooter: Bool { PlatformProfiles.addingUnsubscribeFooter(platform?.name) != nil }
    /// The tracking hosts as `--online` looked them up; empty without it.
    public private(set) lazy var checkedHosts: [CheckedHost] = CheckedHost.all(in: self)

    package init(path: String, document: HTMLDocument, options: LintOptions, message: MailMessage? = nil, cut: InputCut? = nil) {
        self.path = path
        self.document = document
        self.options = options
        self.message = message
        self.cut = cut
    }
}

/// A change a rule proposes to an attribute's value; the engine turns it into exact edits when it can.
public struct ValueFix: Sendable {
    public enum Change: Sendable {
        case replaceValue(String)
        case insertBeforeValue(String)
        /// Insert text at this UTF-8 offset inside the value (a missing closing quote).
        case insertInValue(at: Int, String)
        /// Replace these bytes of the parsed source (markup around the value: a misspelled `hre=`).
        case replaceSource(Range<Int>, String)
    }

    public let description: String
    public let applicability: Fix.Applicability
    public let change: Change

    public init(_ description: String, applicability: Fix.Applicability, change: Change) {
        self.description = description
        self.applicability = applicability
        self.change = change
    }
}

/// What a rule reports through.
public struct RuleContext {
    public let input: LintInput
    package let info: RuleInfo
    /// The findings of the rules run before on the input, then this rule's own, from `ownStart`:
    /// the rules of an input report into one array (`init(input:info:after:)`), never copied.
    /// Set by the rules' `report` functions and by `mergeOutlookCopies`.
    var findings: [Finding] = []
    /// Where this rule's findings start in `findings`.
    let ownStart: Int
    /// The element each of this rule's findings is about (nil for the document or the input), by
    /// finding from `ownStart`.
    private(set) var reportedElements: [Int?] = []

    package init(input: LintInput, info: RuleInfo) {
        self.init(input: input, info: info, after: [])
    }

    /// A context whose findings follow those of the rules run before (pass the array uniquely
    /// held, and take it back with `takeFindings()`).
    package init(input: LintInput, info: RuleInfo, after earlier: [Finding]) {
        self.input = input
        self.info = info
        findings = earlier
        ownStart = earlier.count
    }

    /// The findings, moved out: the context keeps none.
    package mutating func takeFindings() -> [Finding] {
        var taken: [Finding] = []
        swap(&taken, &findings)
        return taken
    }

    public var document: HTMLDocument { input.document }
    public var stage: Stage { input.stage }

    /// Reports a finding about an attribute's value (located at the value) or an element (located at
    /// its start tag). `severity` raises the default for a particular case (an image that is the pixel).
    /// `within` is the evidence's UTF-8 range inside the attribute value, to point at it exactly.
    public mutating func report(_ message: String, evidence: String, element: HTMLElement?, attribute: String? = nil,
                                within: Range<Int>? = nil, at evidenceOffset: Int? = nil, help: String? = nil,
                                fix: ValueFix? = nil, severity: Severity? = nil) {
        let document = input.document
        var offset = evidenceOffset
        var valueRange: Range<Int>?
        if offset == nil, let element {
            if let attribute { valueRange = document.valueOffset(of: attribute, in: element) }
            offset = valueRange?.lowerBound ?? element.startTag?.lowerBound ?? firstWrittenOffset(near: element)
            if let within, let valueRange, let attribute, within.upperBound <= valueRange.count,
               Self.isLiteral(element, attribute, valueRange, in: document) {
                offset = valueRange.lowerBound + within.lowerBound
            }
        }
        var location = Location(path: input.path)
        if let offset {
            let position = document.source.position(ofOffset: offset)
            location.line = position.line
            location.column = position.column
        }
        if let element { location.selector = document.selector(for: element) }
        let exactFix = fix.flatMap { proposal -> Fix? in
            if case .replaceSource(let range, let text) = proposal.change {
                return Self.sourceFix(proposal, range: range, text: text, in: document)
            }
            guard let element, let attribute, let valueRange else { return nil }
            return Self.exactFix(proposal, element: element, attribute: attribute, valueRange: valueRange, in: document)
        }
        reportedElements.append(element?.index)
        findings.append(Finding(
            code: info.code, slug: info.slug, severity: severity ?? info.severity(in: input.stage),
            message: message, help: help ?? info.fix, location: location, evidence: evidence,
            fix: exactFix ?? fix.map { Fix(description: $0.description, applicability: .display, edits: []) },
            offset: offset))
    }

    /// Reports a finding about the document as a whole, located at the line of `<body>` (MJML's
    /// `<mj-body>`; else line 1), without a column: it is about no particular place.
    public mutating func reportDocument(_ message: String, evidence: String, help: String? = nil) {
        let body = document.elements.first { ($0.name == "body" || $0.name == "mj-body") && !$0.isImplied }
        let line = body?.startTag.map { document.source.position(ofOffset: $0.lowerBound).line } ?? 1
        reportedElements.append(nil)
        findings.append(Finding(code: info.code, slug: info.slug, severity: info.severity(in: input.stage),
                                message: message, help: help ?? info.fix, location: Location(path: input.path, line: line),
                                evidence: evidence, fix: nil, offset: body?.startTag?.lowerBound ?? 0))
    }

    /// Reports a finding that belongs to no place in the input (an option's value, its size).
    public mutating func reportInput(_ message: String, evidence: String, help: String? = nil, severity: Severity? = nil) {
        reportedElements.append(nil)
        findings.append(Finding(code: info.code, slug: info.slug, severity: severity ?? info.severity(in: input.stage),
                                message: message, help: help ?? info.fix, location: Location(path: input.path),
                                evidence: evidence, fix: nil, offset: nil))
    }

    /// An implied element has no position; its first written descendant's is the next best.
    private func firstWrittenOffset(near element: HTMLElement) -> Int? {
        document.elements[element.index...].first { !$0.isImplied }?.startTag?.lowerBound
    }

    /// Whether the value stands in the parsed buffer exactly as libxml2 returned it (no entities), so
    /// that offsets inside the value are offsets in the buffer.
    private static func isLiteral(_ element: HTMLElement, _ attribute: String, _ valueRange: Range<Int>,
                                  in document: HTMLDocument) -> Bool {
        document.source.string(valueRange) == element.attribute(attribute)
    }

    /// Edits are offered only when they are exact in the file as written: the buffer is the file's own
    /// bytes (not transcoded) and the value is written literally.
    private static func exactFix(_ proposal: ValueFix, element: HTMLElement, attribute: String, valueRange: Range<Int>,
                                 in document: HTMLDocument) -> Fix? {
        guard !document.isTransformed, isLiteral(element, attribute, valueRange, in: document),
              let value = element.attribute(attribute) else { return nil }
        let start = document.source.position(ofOffset: valueRange.lowerBound)
        let edit: Edit
        switch proposal.change {
        case .replaceValue(let text):
            edit = Edit(line: start.line, column: start.column, length: value.unicodeScalars.count, text: text)
        case .insertBeforeValue(let text):
            let leading = value.unicodeScalars.prefix { $0.isASCIISpace }
            guard !leading.contains("\n") && !leading.contains("\r") else { return nil }
            edit = Edit(line: start.line, column: start.column + leading.count, length: 0, text: text)
        case .insertInValue(let offset, let text):
            guard offset <= valueRange.count else { return nil }
            let position = document.source.position(ofOffset: valueRange.lowerBound + offset)
            edit = Edit(line: position.line, column: position.column, length: 0, text: text)
        case .replaceSource(let range, let text):
            return sourceFix(proposal, range: range, text: text, in: document)
        }
        return Fix(description: proposal.description, applicability: proposal.applicability, edits: [edit])
    }

    /// An edit of source bytes is exact when the buffer is the file's own bytes.
    private static func sourceFix(_ proposal: ValueFix, range: Range<Int>, text: String, in document: HTMLDocument) -> Fix? {
        guard !document.isTransformed, range.upperBound <= document.source.bytes.count else { return nil }
        let start = document.source.position(ofOffset: range.lowerBound)
        let edit = Edit(line: start.line, column: start.column, length: document.source.string(range).unicodeScalars.count, text: text)
        return Fix(description: proposal.description, applicability: proposal.applicability, edits: [edit])
    }
}
