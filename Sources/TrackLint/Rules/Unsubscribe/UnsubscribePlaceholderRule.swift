import TrackLintParsing
import TrackLintPlatforms

struct UnsubscribePlaceholderRule: DocumentRule {
    static let info = RuleInfo(
        code: "TL401", slug: "unsubscribe-placeholder", title: "Unsubscribe placeholder left in a sent message",
        summary: "An unsubscribe placeholder (`|URL|`, `{unsubscribe_url}`, `*|UNSUB|*`, ...) reached the reader unresolved",
        rationale: """
        Platforms replace their unsubscribe placeholder with a link unique to each contact. When the \
        placeholder is still in the sent message, the unsubscribe link is dead: the reader cannot \
        leave the list, and Gmail and Yahoo count that against the sender. The usual cause is a test \
        or "send example" mail that went to a platform user instead of a contact (Mautic leaves \
        `|URL|` in its unsubscribe text then), or a misspelled token such as `| URL|`.
        """,
        fix: "Send to a contact through a segment or campaign, and check the token's spelling",
        customer: CustomerWording(cause: "the unsubscribe link was never filled in (its placeholder is still there), so it leads nowhere",
                                  remedy: "send through a list, segment or campaign, and check the spelling of the unsubscribe placeholder"),
        category: .unsubscribe, concerns: [.unsubscribe], deadensLink: true, stages: [.sent], defaultSeverity: .error,
        triggering: [
            Example(#"<a href="https://m.x.example/↓|URL|">Unsubscribe</a>"#, stage: .sent),
            Example(#"<a href="↓*|UNSUB|*">Unsubscribe</a> <a href="↓<%asm_group_unsubscribe_raw_url%>">Leave</a>"#, stage: .sent),
            Example(#"<p>To leave, visit ↓{unsubscribe_url}</p>"#, stage: .sent),
            Example(#"<p>↓<unsubscribe>Unsubscribe</unsubscribe></p>"#, stage: .sent),
        ],
        clean: [
            Example(#"<a href="https://m.x.example/email/unsubscribe/5f1e2d3c">Unsubscribe</a>"#, stage: .sent),
            Example(#"<a href="{unsubscribe_url}">Unsubscribe</a>"#, stage: .template),
        ])

    func check(_ context: inout RuleContext) {
        let inventory = context.input.inventory
        for reference in inventory.links + inventory.images {
            for span in UnsubscribePlaceholders.spans(in: reference.url) {
                context.report(Self.message(span), evidence: span.text, element: reference.element,
                               attribute: reference.attribute, within: span.range)
            }
        }
        let document = context.document
        for text in document.texts where !text.isHidden {
            let spans = UnsubscribePlaceholders.spans(in: text.text)
            for (span, offset) in zip(spans, document.sourceOffsets(of: spans.map(\.text), in: text)) {
                context.report(Self.message(span), evidence: span.text, element: document.element(text.parent),
                               at: offset ?? text.sourceRange.lowerBound)
            }
        }
        // Campaign Monitor writes its unsubscribe link as an <unsubscribe> element.
        for (name, platform) in PlatformProfiles.unsubscribeElements {
            for element in document.elements where element.name.isName(name) && !element.isImplied {
                context.report("\(platform.displayName)'s `<\(name)>` tag was not replaced, so the unsubscribe link is dead",
                               evidence: "<\(name)>", element: element)
            }
        }
    }

    private static func message(_ span: MergeTagSpan) -> String {
        let platforms = PlatformProfiles.platforms(usingUnsubscribePlaceholder: span.text)
        let whose = platforms.isEmpty ? "" : " (\(platforms.joined(separator: ", ")))"
        return "Unsubscribe placeholder `\(span.text)`\(whose) was not replaced, so the unsubscribe link is dead"
    }
}
