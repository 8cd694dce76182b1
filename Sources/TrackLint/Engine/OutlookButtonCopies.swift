import TrackLintParsing
import TrackLintPlatforms

extension RuleContext {
    /// The findings, with those on an Outlook VML button merged into its fallback `<a>`'s when both
    /// are written with the same href: one mistake written twice is one finding, on the link every
    /// client but Outlook shows, and it says that the button has it too.
    package func findingsMergingOutlookCopies() -> [Finding] {
        let document = input.document
        guard reportedElements.contains(where: { $0.map { document.elements[$0].inConditionalComment } ?? false }) else {
            return findings
        }
        let inventory = input.inventory
        var merged = findings
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
                          && findings[other].evidence == findings[position].evidence
                  })
            else { continue }
            dropped.insert(position)
            if noted.insert(target).inserted { merged[target].message += " (the Outlook VML button before it has the same href)" }
        }
        return merged.enumerated().filter { !dropped.contains($0.offset) }.map(\.element)
    }
}
