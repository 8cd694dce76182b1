import Foundation
import Testing
@testable import TrackLint
@testable import TrackLintCLI
@testable import TrackLintParsing
@testable import TrackLintPlatforms
@testable import TrackLintReporters

/// The libxml2-backed model: elements, attributes, locations, charsets, conditional comments.
@Suite struct HTMLDocumentTests {
    private func parse(_ html: String) -> HTMLDocument { HTMLParser.parse(Array(html.utf8)) }

    private func position(_ element: HTMLElement, in document: HTMLDocument) -> String {
        guard let tag = element.startTag else { return "implied" }
        let position = document.source.position(ofOffset: tag.lowerBound)
        return "\(position.line):\(position.column)"
    }

    @Test func elementsAttributesAndPositions() throws {
        let document = parse("<html><body>\n<p class=\"a\">Hi &amp; <a\n   href=\"/x?a=1&amp;b=2\" hidden>x</a></p>\n</body></html>")
        let link = try #require(document.elements.first { $0.name == "a" })
        #expect(link.attribute("href") == "/x?a=1&b=2")
        #expect(link.hasAttribute("hidden") && link.attribute("hidden") == "")
        #expect(position(link, in: document) == "2:23")
        let value = try #require(document.valueOffset(of: "href", in: link))
        #expect(document.source.position(ofOffset: value.lowerBound) == (3, 10))
        #expect(document.selector(for: link) == "p > a")
        // libxml2 hands the text over in three pieces (around the entity): the model keeps one text.
        #expect(document.texts.map(\.text) == ["Hi & ", "x"])
    }

    @Test func impliedElementsHaveNoPosition() {
        let document = parse("just text <a href=x>x</a>")
        #expect(document.elements.map(\.name) == ["html", "body", "p", "a"])
        #expect(document.elements.map { position($0, in: document) } == ["implied", "implied", "implied", "1:11"])
        #expect(document.hasWrittenElements)
        #expect(!parse("only text, no tags").hasWrittenElements)
    }

    @Test func columnsCountCharactersNotBytes() throws {
        let document = parse("<p>Grüße 日本 <a href=\"/x\">x</a></p>")
        let link = try #require(document.elements.first { $0.name == "a" })
        #expect(position(link, in: document) == "1:13")
    }

    @Test func linesPast65535AreExact() throws {
        let html = "<html><body>\n" + String(repeating: "<br>\n", count: 70_000) + "<a href=\"/late\">late</a>\n</body></html>"
        let document = parse(html)
        let link = try #require(document.elements.first { $0.name == "a" })
        #expect(position(link, in: document) == "70002:1")
        let findings = TestSupport.lint(html, options: LintOptions(enabledCodes: ["TL301"]))
        #expect(findings.map { "\($0.code)@\($0.location.line ?? 0):\($0.location.column ?? 0)" } == ["TL301@70002:10"])
    }

    /// Columns on lines longer than a checkpoint block agree with counting from the line start.
    @Test func columnsOnVeryLongLinesUseCheckpoints() {
        let line = String(repeating: "aé日", count: 5000) + "\n" + String(repeating: "x", count: 9000) + "ü"
        let text = SourceText(bytes: Array(line.utf8))
        let bytes = Array(line.utf8)
        for offset in [0, 1, 3, 4095, 4096, 4097, 12_345, 29_999, 30_000, 30_001, 35_000, bytes.count - 1, bytes.count] {
            let lineStart = offset > 30_000 ? 30_001 : 0
            let naiveColumn = bytes[lineStart..<offset].filter { $0 & 0xC0 != 0x80 }.count + 1
            #expect(text.position(ofOffset: offset) == (offset > 30_000 ? 2 : 1, naiveColumn), "offset \(offset)")
        }
    }

    @Test func outlookConditionalCommentsAreParsedWithFileLocations() throws {
        let html = """
        <table><tr><td>
        <!--[if mso]>
          <v:roundrect xmlns:v="urn:schemas-microsoft-com:vml" href="https://x.example/vml">
            <w:anchorlock/><center>Go</center>
          </v:roundrect>
        <![endif]-->
        <!--[if !mso]><!--><a href="https://x.example/html">Go</a><!--<![endif]-->
        </td></tr></table>
        """
        let document = parse(html)
        let vml = try #require(document.elements.first { $0.name == "v:roundrect" })
        #expect(vml.inConditionalComment)
        #expect(vml.attribute("href") == "https://x.example/vml")
        #expect(position(vml, in: document) == "3:3")
        #expect(document.element(vml.parent)?.name == "td")
        let fallback = try #require(document.elements.first { $0.name == "a" })
        #expect(!fallback.inConditionalComment)
        #expect(position(fallback, in: document) == "7:20")
        // The implied html/body of the inner parse are not kept.
        #expect(document.elements.filter { $0.name == "body" }.count <= 1)
    }

    @Test func ordinaryCommentsAreNotParsed() {
        let document = parse("<p>a</p><!-- <a href=\"/x\">x</a> -->")
        #expect(!document.elements.contains { $0.name == "a" })
        #expect(document.comments.first?.contentRange != nil)
    }

