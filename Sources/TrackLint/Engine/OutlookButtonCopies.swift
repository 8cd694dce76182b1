import TrackLintParsing
import TrackLintPlatforms

extension RuleContext {
    /// Merges the rule's findings on an Outlook VML button into its fallback `<a>`'s when both are
    /// written with the same href: one mistake written twice is one finding, on the link every
    /// client but Outlook shows, and it says that the button has it too.
    package mutating func mergeOutlookCopies() {
        // Asked after every rule, most of which report nothing on an input.
        guard !reportedElements.isEmpty else { return }
        let document = input.document
        guard reportedElements.contains(where: { $0.map { document.elements[$0].inConditionalComment } ?? false }) else { return }
        let inventory = input.inventory
        var dropped = Set<Int>()
        var noted = Set<Int>()
        for (position, index) in reportedElements.enumerated() {
            guard let index, document.elements[index].inConditionalComment,
                  let link = inventory.links.first(where: { $0.element.index == index }),
                  let fallback = LinkInOutlookConditionalRule.fallback(for: link, in: inventory, document: document,
                                                                       labels: input.linkTexts),
                  fallback.url.trimmed == link.url.trimmed,
                  let target = reportedElements.indices.first(where: { other in
                      reportedElements[other] == fallback.element.index && !dropped.contains(other)
                          && findings[ownStart + other].evidence == findings[ownStart + position].evidence
                  })
            else { continue }
            dropped.insert(position)
            if noted.insert(target).inserted {
                findings[ownStart + target].message += " (the Outlook VML button before it has the same href)"
            }
        }
        for position in dropped.sorted(by: >) { findings.remove(at: ownStart + position) }
    }
}
