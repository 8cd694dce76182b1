import TrackLintParsing
import TrackLintPlatforms

struct LinkMarkupBrokenRule: DocumentRule {
    static let info = RuleInfo(
        code: "TL321", slug: "link-markup-broken", title: "Broken anchor markup",
        summary: "An `<a>` is not well formed: its href's closing quote is missing, it holds another `<a>`, or its URL is in a misspelled attribute",
        rationale: """
        The click-tracking guides of every platform say it first: make sure the anchor tags are \
        correctly formed. Browsers and mail clients repair broken markup each in their own way, and \
        the platform's link rewriter in yet another. A missing closing quote makes the href run into \
        the markup after it (`<a href="https://x.example/a>Click here</a> ...`): the link is dead and \
        swallows the text and links that follow. An `<a>` written inside another `<a>` is closed \
        early by HTML parsers, so clients open either link or neither. An `<a>` whose URL sits in a \
        misspelled attribute (`hre=`, `herf=`, `url=`) is no link at all: its text cannot be clicked \
        and nothing is tracked.
        """,
        fix: "Correct the anchor: close the href's quote, close the first link before the next one starts, spell `href`",
        customer: CustomerWording(cause: "the link's code is broken (a quote or a tag is missing)",
                                  remedy: "create the link again in the email editor"),
        category: .links, concerns: [.clickTracking], deadensLink: true, stages: [.template, .sent], defaultSeverity: .error,
        triggering: [
            Example(#"<p><a href="↓https://x.example/a>Click here</a> and more</p>"#),
            Example(#"<p><a href="https://x.example/b">Shop ↓<a href="https://x.example/c">now</a></a></p>"#),
            Example(#"<p><a hre="↓https://x.example/d">Docs</a> <a herf="↓https://x.example/e">Help</a></p>"#),
            Example(#"<p><a hre"↓https://x.example/f">Fused</a> <a url='↓https://x.example/g'>Url</a></p>"#),
        ],
        clean: [
            Example(#"<a href="https://x.example/a?q=%3E">A</a> <a href="<%asm_group_unsubscribe_raw_url%>">Unsubscribe</a>"#),
            Example(#"<a href="https://x.example/b">B</a><a href="https://x.example/c">C</a>"#),
            Example(#"<a name="top"></a><a data-href="https://x.example/d">D</a> <a href="https://x.example/e" rel="noopener">E</a>"#),
        ],
        corrections: [
            Correction(#"<p>Grüße <a href="https://x.example/a>Click here</a> and more</p>"#,
                       #"<p>Grüße <a href="https://x.example/a">Click here</a> and more</p>"#),
            Correction(#"<p><a hre="https://x.example/d">Docs</a></p>"#, #"<p><a href="https://x.example/d">Docs</a></p>"#),
        ])

    func check(_ context: inout RuleContext) {
        for link in context.input.inventory.links {
            guard let offset = AnchorMarkup.missingQuoteOffset(in: link.url.raw) else { continue }
            reportMissingQuote(link, at: offset, in: &context)
        }
        let document = context.document
        for (outer, inner) in AnchorMarkup.unclosedAnchors(in: document) {
            let line = outer.startTag.map { document.source.position(ofOffset: $0.lowerBound).line } ?? 0
            let href = inner.attribute("href") ?? ""
            context.report("Link `\(href)` starts inside the link `\(outer.attribute("href") ?? "")` of line \(line), which is not closed: clients open either link or neither",
                           evidence: href, element: inner,
                           help: "Close the first link with `</a>` before the second starts, or remove one of them")
        }
        // Only anchors can misspell their href: the others are not copied out to be asked.
        let elements = document.elements
        for index in elements.indices where elements[index].name.isName("a") {
            let element = elements[index]
            guard let misspelled = AnchorMarkup.misspelledHref(of: element, in: document) else { continue }
            context.report("Link has no `href`: its URL `\(misspelled.url)` is written as `\(misspelled.written)`, so it cannot be clicked or tracked",
                           evidence: misspelled.url, element: element, at: misspelled.urlOffset,
                           help: "Write `\(misspelled.replacement)` instead of `\(document.source.string(misspelled.nameRange))`",
                           fix: ValueFix("Write `\(misspelled.replacement)`", applicability: .unsafe,
                                         change: .replaceSource(misspelled.nameRange, misspelled.replacement)))
        }
    }

    /// The href runs on into the markup after it; the quote belongs before the first `>`.
    private func reportMissingQuote(_ link: URLAttribute, at offset: Int, in context: inout RuleContext) {
        let value = link.url.raw
        let meant = String(decoding: value.utf8.prefix(offset), as: UTF8.self)
        let following = String(String(decoding: value.utf8.dropFirst(offset), as: UTF8.self)
            .split(whereSeparator: \.isWhitespace).joined(separator: " ").prefix(30))
        let quote = context.document.valueOffset(of: link.attribute, in: link.element)
            .flatMap { $0.lowerBound > 0 ? context.document.source.bytes[$0.lowerBound - 1] : nil }
            .flatMap { $0 == UInt8(ascii: "'") ? "'" : ($0 == UInt8(ascii: "\"") ? "\"" : nil) }
        let unambiguous = !meant.isEmpty && !meant.contains(where: \.isWhitespace)
        context.report("Link `\(meant)` has no closing quote: its href runs on into the markup after it (`\(following)`…), so the link is dead and swallows what follows",
                       evidence: value, element: link.element, attribute: link.attribute,
                       help: "Close the href's quote: `\(link.attribute)=\"\(meant)\"`",
                       fix: quote.flatMap { quote in
                           unambiguous ? ValueFix("Close the quote after `\(meant)`", applicability: .safe,
                                                  change: .insertInValue(at: offset, quote)) : nil
                       })
    }
}
