import Foundation
import TrackLint
import TrackLintParsing
import TrackLintReporters

/// A finding as published for a document version, with the bytes its diagnostic covers.
package struct PublishedFinding {
    package let finding: Finding
    package let range: Range<Int>
    /// Whether it came from an HTML document, which fixes and comments may edit (a raw message's
    /// HTML is encoded, and a message is never edited).
    package let inHTML: Bool
}

/// A document the client has open: its text as the client last sent it and what was published for it.
package struct OpenDocument {
    package let uri: String
    /// The file's path for a `file:` URI: the configurations are found from it.
    package let path: String?
    package var version: Int?
    package var text: DocumentText
    package var published: [PublishedFinding] = []
    /// A configuration that could not be read, reported on the document instead of its findings.
    package var configurationProblem: String?
    /// Where the rule pages are (`docsURL`), for the diagnostics' links; none when unknown.
    package var docsURL: RuleDocsURL?

    package init(uri: String, version: Int?, text: String) {
        self.uri = uri
        path = URL(string: uri).flatMap { $0.isFileURL ? $0.path : nil }
        self.version = version
        self.text = DocumentText(text)
    }

    /// The name findings carry: the path, or the URI's last part for an unsaved document.
    package var name: String { path ?? uri.split(separator: "/").last.map(String.init) ?? uri }

    /// Lints the text with `linter` (nil: a configuration excludes the document).
    package mutating func lint(with linter: Linter?, docsURL: RuleDocsURL?) {
        configurationProblem = nil
        self.docsURL = docsURL
        guard let linter else {
            published = []
            return
        }
        published = linter.lint(text.bytes, path: name).flatMap { result in
            result.findings.map { PublishedFinding(finding: $0, range: range(of: $0), inHTML: result.kind == .html) }
        }
    }

    /// The bytes a finding's diagnostic covers: its evidence where the text there is the evidence,
    /// else as many scalars as the evidence has (within the line); the whole line when there is no
    /// column, and the start of the document when there is no line (a missing header).
    private func range(of finding: Finding) -> Range<Int> {
        guard let line = finding.location.line, let lineStart = text.offset(line: line, column: 1) else { return 0..<0 }
        guard let column = finding.location.column, let start = text.offset(line: line, column: column) else {
            return text.trackLintLine(containing: lineStart)
        }
        let evidence = Array(finding.evidence.utf8)
        if !evidence.isEmpty, text.bytes[start...].starts(with: evidence) { return start..<(start + evidence.count) }
        let lineEnd = text.trackLintLine(containing: start).upperBound
        return start..<text.offset(afterScalars: finding.evidence.unicodeScalars.count, from: start, limit: lineEnd)
    }

    /// LSP's `Range` of some bytes.
    package func lspRange(_ range: Range<Int>, _ encoding: PositionEncoding) -> [String: Any] {
        ["start": lspPosition(range.lowerBound, encoding), "end": lspPosition(range.upperBound, encoding)]
    }

    private func lspPosition(_ offset: Int, _ encoding: PositionEncoding) -> [String: Any] {
        let position = text.position(ofOffset: offset, encoding: encoding)
        return ["line": position.line, "character": position.character]
    }

    /// The diagnostics to publish.
    package func diagnostics(_ encoding: PositionEncoding) -> [[String: Any]] {
        if let configurationProblem {
            return [["range": lspRange(0..<0, encoding), "severity": 1, "source": "tracklint", "message": configurationProblem]]
        }
        return published.map { diagnostic($0, encoding) }
    }

    package func diagnostic(_ item: PublishedFinding, _ encoding: PositionEncoding) -> [String: Any] {
        let finding = item.finding
        var diagnostic: [String: Any] = [
            "range": lspRange(item.range, encoding), "severity": Self.severity(finding.severity), "code": finding.code,
            "source": "tracklint", "message": finding.help.isEmpty ? finding.message : finding.message + "\n" + finding.help,
        ]
        if let docsURL, let info = RuleRegistry.infoByCode[finding.code] { diagnostic["codeDescription"] = ["href": docsURL.page(for: info)] }
        return diagnostic
    }

    /// LSP's DiagnosticSeverity: 1 error, 2 warning, 3 information.
    private static func severity(_ severity: Severity) -> Int {
        switch severity {
        case .error: return 1
        case .warning: return 2
        case .info: return 3
        }
    }

    /// LSP's `TextEdit` replacing some bytes.
    package func textEdit(_ range: Range<Int>, _ newText: String, _ encoding: PositionEncoding) -> [String: Any] {
        ["range": lspRange(range, encoding), "newText": newText]
    }
}
