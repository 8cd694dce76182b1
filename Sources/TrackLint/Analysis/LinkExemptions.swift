import TrackLintParsing
import TrackLintPlatforms

/// Links that platforms leave unwrapped on purpose, which are therefore not tracking failures.
public enum LinkExemptions {
    /// The do-not-track marker on a link, as written, with the platforms it belongs to.
    public static func optOutMarker(_ element: HTMLElement) -> (marker: String, platforms: [String])? {
        let markers = PlatformProfiles.optOutMarkers
        for attribute in element.attributes {
            // SendGrid's marker is `clicktracking=off`; Bird's `data-msys-clicktrack="0"`.
            guard let (value, platforms) = markers[attribute.name],
                  value == nil || attribute.value?.lowercased() == value else { continue }
            let written = attribute.value.map { "\(attribute.name)=\"\($0)\"" } ?? attribute.name
            return (written, platforms)
        }
        guard let classes = element.attribute("class") else { return nil }
        for name in classes.lowercased().split(whereSeparator: { $0 == " " || $0 == "\t" }) {
            if let platforms = markerClasses[String(name)] { return ("class=\"\(name)\"", platforms) }
        }
        return nil
    }

    /// The markers written `class=name`, by class name: this is asked of every class of every
    /// link several times over.
    private static let markerClasses: [String: [String]] = Dictionary(uniqueKeysWithValues:
        PlatformProfiles.optOutMarkers.compactMap { key, marker in key.hasPrefix("class=") ? (String(key.dropFirst(6)), marker.platforms) : nil })

    /// Words in a URL that mark the platform's own links (unsubscribe, preferences, web view).
    package static let ownLinkWords = [
        "unsubscribe", "optout", "opt-out", "opt_out", "webview", "web-view", "webversion", "view-in-browser",
        "/email/view/", "preferences", "manage-subscription",
    ]

    private static let ownLinkPhrases = PhraseSet(ownLinkWords)

    public static func isOptedOut(_ element: HTMLElement) -> Bool { optOutMarker(element) != nil }

    /// A link that is itself a redirect carrying its destination (a query value that is a URL, or
    /// one hex- or base64-encoded): it is counted by whoever runs that redirect.
    public static func isRedirect(_ url: URLReference) -> Bool {
        QueryParameters.payloads(of: url.query ?? "").contains { value in
            let lower = value.lowercased()
            return lower.hasPrefix("http%3a") || lower.hasPrefix("https%3a") || lower.hasPrefix("http://") || lower.hasPrefix("https://")
                || lower.hasPrefix("68747470") || value.hasPrefix("aHR0c")
        }
    }

    public static func isPlatformOwnLink(_ url: URLReference) -> Bool {
        // `mergeTags` are those of `trimmed`.
        ownLinkPhrases.occurs(inIgnoringASCIICase: url.trimmed) || url.mergeTags.contains(where: UnsubscribePlaceholders.isUnsubscribe)
    }
}
