import TrackLintParsing
import TrackLintPlatforms

struct UnsubscribeMissingRule: DocumentRule {
    static let info = RuleInfo(
        code: "TL402", slug: "unsubscribe-missing", title: "No unsubscribe link in the body",
        summary: "No link reads as unsubscribe (in any common language) and no unsubscribe placeholder is present",
        rationale: """
        Marketing mail must let readers leave the list from the body (CAN-SPAM, GDPR, and Gmail and \
        Yahoo's bulk-sender rules). Without a visible unsubscribe link, readers press "report spam" \
        instead, which hurts deliverability far more. tracklint looks for links whose text, URL or \
        title says unsubscribe in the common languages (unsubscribe, opt out, abmelden, se \
        désabonner, darse de baja, afmelden, disiscriviti, отписаться, ...) and for every \
        platform's unsubscribe placeholder. Not raised for transactional mail (an inferred one gets \
        it at info, since the diagnosis says there is none), nor for template fragments (HTML \
        without `<html>` or `<body>`), which are parts of a larger email, nor for the templates of \
        a platform that adds its own unsubscribe footer to mail without one (Klaviyo, Marketo, \
        Constant Contact, Postmark's broadcasts).
        """,
        fix: "Add an unsubscribe link (or the platform's unsubscribe placeholder) to the footer",
        customer: CustomerWording(cause: "the email has no unsubscribe link",
                                  remedy: "add an unsubscribe link to the footer"),
        category: .unsubscribe, concerns: [.unsubscribe], stages: [.template, .sent], defaultSeverity: .warning, contexts: [.campaign, .test],
        triggering: [
            Example("⇣<html><body>\n<p>Our spring sale: <a href=\"https://x.example/sale\">shop now</a>.</p></body></html>",
                    checksVariants: false),
            Example("<mjml>\n⇣<mj-body><mj-section><mj-column>\n<mj-button href=\"https://x.example/sale\">Shop now</mj-button>\n</mj-column></mj-section></mj-body></mjml>",
                    checksVariants: false),
        ],
        clean: [
            Example("<mjml><mj-body><mj-text><a href=\"{{ unsubscribe_url }}\">Unsubscribe</a></mj-text></mj-body></mjml>", checksVariants: false),
            Example(#"<p><a href="https://x.example/sale">Sale</a> · <a href="https://x.example/prefs">Newsletter abbestellen</a></p>"#),
            Example(#"<p><a href="https://x.example/sale">Sale</a> <a href="*|UNSUB|*">Leave</a></p>"#),
            Example(#"<p><a href="https://x.example/u?id=1" title="Unsubscribe">✕</a></p>"#),
            Example(#"<p>A fragment of a template: <a href="https://x.example/sale">Sale</a></p>"#),
            // Constant Contact's custom code: its footer, with the unsubscribe link, is added to every mail.
            Example(#"<html><body><p>Thanks, [[FIRSTNAME OR "there"]]! <a href="https://x.example/sale">Sale</a></p></body></html>"#,
                    checksVariants: false),
        ])

    func check(_ context: inout RuleContext) {
        let document = context.document
        let isWholeEmail = context.stage == .sent
            || document.elements.contains { ($0.name.isName("html") || $0.name.isName("body") || MJMLComponents.documentElements.contains($0.name))
                && !$0.isImplied }
        guard isWholeEmail, !context.input.hasUnsubscribeLinkOrPlaceholder,
              !(context.stage == .template && context.input.platformAppendsUnsubscribeFooter) else { return }
        let links = context.input.inventory.links.count
        context.reportDocument("No unsubscribe link or placeholder in the body", evidence: "\(links) link\(links == 1 ? "" : "s")")
    }
}
