import Testing
@testable import TrackLintParsing

/// The parsing layer's fast paths (word-at-a-time scans, ASCII shortcuts, caches), each checked
/// against its slow path or a plain reference on inputs that take both.
@Suite struct ParsingFastPathTests {
    /// A plain search: the reference the word-at-a-time one must agree with.
    private func naiveOffset(of needle: [UInt8], in text: [UInt8], caseInsensitive: Bool) -> Int? {
        guard !needle.isEmpty, needle.count <= text.count else { return nil }
        func fold(_ byte: UInt8) -> UInt8 { caseInsensitive ? asciiLower(byte) : byte }
        return (0...(text.count - needle.count)).first { start in
            (0..<needle.count).allSatisfy { fold(text[start + $0]) == fold(needle[$0]) }
        }
    }

    @Test func byteSearchAgreesWithAPlainSearchAtEveryLengthAndCase() {
        var generator = SystemRandomNumberGenerator()
        let alphabet = Array("aAbB=?x ".utf8)
        for _ in 0..<2_000 {
            let text = (0..<Int.random(in: 0...40, using: &generator)).map { _ in alphabet.randomElement(using: &generator)! }
            let needle = (0..<Int.random(in: 1...3, using: &generator)).map { _ in alphabet.randomElement(using: &generator)! }
            for caseInsensitive in [false, true] {
                let found = text.firstOffset(of: needle, in: 0..<text.count, caseInsensitive: caseInsensitive)
                #expect(found == naiveOffset(of: needle, in: text, caseInsensitive: caseInsensitive),
                        "\(String(decoding: needle, as: UTF8.self)) in \(String(decoding: text, as: UTF8.self))")
            }
        }
    }

    @Test func stringHelpersReadBytesInPlace() {
        #expect("List-Unsubscribe: <https://X.example/u>".containsBytes("x.EXAMPLE/U", caseInsensitive: true))
        #expect(!"short".containsBytes("shorter"))
        #expect("Content-Type".hasPrefixIgnoringASCIICase("content-"))
        #expect(!"Con".hasPrefixIgnoringASCIICase("content-"))
        #expect("Content-TYPE".asciiLowercased() == "content-type")
        #expect("ÄBc".asciiLowercased() == "Äbc")
        #expect(" \t a b \r\n".trimmingASCIISpaces() == "a b")
        #expect("   ".trimmingASCIISpaces() == "")
        #expect("\u{A0}é ".trimmingASCIISpaces() == "\u{A0}é")
    }

    @Test func base64DecodesWholeGroupsAndGroupsSplitAcrossLines() {
        // "QUJD" is one whole group; "QUJ\nDREVG" splits a group over a line break.
        #expect(TransferDecoding.base64(Array("QUJDREVG\r\nR0hJ".utf8)) == (Array("ABCDEFGHI".utf8), true))
        #expect(TransferDecoding.base64(Array("QUJ\nDREVG".utf8)) == (Array("ABCDEF".utf8), true))
        #expect(TransferDecoding.base64(Array("QU*JD".utf8)) == (Array("ABC".utf8), false))
        #expect(TransferDecoding.base64(Array("QUI=".utf8)) == (Array("AB".utf8), true))
    }

    @Test func base64CheckWithoutDecodingAgreesWithTheDecoder() {
        #expect(!TransferDecoding.base64IsWellFormed(Array("QU*JD".utf8)))
        #expect(TransferDecoding.base64IsWellFormed(Array("QUI=\r\n".utf8)))
        #expect(!TransferDecoding.base64IsWellFormed(Array("QUI=\r\n-- footer".utf8)))
        var generator = SystemRandomNumberGenerator()
        let alphabet = Array("QUJD=*\n ".utf8)
        for _ in 0..<5_000 {
            let text = (0..<Int.random(in: 0...24, using: &generator)).map { _ in alphabet.randomElement(using: &generator)! }
            #expect(TransferDecoding.base64IsWellFormed(text) == TransferDecoding.base64(text).wellFormed,
                    "\(String(decoding: text, as: UTF8.self))")
        }
    }

    @Test func queryPayloadsAreSplitAlikeAsBytesAndAsCharacters() {
        #expect(QueryParameters.payloads(of: "a=1&&b=&=c&token&d=x=y") == ["1", "b", "c", "token", "x=y"])
        #expect(QueryParameters.payloads(of: "a=é&&b=&=c&tökén&d=x=y") == ["é", "b", "c", "tökén", "x=y"])
    }

    @Test func plainAddressListsReadAsBytesAgreeWithTheFullReading() throws {
        let lists = [
            "a@b.example", "Ann <ann@x.example>", " Ann  Lee <ann@x.example> , bob@y.example,,",
            "<a,b@x.example>, c@x.example", "=?utf-8?q?Ren=C3=A9?= <r@x.example>", "no address here",
            "Ann <ann@x.example", "<>, <  >", "x <a@b> trailing, y <c@d>",
        ]
        for list in lists {
            let simple = try #require(AddressParser.parseSimple(list))
            #expect(simple == AddressParser.parseAny(list), "\(list)")
        }
        for needsFullReading in ["\"Lee, Ann\" <a@x.example>", "a@x.example (Ann)", "team: a@x.example;", "Zoë <z@x.example>"] {
            #expect(AddressParser.parseSimple(needsFullReading) == nil)
        }
    }

    @Test func mergeTagsAreFoundInTheFirstWordAndInTheTail() {
        let long = String(repeating: "plain text ", count: 3)
        #expect(MergeTags.spans(in: long).isEmpty)
        #expect(MergeTags.spans(in: "{{a}}" + long).map(\.name) == ["a"])
        #expect(MergeTags.spans(in: long + "*|FNAME|*").map(\.name) == ["FNAME"])
    }

    @Test func headerValuesAreUTF8ElseLatin1() {
        #expect(HeaderParser.text(Array("plain".utf8)) == "plain")
        #expect(HeaderParser.text(Array("Grüße".utf8)) == "Grüße")
        #expect(HeaderParser.text([0x47, 0x72, 0xFC, 0xDF, 0x65]) == "Grüße")
    }

    @Test func contentTypeReadsASCIIAndOtherValuesAlike() throws {
        let ascii = try #require(ContentType.parse("text/html; charset=\"utf-8\" (a comment; here); name=\"a;b.html\""))
        #expect(ascii.mimeType == "text/html" && ascii.charset == "utf-8" && ascii.parameters["name"] == "a;b.html")
        let other = try #require(ContentType.parse("Text/HTML; name=\"Grüße;1.html\" (kommentar é); charset=utf-8"))
        #expect(other.mimeType == "text/html" && other.charset == "utf-8" && other.parameters["name"] == "Grüße;1.html")
    }

    @Test func asciiInALatinCharsetSkipsIconvAndOtherTextGoesThroughIt() throws {
        let ascii = Array("plain ASCII text, long enough for a word".utf8)
        #expect(try #require(CharsetDecoder.iconvToUTF8(ascii, from: "windows-1252")) == (ascii, false))
        let latin: [UInt8] = [0x4B, 0xF6, 0x6C, 0x6E]
        #expect(try #require(CharsetDecoder.iconvToUTF8(latin, from: "windows-1252")) == (Array("Köln".utf8), false))
    }

    @Test func utf8RepairChecksTextBetweenAccentedLetters() {
        let valid = Array("accented é then more ASCII text and é again".utf8)
        #expect(CharsetDecoder.repairUTF8(valid) == (valid, false))
        let broken = Array("accented é then more ASCII".utf8) + [0xFF, 0x00] + Array(" text".utf8)
        let expected = Array("accented é then more ASCII\u{FFFD}\u{FFFD} text".utf8)
        #expect(CharsetDecoder.repairUTF8(broken) == (expected, true))
    }

    @Test func elementNamesStayRightPastTheNameCache() {
        // 800 distinct names: the cache grows, then stops remembering; names read again stay right.
        let names = (0..<400).map { "x\($0)" }
        let html = "<body>" + names.map { "<\($0) a\($0)=v>t</\($0)>" }.joined() + names.map { "<\($0)>" }.joined() + "</body>"
        let document = HTMLParser.parse(Array(html.utf8))
        let written = document.elements.filter { $0.name.hasPrefix("x") }
        #expect(written.map(\.name) == names + names)
        #expect(written.prefix(400).map { $0.attributes.map(\.name) } == names.map { ["a\($0)"] })
        #expect(document.elements.filter { $0.name == "body" }.count == 1)
    }

    @Test func utf8CheckStopsAtTheFirstNULAndAtABrokenSequenceBeforeIt() {
        let text = Array(String(repeating: "forty bytes of ASCII before the é and ", count: 2).utf8)
        #expect(CharsetDecoder.repairUTF8(text + [0x00] + text) == (text + [0xEF, 0xBF, 0xBD] + text, true))
        // A sequence cut short by the NUL: both are replaced.
        #expect(CharsetDecoder.repairUTF8(text + [0xC3, 0x00]) == (text + [0xEF, 0xBF, 0xBD, 0xEF, 0xBF, 0xBD], true))
    }

    @Test func charsetParameterIsReadInEitherCase() {
        #expect(CharsetDecoder.charsetParameter("text/html; CHARSET=ISO-8859-2") == "iso-8859-2")
        #expect(CharsetDecoder.charsetParameter("text/html;charset=koi8-r;x=1") == "koi8-r")
        #expect(CharsetDecoder.charsetParameter("text/html") == nil)
        #expect(CharsetDecoder.charsetParameter("Grüße; charset=Windows-1250") == "windows-1250")
    }
}
