import TrackLintParsing
import TrackLintPlatforms

/// What a link is, as a customer would name it: the verdicts say which kinds of links fail.
public enum LinkKind: String, Codable, Sendable, CaseIterable {
    case footer, legal, social, unsubscribe
}

/// One link of the body the diagnosis reads, with what the verdicts and the customer answer need:
/// where it is (to match findings to it), what it reads, what kind of link it is.
public struct LinkFacts: Codable, Sendable, Equatable {
    /// The link's visible text (or its image's alt text), shortened.
    public let text: String
    public let url: String
    public let line: Int
    /// The start tag's bytes in the parsed HTML: a finding whose offset falls inside is about this link.
    public let tag: Range<Int>
    /// In `LinkKind.allCases` order, so that it encodes the same every time.
    public let kinds: [LinkKind]
    /// An absolute http(s) link with a host: those the "N of M links" count.
    public let isWeb: Bool
    /// Whether it should go through the tracking host and does not (a TL307 link).
    public let isUntracked: Bool

    /// Texts are cut to this many characters.
    package static let maximumTextLength = 60

    /// The links of a document, at most `BodyDetails.maximumLinks` of them. `untracked`: the element
    /// indexes of the TL307 links, which the diagnosis counts too.
    package static func all(in input: LintInput, untracked: Set<Int>) -> [LinkFacts] {
        let inventory = input.inventory
        let web = Set(inventory.webLinks.map(\.element.index))
        let unsubscribe = input.unsubscribeLinkIndexes
        let footerStart = LinkKinds.footerStart(of: input.document, unsubscribe: unsubscribe)
        var footers = FooterElements(input.document)
        // Read once: each read of the lazy property copied the dictionary.
        let texts = input.linkTexts
        return inventory.links.prefix(BodyDetails.maximumLinks).compactMap { link in
            guard let tag = link.element.startTag else { return nil }
            var words = LinkRow.words(of: texts[link.element.index] ?? "")
            if words.isEmpty { words = LinkRow.imageText(inside: link.element, of: input.document) }
            let kinds = LinkKinds.kinds(of: link, text: words, inFooterElement: footers.contains(link.element.index), footerStart: footerStart,
                                        isUnsubscribe: unsubscribe.contains(link.element.index))
            // No more bytes than the limit is no more Characters: most texts are not counted.
            let isLong = words.utf8.count > maximumTextLength && words.count > maximumTextLength
            let text = isLong ? words.prefix(maximumTextLength) + "…" : words
            return LinkFacts(text: text, url: link.url.trimmed,
                             line: input.document.source.position(ofOffset: tag.lowerBound).line, tag: tag,
                             kinds: kinds,
                             isWeb: web.contains(link.element.index), isUntracked: untracked.contains(link.element.index))
        }
    }

    /// How a customer recognises it: its text in quotes, or its address, shortened.
    public var label: String {
        if text.hasPrefix("[image: "), text.hasSuffix("]") { return "the image “\(text.dropFirst(8).dropLast())”" }
        if text == "[image]" { return "an image link" }
        if !text.isEmpty { return "“\(text)”" }
        if url.isEmpty { return "a link without an address" }
        let reference = URLReference(url)
        let shown = reference.host.map { $0 + reference.path } ?? url
        return shown.count > Self.maximumTextLength ? String(shown.prefix(Self.maximumTextLength)) + "…" : shown
    }
}

