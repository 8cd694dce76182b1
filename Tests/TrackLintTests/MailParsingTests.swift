import Foundation
import Testing
@testable import TrackLint
@testable import TrackLintCLI
@testable import TrackLintParsing
@testable import TrackLintPlatforms
@testable import TrackLintReporters

/// RFC 5322 headers, MIME structure, transfer encodings, charsets and mbox splitting.
@Suite struct MailParsingTests {
    private func parse(_ text: String) -> MailMessage { MIMEParser.parse(SourceText(bytes: Array(text.utf8))) }

    private func html(_ message: MailMessage) -> [String] {
        message.htmlParts.map { String(decoding: Linter.document(of: $0, in: message).source.bytes, as: UTF8.self) }
    }

    @Test func headersAreUnfoldedKeptInOrderAndLookedUpByAnyCase() {
        let message = parse("Received: a\r\nReceived: b\r\nSubject: one\r\n  two\r\n\tthree\r\nX-Empty:\r\n\r\nbody")
        #expect(message.headers.all("received").map(\.value) == ["a", "b"])
        #expect(message.headers["SUBJECT"]?.value == "one  two\tthree")
        #expect(message.headers["subject"]?.line == 3)
        #expect(message.headers["x-empty"]?.value == "")
        #expect(message.problems.isEmpty)
    }

    @Test(arguments: [
        ("=?UTF-8?B?R3LDvMOfZQ==?=", "Grüße"),
        ("=?ISO-8859-1?Q?K=F6ln_am_Rhein?=", "Köln am Rhein"),
        ("=?utf-8?q?a?= =?utf-8?q?b?=", "ab"),
        ("Re: =?utf-8?b?w6k=?= and more", "Re: é and more"),
        ("=?utf-8?x?bad?= stays", "=?utf-8?x?bad?= stays"),
        ("=?no-such-charset?Q?x?=", "=?no-such-charset?Q?x?="),
        ("=?UTF-8*en?Q?hello?=", "hello"),
        ("a =? b =?utf-8?q?c?= d=", "a =? b c d="),
        // Thousands of words, folded: each found after the last (the search once copied the rest).
        (Array(repeating: "=?UTF-8?B?w6k=?=", count: 3_000).joined(separator: "\n "), String(repeating: "é", count: 3_000)),
        ("plain", "plain"),
    ])
    func encodedWords(_ value: String, _ decoded: String) {
        #expect(EncodedWords.decode(value) == decoded)
    }

    @Test func rawUTF8HeadersAndLatin1Fallback() {
        let utf8 = MIMEParser.parse(SourceText(bytes: Array("Subject: Grüße\n\nx".utf8)))
        #expect(utf8.subject == "Grüße")
        let latin1 = MIMEParser.parse(SourceText(bytes: Array("Subject: Gr".utf8) + [0xFC] + Array("n\n\nx".utf8)))
        #expect(latin1.subject == "Grün")
    }

    @Test func contentTypeParameters() throws {
        let type = try #require(ContentType.parse(#"Multipart/Mixed; (comment) boundary="a;b\"c"; charset=UTF-8"#))
        #expect(type.mimeType == "multipart/mixed")
        #expect(type.boundary == #"a;b"c"#)
        #expect(type.charset == "UTF-8")
        let rfc2231 = ContentType.parameters(of: "attachment; filename*0*=UTF-8''Gr%C3%BC; filename*1=\"%C3%9Fe.txt\"")
        #expect(rfc2231["filename"] == "Grü%C3%9Fe.txt")
        let encoded = ContentType.parameters(of: "attachment; filename*=iso-8859-1'de'K%F6ln.pdf")
        #expect(encoded["filename"] == "Köln.pdf")
        #expect(ContentType.parse("garbage") == nil)
    }

    @Test(arguments: [
        ("a=3Db", "a=b"), ("soft=\r\nbreak", "softbreak"), ("soft=\nbreak", "softbreak"), ("lower=3d=c3=a9", "lower=é"),
        ("bad=zz=", "bad=zz"), ("trail=  \nx", "trailx"), ("end=", "end"),
    ])
    func quotedPrintable(_ input: String, _ output: String) {
        #expect(String(decoding: TransferDecoding.quotedPrintable(Array(input.utf8)), as: UTF8.self) == output)
    }

    @Test func base64Variants() {
        func decode(_ text: String) -> (String, Bool) {
            let result = TransferDecoding.base64(Array(text.utf8))
            return (String(decoding: result.bytes, as: UTF8.self), result.wellFormed)
        }
        #expect(decode("aGVsbG8gd29y\r\nbGQ=") == ("hello world", true))
        #expect(decode("aGVsbG8") == ("hello", true))
        #expect(decode("aGV!sbG8=") == ("hello", false))
        #expect(decode("aGVsbG8=\n-- \nfooter") == ("hello", false))
        #expect(decode("aGVsbG8=\n\n") == ("hello", true))
    }