    @Test func charsetFromMetaIsHonoured() throws {
        var bytes = Array("<html><head><meta charset=\"iso-8859-1\"></head><body><a href=\"https://x.example/caf".utf8)
        bytes += [0xE9] + Array("\">caf".utf8) + [0xE9] + Array("</a></body></html>".utf8)
        let document = HTMLParser.parse(bytes)
        #expect(document.charset == "windows-1252")
        #expect(!document.hadInvalidBytes)
        #expect(document.isTransformed)
        let link = try #require(document.elements.first { $0.name == "a" })
        #expect(link.attribute("href") == "https://x.example/café")
    }

    @Test func charsetFromHTTPEquiv() {
        let html = "<meta http-equiv=\"Content-Type\" content=\"text/html; charset=windows-1252\"><p>x</p>"
        #expect(CharsetDecoder.declaredCharset(Array(html.utf8)) == "windows-1252")
    }

    @Test func utf8BOMIsRemovedAndUTF16IsConverted() throws {
        let withBOM = HTMLParser.parse([0xEF, 0xBB, 0xBF] + Array("<a href=\"/x\">x</a>".utf8))
        #expect(withBOM.charset == "utf-8")
        #expect(withBOM.elements.contains { $0.name == "a" && $0.attribute("href") == "/x" })
        var utf16: [UInt8] = [0xFF, 0xFE]
        for unit in "<a href=\"/y\">y</a>".utf16 { utf16 += [UInt8(unit & 0xFF), UInt8(unit >> 8)] }
        let converted = HTMLParser.parse(utf16)
        #expect(converted.charset == "utf-16le")
        #expect(converted.elements.contains { $0.name == "a" && $0.attribute("href") == "/y" })
    }

    @Test func invalidBytesAndNULsAreReplacedNotFatal() throws {
        let bytes = Array("<p>a".utf8) + [0xFF, 0x00, 0xC3] + Array("b <a href=\"/z\">z</a></p>".utf8)
        let document = HTMLParser.parse(bytes)
        #expect(document.hadInvalidBytes)
        let link = try #require(document.elements.first { $0.name == "a" })
        #expect(link.attribute("href") == "/z")
        #expect(document.texts.first?.text == "a\u{FFFD}\u{FFFD}\u{FFFD}b ")
    }

    @Test func unknownCharsetFallsBackToUTF8() {
        let document = HTMLParser.parse(Array("<meta charset=\"x-no-such-charset\"><p>ok</p>".utf8))
        #expect(document.unknownCharset)
        #expect(document.elements.contains { $0.name == "p" })
    }

    @Test func baseHrefIsKept() {
        #expect(parse("<head><base href=\"https://x.example/\"></head><a href=\"a\">a</a>").baseHref == "https://x.example/")
    }

    @Test(arguments: ["", " ", "<", "<a", "<a href=\"", "<!--", "<!--[if mso]>", "<!--[if mso]><a href=x>", "</p></p>", "<?xml ?>",
                      "<!DOCTYPE>", "<p <a>", "<a href='x'\"y\">", "\u{0}\u{0}"])
    func truncatedAndBrokenInputsParse(_ html: String) throws {
        // The parsed text is the input (NULs replaced), and linting gives one HTML result located in it.
        #expect(parse(html).source.bytes == Array(html.replacingOccurrences(of: "\u{0}", with: "\u{FFFD}").utf8))
        let results = Linter().lint(html, path: "broken.html")
        let result = try #require(results.first)
        #expect(results.count == 1 && result.kind == .html)
        #expect(result.findings.allSatisfy { $0.location.path == "broken.html" && ($0.location.line ?? 1) == 1 })
    }

    @Test func attributesPastTheLimitAreBlankedBeforeParsing() {
        let attributes = (0..<1_005).map { "a\($0)=\"\($0)\"" }.joined(separator: " ")
        // A quoted `>` does not end the tag, for libxml2 or for the count.
        let html = "<p title=\">\" \(attributes)>text</p><a href=\"https://x.example/unsubscribe\">Unsubscribe</a>"
        let document = parse(html)
        #expect(document.limitsReached == [.attributes])
        #expect(document.elements.first { $0.name == "p" }?.attributes.count == 1_000)
        #expect(document.elements.contains { $0.name == "a" && $0.attribute("href") == "https://x.example/unsubscribe" })
        #expect(document.byteCount == html.utf8.count)
        let findings = TestSupport.lint(html)
        #expect(findings.map(\.code) == ["TL106"])
        #expect(findings.map(\.message) == ["A start tag has more than 1000 attributes; the rest were not read"])
    }

    @Test func elementsPastTheLimitAreNotKept() {
        let document = parse(String(repeating: "<b>x</b>", count: HTMLParser.maximumElements + 10))
        #expect(document.limitsReached == [.elements])
        #expect(document.elements.count == HTMLParser.maximumElements)
    }

    @Test func brokenEndTagBeforeHTMLParses() {
        // libxml2 backs up on `</h<` and reports a position before the last one (found by make fuzz).
        let document = parse("</h<html><f>")
        #expect(document.elements.map(\.name) == ["html", "body", "f"])
    }
}
