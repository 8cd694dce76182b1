import TrackLintParsing
import TrackLintPlatforms

/// Recognises the unsubscribe placeholders of every platform's template language.
public enum UnsubscribePlaceholders {
    /// Words inside a placeholder that make it an unsubscribe link: `{unsubscribe_url}`, `*|UNSUB|*`,
    /// `%%unsub_center_url%%`, `{dnc_url}` (Mautic's "do not contact"), `[[UNSUB_LINK_EN]]`.
    package static let nameFragments = ["unsub", "optout", "opt_out", "opt-out", "dnc_url"]

    public static func isUnsubscribe(_ span: MergeTagSpan) -> Bool {
        // Mautic substitutes |URL| inside its configured unsubscribe text; in a sent message it is
        // what is left when the send had no contact.
        if span.dialect == .pipe { return span.name == "URL" }
        let name = span.name.lowercased()
        return nameFragments.contains { name.contains($0) }
    }

    /// Every unsubscribe placeholder in a string.
    public static func spans(in text: String) -> [MergeTagSpan] {
        MergeTags.spans(in: text).filter(isUnsubscribe)
    }
}
