import TrackLint
import TrackLintParsing
import TrackLintPlatforms

/// `--format json`: the shape SPEC.md fixes, schemaVersion 1, written as inputs finish so that
/// memory stays bounded at any volume: `inputs` streams (an mbox's messages one at a time), and
/// `findings`, which comes after it, waits in a `Spool` (a temporary file past 1 MB).
public struct JSONReporter: Reporter {
    public static let schemaVersion = 1

    private var started = false
    private var inputs = JSONArrayStream(depth: 1)
    /// The messages of the message file being written, whose entry is still open.
    private var openMessages: JSONArrayStream?
    private var findings = JSONArrayStream(depth: 1)
    private let spooledFindings = Spool()
    private let entry = EntryWriter()
    private var summary = RunSummary()

    public init() {}

    public mutating func add(_ result: InputResult) -> String {
        var text = ""
        add(result) { text += String(decoding: $0, as: UTF8.self) }
        return text
    }

    /// The entry is written as bytes in one piece, the pieces around it first (`JSONWriter` starts
    /// each value where it is), and never made text.
    public mutating func add(_ result: InputResult, writingBytes write: (UnsafeBufferPointer<UInt8>) throws -> Void) rethrows {
        try entry.writeAnew { text in
            text.raw(start())
            if result.kind == .html {
                text.raw(closeMessages())
                inputs.next(to: &text)
                Self.writeInput(result, to: &text)
            } else {
                if (result.messageIndex ?? 0) == 0 || openMessages == nil {
                    text.raw(closeMessages())
                    inputs.next(to: &text)
                    text.openObject()
                    Self.writeHead(of: result, to: &text)
                    text.key("messages")
                    openMessages = JSONArrayStream(depth: 3)
                }
                openMessages!.next(to: &text)
                var message = JSONWriter(indent: 4)
                Self.writeMessage(result, to: &message)
                text.raw(message.written)
            }
            spool(result.findings)
            summary.add(result)
            try write(text.written)
        }
    }

    /// The entries of `findings`, kept for the end of the report, written into the spool itself.
    private mutating func spool(_ results: [Finding]) {
        guard !results.isEmpty else { return }
        spooledFindings.write { json in
            // Read in place: a loop over the array, or its subscript, copies each finding (a dozen
            // strings retained).
            results.withUnsafeBufferPointer { results in
                for index in results.indices {
                    findings.next(to: &json)
                    json.openObject()
                    Self.writeMembers(of: results[index], to: &json)
                    json.closeObject()
                }
            }
        }
    }

    public func finish() -> String {
        var text = ""
        try? finish { text += $0 }
        return text
    }

    public func finish(writing write: (String) throws -> Void) throws {
        try finish(writingBytes: { try write(String(decoding: $0, as: UTF8.self)) })
    }

    public func finish(writingBytes write: (UnsafeBufferPointer<UInt8>) throws -> Void) throws {
        func writeText(_ text: String) throws {
            var text = text
            try text.withUTF8(write)
        }
        var copy = self
        try writeText(copy.start() + copy.closeMessages() + inputs.close() + ",\n" + JSONValue.pad(1) + "\"findings\": ")
        try spooledFindings.replay(write)
        var tail = JSONWriter(insideObjectAt: 0)
        tail.object("summary") { Self.writeMembers(of: summary, to: &$0) }
        tail.closeObject()
        try writeText(findings.close() + tail.text + "\n")
    }

    /// The report's opening, before its first input.
    private mutating func start() -> String {
        guard !started else { return "" }
        started = true
        return JSONValue.objectHead([
            ("tool", .object([("name", .string(ToolInfo.name)), ("version", .string(ToolInfo.version))])),
            ("schemaVersion", .int(Self.schemaVersion)),
        ], openKey: "inputs", indent: 0)
    }

    /// The end of the open message file's entry, if any.
    private mutating func closeMessages() -> String {
        guard let messages = openMessages else { return "" }
        openMessages = nil
        return messages.close() + JSONValue.objectTail([], indent: 2)
    }

    private static func writeHead(of result: InputResult, to json: inout JSONWriter) {
        json.member("path", result.path)
        json.member("kind", result.kind.rawValue)
        json.member("stage", result.stage.rawValue)
    }

    private static func writeMessage(_ result: InputResult, to json: inout JSONWriter) {
        json.openObject()
        json.member("index", result.messageIndex ?? 0)
        json.member("subject", result.subject)
        json.key("diagnosis")
        result.writeDiagnosis(to: &json)
        json.closeObject()
    }

    /// The entry of `inputs` for one result, whole: an HTML file's, or a message's with that one
    /// message (JSON Lines writes one a result).
    package static func writeInput(_ result: InputResult, to json: inout JSONWriter) {
        json.openObject()
        writeInputMembers(result, to: &json)
        json.closeObject()
    }

    package static func writeInputMembers(_ result: InputResult, to json: inout JSONWriter) {
        writeHead(of: result, to: &json)
        json.key("messages")
        json.openArray()
        if result.kind != .html {
            json.element()
            writeMessage(result, to: &json)
        }
        json.closeArray()
        if result.kind == .html {
            json.key("diagnosis")
            result.writeDiagnosis(to: &json)
        }
    }

    package static func writeMembers(of summary: RunSummary, to json: inout JSONWriter) {
        json.member("inputs", summary.inputs)
        json.member("messages", summary.messages)
        json.member("errors", summary.errors)
        json.member("warnings", summary.warnings)
        json.member("infos", summary.infos)
    }

    /// Inlined: a call copies the finding (a dozen strings retained) even from memory of its own.
    @inline(__always)
    package static func writeMembers(of finding: Finding, to json: inout JSONWriter) {
        json.member("code", finding.code)
        json.member("slug", finding.slug)
        json.member("severity", finding.severity.rawValue)
        json.member("message", finding.message)
        json.member("help", finding.help)
        // Written in place, not in a closure, which would copy the location.
        json.key("location")
        json.openObject()
        json.member("path", finding.location.path)
        json.member("message", finding.location.message)
        json.member("part", finding.location.part)
        json.member("line", finding.location.line)
        json.member("column", finding.location.column)
        json.member("partLine", finding.location.partLine)
        json.member("partColumn", finding.location.partColumn)
        json.member("header", finding.location.header)
        json.member("selector", finding.location.selector)
        json.closeObject()
        json.member("evidence", finding.evidence)
        guard let fix = finding.fix else {
            json.key("fix")
            return json.null()
        }
        json.object("fix") { json in
            json.member("description", fix.description)
            json.member("applicability", fix.applicability.rawValue)
            json.key("edits")
            json.openArray()
            for edit in fix.edits {
                json.element()
                json.openObject()
                json.member("line", edit.line)
                json.member("column", edit.column)
                json.member("length", edit.length)
                json.member("text", edit.text)
                json.closeObject()
            }
            json.closeArray()
        }
    }
}

/// The writer of the report's entries, kept from one input to the next (a class: a writer cannot be
/// copied, a reporter can): a writer of their own, with room for an entry, cost an allocation of
/// thousands of instructions per input.
private final class EntryWriter {
    private var writer = JSONWriter(indent: 2, capacity: 16 * 1024)

    /// What `body` writes, from the start of the memory.
    func writeAnew(_ body: (inout JSONWriter) throws -> Void) rethrows {
        writer.removeAll()
        try body(&writer)
    }
}

public enum ToolInfo {
    public static let name = "tracklint"
    public static let version = "0.2.0"
    /// The project's home page (SARIF's `informationUri`).
    public static let informationURL = "https://github.com/tracklint/tracklint"
}
