import TrackLintParsing
import TrackLintPlatforms

struct MergeTagUnresolvedRule: DocumentRule {
    static let info = RuleInfo(
        code: "TL315", slug: "merge-tag-unresolved", title: "Placeholder left in a sent message",
        summary: "Placeholder syntax (`*|...|*`, `{{...}}`, `%%...%%`, `{contactfield=...}`, ...) is left in a sent message",
        rationale: """
        A merge tag the platform did not replace reaches the reader as written: in an href it makes \
        the link dead (and untracked), in text it shows `{{first_name}}` to the reader. Causes: a \
        misspelled tag, a field the contact has no value for and no default, a test send, or a \
        template language the platform does not speak (a Mailchimp tag in a SendGrid template). \
        Unsubscribe placeholders are TL401's.
        """,
        fix: "Fix the tag's spelling and dialect for this platform, and give it a default value",
        customer: CustomerWording(cause: "a placeholder (merge tag) was left unfilled",
                                  remedy: "check the merge tag's spelling and that every contact has that field"),
        category: .links, concerns: [.clickTracking], stages: [.sent], defaultSeverity: .error,
        triggering: [
            Example(#"<a href="https://x.example/p?id=↓{{ contact.ID }}">Profile</a> <p>Hi ↓*|FNAME|*,</p>"#, stage: .sent),
            Example(#"<img src="https://x.example/↓%%logo%%.png" alt="">"#, stage: .sent),
        ],
        clean: [
            Example(#"<p>Hi Sam, 50% off today [Anzeige]</p> <a href="https://x.example/p?id=42">Profile</a>"#, stage: .sent),
            Example(#"<a href="{{ profile_url }}">Profile</a>"#, stage: .template),
        ])

    func check(_ context: inout RuleContext) {
        let platform = context.input.platform.flatMap { PlatformProfiles.profile($0.name) }
        let inventory = context.input.inventory
        for reference in inventory.links + inventory.images {
            for span in reference.url.rawMergeTags where !UnsubscribePlaceholders.isUnsubscribe(span) {
                context.report(Self.message(span, platform: platform), evidence: span.text, element: reference.element,
                               attribute: reference.attribute, within: span.range)
            }
        }
        let document = context.document
        for text in document.texts where !text.isHidden {
            // In prose, `[Anzeige]` or `[1]` are text, not placeholders: bracketed words are skipped there.
            let spans = MergeTags.spans(in: text.text).filter { span in
                !UnsubscribePlaceholders.isUnsubscribe(span) && !span.dialect.isAlsoProse
            }
            for (span, offset) in zip(spans, document.sourceOffsets(of: spans.map(\.text), in: text)) {
                context.report(Self.message(span, platform: platform), evidence: span.text, element: document.element(text.parent),
                               at: offset ?? text.sourceRange.lowerBound)
            }
        }
    }

    /// Names the likely cause when the placeholder is another template language than the sender's.
    private static func message(_ span: MergeTagSpan, platform: PlatformProfile?) -> String {
        guard let platform, !platform.mergeTags.isEmpty, !platform.mergeTags.contains(span.dialect) else {
            return "Placeholder `\(span.text)` was not replaced before sending"
        }
        let speakers = PlatformProfiles.all.filter { $0.mergeTags.first == span.dialect }.map(\.id).prefix(3)
        let whose = speakers.isEmpty ? "another template language" : "the syntax of \(speakers.joined(separator: ", "))"
        return "Placeholder `\(span.text)` was not replaced: it is \(whose), not \(platform.id)'s"
    }
}
