import Testing
@testable import TrackLintParsing

/// Attribute look-ups answered by the element's name bits: a name whose bit is clear is absent,
/// and every other one is still compared, including names that share a bit and names not in ASCII.
@Suite struct AttributeNameBitsTests {
    private static let document = HTMLParser.parse(Array("""
        <div class=a role=b data-é=x></div><p></p>
        """.utf8))

    @Test func lookUpsAgreeWithAComparisonOfEveryName() {
        let division = Self.document.elements.first { $0.name == "div" }!
        let names = division.attributes.map(\.name)
        // `class` and `colour` share a bit, as do `role` and `lang`.
        for name in ["class", "colour", "role", "lang", "data-é", "hidden", "style", ""] {
            #expect(division.attributes.contains(named: name) == names.contains(name), "\(name)")
            #expect(division.attribute(name) == division.attributes.first { $0.name == name }?.value, "\(name)")
        }
        #expect(Self.document.elements.first { $0.name == "p" }!.attributes.contains(named: "class") == false)
    }
}
