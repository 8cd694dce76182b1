import Testing
@testable import TrackLintCLI
@testable import TrackLintParsing

/// Attribute values kept as bytes of one buffer per document (`AttributeStore`), made strings only
/// when asked, and the command line read by index.
@Suite struct AttributeValueTests {
    private func elements(_ html: String) -> [HTMLElement] {
        HTMLParser.parse(Array(html.utf8)).elements.filter { !$0.isImplied }
    }

    @Test func valuesAreDecodedAndBareOnesAreEmpty() throws {
        let html = #"<img src="a&amp;b.png" alt="Grüße &#x1F600;" hidden width=1><p class="x"></p><br>"#
        let image = try #require(elements(html).first { $0.name == "img" })
        #expect(image.attributes.map { $0 } == [
            HTMLAttribute(name: "src", value: "a&b.png"), HTMLAttribute(name: "alt", value: "Grüße 😀"),
            HTMLAttribute(name: "hidden", value: nil), HTMLAttribute(name: "width", value: "1"),
        ])
        #expect(image.attribute("hidden") == "")
        #expect(image.attribute("alt") == "Grüße 😀")
        #expect(image.attribute("title") == nil)
        #expect(image.attributes.name(at: 1) == "alt")
        #expect(image.attributes.withValue(named: "alt") { Array($0) } == Array("Grüße 😀".utf8))
        #expect(image.attributes.withValue(named: "hidden") { $0.count } == 0)
        #expect(image.attributes.withValue(named: "title") { $0.count } == nil)
        let paragraph = try #require(elements(html).first { $0.name == "p" })
        #expect(paragraph.attribute("class") == "x")
        let lineBreak = try #require(elements(html).first { $0.name == "br" })
        #expect(lineBreak.attributes.isEmpty)
        #expect(lineBreak.attributes.withValue(named: "class") { $0.count } == nil)
    }

    /// Values past the room made for them (a quarter of the document) move to a larger buffer,
    /// the ones of conditional comments' parses included.
    @Test func valuesPastTheFirstRoomAreKept() {
        let long = String(repeating: "https://example.com/", count: 500)
        let html = #"<a href="\#(long)">x</a><!--[if mso]><v:roundrect href="\#(long)1"></v:roundrect><![endif]--><a href="\#(long)2">y</a>"#
        let values = elements(html).compactMap { $0.attribute("href") }
        #expect(values == [long, long + "1", long + "2"])
    }

    /// Every value, asked as a string and as bytes, on a template with styles, entities and Outlook markup.
    @Test func bytesAndStringsAgree() throws {
        let html = try String(contentsOf: TestSupport.fixtures.appendingPathComponent("demo/broken-template.html"), encoding: .utf8)
        let all = elements(html)
        #expect(all.count > 20)
        for element in all {
            for (position, attribute) in element.attributes.enumerated() {
                #expect(element.attributes.name(at: position) == attribute.name)
                let bytes = element.attributes.withValue(named: attribute.name) { Array($0) }
                if element.attributes.firstIndex(where: { $0.name == attribute.name }) == position {
                    #expect(bytes == Array((attribute.value ?? "").utf8))
                }
            }
        }
    }

    /// A command line of many files keeps them in order, options among them read as options.
    @Test func manyArgumentsKeepTheirOrder() throws {
        let paths = (0..<20_000).map { "f\($0).html" }
        let settings = try CheckCommand.parse(Array(paths[..<10_000]) + ["--format", "json"] + Array(paths[10_000...]) + ["--", "--quiet"])
        #expect(settings.paths == paths + ["--quiet"])
        #expect(settings.format == .json)
        #expect(!settings.quiet)
    }
}
