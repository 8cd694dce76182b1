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
        let name = String(span.name.lowercased().unicodeScalars.filter { $0.properties.isAlphabetic || ("0"..."9").contains($0) })
        return nameFragments.contains { name.contains($0) }
    }
}
