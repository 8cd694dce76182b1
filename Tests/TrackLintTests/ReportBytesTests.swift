import Testing
@testable import TrackLint
@testable import TrackLintReporters

/// Reports finished in bytes (how the command writes them) are the text reports, byte for byte.
@Suite struct ReportBytesTests {
    private func results() -> [InputResult] {
        Linter().lint(Array(#"<p>Grüße “quoted”</p><a href="">empty</a><img src="http://x.test/o.gif" width="1" height="1">"#.utf8),
                      path: "a.html")
    }

    @Test func jsonInBytesIsTheTextReport() throws {
        let message = Array("Subject: s\nContent-Type: text/html\n\n<a href=\"\">x</a>".utf8)
        var reporter = JSONReporter()
        var text = JSONReporter()
        var added: [UInt8] = []
        var addedText = ""
        for result in results() + Linter().lint(message, path: "m.eml") {
            reporter.add(result) { added += $0 }
            addedText += text.add(result)
        }
        #expect(String(decoding: added, as: UTF8.self) == addedText)
        #expect(text.finish() == reporter.finish())
        var bytes: [UInt8] = []
        try reporter.finish(writingBytes: { bytes += $0 })
        var pieces: [String] = []
        try reporter.finish(writing: { pieces.append($0) })
        #expect(!reporter.finish().isEmpty)
        #expect(String(decoding: bytes, as: UTF8.self) == reporter.finish())
        #expect(pieces.joined() == reporter.finish())
    }

    /// A reporter without bytes of its own gives its text's bytes.
    @Test func otherReportsInBytesAreTheirText() throws {
        var reporter = TextReporter()
        for result in results() { _ = reporter.add(result) }
        var bytes: [UInt8] = []
        try reporter.finish(writingBytes: { bytes += $0 })
        #expect(String(decoding: bytes, as: UTF8.self) == reporter.finish())
    }
}