/// Tells footer, legal and social links apart, from where they are and what they read.
package enum LinkKinds {
    /// Words in a link's text or path that name an imprint, privacy, terms or cookie page.
    package static let legalWords = [
        "imprint", "impressum", "privacy", "datenschutz", "terms", "agb", "legal", "cookie", "disclaimer", "mentions légales",
        "confidentialité", "privacidad", "aviso legal", "privacy policy", "rechtliche hinweise", "nutzungsbedingungen",
    ]
    /// Social networks' domains (a link to one is a "follow us" link).
    package static let socialDomains = [
        "facebook.com", "fb.com", "instagram.com", "twitter.com", "x.com", "linkedin.com", "youtube.com", "youtu.be",
        "tiktok.com", "pinterest.com", "xing.com", "threads.net", "whatsapp.com", "wa.me", "t.me", "snapchat.com",
        "tumblr.com", "vimeo.com", "bsky.app", "reddit.com", "mastodon.social", "flickr.com", "discord.gg",
    ]
    private static let socialDomainList = DomainList(socialDomains)
    private static let legalPhrases = PhraseSet(legalWords)
    /// The word in a class or id that makes an element a footer.
    private static let footerWord = PhraseSet(["footer"])
    /// Links in the last part of the body, by bytes, are footer links even without a footer element.
    package static let footerShare = 0.8

    /// In `LinkKind.allCases` order, as `LinkFacts.kinds` is: a Set built per link cost more than
    /// the look at it.
    package static func kinds(of link: URLAttribute, text: String, inFooterElement: Bool, footerStart: Int,
                              isUnsubscribe: Bool) -> [LinkKind] {
        var kinds: [LinkKind] = []
        let url = link.url
        if (link.element.startTag?.lowerBound ?? 0) >= footerStart || inFooterElement { kinds.append(.footer) }
        // Joined without a String; the empty third part adds a space after the path, where no
        // phrase (none ends in a space) can end.
        if legalPhrases.occurs(inIgnoringCase: text, url.path, "") { kinds.append(.legal) }
        if let host = url.host, isSocial(host) { kinds.append(.social) }
        if isUnsubscribe { kinds.append(.unsubscribe) }
        return kinds
    }

    /// Whether the host is a social network's domain or under one.
    private static func isSocial(_ host: String) -> Bool { socialDomainList.firstIndex(containing: host) != nil }

    /// Where the footer starts: at the first unsubscribe link, or at `footerShare` of the body.
    package static func footerStart(of document: HTMLDocument, unsubscribe: Set<Int>) -> Int {
        let share = Int(Double(document.byteCount) * footerShare)
        let firstUnsubscribe = unsubscribe.compactMap { document.elements[$0].startTag?.lowerBound }.min()
        return min(share, firstUnsubscribe ?? share)
    }

    /// Whether an element is itself `<footer>` or has a class or id (the first of each) that says footer.
    fileprivate static func isFooter(_ element: HTMLElement) -> Bool {
        // The element's look-ups compare names in place: walking the attributes copied each one's strings.
        func saysFooter(_ value: String?) -> Bool { value.map { footerWord.occurs(inIgnoringCase: $0) } ?? false }
        return element.name.isName("footer")
            || !element.attributes.isEmpty && (saysFooter(element.attribute("class")) || saysFooter(element.attribute("id")))
    }
}

/// Which elements are inside (or are) `<footer>` or an element whose class or id says footer,
/// worked out up the ancestors of the elements asked about, each element once: links' ancestors
/// are a small part of a document's elements.
package struct FooterElements {
    private let elements: [HTMLElement]
    private var known: [Bool?]
    /// The elements between the one asked about and the first ancestor known, reused.
    private var chain: [Int] = []

    package init(_ document: HTMLDocument) {
        elements = document.elements
        known = [Bool?](repeating: nil, count: document.elements.count)
        // Deep enough for a newsletter's nesting of tables, which otherwise grows it several times.
        chain.reserveCapacity(32)
    }

    package mutating func contains(_ index: Int) -> Bool {
        var inside = false
        var current: Int? = index
        chain.removeAll(keepingCapacity: true)
        // Read in place: the array's subscript copied each element looked at.
        let elements = self.elements
        elements.withUnsafeBufferPointer { elements in
            while let element = current {
                if let answer = known[element] {
                    inside = answer
                    break
                }
                chain.append(element)
                current = elements[element].parent
            }
            // From the outermost down: inside a footer, or a footer itself.
            for element in chain.reversed() {
                inside = inside || LinkKinds.isFooter(elements[element])
                known[element] = inside
            }
        }
        return inside
    }
}
