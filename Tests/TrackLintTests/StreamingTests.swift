import Foundation
import Testing
@testable import TrackLint
@testable import TrackLintCLI
@testable import TrackLintParsing
@testable import TrackLintReporters

/// Reports written as inputs finish (issue 15): the streamed pieces give the same bytes as the whole
/// document did, and what waits for the end is kept bounded. Flat memory over a large mbox in every
/// format is measured by `Tests/Adversarial/adversarial.py` (the `streamed_*` cases).
@Suite struct StreamingTests {
    @Test func arrayStreamWritesWhatTheWholeArrayWould() {
        let values: [JSONValue] = [.int(1), .object([("a", .string("b")), ("c", .array([.null]))]), .string("é\n")]
        for count in 0...values.count {
            var stream = JSONArrayStream(depth: 1)
            let streamed = values.prefix(count).map { stream.element($0) }.joined() + stream.close()
            #expect(streamed == JSONValue.array(Array(values.prefix(count))).serialized(indent: 1), "\(count) elements")
        }
    }

    @Test func objectInPiecesIsTheWholeObject() {
        let whole = JSONValue.object([("a", .int(1)), ("b", .array([.bool(true)])), ("c", .null)])
        let pieces = JSONValue.objectHead([("a", .int(1))], openKey: "b", indent: 0) + JSONValue.array([.bool(true)]).serialized(indent: 1)
            + JSONValue.objectTail([("c", .null)], indent: 0)
        #expect(pieces == whole.serialized())
    }

    @Test func compactJSONIsOneLine() {
        let value = JSONValue.object([("a", .array([.int(1), .string("x\ny")])), ("b", .object([])), ("c", .array([]))])
        #expect(value.compact() == #"{"a":[1,"x\ny"],"b":{},"c":[]}"#)
    }

    /// Past its memory limit the spool moves to a temporary file; what comes back is what went in,
    /// multi-byte characters across the file's read boundaries included.
    @Test func spoolGivesBackEverythingInOrder() throws {
        let spool = Spool(memoryLimit: 1 << 16)
        var appended = ""
        for index in 0..<12_000 {
            let piece = "\(index) é€😀 finding\n"
            spool.append(piece)
            appended += piece
        }
        #expect(appended.utf8.count > 2 * spool.memoryLimit)
        var replayed: [String] = []
        try spool.replay { replayed.append(String(decoding: $0, as: UTF8.self)) }
        #expect(replayed.count > 2)
        #expect(replayed.joined() == appended)
    }

    @Test func htmlReportSummaryIsBounded() throws {
        let result = try #require(Linter().lint(Array(#"<a href="/x">x</a>"#.utf8), path: "a.html").first)
        var reporter = HTMLReporter()
        for _ in 0...HTMLReporter.maximumRows { _ = reporter.add(result) }
        let page = reporter.finish()
        let summary = try #require(page.components(separatedBy: "</tbody>").first)
        #expect(summary.components(separatedBy: "<tr><td>").count - 1 == HTMLReporter.maximumRows)
        #expect(page.contains("The summary lists the first 1000 of 1001 inputs; the counts above include them all."))
        #expect(page.contains("Sections follow for the first 100 of 1001 inputs"))
    }

    /// An mbox's messages are linted several at a time and reported in order: the same report
    /// for any number of jobs, in every streamed format.
    @Test(arguments: ["json", "jsonl", "sarif", "text"])
    func mboxReportIsTheSameForAnyNumberOfJobs(_ format: String) throws {
        let mbox = "Fixtures/messages/three-messages.mbox"
        let one = try TestSupport.run(["check", "--format", format, "--jobs", "1", mbox])
        let two = try TestSupport.run(["check", "--format", format, "--jobs", "2", mbox])
        #expect(one.status == 1 && two.status == 1)
        #expect(one.stdout == two.stdout)
        #expect(one.stdout.contains("three-messages.mbox"))
    }

    @Test func jsonLinesAreObjectsEndingWithTheSummary() throws {
        let run = try TestSupport.run(["check", "--format", "jsonl", "Fixtures/messages/three-messages.mbox", "Fixtures/cases/select-and-ignore.html"])
        let lines = run.stdout.split(separator: "\n").map(String.init)
        let objects = try lines.map { try #require(JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any]) }
        let types = objects.map { $0["type"] as? String ?? "" }
        #expect(types.last == "summary")
        #expect(types.filter { $0 == "input" }.count == 4)
        let inputs = objects.filter { $0["type"] as? String == "input" }
        #expect(inputs.map { (($0["messages"] as? [[String: Any]])?.first?["index"] as? Int) } == [0, 1, 2, nil])
        #expect(inputs.map { $0["diagnosis"] != nil } == [false, false, false, true])
        let summary = try #require(objects.last)
        #expect(summary["inputs"] as? Int == 2 && summary["messages"] as? Int == 3)
        #expect(types.filter { $0 == "finding" }.count == (summary["errors"] as! Int) + (summary["warnings"] as! Int) + (summary["infos"] as! Int))
    }

    /// `--output` is written as the report is made, and holds what standard output would have.
    @Test(arguments: ["json", "sarif", "text", "html"])
    func outputFileHoldsWhatStandardOutputWould(_ format: String) throws {
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("tracklint-\(UUID().uuidString).out")
        defer { try? FileManager.default.removeItem(at: file) }
        let inputs = ["Fixtures/messages/three-messages.mbox", "Fixtures/cases/select-and-ignore.html"]
        let written = try TestSupport.run(["check", "--format", format, "--output", file.path] + inputs)
        let printed = try TestSupport.run(["check", "--format", format] + inputs)
        #expect(written.status == printed.status && written.stdout.isEmpty)
        #expect(try String(contentsOf: file, encoding: .utf8) == printed.stdout)
    }

    @Test func refusedRunLeavesAnEarlierReportAlone() throws {
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("tracklint-\(UUID().uuidString).json")
        defer { try? FileManager.default.removeItem(at: file) }
        try "earlier report\n".write(to: file, atomically: true, encoding: .utf8)
        let run = try TestSupport.run(["check", "--output", file.path, "--baseline", "/nonexistent/baseline.json",
                                       "Fixtures/cases/select-and-ignore.html"])
        #expect(run.status == 2)
        #expect(try String(contentsOf: file, encoding: .utf8) == "earlier report\n")
    }

    @Test func outputFileThatCannotBeWrittenIsNamedBeforeLinting() throws {
        let run = try TestSupport.run(["check", "--output", "/proc/tracklint/report.txt", "Fixtures/cases/select-and-ignore.html"])
        #expect(run.status == 2)
        #expect(run.stderr.hasPrefix("tracklint: error: cannot write `/proc/tracklint/report.txt` ("))
        #expect(run.stdout.isEmpty)
    }
}
