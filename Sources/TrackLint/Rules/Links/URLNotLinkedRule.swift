import TrackLintParsing
import TrackLintPlatforms

struct URLNotLinkedRule: DocumentRule {
    static let info = RuleInfo(
        code: "TL314", slug: "url-not-linked", title: "URL written as text",
        summary: "An absolute URL in visible text outside any link: not clickable in some clients and never tracked",
        rationale: """
        Platforms rewrite links, not text: a URL typed into a paragraph is never tracked. Some clients \
        turn it into a link on their own (untracked), others show it as plain text that readers must \
        copy. Mailchimp lists this among the causes of missing clicks.
        """,
        fix: "Make the URL a link: `<a href=\"https://...\">...</a>`",
        category: .links, concerns: [.clickTracking], stages: [.template, .sent], defaultSeverity: .info,
        triggering: [
            Example("<p>Read more at ↓https://x.example/news or ↓www.x.example/blog.</p>"),
            Example("<p>Order at ↓www.x.example/shop today, or at ↓www.x.example/shop tomorrow.</p>"),
        ],
        clean: [
            Example(#"<p>Read more at <a href="https://x.example/news">https://x.example/news</a>.</p>"#),
            Example("<style>.a { background: url(https://x.example/bg.png) }</style><p>x</p>"),
            Example(#"<div style="display:none">x.example www.x.example/a</div><p>x</p>"#),
        ])

    func check(_ context: inout RuleContext) {
        let document = context.document
        // Read once: each read of the document's list retained and released it.
        let textRanges = document.textRanges
        // How many links start minus how many end at each text, summed below: marking the texts of
        // each link walked them again for every link around them (unclosed `<a>` nest).
        var linkEdges = [Int](repeating: 0, count: document.texts.count + 1)
        for link in context.input.inventory.links where link.element.index < textRanges.count {
            linkEdges[textRanges[link.element.index].lowerBound] += 1
            linkEdges[textRanges[link.element.index].upperBound] -= 1
        }
        var insideLinks = [Bool](repeating: false, count: document.texts.count)
        var openLinks = 0
        for index in insideLinks.indices {
            openLinks += linkEdges[index]
            insideLinks[index] = openLinks > 0
        }
        let visibility = context.input.visibility
        // Each text read where it lies: a copy of each (most of them) retained its string.
        let texts = document.texts
        for index in texts.indices where !texts[index].isHidden && !insideLinks[index] && Self.mayHoldURL(texts[index].text) {
            let text = texts[index]
            // Text in a hidden block (a preheader, a hash-buster) is read by no one.
            if let parent = document.element(text.parent), visibility.isHidden(parent) { continue }
            let urls = Self.urls(in: text.text)
            for (url, offset) in zip(urls, document.sourceOffsets(of: urls, in: text)) {
                context.report("`\(url)` is written as text, not as a link, so it is never tracked", evidence: url,
                               element: document.element(text.parent), at: offset ?? text.sourceRange.lowerBound)
            }
        }
    }

    /// Asked of every text: searched in place, with no copy of its bytes.
    private static func mayHoldURL(_ text: String) -> Bool {
        text.withUTF8InPlace { bytes in
            func holds(_ marker: StaticString) -> Bool { marker.withUTF8Buffer { bytes.firstOffset(of: $0, in: 0..<bytes.count) != nil } }
            return holds("://") || holds("www.")
        }
    }

    /// `http(s)://...` and `www....` runs, without trailing punctuation.
    static func urls(in text: String) -> [String] {
        var found: [String] = []
        for word in text.split(whereSeparator: { $0.isWhitespace || $0 == "<" || $0 == ">" || $0 == "\"" || $0 == "(" || $0 == ")" }) {
            var candidate = Substring(word)
            while let last = candidate.last, ".,;:!?'".contains(last) { candidate = candidate.dropLast() }
            let lower = candidate.lowercased()
            guard lower.hasPrefix("http://") || lower.hasPrefix("https://") || (lower.hasPrefix("www.") && lower.count > 6)
            else { continue }
            found.append(String(candidate))
        }
        return found
    }
}
