/// Links that platforms leave unwrapped on purpose, which are therefore not tracking failures.
public enum LinkExemptions {
    /// Attributes with which platforms exclude a link from click tracking (TL308 reports them).
    static let optOutAttributes: Set<String> = [
        "mc:disable-tracking", "mautic:disable-tracking", "data-pm-no-track", "ses:no-track", "clicktracking",
        "data-msys-clicktrack", "cm_dontconvertlink",
    ]
    static let optOutClasses: Set<String> = ["mktnotrack", "untracked"]

    /// Words in a URL that mark the platform's own links (unsubscribe, preferences, web view).
    static let ownLinkWords = [
        "unsubscribe", "optout", "opt-out", "opt_out", "webview", "web-view", "webversion", "view-in-browser",
        "/email/view/", "preferences", "manage-subscription",
    ]

    public static func isOptedOut(_ element: HTMLElement) -> Bool {
        if element.attributes.contains(where: { optOutAttributes.contains($0.name) }) { return true }
        let classes = (element.attribute("class") ?? "").lowercased().split(whereSeparator: { $0 == " " || $0 == "\t" })
        return classes.contains { optOutClasses.contains(String($0)) }
    }

    public static func isPlatformOwnLink(_ url: URLReference) -> Bool {
        let text = url.trimmed.lowercased()
        return ownLinkWords.contains { text.contains($0) } || !UnsubscribePlaceholders.spans(in: url.trimmed).isEmpty
    }
}
