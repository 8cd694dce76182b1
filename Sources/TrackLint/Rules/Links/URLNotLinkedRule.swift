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
            // Template code: a tag's argument, a Salesforce AMPscript block.
            Example(#"<p>{{ "https://x.example/a" | tracked }}</p> %%[ SET @privacy = "https://x.example/privacy.pdf" ]%%"#),
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

    /// `http(s)://...` and `www....` runs, without trailing punctuation, outside template code.
    static func urls(in text: String) -> [String] {
        let code = codeRanges(in: text)
        var nextCode = 0
        // The UTF-8 offset of each candidate, counted on from the one before.
        var counted = (index: text.startIndex, offset: 0)
        var found: [String] = []
        for word in text.split(whereSeparator: { $0.isWhitespace || $0 == "<" || $0 == ">" || $0 == "\"" || $0 == "(" || $0 == ")" }) {
            var candidate = Substring(word)
            while let last = candidate.last, ".,;:!?'".contains(last) { candidate = candidate.dropLast() }
            let lower = candidate.lowercased()
            guard lower.hasPrefix("http://") || lower.hasPrefix("https://") || (lower.hasPrefix("www.") && lower.count > 6)
            else { continue }
            if nextCode < code.count {
                counted = (candidate.startIndex, counted.offset + text.utf8.distance(from: counted.index, to: candidate.startIndex))
                while nextCode < code.count && code[nextCode].upperBound <= counted.offset { nextCode += 1 }
                if nextCode < code.count && code[nextCode].contains(counted.offset) { continue }
            }
            found.append(String(candidate))
        }
        return found
    }

    /// Where a text is template code, which readers never see as written (UTF-8 offsets, in order):
    /// its template tags (`{{ "https://..." | tracked }}`; in sent mail, TL315 reports one left
    /// unresolved), and Salesforce's AMPscript blocks (`%%[ SET @link = "https://..." ]%%`), which
    /// are longer than tags may be. Bracketed prose (`[1]`, `|URL|`) is text.
    static func codeRanges(in text: String) -> [Range<Int>] {
        var ranges = MergeTags.spans(in: text).filter { !$0.dialect.isAlsoProse }.map(\.range)
        text.withUTF8InPlace { bytes in
            var from = 0
            while let open = bytes.firstOffset(of: ampscriptOpen, in: from..<bytes.count) {
                let close = bytes.firstOffset(of: ampscriptClose, in: (open + 3)..<bytes.count).map { $0 + 3 } ?? bytes.count
                ranges.append(open..<close)
                from = close
            }
        }
        return ranges.sorted { $0.lowerBound < $1.lowerBound }
    }

    private static let ampscriptOpen = Array("%%[".utf8)
    private static let ampscriptClose = Array("]%%".utf8)
}