    @Test(arguments: [
        ("8bits", TransferEncoding.eightBit, false), ("7-bit", .sevenBit, false), ("quoted-printable;", .quotedPrintable, false),
        ("text/html", .sevenBit, false), ("BASE64", .base64, true), (" 7bit ", .sevenBit, true),
    ])
    func transferEncodingValues(_ value: String, _ encoding: TransferEncoding, _ valid: Bool) {
        #expect(TransferEncoding.read(value) == (encoding, valid))
    }

    @Test func partPathsFollowIMAPNumbering() {
        let message = parse("""
            Content-Type: multipart/mixed; boundary=a

            --a
            Content-Type: multipart/alternative; boundary=b

            --b
            Content-Type: text/plain

            t
            --b
            Content-Type: text/html

            <p>h</p>
            --b--
            --a
            Content-Type: message/rfc822

            Content-Type: text/html

            <p>inner</p>
            --a--
            """)
        #expect(message.parts.map(\.path) == ["", "1", "1.1", "1.2", "2"])
        #expect(message.htmlParts.map(\.path) == ["1.2"])
        #expect(message.enclosedMessages.first?.htmlParts.map(\.path) == ["2.1"])
        #expect(html(message) == ["<p>h</p>"])
        #expect(parse("Content-Type: text/html\n\n<p>x</p>").htmlParts.map(\.path) == ["1"])
    }

    @Test func boundaryWithTrailingWhitespaceAndAPrefixOfAnother() {
        let message = parse("Content-Type: multipart/mixed; boundary=\"s\"\n\n--s  \nContent-Type: multipart/alternative; boundary=\"s2\"\n\n--s2\nContent-Type: text/html\n\n<p>in</p>\n--s2--\n--s--\t\n")
        #expect(message.problems.isEmpty)
        #expect(html(message) == ["<p>in</p>"])
    }

    @Test func malformedStructuresAreRecoveredAndReported() {
        let unclosed = parse("Content-Type: multipart/alternative; boundary=z\n\n--z\nContent-Type: text/html\n\n<p>a</p>\n")
        #expect(html(unclosed) == ["<p>a</p>\n"])
        #expect(unclosed.problems.map(\.message) == ["The closing boundary `--z--` is missing; the last part runs to the end"])
        let never = parse("Content-Type: multipart/alternative; boundary=zz\n\nno boundary here\n")
        #expect(never.parts.map(\.contentType.mimeType) == ["multipart/alternative", "text/plain"])
        #expect(never.problems.first?.kind == .malformed)
        let noSeparator = parse("Subject: x\n<p>body</p>\n")
        #expect(noSeparator.problems.first?.message.hasPrefix("The header block does not end with a blank line") == true)
    }

    @Test func limitsStopDepthAndPartCount() {
        var limits = MailLimits()
        limits.maximumParts = 3
        let many = (1...10).map { "--b\nContent-Type: text/plain\n\n\($0)\n" }.joined()
        let message = MIMEParser.parse(SourceText(bytes: Array("Content-Type: multipart/mixed; boundary=b\n\n\(many)--b--\n".utf8)), limits: limits)
        #expect(message.parts.count == 3)
        #expect(message.problems.map(\.kind) == [.limit])
    }

    @Test(arguments: [
        ("utf-8", [0x47, 0x72, 0xC3, 0xBC], "Grü"),
        ("iso-8859-1", [0x47, 0x72, 0xFC], "Grü"),
        ("windows-1252", [0x80], "€"),
        ("windows-1251", [0xCF, 0xF0], "Пр"),
        ("koi8-r", [0xF0, 0xD2], "Пр"),
        ("x-mac-cyrillic", [0x8F, 0xF0], "Пр"),
        ("iso-8859-15", [0xA4], "€"),
        ("shift_jis", [0x82, 0xA0, 0x87, 0x40], "あ①"),
        ("iso-2022-jp", [0x1B, 0x24, 0x42, 0x24, 0x22, 0x1B, 0x28, 0x42], "あ"),
        ("gb2312", [0xD6, 0xD0, 0x8C, 0xC2], "中屄"),
        ("big5", [0xA4, 0xA4], "中"),
        ("ks_c_5601-1987", [0xC7, 0xD1], "한"),
        ("utf-16", [0xFF, 0xFE, 0x41, 0x00], "A"),
        ("utf-16le", [0x41, 0x00], "A"),
        ("utf-16", [0x41, 0x00, 0x42, 0x00], "AB"),
        ("utf-16", [0x00, 0x41, 0x00, 0x42], "AB"),
        ("utf-16", [0xFE, 0xFF, 0x00, 0x41], "A"),
        ("us-ascii", [0xC3, 0xA9], "é"),
    ] as [(String, [UInt8], String)])
    func charsets(_ charset: String, _ bytes: [UInt8], _ text: String) throws {
        let decoded = try #require(CharsetDecoder.utf8(from: bytes, charset: charset))
        #expect(String(decoding: decoded.utf8, as: UTF8.self) == text)
        #expect(!decoded.invalid)
    }

