import TrackLint
import TrackLintParsing
import TrackLintReporters

/// `--fix` and `--diff`: which fixes apply, and what becomes of the fixed text.
struct FixRequest: Sendable {
    enum Mode: Sendable {
        /// `--fix`: write templates back (standard input's text goes to stdout).
        case apply
        /// `--diff`: print what `--fix` would change, write nothing.
        case diff
    }

    let mode: Mode
    let applicabilities: Set<Fix.Applicability>

    init(mode: Mode, unsafe: Bool) {
        self.mode = mode
        applicabilities = unsafe ? [.safe, .unsafe] : [.safe]
    }
}

/// An input fixed in memory, before it is written, diffed or printed.
struct FixedFile {
    let path: String
    let original: [UInt8]
    let fixed: FixedInput
    let isStandardInput: Bool
    /// The file's path as given, for writing it back.
    let systemPath: String?
}

/// What fixing did over a run: the summary line, and the exit code of `--diff`.
struct FixTally {
    let request: FixRequest
    private(set) var fixed = 0
    private(set) var changedFiles = 0
    private(set) var remaining = 0
    /// Remaining findings with an exact unsafe fix, when unsafe fixes were not asked for.
    private(set) var unsafeAvailable = 0

    init(_ request: FixRequest) { self.request = request }

    /// Records one input; returns what to print about it: the diff (`--diff`), the fixed text
    /// (`--fix -`), or a note for an input that is never changed. A fixed file is written here;
    /// an `OutputWriter.Failure` says it could not be.
    mutating func finish(_ file: FixedFile) throws -> (stdout: [UInt8], note: String?) {
        guard file.fixed.isFixable else {
            return ([], "tracklint: note: \(TerminalText.escaped(file.path)) is a message, not a template: --fix never changes it\n")
        }
        let changed = file.fixed.bytes != file.original
        // Written first: a file that cannot be written counts as neither fixed nor changed.
        if request.mode == .apply, changed, let path = file.systemPath { try OutputWriter.replaceContents(of: path, with: file.fixed.bytes) }
        fixed += file.fixed.fixed
        if changed { changedFiles += 1 }
        switch request.mode {
        case .diff: return (Array(UnifiedDiff.diff(file.original, file.fixed.bytes, path: file.path).utf8), nil)
        // As bytes: text that is not UTF-8 comes back as it went in.
        case .apply: return (file.isStandardInput ? file.fixed.bytes : [], nil)
        }
    }

    /// Counts the findings reported after fixing.
    mutating func countRemaining(_ findings: [Finding]) {
        remaining += findings.count
        guard !request.applicabilities.contains(.unsafe) else { return }
        unsafeAvailable += findings.filter { $0.fix?.applicability == .unsafe && $0.fix?.edits.isEmpty == false }.count
    }

    /// `tracklint: 4 fixed, 5 remaining`, as ruff counts.
    var summary: String {
        let files = "\(changedFiles) file\(changedFiles == 1 ? "" : "s")"
        let more = unsafeAvailable > 0 ? " (\(unsafeAvailable) more fixable with --unsafe-fixes)" : ""
        switch request.mode {
        case .apply: return "tracklint: \(fixed) fixed, \(remaining) remaining (\(files) changed)\(more)\n"
        case .diff: return "tracklint: would fix \(fixed) in \(files), \(remaining) would remain\(more)\n"
        }
    }
}
