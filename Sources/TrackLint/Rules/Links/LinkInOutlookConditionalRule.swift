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
        let buttons = context.input.outlookButtons
        // Asked once: per conditional link, it walked every link of a document that has no tracked one.
        lazy var othersTracked = inventory.links.contains { !$0.element.inConditionalComment && tracking.isTracked($0) }
        for link in inventory.links where link.element.inConditionalComment {
            let fallback = buttons.button(at: link.element.index)?.fallback
            if context.stage == .sent, !tracking.trackingHosts.isEmpty, link.url.isWeb, !tracking.isTracked(link), othersTracked {
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
}
