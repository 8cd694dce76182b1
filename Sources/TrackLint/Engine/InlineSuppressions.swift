import TrackLintParsing
import TrackLintPlatforms

/// The `<!-- tracklint-... -->` comments of one HTML document: they drop the findings they cover,
/// and report themselves when they are invalid (TL902) or covered nothing (TL901).
///
/// `tracklint-disable-next-line CODES`, `tracklint-disable-line CODES` (the comment's own line, as
/// ESLint's `eslint-disable-line`), `tracklint-disable CODES` ... `tracklint-enable CODES`,
/// `tracklint-disable-file CODES`; codes or slugs, separated by commas or spaces; none means every
/// rule; ` -- ` starts a free-text reason.
package struct InlineSuppressions {
    private enum Scope { case nextLine, line, block, file }

    /// One rule (or every rule, `code` nil) switched off over part of the document.
    private struct Entry {
        let directive: Int
        let code: String?
        let scope: Scope
        /// Where coverage starts and ends: byte offsets, and lines for findings without an offset.
        let start: (offset: Int, line: Int)
        var end: (offset: Int, line: Int)?
        var used = false
    }

    private struct Directive {
        let text: String
        /// The whole comment as written, for the evidence.
        let written: String
        let offset: Int
        /// The codes it names, in the order written; empty for every rule.
        let codes: [String]
    }

    private var directives: [Directive] = []
    private var entries: [Entry] = []
    /// The entries of each code, and those for every rule (key nil): a finding is held up only to its own.
    private var entriesByCode: [String?: [Int]] = [:]
    /// TL902 findings: offset of the comment, its text, the comment as written, the problem, and
    /// the help when it is not the rule's.
    private var invalid: [(offset: Int, text: String, written: String, problem: String, help: String?)] = []

    /// Directive comments read of one document; real ones have a handful. Each finding is held up to
    /// the directives of its code, so thousands of both would cost their product.
    package static let maximumDirectives = 1_000

    package init(_ document: HTMLDocument) {
        var directivesRead = 0
        // Read in place: the array's subscript copied each comment (its text retained).
        document.comments.withUnsafeBufferPointer { comments in
            for index in comments.indices where Self.startsAsDirective(comments[index].text) {
                guard let range = comments[index].contentRange else { continue }
                let text = comments[index].text.trimmingASCIISpaces()
                let start = range.lowerBound - 4
                let end = range.upperBound + 3
                guard directivesRead < Self.maximumDirectives else {
                    invalid.append((start, text, document.source.string(start..<end),
                                    "the document has more than \(Self.maximumDirectives) suppression comments; this one and the rest are ignored",
                                    "Suppress a rule everywhere in the config (`rules`), or accept today's findings with a baseline"))
                    break
                }
                directivesRead += 1
                read(text, commentStart: start, commentEnd: end, source: document.source)
            }
        }
        for index in entries.indices { entriesByCode[entries[index].code, default: []].append(index) }
    }

    private static let directivePrefix: StaticString = "tracklint-"

    /// Whether a comment's text starts with `tracklint-` after white space, read as bytes in place:
    /// templates are full of comments (conditional ones are large), nearly none directives.
    /// Not `withUTF8InPlace`, which is generic across modules and was looked up at run time per call.
    private static func startsAsDirective(_ text: String) -> Bool {
        if let answer = text.utf8.withContiguousStorageIfAvailable(startsAsDirective) { return answer }
        var contiguous = text
        return contiguous.withUTF8(startsAsDirective)
    }

    private static func startsAsDirective(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        var index = 0
        while index < bytes.count, [0x20, 0x09, 0x0A, 0x0D].contains(bytes[index]) { index += 1 }
        let prefix = UnsafeBufferPointer(start: directivePrefix.utf8Start, count: directivePrefix.utf8CodeUnitCount)
        return bytes.count - index >= prefix.count && prefix.indices.allSatisfy { bytes[index + $0] == prefix[$0] }
    }

    package var isEmpty: Bool { directives.isEmpty && invalid.isEmpty }

    private mutating func read(_ text: String, commentStart: Int, commentEnd: Int, source: SourceText) {
        let written = source.string(commentStart..<commentEnd)
        let instruction = text.components(separatedBy: " --").first ?? text
        let words = instruction.split(whereSeparator: { $0 == " " || $0 == "," || $0 == "\t" || $0 == "\n" }).map(String.init)
        let scope: Scope?
        switch words.first {
        case "tracklint-disable-next-line": scope = .nextLine
        case "tracklint-disable-line": scope = .line
        case "tracklint-disable": scope = .block
        case "tracklint-disable-file": scope = .file
        case "tracklint-enable": scope = nil
        default:
            invalid.append((commentStart, text, written, "`\(words.first ?? text)` is not a tracklint directive "
                            + "(disable-next-line, disable-line, disable, enable, disable-file)", nil))
            return
        }
        var codes: [String] = []
        for name in words.dropFirst() {
            guard let rule = RuleRegistry.rule(named: name) else {
                invalid.append((commentStart, text, written, "`\(name)` is not a rule code or slug", nil))
                return
            }
            guard rule is any DocumentRule.Type else {
                invalid.append((commentStart, text, written, "\(rule.info.code) is about headers or MIME structure, "
                                + "which only the config or a baseline can suppress", nil))
                return
            }
            codes.append(rule.info.code)
        }
        let line = source.position(ofOffset: commentStart).line
        let endLine = source.position(ofOffset: max(commentStart, commentEnd - 1)).line
        guard let scope else {
            close(codes, at: (commentStart, line))
            return
        }
        directives.append(Directive(text: text, written: written, offset: commentStart, codes: codes))
        let start = switch scope {
        case .nextLine: (commentEnd, endLine + 1)
        case .line: (commentStart, line)
        case .block, .file: (commentEnd, line)
        }
        for code in codes.isEmpty ? [nil] : codes.map(Optional.some) {
            entries.append(Entry(directive: directives.count - 1, code: code, scope: scope, start: start))
        }
    }

    /// `tracklint-enable`: ends the open blocks for these codes (all open blocks when none).
    private mutating func close(_ codes: [String], at place: (offset: Int, line: Int)) {
        for index in entries.indices where entries[index].scope == .block && entries[index].end == nil {
            if codes.isEmpty || entries[index].code.map(codes.contains) == true { entries[index].end = place }
        }
    }

    /// Drops the findings from `start` on that a directive covers; the covering directives are marked used.
    package mutating func dropCovered(_ findings: inout [Finding], from start: Int) {
        guard !entries.isEmpty else { return }
        findings.removeAll(from: start) { _, finding in markCovering(finding) }
    }

    /// Whether a directive covers the finding; those that do are marked used.
    private mutating func markCovering(_ finding: Finding) -> Bool {
        var covered = false
        for code in [finding.code, nil] {
            for index in entriesByCode[code] ?? [] where Self.covers(entries[index], finding) {
                entries[index].used = true
                covered = true
            }
        }
        return covered
    }

    private static func covers(_ entry: Entry, _ finding: Finding) -> Bool {
        let line = finding.location.line ?? 1
        switch entry.scope {
        case .file:
            return true
        case .nextLine, .line:
            return line == entry.start.line
        case .block:
            if let offset = finding.offset {
                return offset >= entry.start.offset && offset < (entry.end?.offset ?? Int.max)
            }
            return line >= entry.start.line && line <= (entry.end?.line ?? Int.max)
        }
    }

    /// TL902 for invalid comments, and TL901 for directives (or codes of one) that covered nothing,
    /// judged only for rules that ran (`ranCodes`): a rule that did not run could not have fired.
    package func findings(input: LintInput, ranCodes: Set<String>) -> [Finding] {
        var invalidContext = RuleContext(input: input, info: SuppressionInvalidRule.info)
        if ranCodes.contains(SuppressionInvalidRule.info.code) {
            for item in invalid {
                invalidContext.report("Suppression comment `\(item.text)` is invalid: \(item.problem)",
                                      evidence: item.written, element: nil, at: item.offset, help: item.help)
            }
        }
        var unusedContext = RuleContext(input: input, info: SuppressionUnusedRule.info)
        if ranCodes.contains(SuppressionUnusedRule.info.code) {
            for (index, directive) in directives.enumerated() {
                let own = entries.filter { $0.directive == index }
                let idle = directive.codes.isEmpty
                    ? (own.contains(where: \.used) ? [] : ["any"])
                    : own.filter { !$0.used }.compactMap(\.code).filter(ranCodes.contains)
                guard !idle.isEmpty else { continue }
                unusedContext.report("Suppression comment `\(directive.text)` suppressed no \(idle.joined(separator: ", ")) finding",
                                     evidence: directive.written, element: nil, at: directive.offset)
            }
        }
        return invalidContext.findings + unusedContext.findings
    }
}
