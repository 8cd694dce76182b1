import Testing
@testable import TrackLintParsing

/// The fourth speed pass of the parsing layer: attributes and strings read in place rather than
/// copied out, the document's parts behind one reference, elements given their attribute list in
/// place, and white-space runs read eight bytes at a time; each checked on both of its paths.
@Suite struct ParsingInPlaceTests {
    private static let document = HTMLParser.parse(Array("""
        <p id=first class="Footer links" hidden title="a title of more than fifteen bytes" id=second \
        style="color: red; display: none" data-x="ünïcödé">x</p><br>
        """.utf8))

    private var paragraph: HTMLElement { Self.document.elements.first { $0.name == "p" }! }

    @Test func namesAreLookedUpInPlaceAsTheCopiesRead() {
        let attributes = paragraph.attributes
        #expect(attributes.contains(named: "hidden") && attributes.contains(named: "style"))
        #expect(!attributes.contains(named: "href") && !attributes.contains(named: "hidde"))
        // The first of a name is kept; a bare one reads as ""; the same answers as `attribute(_:)`.
        #expect(attributes.value(named: "id") == "first")
        #expect(attributes.value(named: "hidden") == "")
        #expect(attributes.value(named: "href") == nil)
        for name in ["id", "class", "hidden", "title", "style", "data-x", "href"] {
            #expect(attributes.value(named: name) == paragraph.attribute(name))
            #expect(attributes.contains(named: name) == paragraph.hasAttribute(name))
        }
        #expect(Self.document.elements.first { $0.name == "br" }?.attributes.contains(named: "id") == false)
    }

    @Test func stringsLendTheirBytesWhateverTheirStorage() {
        let small = "Small"
        let stored = String(repeating: "Stored Text ", count: 4)
        let fromSubstring = String(stored.dropFirst(7))
        #expect(small.withUTF8InPlace(Array.init) == Array(small.utf8))
        #expect(stored.withUTF8InPlace(Array.init) == Array(stored.utf8))
        #expect(fromSubstring.withUTF8InPlace(Array.init) == Array(fromSubstring.utf8))
        #expect("".withUTF8InPlace { $0.count } == 0)
        #expect(stored.containsBytes("text s", caseInsensitive: true) && !stored.containsBytes("text s"))
        #expect(stored.hasPrefixIgnoringASCIICase("STORED") && !small.hasPrefixIgnoringASCIICase("smaller"))
        #expect(stored.asciiLowercased() == stored.lowercased())
        #expect("  \(stored)\t".trimmingASCIISpaces() == "Stored Text Stored Text Stored Text Stored Text")
    }

    @Test func whiteSpaceRunsAreToldFromTextOnEitherPath() {
        let indent = String(repeating: " ", count: 19)
        let document = HTMLParser.parse(Array("""
            <div>\n\(indent)<p>a</p>\t\t\n  <p>b</p>\(indent)\r\n<p>c</p>\(indent)word<p>d</p>\(indent.prefix(16))<p>e</p>\
            \(indent)\u{A0}</div>
            """.utf8))
        // Eight spaces at a time, then byte by byte: runs of spaces, tabs, CR and LF are spaces; a
        // word (or a no-break space, which HTML does not count) after them makes a text.
        #expect(document.spaces.map(\.hasNewline) == [true, true, true, false])
        #expect(document.texts.map(\.text) == ["a", "b", "c", "\(indent)word", "d", "e", "\(indent)\u{A0}"])
    }

    @Test func copiesOfADocumentShareItsParts() {
        let copy = Self.document
        #expect(copy.parts === Self.document.parts)
        #expect(copy.texts.map(\.text) == ["x"])
        // Every element holds the document's complete attribute list, viewed through its own range.
        #expect(copy.elements.map(\.name) == ["html", "body", "p", "br"])
        #expect(copy.elements.map { $0.attributes.map(\.name) } == [
            [], [], ["id", "class", "hidden", "title", "style", "data-x"], [],
        ])
    }

    @Test func valueRangesAreFoundAsTheScannedTagTellsThem() {
        let tags = [
            "<a HREF='https://x.example/' data-x=1 hidden title=\"t\">", "<img/src=a.png alt = \"\" / width=10>",
            "<td class=cell style=\"color:red\" class=again", "<p title=\"unclosed", "<br>", "<x-y id=a/b>",
        ]
        for tag in tags {
            let bytes = Array(tag.utf8)
            let scanned = StartTagScanner.scan(bytes, at: 0)
            for name in ["href", "data-x", "hidden", "title", "src", "alt", "width", "class", "style", "id", "missing"] {
                let expected = scanned?.attributes.first { $0.name == name }?.valueRange
                #expect(StartTagScanner.valueRange(of: name, inTagAt: 0, of: bytes, limit: bytes.count) == expected, "\(name) in \(tag)")
            }
        }
        #expect(StartTagScanner.scan(Array("<A HREF=x>".utf8), at: 0).map { [$0.name] + $0.attributes.map(\.name) } == ["a", "href"])
        // A quoted value ends at its closing quote (found with memchr), `>` inside it included, or at the limit.
        let quoted = Array("<a title='x>y' href=z>".utf8), unclosed = Array("<p title=\"unclosed".utf8)
        #expect(StartTagScanner.valueRange(of: "title", inTagAt: 0, of: quoted, limit: quoted.count) == 10..<13)
        #expect(StartTagScanner.valueRange(of: "href", inTagAt: 0, of: quoted, limit: quoted.count) == 20..<21)
        #expect(StartTagScanner.valueRange(of: "title", inTagAt: 0, of: unclosed, limit: unclosed.count) == 10..<18)
    }

    @Test func selectorsAndAncestorsWalkTheParentsByIndex() throws {
        let document = HTMLParser.parse(Array("""
            <table><tr><td><div><span><b><a href=x>deep</a></b></span></div></td></tr></table><p><a href=y>short</a></p>
            """.utf8))
        let links = document.elements.filter { $0.name == "a" }
        #expect(links.map { document.selector(for: $0) } == ["div > span > b > a", "p > a"])
        // Selectors stop at four names and at body; ancestors go up to the implied html.
        #expect(document.ancestors(of: links[0]).map(\.name) == ["b", "span", "div", "td", "tr", "table", "body", "html"])
        #expect(document.ancestors(of: links[1]).map(\.name) == ["p", "body", "html"])
        let html = try #require(document.elements.first)
        #expect(document.ancestors(of: html).isEmpty && document.selector(for: html) == "html")
    }

    @Test func reservedHostNamesAreToldAsBytesAndAsStrings() {
        func unreachable(_ name: String) -> UnreachableHost? {
            HostAnalysis.unreachable(.name(name, isInternationalized: name.utf8.contains { $0 >= 0x80 }))
        }
        // ASCII names, compared as bytes: the name itself, or the last labels after a dot.
        #expect(unreachable("localhost") == .localhost && unreachable("api.localhost") == .localhost)
        #expect(unreachable("local") == .reservedName(suffix: "local"))
        #expect(unreachable("a.b.home.arpa") == .reservedName(suffix: "home.arpa"))
        #expect(unreachable("nottest") == .singleLabel && unreachable("x.mylan") == nil && unreachable("lan.example") == nil)
        // Other names, compared as strings.
        #expect(unreachable("bücher.local") == .reservedName(suffix: "local"))
        #expect(unreachable("bücher.localhost") == .localhost)
        #expect(unreachable("bücherlocal") == .singleLabel && unreachable("bücher.example") == nil)
    }
}
