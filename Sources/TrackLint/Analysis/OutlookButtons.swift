import TrackLintParsing

/// Bulletproof buttons: each link inside an Outlook conditional comment (a VML button) paired with
/// the ordinary link that stands for it in every other client. Worked out once per document, for
/// TL309 and for the merge of one mistake reported on both copies (`mergeOutlookCopies`): asked per
/// link, a document made of conditional links had every later link walked for each one.
public struct OutlookButtons: Sendable {
    public struct Button: Sendable {
        /// The link inside the conditional comment.
        public let link: URLAttribute
        /// The ordinary link after it, in the same container, with the same label or href.
        public let fallback: URLAttribute
    }

    /// By the element index of the conditional link; only links that have a fallback.
    private let buttons: [Int: Button]

    /// How many following ordinary links are looked at: the fallback comes right after the Outlook version.
    static let fallbackWindow = 3

    init(input: LintInput) {
        let links = input.inventory.links
        guard links.contains(where: \.element.inConditionalComment) else {
            buttons = [:]
            return
        }
        let document = input.document
        let labels = input.linkTexts
        // For each position, the first link at or after it that is outside conditional comments.
        var nextOrdinary = [Int](repeating: links.count, count: links.count + 1)
        for position in links.indices.reversed() {
            nextOrdinary[position] = links[position].element.inConditionalComment ? nextOrdinary[position + 1] : position
        }
        func label(_ link: URLAttribute) -> String {
            LinkRow.words(of: labels[link.element.index] ?? "").lowercased()
        }
        var buttons: [Int: Button] = [:]
        for position in links.indices where links[position].element.inConditionalComment {
            let link = links[position]
            guard let container = Self.container(of: link.element, in: document) else { continue }
            // Links are in document order, one per element: the candidates are the ordinary links after it.
            var candidate = nextOrdinary[position + 1]
            let vmlLabel = label(link)
            for _ in 0..<Self.fallbackWindow where candidate < links.count {
                let other = links[candidate]
                if document.isInside(other.element, container),
                   (!vmlLabel.isEmpty && label(other) == vmlLabel) || other.url.trimmed == link.url.trimmed {
                    buttons[link.element.index] = Button(link: link, fallback: other)
                    break
                }
                candidate = nextOrdinary[candidate + 1]
            }
        }
        self.buttons = buttons
    }

    /// The button whose conditional link is the element at `elementIndex`, if it has a fallback.
    public func button(at elementIndex: Int) -> Button? { buttons[elementIndex] }

    /// The nearest ancestor of a conditional element that is outside every conditional comment.
    private static func container(of element: HTMLElement, in document: HTMLDocument) -> Int? {
        var outside = document.element(element.parent)
        while let ancestor = outside, ancestor.inConditionalComment { outside = document.element(ancestor.parent) }
        return outside?.index
    }
}
