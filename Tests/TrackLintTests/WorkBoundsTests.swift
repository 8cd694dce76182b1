import Testing
@testable import TrackLint
@testable import TrackLintParsing

/// The bounds on linting (SECURITY.md): markup that repeats itself inside itself (unclosed `<a>`
/// in nested cells, elements past the nesting limit) and suppression comments by the thousand cost
/// in proportion to the input. How long they take is held to a budget by
/// `Tests/Adversarial/adversarial.py`; these pin what is read of them.
@Suite struct WorkBoundsTests {
    private static func document(_ html: String) -> HTMLDocument { HTMLParser.parse(Array(html.utf8)) }

    private static func linkIndexes(_ document: HTMLDocument) -> [Int] {
        document.elements.filter { $0.name == "a" }.map(\.index)
    }

    @Test func linksSideBySideKeepTheirWholeText() {
        let text = String(repeating: "long label ", count: 40)
        let document = Self.document(String(repeating: "<p><a href=\"https://x.example/\">\(text)</a></p>", count: 500))
        let links = Self.linkIndexes(document)
        let content = document.textContent(of: Set(links))
        #expect(links.count == 500)
        #expect(links.allSatisfy { content[$0] == text })
    }

    @Test func nestedLinksPastTwiceTheDocumentAreCut() throws {
        // Each `<a>` is left open inside a new `<span>`: each holds the text of every later one.
        let count = 300
        let html = (0..<count).map { "<span><a href=\"https://x.example/\($0)\">word\($0) " }.joined()
        let document = Self.document(html)
        let links = Self.linkIndexes(document)
        let content = document.textContent(of: Set(links))
        let whole = { (from: Int) in (from..<count).map { "word\($0) " }.joined() }
        try #require(links.count == count)
        #expect(content[links[0]] == whole(0))
        // Past the budget: the first 256 bytes of the text, which is ASCII here.
        #expect(content[links[100]] == String(whole(100).utf8.prefix(HTMLDocument.nestedTextLimit))!)
        #expect(content[links[count - 1]] == whole(count - 1))
        let joined = content.values.reduce(0) { $0 + $1.utf8.count }
        #expect(joined < 3 * document.byteCount + count * HTMLDocument.nestedTextLimit)
    }

    @Test func aCutEndsBetweenScalars() throws {
        // Texts of seven bytes: 256 falls inside the 37th text's second three-byte euro sign.
        let html = (0..<300).map { "<span><a href=\"https://x.example/\($0)\">€€ " }.joined()
        let document = Self.document(html)
        let links = Self.linkIndexes(document)
        let cut = try #require(document.textContent(of: Set(links))[links[150]])
        #expect(cut.utf8.count == HTMLDocument.nestedTextLimit - 1)
        #expect(!cut.unicodeScalars.contains("\u{FFFD}"))
    }

    @Test func elementsPastTheNestingLimitAreChildrenOfTheDeepestOne() throws {
        let depth = HTMLParser.maximumElementDepth + 50
        let document = Self.document(String(repeating: "<div>", count: depth) + "<a href=\"https://x.example/\">x</a>")
        let divs = document.elements.filter { $0.name == "div" && !$0.isImplied }
        let deepest = try #require(divs.last { $0.parent != divs.last?.parent })
        // html, body: the first div is the third element, and the limit counts them.
        #expect(deepest.index == HTMLParser.maximumElementDepth - 1)
        #expect(divs.drop { $0.index <= deepest.index }.allSatisfy { $0.parent == deepest.index })
        #expect(document.elements.last?.name == "a")
        #expect(document.elements.last?.parent == deepest.index)
        #expect(document.limitsReached == [.nesting])
    }

    @Test func suppressionCommentsPastTheLimitAreIgnoredWithOneFinding() {
        let directive = "<!-- tracklint-disable-next-line TL301 -->\n<a href=\"/relative\">x</a>\n"
        let html = String(repeating: directive, count: InlineSuppressions.maximumDirectives + 2)
        let findings = TestSupport.lint(html).filter { ["TL301", "TL902"].contains($0.code) }
        let line = 2 * InlineSuppressions.maximumDirectives + 1
        #expect(findings.map { "\($0.code) \($0.location.line ?? 0):\($0.location.column ?? 0) \($0.evidence)" } == [
            "TL902 \(line):1 <!-- tracklint-disable-next-line TL301 -->",
            "TL301 \(line + 1):10 /relative",
            "TL301 \(line + 3):10 /relative",
        ])
        #expect(findings.first?.message == "Suppression comment `tracklint-disable-next-line TL301` is invalid: the document has "
            + "more than 1000 suppression comments; this one and the rest are ignored")
        #expect(findings.first?.help == "Suppress a rule everywhere in the config (`rules`), or accept today's findings with a baseline")
    }

    @Test func thousandsOfFixesApplyAndOverlapsAreSkipped() {
        // Line i is `x<i>`: a fix per line puts `=` before it, one replaces the `x` of line 5 (the
        // insertion at its start still applies), and one overlaps its own other edit: skipped, where
        // it was applied and its bytes could not be written.
        let source = Array((0..<3_000).map { "x\($0)\n" }.joined().utf8)
        var fixes = (0..<3_000).map { Fix(description: "d", applicability: .safe, edits: [Edit(line: $0 + 1, column: 1, length: 0, text: "=")]) }
        fixes.append(Fix(description: "replacing", applicability: .safe, edits: [Edit(line: 5, column: 1, length: 1, text: "y")]))
        fixes.append(Fix(description: "self-overlapping", applicability: .safe, edits: [
            Edit(line: 7, column: 2, length: 1, text: "a"), Edit(line: 7, column: 1, length: 2, text: "b"),
        ]))
        let outcome = FixApplier.apply(fixes, to: source)
        #expect(outcome.applied.count == 3_001)
        #expect(outcome.skipped.map(\.description) == ["self-overlapping"])
        let lines = String(decoding: outcome.bytes, as: UTF8.self).split(separator: "\n")
        #expect(lines.prefix(6) == ["=x0", "=x1", "=x2", "=x3", "=y4", "=x5"])
        #expect(lines.last == "=x2999")
    }

    @Test func aCallAfterManyMergeTagsIsRead() {
        let href = String(repeating: "{{ tag }}", count: 2_000) + "{{ TrackLink \"https://x.example/\" }}"
        #expect(TrackingMarks.quotedArgument(of: "TrackLink", in: href) == "https://x.example/")
        #expect(TrackingMarks.quotedArgument(of: "TrackLink", in: String(repeating: "{{ tag }}", count: 2_000)) == nil)
        #expect(TrackingMarks.quotedArgument(of: "TrackLink", in: "{{TrackLink \"https://x.example/\"  }}") == "https://x.example/")
        #expect(TrackingMarks.quotedArgument(of: "TrackLink", in: "{{ TrackLink \"https://x.example/\" }") == nil)
    }
}
