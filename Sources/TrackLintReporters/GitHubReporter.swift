import Foundation
import TrackLint
import TrackLintParsing
import TrackLintPlatforms

/// `--format github`: one GitHub Actions workflow command per finding (`::error file=…,line=…::…`),
/// escaped as GitHub's toolkit escapes them, so that text from an input can neither break the line
/// nor be read as another workflow command.
public struct GitHubReporter: Reporter {
    public init() {}

    public mutating func add(_ result: InputResult) -> String {
        result.findings.map { Self.command($0, inMbox: result.kind == .mbox) }.joined()
    }

    public func finish() -> String { "" }

    package static func command(_ finding: Finding, inMbox: Bool) -> String {
        let kind = switch finding.severity {
        case .error: "error"
        case .warning: "warning"
        case .info: "notice"
        }
        var properties = [("file", finding.location.path)]
        if let line = finding.location.line { properties.append(("line", String(line))) }
        if let column = finding.location.column { properties.append(("col", String(column))) }
        properties.append(("title", "\(finding.code) \(finding.slug)"))
        let list = properties.map { "\($0.0)=\(escapedProperty(TerminalText.escaped($0.1)))" }.joined(separator: ",")
        // Control and escape characters from inputs are shown, not written: the log is a terminal.
        let message = TerminalText.escaped("\(place(of: finding, inMbox: inMbox))\(finding.message)") + "\nhelp: " + TerminalText.escaped(finding.help)
        return "::\(kind) \(list)::\(escapedData(message))\n"
    }

    /// The message (in an mbox), part and header a finding is in; GitHub shows only the file's line.
    private static func place(of finding: Finding, inMbox: Bool) -> String {
        var places: [String] = []
        if inMbox, let message = finding.location.message { places.append("message \(message)") }
        if let part = finding.location.part { places.append("part \(part)") }
        if let header = finding.location.header { places.append("header \(header)") }
        return places.isEmpty ? "" : "(\(places.joined(separator: ", "))) "
    }

    /// `%` and line breaks, as `%XX`, in one pass over the bytes (Foundation's
    /// `replacingOccurrences`, a call per character escaped, took most of a run).
    package static func escapedData(_ text: String) -> String {
        text.replacingBytes(dataEscapes)
    }

    /// Property values also escape the separators of the property list.
    package static func escapedProperty(_ text: String) -> String {
        text.replacingBytes(propertyEscapes)
    }

    private static let dataEscapes = ByteEscapes(["%": "%25", "\r": "%0D", "\n": "%0A"])
    private static let propertyEscapes = dataEscapes.adding([":": "%3A", ",": "%2C"])
}
