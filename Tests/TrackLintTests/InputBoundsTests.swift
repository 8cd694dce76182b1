import Testing
@testable import TrackLint
@testable import TrackLintCLI
@testable import TrackLintParsing

/// The bounds on reading (SECURITY.md): inputs cut at the size limit with TL106, mbox messages cut
/// one at a time, globs in linear time, and file names as bytes. The binary is held to them in
/// broken environments by `Tests/Adversarial/broken_environment.py`.
@Suite struct InputBoundsTests {
    static func limits(_ bytes: Int) -> MailLimits {
        var limits = MailLimits()
        limits.maximumInputBytes = bytes
        return limits
    }

    static let html = "<p><a href=\"https://x.example/\">x</a></p>" + String(repeating: "<p>more</p>", count: 20)
    static let message = "From: a@x.example\nSubject: big\nContent-Type: text/html\n\n" + String(repeating: "<p>x</p>", count: 50)

    /// An HTML file or a message past the limit is linted as far as it, and the cut is an error.
    @Test(arguments: [
        (html, "Input is \(html.utf8.count) bytes; only the first 100 were read"),
        (message, "Message is \(message.utf8.count) bytes; only the first 100 were read"),
    ])
    func inputPastTheLimitIsCutWithAnError(_ input: String, _ expected: String) {
        let findings = Linter(options: LintOptions(), limits: Self.limits(100)).lint(Array(input.utf8), path: "x")
            .flatMap(\.findings).filter { $0.code == "TL106" }
        #expect(findings.map(\.message) == [expected])
        #expect(findings.map(\.severity) == [.error])
    }

    @Test func aCutMadeByTheReaderIsReported() {
        let cut = InputCut(readBytes: 10, totalBytes: nil)
        let findings = Linter(options: LintOptions()).lint(Array("<p>0123456</p>".utf8), path: "-", cut: cut)
            .flatMap(\.findings).filter { $0.code == "TL106" }
        #expect(findings.map(\.message) == ["Input is longer than 10 bytes; only the first 10 were read"])
    }

    /// An mbox of three messages whose second is longer than the limit: the first and third whole,
    /// the second cut, its rest skipped; lines still counted from the top of the file.
    @Test(arguments: [300, 3 * MboxStream.chunkSize])
    func mboxMessagesAreCutOneAtATime(secondLength: Int) {
        let separator = "From a@x.example Sat Jan  1 00:00:00 2000\n"
        let first = "Subject: one\n\nshort\n"
        let second = "Subject: two\n\n" + String(repeating: "y", count: secondLength) + "\n"
        let third = "Subject: three\n\nlast\n"
        let text = separator + first + "\n" + separator + second + "\n" + separator + third
        let stream = MboxStream(reader: ByteReader(bytes: Array(text.utf8)), initial: [], limit: 100)
        var members: [MboxStream.Member] = []
        while let member = stream.next() { members.append(member) }
        #expect(members.map { String(decoding: $0.bytes, as: UTF8.self) } == [
            first, String(second.prefix(100)), String(third.dropLast()),
        ])
        let knownLength = secondLength < MboxStream.chunkSize ? second.utf8.count : nil
        #expect(members.map(\.cut) == [nil, InputCut(readBytes: 100, totalBytes: knownLength), nil])
        #expect(members.map(\.lineOffset) == [1, 6, 11])
        #expect(stream.failure == nil)
    }

    @Test(arguments: [
        ("*a*a*a*a*a*a*a*a*a*a*a*a*a*ab", String(repeating: "a", count: 200), false),
        ("*a*a*a*a*a*a*a*a*a*a*a*a*a*ab", String(repeating: "a", count: 200) + "b", true),
        ("**/**/**/**/**/**/**/**/**/**/**/**/nomatch", Array(repeating: "d", count: 30).joined(separator: "/") + "/x.html", false),
        ("**/**/**/**/**/**/**/**/**/**/**/**/x.html", Array(repeating: "d", count: 30).joined(separator: "/") + "/x.html", true),
        ("a/**", "a/b/c", true), ("**x.html", "d/x.html", true), ("*.html", "a/b.html", false),
    ])
    func globsRunInLinearTime(_ pattern: String, _ path: String, _ expected: Bool) {
        #expect(Glob.matches(pattern, path) == expected)
    }

    @Test func fileNamesAreBytes() {
        let name = FileNames.text([0xFF, 0x2E, 0x68, 0x74, 0x6D, 0x6C, 0xC3, 0xA9, 0xE2, 0x82])
        #expect(FileNames.shown(name) == "\\xFF.htmlé\\xE2\\x82")
        #expect(FileNames.systemPath(name) == [-1, 0x2E, 0x68, 0x74, 0x6D, 0x6C, -61, -87, -30, -126, 0])
        #expect(FileNames.text(Array("plain é.html".utf8)) == "plain é.html")
        #expect(FileNames.shown("plain é.html") == "plain é.html")
    }

    @Test func readingStopsAtTheLimit() throws {
        var bytes: [UInt8] = []
        let cut = try ByteReader(bytes: Array(repeating: 0, count: 1000)).readWhole(appendingTo: &bytes, limit: 100, size: nil)
        #expect(bytes.count == 100)
        #expect(cut == InputCut(readBytes: 100, totalBytes: nil))
        var whole: [UInt8] = []
        #expect(try ByteReader(bytes: Array(repeating: 0, count: 100)).readWhole(appendingTo: &whole, limit: 100, size: 100) == nil)
    }
}
