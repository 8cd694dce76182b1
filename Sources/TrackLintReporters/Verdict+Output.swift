import TrackLint
import TrackLintParsing

/// The verdicts and the customer answer in the outputs: JSON's `diagnosis.verdicts` and
/// `diagnosis.answer`, the text diagnosis block's verdict lines.
extension InputResult {
    /// The diagnosis as JSON shows it, with the verdicts and the customer answer.
    package func writeDiagnosis(to json: inout JSONWriter) {
        json.openObject()
        diagnosis.writeMembers(to: &json)
        json.key("verdicts")
        json.openArray()
        let judged = CustomerAnswer.verdictsAndText(for: self)
        for verdict in judged.verdicts {
            json.element()
            json.openObject()
            json.member("concern", verdict.concern.id)
            json.member("state", verdict.state.rawValue)
            json.member("reason", verdict.reason)
            json.key("codes")
            json.strings(verdict.codes)
            json.closeObject()
        }
        json.closeArray()
        json.member("answer", judged.text)
        json.closeObject()
    }
}

extension Verdict {
    /// "click tracking partial: 1 of 20 links is not tracked [TL307]", one row a concern under the
    /// label "verdicts", for the text diagnosis block.
    package static func textRows(for result: InputResult) -> [(String, String)] {
        verdicts(for: result).enumerated().map { index, verdict in
            let codes = verdict.codes.isEmpty ? "" : " [\(verdict.codes.joined(separator: ", "))]"
            return (index == 0 ? "verdicts" : "", "\(verdict.concern.rawValue.lowercased()) \(verdict.state.label): \(verdict.reason)\(codes)")
        }
    }
}

/// `--format answer`: the customer answer of each input, under a line naming the input.
public struct AnswerReporter: Reporter {
    public init() {}

    public mutating func add(_ result: InputResult) -> String {
        var title = TerminalText.escaped(result.path)
        if result.kind != .html { title += ", message \(result.messageIndex ?? 0)" }
        if let subject = result.subject { title += ": \"\(TerminalText.escaped(subject))\"" }
        let answer = CustomerAnswer.text(for: result).split(separator: "\n", omittingEmptySubsequences: false)
            .map { TerminalText.escaped(String($0)) }.joined(separator: "\n")
        return "== \(title)\n\(answer)\n\n"
    }

    public func finish() -> String { "" }
}
