import TrackLintParsing
import TrackLintPlatforms

/// Recognises the unsubscribe placeholders of every platform's template language, and its
/// preference-centre placeholders, which are an unsubscribe path too.
public enum UnsubscribePlaceholders {
    /// Words inside a placeholder that make it an unsubscribe link: `{unsubscribe_url}`, `*|UNSUB|*`,
    /// `%%unsub_center_url%%`, `{dnc_url}` (Mautic's "do not contact"), `[[UNSUB_LINK_EN]]`.
    package static let nameFragments = ["unsub", "optout", "opt_out", "opt-out", "dnc_url"]
    /// Searched for all at once: one byte search per fragment copied both strings each time.
    private static let fragments = PhraseSet(nameFragments)

    public static func isUnsubscribe(_ span: MergeTagSpan) -> Bool {
        // Upper-case words between pipes are text as often as tags: only those a platform declares
        // count (Mautic substitutes |URL| inside its configured unsubscribe text).
        if span.dialect.names == .upperCaseWords { return !PlatformProfiles.platforms(usingUnsubscribePlaceholder: span.text).isEmpty }
        let name = span.name.lowercased()
        // Lower-case already: folding ASCII letters leaves it as it is.
        return fragments.occurs(inIgnoringASCIICase: name) || PlatformProfiles.isPreferencePlaceholder(span.text)
            || !PlatformProfiles.platforms(usingUnsubscribePlaceholder: span.text).isEmpty
    }

    /// Every unsubscribe placeholder in a string.
    public static func spans(in text: String) -> [MergeTagSpan] {
        MergeTags.spans(in: text).filter(isUnsubscribe)
    }

    /// Every unsubscribe placeholder in a URL as written, at offsets in `raw`.
    public static func spans(in url: URLReference) -> [MergeTagSpan] {
        url.rawMergeTags.filter(isUnsubscribe)
    }

    /// Whether a string holds an unsubscribe placeholder (asked of every text of a document).
    package static func isIn(_ text: String) -> Bool {
        MergeTags.spans(in: text).contains(where: isUnsubscribe)
    }

    /// Whether the URL as written holds an unsubscribe placeholder.
    package static func isIn(_ url: URLReference) -> Bool {
        url.rawMergeTags.contains(where: isUnsubscribe)
    }
}

extension URLReference {
    /// The placeholders of `raw`, at offsets in `raw`: the parse found those of `trimmed`, the
    /// same when nothing was trimmed (nearly always), so they are looked for again only otherwise.
    package var rawMergeTags: [MergeTagSpan] {
        raw.utf8.count == trimmed.utf8.count ? mergeTags : MergeTags.spans(in: raw)
    }
}
