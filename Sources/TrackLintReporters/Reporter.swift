import TrackLint
import TrackLintParsing
import TrackLintPlatforms

/// Renders results as each input is linted, so that an input's document and source can be let go
/// as soon as it is reported. `add` returns what can be written at once (every format but the
/// HTML report streams), `finish` the rest; `finish(writingBytes:)` gives the rest in pieces, so that
/// a report kept in a temporary file (JSON's findings) is never held in memory whole.
public protocol Reporter {
    mutating func add(_ result: InputResult) -> String
    /// `add(_:)` in UTF-8 bytes, handed to `write` (JSON writes its entries as bytes).
    mutating func add(_ result: InputResult, writingBytes write: (UnsafeBufferPointer<UInt8>) throws -> Void) rethrows
    func finish() -> String
    func finish(writing write: (String) throws -> Void) throws
    /// `finish(writing:)` in UTF-8 bytes: what a reporter keeps as bytes (JSON's spooled findings)
    /// goes out without being made text first.
    func finish(writingBytes write: (UnsafeBufferPointer<UInt8>) throws -> Void) throws
}

extension Reporter {
    public mutating func add(_ result: InputResult, writingBytes write: (UnsafeBufferPointer<UInt8>) throws -> Void) rethrows {
        var text = add(result)
        try text.withUTF8(write)
    }

    public func finish(writing write: (String) throws -> Void) throws { try write(finish()) }

    public func finish(writingBytes write: (UnsafeBufferPointer<UInt8>) throws -> Void) throws {
        try finish { text in
            var text = text
            try text.withUTF8(write)
        }
    }
}

/// Counts over a whole run, for summaries and the exit code.
public struct RunSummary: Sendable, Equatable {
    public private(set) var inputs = 0
    public private(set) var messages = 0
    public private(set) var errors = 0
    public private(set) var warnings = 0
    public private(set) var infos = 0
    /// The most severe finding seen, if any.
    public private(set) var highestSeverity: Severity?

    public init() {}

    public var findings: Int { errors + warnings + infos }

    public mutating func add(_ result: InputResult) {
        // An mbox gives one result per message; it counts as one input.
        if (result.messageIndex ?? 0) == 0 { inputs += 1 }
        if result.kind != .html { messages += 1 }
        for finding in result.findings {
            switch finding.severity {
            case .error: errors += 1
            case .warning: warnings += 1
            case .info: infos += 1
            }
            highestSeverity = max(highestSeverity ?? finding.severity, finding.severity)
        }
    }
}
