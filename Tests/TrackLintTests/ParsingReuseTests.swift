import Testing
@testable import TrackLintParsing

/// The second speed pass of the parsing layer: one attribute list per document, libxml2 contexts
/// reused from one parse to the next, and the byte-level readings of hosts, merge tags and UTF-8,
/// each checked on inputs that take the fast path and the slow one.
@Suite struct ParsingReuseTests {
    /// Elements as names with their attributes, to compare whole documents.
    private func outline(_ document: HTMLDocument) -> [String] {
        document.elements.map { element in
            let attributes = element.attributes.map { "\($0.name)=\($0.value ?? "<bare>")" }.joined(separator: " ")
            return "\(element.name)[\(element.parent.map(String.init) ?? "-")] \(attributes)\(element.inConditionalComment ? " (mso)" : "")"
        }
    }

    private static let nested = Array("""
        <body><!--[if mso]><table><tr><td><!--[if gte mso 9]><v:roundrect href="https://a.example/vml" arcsize="5%">\
        </v:roundrect><![endif]--></td></tr></table><![endif]--><a href="https://a.example/" class=cta hidden>Go</a>\
        <!--[if mso]><v:rect href="https://b.example/"></v:rect><![endif]--></body>
        """.utf8)

    @Test func conditionalCommentsParseAlikeWhateverParseCameBefore() {
        let first = HTMLParser.parse(Self.nested)
        // The first comment ends at the inner one's `-->`: the inner one is left unclosed inside it.
        #expect(outline(first) == [
            "html[-] ", "body[0] ", "table[1]  (mso)", "tr[2]  (mso)", "td[3]  (mso)",
            "a[1] href=https://a.example/ class=cta hidden=<bare>", "v:rect[1] href=https://b.example/ (mso)",
        ])
        // Other documents in between leave the reused contexts and their name caches as they found them.
        _ = HTMLParser.parse(Array("<p data-x=1><!--[if mso]><b id=x>bold</b><![endif]--></p>".utf8))
        _ = HTMLParser.parse(Array("<DIV ID=Y><!--[if mso]><!--[if mso]><i>x</i><![endif]--><![endif]--></DIV>".utf8))
        #expect(outline(HTMLParser.parse(Self.nested)) == outline(first))
    }

    @Test func attributesAreAZeroBasedViewOfTheDocumentList() throws {
        let document = HTMLParser.parse(Array("<p id=a title=t></p><img src=x.png alt=\"\" width=10 height=10 hidden alt=second>".utf8))
        let image = try #require(document.elements.first { $0.name == "img" })
        #expect(image.attributes.count == 5)
        #expect(image.attributes.first?.name == "src")
        #expect(image.attributes[4] == HTMLAttribute(name: "hidden", value: nil))
        #expect(Array(image.attributes.indices) == [0, 1, 2, 3, 4])
        // The first of a name wins; a bare one reads as ""; names of one length are told apart.
        #expect(image.attribute("alt") == "")
        #expect(image.attribute("hidden") == "")
        #expect(image.attribute("width") == "10")
        #expect(image.attribute("title") == nil)
        #expect(image.hasAttribute("height") && !image.hasAttribute("id"))
        let paragraph = try #require(document.elements.first { $0.name == "p" })
        #expect(paragraph.attributes.map(\.name) == ["id", "title"])
        #expect(document.elements.first { $0.name == "html" }?.attributes.isEmpty == true)
    }

    @Test func asciiHostsReadInPlaceAgreeWithTheFullReading() {
        #expect(HostAnalysis.kind(of: "www.x.example") == .name("www.x.example", isInternationalized: false))
        #expect(HostAnalysis.kind(of: "WWW.X.Example") == .name("www.x.example", isInternationalized: false))
        #expect(HostAnalysis.kind(of: "XN--bcher-kva.example") == .name("xn--bcher-kva.example", isInternationalized: true))
        #expect(HostAnalysis.kind(of: "shop.xn--p1ai") == .name("shop.xn--p1ai", isInternationalized: true))
        #expect(HostAnalysis.kind(of: "bücher.example") == .name("bücher.example", isInternationalized: true))
        #expect(HostAnalysis.kind(of: "x.example.") == .name("x.example", isInternationalized: false))
        #expect(HostAnalysis.kind(of: "10.0.0.1") == .ipv4(0x0A00_0001, form: .dottedDecimal))
        #expect(HostAnalysis.kind(of: "x.0x1f") == nil)
        #expect(HostAnalysis.kind(of: "a..example") == nil)
        #expect(HostAnalysis.kind(of: String(repeating: "a", count: 64) + ".example") == nil)
        #expect(HostAnalysis.kind(of: "x_y.example") == .name("x_y.example", isInternationalized: false))
    }

    @Test func webAndOtherSchemesReadAlike() {
        let web = URLReference("HTTPS://Shop.Example/a?b=1#c")
        #expect(web.scheme == "https" && web.isWeb && web.kind == .absolute && web.host == "shop.example")
        #expect(web.path == "/a" && web.query == "b=1" && web.fragment == "c")
        let ftp = URLReference("ftp://files.example/x")
        #expect(ftp.scheme == "ftp" && !ftp.isWeb && ftp.host == "files.example")
        let mail = URLReference("mailto:a@b.example")
        #expect(mail.kind == .absolute && mail.host == nil && mail.path == "a@b.example")
        #expect(URLReference("htp://x.example").problems == [.schemeTypo(written: "htp", intended: "http")])
    }

    @Test func urlReadingsCompareByEveryPart() {
        let link = URLReference(" https://x.example/a ")
        var copies: Set<URLReference> = [link, URLReference(" https://x.example/a ")]
        #expect(copies.count == 1)
        copies.insert(URLReference("https://x.example/a"))
        #expect(copies.count == 2)
        #expect(link == URLReference(" https://x.example/a ") && link != URLReference("https://x.example/b"))
    }

    @Test func mergeTagsAmongPercentEncodingAreFoundByTheirOpeners() {
        let text = "https://x.example/%E2%80%99?u=%%unsub%%&n=%recipient.name%&t={{token}}&p=*|EMAIL|*&e=%20"
        #expect(MergeTags.spans(in: text).map(\.text) == ["%%unsub%%", "%recipient.name%", "{{token}}", "*|EMAIL|*"])
        #expect(MergeTags.spans(in: "https://x.example/%E2%80%99%20").isEmpty)
    }

    @Test func utf8CheckFindsABadByteAtAnyPlaceOfAWideBlock() {
        let ascii = Array(repeating: UInt8(ascii: "a"), count: 70)
        for position in [0, 7, 8, 31, 32, 33, 63, 69] {
            for bad: UInt8 in [0x00, 0xFF] {
                var bytes = ascii
                bytes[position] = bad
                var expected = ascii
                expected.replaceSubrange(position...position, with: [0xEF, 0xBF, 0xBD])
                #expect(CharsetDecoder.repairUTF8(bytes) == (expected, true), "byte \(bad) at \(position)")
            }
        }
        let accented = Array((String(repeating: "x", count: 40) + "é" + String(repeating: "y", count: 40)).utf8)
        #expect(CharsetDecoder.repairUTF8(accented) == (accented, false))
    }
}
