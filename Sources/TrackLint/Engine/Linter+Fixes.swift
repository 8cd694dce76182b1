import TrackLintParsing

/// A template's text after `--fix`: the fixes applied pass after pass until none applies (an
/// applied fix can reveal another, and overlapping ones wait for the next pass), and the
/// findings that remain in the fixed text.
public struct FixedInput: Sendable {
    /// The fixed text: the input's own bytes, changed only inside the applied edits.
    public let bytes: [UInt8]
    /// How many fixes were applied, over all passes.
    public let fixed: Int
    /// The fixed text linted: what remains.
    public let results: [InputResult]
    /// False for input that is never fixed: a message, an mbox, a file past the size limit.
    public let isFixable: Bool
}

extension Linter {
    /// Passes after which fixing stops even when fixes still apply (ruff stops at 100; edits here
    /// never create new findings, so a few passes reach the fixed point).
    public static let maximumFixPasses = 10

    /// Applies the fixes of `applicabilities` to a template's bytes until nothing more applies (see
    /// `FixedInput`). `selecting` picks the findings whose fixes apply (all by default; the CLI
    /// leaves out what a baseline accepts). Messages and mbox files are linted, never changed; a
    /// UTF-8 byte order mark stays in place and is not part of the text the edits address.
    public func fix(_ bytes: [UInt8], path: String, cut: InputCut? = nil,
                    applicabilities: Set<Fix.Applicability> = [.safe],
                    selecting: ([Finding]) -> [Finding] = { $0 }) -> FixedInput {
        guard cut == nil, bytes.count <= limits.maximumInputBytes, InputSniffer.kind(of: bytes) == .html else {
            return FixedInput(bytes: bytes, fixed: 0, results: lint(bytes, path: path, cut: cut), isFixable: false)
        }
        let mark: [UInt8] = [0xEF, 0xBB, 0xBF]
        let hasMark = bytes.starts(with: mark)
        var text = hasMark ? Array(bytes.dropFirst(mark.count)) : bytes
        var results = lint(text, path: path)
        var fixed = 0
        for _ in 0..<Self.maximumFixPasses {
            let outcome = FixApplier.apply(fixesOf: selecting(results.flatMap(\.findings)), to: text,
                                           applicabilities: applicabilities)
            guard !outcome.applied.isEmpty, outcome.bytes != text else { break }
            text = outcome.bytes
            fixed += outcome.applied.count
            results = lint(text, path: path)
        }
        return FixedInput(bytes: hasMark ? mark + text : text, fixed: fixed, results: results, isFixable: true)
    }
}
