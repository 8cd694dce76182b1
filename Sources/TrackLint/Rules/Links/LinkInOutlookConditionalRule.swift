import TrackLintParsing
import TrackLintPlatforms

struct LinkInOutlookConditionalRule: DocumentRule {
    static let info = RuleInfo(
        code: "TL309", slug: "link-in-outlook-conditional", title: "Link in an Outlook conditional comment",
        summary: "A link inside `<!--[if mso]>` (a VML button) is not rewritten while other links are, or differs from its fallback",
        rationale: """
        Bulletproof buttons draw a VML shape for Outlook inside `<!--[if mso]> ... <![endif]-->` and \
        an ordinary `<a>` for every other client. Many platforms do not look inside comments when \
        they rewrite links for click tracking, so Outlook desktop users click an untracked link. In a \
        template, the VML `href` and the fallback `<a href>` are two copies of one URL that drift \
        apart when someone edits only one of them.
        """,
        fix: "Keep the VML href and the fallback href identical, and check the platform rewrites links in conditional comments",
        customer: CustomerWording(cause: "the Outlook version of a button is not tracked",
                                  remedy: "give the Outlook button the same link as the regular button"),
        category: .links, concerns: [.clickTracking], stages: [.template, .sent], defaultSeverity: .warning,
        triggering: [
            Example("""
            <td><!--[if mso]><v:roundrect href="↓https://x.example/old-offer" style="width:200px"><center>Shop</center></v:roundrect><![endif]-->
            <!--[if !mso]><!--><a href="https://x.example/offer">Shop</a><!--<![endif]--></td>
            """, checksVariants: false),
            Example("""
            <a href="https://t.x.example/c/0a1b2c3d4e5f6a7b8c9d">Shop</a>
            <!--[if mso]><v:rect href="↓https://www.x.example/direct"><center>Shop</center></v:rect><![endif]-->
            <img src="https://t.x.example/o/0a1b2c3d4e5f6a7b8c9d" width="1" height="1" alt="">
            """, stage: .sent, checksVariants: false),
        ],
        clean: [
            Example("""
            <td><!--[if mso]><v:roundrect href="https://x.example/offer"><center>Shop</center></v:roundrect><![endif]-->
            <!--[if !mso]><!--><a href="https://x.example/offer">Shop</a><!--<![endif]--></td>
            """),
        ])

    func check(_ context: inout RuleContext) {
        let inventory = context.input.inventory
        let tracking = context.input.tracking
        let document = context.document
        for link in inventory.links where link.element.inConditionalComment {
            let fallback = Self.fallback(for: link, in: inventory, document: document, labels: context.input.linkTexts)
            if context.stage == .sent, !tracking.trackingHosts.isEmpty, link.url.isWeb, !tracking.isTracked(link),
               inventory.links.contains(where: { !$0.element.inConditionalComment && tracking.isTracked($0) }) {
                // A fallback with the same untracked href is TL307's: the Outlook copy is not singled out.
                if fallback?.url.trimmed == link.url.trimmed { continue }
                context.report("Outlook-only link `\(link.url.trimmed)` was not rewritten while the other links were, so Outlook desktop clicks go untracked",
                               evidence: link.url.raw, element: link.element, attribute: link.attribute)
                continue
            }
            guard context.stage == .template, let fallback, fallback.url.trimmed != link.url.trimmed else { continue }
            context.report("Outlook button links to `\(link.url.trimmed)` but its fallback link to `\(fallback.url.trimmed)`",
                           evidence: link.url.raw, element: link.element, attribute: link.attribute)
        }
    }

    /// The ordinary link that follows a conditional link in the same container with the same
    /// label or the same href: the button's version for every client but Outlook.
    /// How many following links are looked at: the fallback comes right after the Outlook version.
    static let fallbackWindow = 3

    static func fallback(for link: URLAttribute, in inventory: LinkInventory, document: HTMLDocument,
                         labels: [Int: String]) -> URLAttribute? {
        // Up the parents by index: a list of the ancestors, or each one asked for, copied them.
        let elements = document.elements
        func parent(of index: Int) -> Int? { elements[index].parent.flatMap { elements.indices.contains($0) ? $0 : nil } }
        var outside = parent(of: link.element.index)
        while let index = outside, elements[index].inConditionalComment { outside = parent(of: index) }
        guard let container = outside else { return nil }
        func isInside(_ element: HTMLElement) -> Bool {
            var current = parent(of: element.index)
            while let ancestor = current {
                if ancestor == container { return true }
                current = parent(of: ancestor)
            }
            return false
        }
        let candidates = inventory.links[firstLink(after: link.element.index, in: inventory.links)...].lazy
            .filter { !$0.element.inConditionalComment }
            .prefix(fallbackWindow).filter { isInside($0.element) }
        func label(_ attribute: URLAttribute) -> String {
            LinkRow.words(of: labels[attribute.element.index] ?? "").lowercased()
        }
        let vmlLabel = label(link)
        return candidates.first { (!vmlLabel.isEmpty && label($0) == vmlLabel) || $0.url.trimmed == link.url.trimmed }
    }

    /// The position of the first link of a later element: links are in document order, one an
    /// element, so it is found by halving rather than by a look at every link before it.
    private static func firstLink(after elementIndex: Int, in links: [URLAttribute]) -> Int {
        var low = 0
        var high = links.count
        while low < high {
            let middle = (low + high) / 2
            if links[middle].element.index > elementIndex { high = middle } else { low = middle + 1 }
        }
        return low
    }
}