    @Test func mimeCharsetWinsOverMeta() {
        var bytes = Array("Content-Type: text/html; charset=iso-8859-1\n\n<meta charset=\"utf-8\"><p>".utf8)
        bytes += [0xE9] + Array("</p>".utf8)
        let message = MIMEParser.parse(SourceText(bytes: bytes))
        #expect(html(message) == ["<meta charset=\"utf-8\"><p>é</p>"])
    }

    @Test func mboxSplitsOnFromLinesAndHonoursContentLength() {
        let mbox = """
            From a@x Mon Jan  1 00:00:00 2024
            Subject: one
            Content-Length: 28

            From inside the body, kept

            From b@x Mon Jan  1 00:00:01 2024
            Subject: two

            >From escaped
            """
        let bytes = Array(mbox.utf8)
        let ranges = Mbox.messages(in: bytes, range: 0..<bytes.count)
        #expect(ranges.count == 2)
        let second = MIMEParser.parse(SourceText(bytes: bytes), range: ranges[1], isMboxMember: true)
        #expect(second.subject == "two")
        #expect(String(decoding: second.decodedBody(of: second.root).bytes, as: UTF8.self) == "From escaped")
        let first = MIMEParser.parse(SourceText(bytes: bytes), range: ranges[0], isMboxMember: true)
        #expect(String(decoding: first.decodedBody(of: first.root).bytes, as: UTF8.self) == "From inside the body, kept\n")
    }

    @Test func streamedMboxMatchesTheInMemoryReading() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("tracklint-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let message = "Subject: m\nContent-Type: text/html\n\n<p><a href=\"/x\">x</a></p>\n" + String(repeating: "<br>\n", count: 30_000)
        let text = (0..<5).map { "From a@x Mon Jan  1 00:00:0\($0) 2024\n" + message }.joined(separator: "\n")
        let file = folder.appendingPathComponent("big.mbox")
        try text.write(to: file, atomically: true, encoding: .utf8)
        let streamed = try TestSupport.run(["check", "--format", "json", file.path])
        let piped = try TestSupport.run(["check", "--format", "json", "--stdin-filename", file.path, "-"], stdin: text)
        #expect(streamed.stdout == piped.stdout)
        // Each member: From line, 3 header lines, the link, 30,000 lines, and the blank separator.
        #expect(streamed.stdout.contains("\"line\": 120029"))
    }

    @Test(arguments: [
        ("\"Doe, Jane\" <jane@Example.COM>, bob@x.example (Bob)", ["jane@Example.COM", "bob@x.example"], ["example.com", "x.example"]),
        ("undisclosed-recipients:;", [String](), [String]()),
        ("Team: a@one.example, b@two.example; , c@three.example", ["a@one.example", "b@two.example", "c@three.example"],
         ["one.example", "two.example", "three.example"]),
        ("=?utf-8?q?J=C3=BCrgen?= <j@x.example>", ["j@x.example"], ["x.example"]),
        ("<@route:user@host.example>", ["@route:user@host.example"], ["host.example"]),
    ] as [(String, [String], [String])])
    func addresses(_ value: String, _ addresses: [String], _ domains: [String]) {
        let parsed = AddressParser.parse(value)
        #expect(parsed.map(\.address) == addresses)
        #expect(parsed.compactMap(\.domain) == domains)
    }

    @Test func displayNamesAreDecoded() {
        #expect(AddressParser.parse("=?utf-8?q?J=C3=BCrgen?= <j@x.example>").first?.displayName == "Jürgen")
        #expect(AddressParser.parse("\"Doe, Jane\" <j@x.example>").first?.displayName == "Doe, Jane")
    }

    @Test func partFindingsCarryPartPathAndLines() throws {
        let qp = "From: a@x.example\nSubject: s\nContent-Type: text/html; charset=utf-8\nContent-Transfer-Encoding: quoted-printable\n\n<p>x</p>=\n<a href=3D\"/rel\">r</a>\n"
        let finding = try #require(TestSupport.lint(qp).first { $0.code == "TL301" })
        #expect(finding.location.part == "1")
        #expect(finding.location.line == 6)
        #expect(finding.location.column == nil)
        #expect(finding.location.partLine == 1)
        #expect(finding.location.partColumn == 18)
        #expect(finding.location.message == 0)
        let plain = "From: a@x.example\nSubject: s\nContent-Type: text/html\n\n<p>x</p>\n  <a href=\"/rel\">r</a>\n"
        let exact = try #require(TestSupport.lint(plain).first { $0.code == "TL301" })
        #expect((exact.location.line, exact.location.column, exact.location.partLine) == (6, 12, 2))
    }
}
