import Testing
@testable import TrackLintParsing

/// The mail layer's fast paths (header look-ups by folded name, Content-Type read on bytes, header
/// values trimmed before decoding), each checked against the general reading or a plain reference.
@Suite struct MailFastPathTests {
    private func randomText(from alphabet: String, upTo length: Int, using generator: inout SystemRandomNumberGenerator) -> String {
        String((0..<Int.random(in: 0...length, using: &generator)).map { _ in alphabet.randomElement(using: &generator)! })
    }

    /// A comment at the end changes nothing a Content-Type says but sends it down the general
    /// reading (the byte reading leaves comments to it), so both readings must agree.
    @Test func contentTypeReadOnBytesAgreesWithTheGeneralReading() {
        var generator = SystemRandomNumberGenerator()
        var plainParsed = 0
        for _ in 0..<3_000 {
            let value = randomText(from: "tT/;=\" xX\tcharset", upTo: 30, using: &generator)
            guard value.filter({ $0 == "\"" }).count.isMultiple(of: 2) else { continue }
            let plain = ContentType.parse(value)
            #expect(plain == ContentType.parse(value + "()"), "\(value)")
            if plain != nil { plainParsed += 1 }
        }
        #expect(plainParsed > 100)
    }

    @Test(arguments: [
        ("  ; TEXT/HTML ;; CharSet = \"UTF-8\" ; charset=second", "text/html", ["charset": "UTF-8"]),
        ("multipart/alternative; boundary=\"a;b=c\"", "multipart/alternative", ["boundary": "a;b=c"]),
        ("text//html; x=\"\"; =nameless; flag", "text//html", ["x": ""]),
    ])
    func contentTypeOnBytes(_ value: String, _ mimeType: String, _ parameters: [String: String]) throws {
        let type = try #require(ContentType.parse(value))
        #expect(type.mimeType == mimeType)
        #expect(type.parameters == parameters)
    }

    @Test(arguments: ["text/", "/html", " ; ", "", "text"])
    func contentTypeWithoutTypeAndSubtype(_ value: String) {
        #expect(ContentType.parse(value) == nil)
    }

    @Test func rfc2231NamesTakeTheGeneralReading() {
        #expect(ContentType.parse("text/plain; name*=utf-8''a%C3%A9")?.parameters == ["name": "aé"])
    }

    @Test func headerLookUpsIgnoreASCIICaseAndKeepOrder() {
        let names = ["Received", "X-Long-Header-Name-Over-Sixteen", "RECEIVED", "Subject", "x-long-header-name-over-sixteen", "Ünïcode"]
        let headers = HeaderFields(names.enumerated().map { HeaderField(name: $1, value: "v\($0)", line: $0 + 1) })
        #expect(headers["received"]?.value == "v0")
        #expect(headers["X-LONG-HEADER-NAME-OVER-SIXTEEN"]?.line == 2)
        #expect(headers.all("Received").map(\.value) == ["v0", "v2"])
        #expect(headers.all(lowercasedName: "x-long-header-name-over-sixteen").map(\.value) == ["v1", "v4"])
        #expect(headers["Ünïcode"]?.value == "v5")
        #expect(headers["Receive"] == nil)
        #expect(headers["Receivedx"] == nil)
        #expect(headers.lowercasedNames == ["received", "x-long-header-name-over-sixteen", "subject", "Ünïcode"])
    }

    @Test func headerValuesAreTrimmedAndDecodedAsBefore() {
        let bytes = Array("A:  one \r\nB:\t\r\n two\t\r\nC: Gr".utf8) + [0xFC] + Array(" \r\n  n \r\nD: Grüße \r\n\r\n".utf8)
        let block = HeaderParser.parse(bytes, 0..<bytes.count, lines: SourceText(bytes: bytes))
        #expect(block.fields.map(\.value) == ["one", "two", "Grü   n", "Grüße"])
        #expect(block.fields.map(\.line) == [1, 2, 4, 6])
        #expect(block.bodyStart == bytes.count)
    }

    @Test func multipartDelimitersCountOnlyWhenTheyStartALine() {
        let body = Array("--b\r\none --b not\r\n--bx\r\n--b  \r\ntwo\n--b--\nafter".utf8)
        let split = MIMEParser.splitMultipart(body, body: 0..<body.count, boundary: "b")
        #expect(split.parts.map { String(decoding: body[$0], as: UTF8.self) } == ["one --b not\r\n--bx", "two"])
        #expect(split.closed)
        let unclosed = Array("preamble --b\n--b\nlast".utf8)
        let open = MIMEParser.splitMultipart(unclosed, body: 0..<unclosed.count, boundary: "b")
        #expect(open.parts.map { String(decoding: unclosed[$0], as: UTF8.self) } == ["last"])
        #expect(!open.closed)
    }

    /// Encoded words are split on their bytes while they are ASCII, by characters after that.
    @Test(arguments: [
        ("=?utf-8?q?caf=C3=A9?= and =?UTF-8?B?R3LDvMOfZQ==?=", "café and Grüße"),
        ("=?utf-8?q?é?=", "é"),
        ("=?utf-8?q?a?\u{301}=", "=?utf-8?q?a?\u{301}="),
        ("=?utf-8?q", "=?utf-8?q"),
    ])
    func encodedWordsOnBytesAndCharacters(_ value: String, _ decoded: String) {
        #expect(EncodedWords.decode(value) == decoded)
    }

    /// Splitting an mbox reads only `Content-Length` of each message's headers: the same value and
    /// body start as the whole parse.
    @Test func contentLengthIsReadAsTheWholeParseReadsIt() {
        let bytes = Array("X: a\r\nContent-Length: 5\r\n more\r\ncontent-LENGTH:  12 \r\n\r\nbody".utf8)
        let read = HeaderParser.contentLength(bytes, 0..<bytes.count)
        let parsed = HeaderParser.parse(bytes, 0..<bytes.count, lines: SourceText(bytes: bytes))
        #expect(read.value == "12")
        #expect(parsed.fields.map(\.value) == ["a", "5 more", "12"])
        #expect(read.bodyStart == parsed.bodyStart)
        #expect(read.bodyStart == bytes.count - 4)
        let none = Array("Subject: x\nbody without a blank line".utf8)
        #expect(HeaderParser.contentLength(none, 0..<none.count).value == nil)
        #expect(HeaderParser.contentLength(none, 0..<none.count).bodyStart == 11)
    }
}
