import TrackLintParsing
import TrackLintPlatforms

/// Placeholders a platform fills with a page of its own, which nobody can write literally: the
/// web version, the archive, the preference centre, forward-to-a-friend, the referral badge
/// (`*|ARCHIVE|*`, `*|UPDATE_PROFILE|*`, `{{ view_in_browser_url }}`, `%%view_email_url%%`,
/// `[webversion]`, `%FORWARD2FRIEND%`, `{{system.viewAsWebpageLink}}`), and unsubscribe tags.
public enum SystemLinkTags {
    /// Pieces of a placeholder's name (lower-case, letters and digits only) that name such a page.
    package static let nameFragments = [
        "archive", "webversion", "webview", "viewinbrowser", "viewonline", "viewasweb", "viewemail", "viewaspage",
        "onlineversion", "browserversion", "mirror", "webcopy", "messageurl",
        "updateprofile", "profilecenter", "preferencecenter", "subscriptioncenter", "preferences", "manageprefer",
        "managesubscription", "updatelink", "forward", "ftaf", "aboutlist", "rewards",
    ]

    public static func isSystemLink(_ span: MergeTagSpan) -> Bool {
        if UnsubscribePlaceholders.isUnsubscribe(span) { return true }
        let lowered = span.name.lowercased()
        // ASCII names, nearly all of them, keep their letters and digits byte by byte (the same result).
        let name = lowered.utf8.allSatisfy { $0 < 0x80 }
            ? String(decoding: lowered.utf8.filter { isASCIILetterOrDigit($0) }, as: UTF8.self)
            : String(lowered.unicodeScalars.filter { $0.properties.isAlphabetic || ("0"..."9").contains($0) })
        // Lower-case already: folding ASCII letters leaves it as it is.
        return fragments.occurs(inIgnoringASCIICase: name)
    }

    /// Searched for all at once: one byte search per fragment copied both strings each time.
    private static let fragments = PhraseSet(nameFragments)

    private static func isASCIILetterOrDigit(_ byte: UInt8) -> Bool {
        (byte >= UInt8(ascii: "a") && byte <= UInt8(ascii: "z")) || (byte >= UInt8(ascii: "A") && byte <= UInt8(ascii: "Z"))
            || (byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9"))
    }
}
