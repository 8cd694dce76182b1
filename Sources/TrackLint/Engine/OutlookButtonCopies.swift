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
        let buttons = input.outlookButtons
        // This rule's findings by element, in order: a fallback's are looked up, not searched for.
        var positionsByElement: [Int: [Int]] = [:]
        for (position, index) in reportedElements.enumerated() { if let index { positionsByElement[index, default: []].append(position) } }
        var dropped = [Bool](repeating: false, count: reportedElements.count)
        var noted = Set<Int>()
        for (position, index) in reportedElements.enumerated() {
            guard let index, document.elements[index].inConditionalComment,
                  let button = buttons.button(at: index), button.fallback.url.trimmed == button.link.url.trimmed,
                  let target = positionsByElement[button.fallback.element.index]?.first(where: { other in
                      !dropped[other] && findings[ownStart + other].evidence == findings[ownStart + position].evidence
                  })
            else { continue }
            dropped[position] = true
            if noted.insert(target).inserted {
                findings[ownStart + target].message += " (the Outlook VML button before it has the same href)"
            }
        }
        let start = ownStart
        findings.removeAll(from: start) { position, _ in dropped[position - start] }
    }
}
