import TrackLint
import TrackLintParsing
import TrackLintReporters

/// What `textDocument/codeAction` and `textDocument/hover` answer for a document's findings.
extension OpenDocument {
    /// The findings whose diagnostic touches the bytes `range` (an empty range: a cursor).
    package func findings(touching range: Range<Int>) -> [PublishedFinding] {
        published.filter { $0.range.lowerBound <= range.upperBound && range.lowerBound <= $0.range.upperBound }
    }

    /// For each finding in `range`: its fix, and a comment that disables its rule for its line;
    /// then, when the document has safe fixes, one action applying them all (through `FixApplier`,
    /// as `tracklint check --fix` would). `only` is the client's filter of kinds.
    package func codeActions(in range: Range<Int>, only: [String]?, _ encoding: PositionEncoding) -> [[String: Any]] {
        func wanted(_ kind: String) -> Bool {
            only.map { $0.contains { kind == $0 || kind.hasPrefix($0 + ".") } } ?? true
        }
        var actions: [[String: Any]] = []
        var disabled = Set<String>()
        let touching = wanted("quickfix") ? findings(touching: range) : []
        let markup = touching.contains(where: \.inHTML) ? markupRanges() : []
        for item in touching {
            if let fix = fixAction(item, encoding) { actions.append(fix) }
            // One comment per rule and line, however many findings the line has.
            guard disabled.insert("\(item.finding.code):\(item.finding.location.line ?? 0)").inserted else { continue }
            if let disable = disableAction(item, outside: markup, encoding) { actions.append(disable) }
        }
        if wanted("source.fixAll.tracklint"), let fixAll = fixAllAction(encoding) { actions.append(fixAll) }
        return actions
    }

    /// A finding's fix as a quick fix; only in HTML, since a raw message is never edited (`--fix` leaves it alone too).
    private func fixAction(_ item: PublishedFinding, _ encoding: PositionEncoding) -> [String: Any]? {
        guard item.inHTML, let fix = item.finding.fix, fix.applicability != .display, !fix.edits.isEmpty else { return nil }
        var edits: [[String: Any]] = []
        for edit in fix.edits {
            guard let start = text.offset(line: edit.line, column: edit.column) else { return nil }
            edits.append(textEdit(start..<text.offset(afterScalars: edit.length, from: start), edit.text, encoding))
        }
        let title = fix.applicability == .safe ? fix.description : "\(fix.description) (unsafe fix: check the result)"
        return ["title": title, "kind": "quickfix", "diagnostics": [diagnostic(item, encoding)],
                "isPreferred": fix.applicability == .safe, "edit": ["changes": [uri: edits]]]
    }

    /// `<!-- tracklint-disable-next-line CODE -->` on a line of its own above the finding's, indented
    /// as that line is. Offered only in HTML, for rules a comment can suppress, and where a line
    /// can go: not inside a tag or a comment.
    private func disableAction(_ item: PublishedFinding, outside markup: [Range<Int>], _ encoding: PositionEncoding) -> [String: Any]? {
        let finding = item.finding
        guard item.inHTML, let line = finding.location.line, RuleRegistry.rule(named: finding.code) is any DocumentRule.Type,
              let lineStart = text.offset(line: line, column: 1),
              !markup.contains(where: { $0.lowerBound < lineStart && lineStart < $0.upperBound }) else { return nil }
        let lineRange = text.trackLintLine(containing: lineStart)
        let indentation = text.bytes[lineRange].prefix { $0 == 0x20 || $0 == 0x09 }
        let comment = String(decoding: indentation, as: UTF8.self) + "<!-- tracklint-disable-next-line \(finding.code) -->"
        return ["title": "Disable \(finding.code) (\(finding.slug)) for this line", "kind": "quickfix",
                "diagnostics": [diagnostic(item, encoding)],
                "edit": ["changes": [uri: [textEdit(lineStart..<lineStart, comment + lineBreak(after: lineRange), encoding)]]]]
    }

    /// The line break the line ending at `lineRange` uses, else the document's first, else LF.
    private func lineBreak(after lineRange: Range<Int>) -> String {
        let bytes = text.bytes
        let end = lineRange.upperBound
        if end < bytes.count { return bytes[end] == 0x0D ? "\r\n" : "\n" }
        guard let newline = bytes.firstIndex(of: 0x0A) else { return "\n" }
        return newline > 0 && bytes[newline - 1] == 0x0D ? "\r\n" : "\n"
    }

    /// The start tags and comments (Outlook conditional comments included) of the text: a new
    /// line holding a comment would change the markup strictly inside one.
    private func markupRanges() -> [Range<Int>] {
        let document = HTMLParser.parse(text.bytes)
        // The parser's offsets are in the text after the byte order mark.
        let shift = text.byteOrderMarkLength
        let tags = document.elements.compactMap(\.startTag)
        let comments = document.comments.compactMap { $0.contentRange.map { ($0.lowerBound - 4)..<($0.upperBound + 3) } }
        return (tags + comments).map { ($0.lowerBound + shift)..<($0.upperBound + shift) }
    }

    /// Every safe fix of the document at once, overlaps resolved as `--fix` resolves them.
    private func fixAllAction(_ encoding: PositionEncoding) -> [String: Any]? {
        let outcome = FixApplier.apply(fixesOf: published.filter(\.inHTML).map(\.finding), to: text.bytes)
        guard !outcome.applied.isEmpty else { return nil }
        let fixed = String(decoding: outcome.bytes, as: UTF8.self)
        return ["title": "Apply every safe tracklint fix (\(outcome.applied.count))", "kind": "source.fixAll.tracklint",
                "edit": ["changes": [uri: [textEdit(0..<text.bytes.count, fixed, encoding)]]]]
    }

    /// The explanation of each rule with a diagnostic at `offset`, as `tracklint explain` gives it.
    package func hover(at offset: Int, _ encoding: PositionEncoding) -> [String: Any]? {
        let touching = findings(touching: offset..<offset)
        var seen = Set<String>()
        let explanations = touching.compactMap { item -> String? in
            guard seen.insert(item.finding.code).inserted, let info = RuleRegistry.infoByCode[item.finding.code] else { return nil }
            return RuleDocs.explain(info)
        }
        guard let first = touching.first, !explanations.isEmpty else { return nil }
        return ["contents": ["kind": "plaintext", "value": explanations.joined(separator: "\n")], "range": lspRange(first.range, encoding)]
    }
}
