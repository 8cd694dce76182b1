import TrackLintParsing
import TrackLintPlatforms

/// Links that platforms leave unwrapped on purpose, which are therefore not tracking failures.
public enum LinkExemptions {
    /// The do-not-track marker on a link, as written, with the platforms it belongs to.
    public static func optOutMarker(_ element: HTMLElement) -> (marker: String, platforms: [String])? {
        let markers = PlatformProfiles.optOutMarkers
        let attributes = element.attributes
        // By position: iterating made every value (the href, the style) a string.
        for position in attributes.indices where mayBeMarker(attributes.name(at: position)) {
            // SendGrid's marker is `clicktracking=off`; Bird's `data-msys-clicktrack="0"`.
            let attribute = attributes[position]
            guard let (value, platforms) = markers[attribute.name],
                  value == nil || attribute.value?.lowercased() == value else { continue }
            let written = attribute.value.map { "\(attribute.name)=\"\($0)\"" } ?? attribute.name
            return (written, platforms)
        }
        guard var classes = element.attribute("class") else { return nil }
        // Lower-cased as a whole only past ASCII; ASCII letters are folded byte by byte below.
        if classes.utf8.contains(where: { $0 >= 0x80 }) { classes = classes.lowercased() }
        return classes.withUTF8 { bytes in
            var start = 0
            while start < bytes.count {
                var end = start
                while end < bytes.count && bytes[end] != UInt8(ascii: " ") && bytes[end] != UInt8(ascii: "\t") { end += 1 }
                if let (name, platforms) = markerClasses.first(where: { isClass(bytes[start..<end], $0.name) }) {
                    return ("class=\"\(name)\"", platforms)
                }
                start = end + 1
            }
            return nil
        }
    }

    /// The lengths of the markers' names, a bit each: most attributes of a link (`href`, `style`)
    /// are of no marker's length, and hashing each name cost more than the rest of the look.
    private static let markerNameLengths: UInt64 = PlatformProfiles.optOutMarkers.keys.reduce(0) { lengths, name in
        name.utf8.count < 64 ? lengths | 1 << UInt64(name.utf8.count) : lengths
    }

    private static func mayBeMarker(_ name: String) -> Bool {
        name.utf8.count >= 64 || markerNameLengths & 1 << UInt64(name.utf8.count) != 0
    }

    /// The markers written `class=name` (lower-case names): this is asked of every class of every
    /// link several times over, and there are two.
    private static let markerClasses: [(name: String, platforms: [String])] =
        PlatformProfiles.optOutMarkers.compactMap { key, marker in key.hasPrefix("class=") ? (String(key.dropFirst(6)), marker.platforms) : nil }
            .sorted { $0.name < $1.name }

    /// Whether the bytes are the class `name` (lower-case), ASCII letters compared in either case.
    private static func isClass(_ bytes: Slice<UnsafeBufferPointer<UInt8>>, _ name: String) -> Bool {
        name.withUTF8InPlace { InlineStyle.isName(bytes, $0) }
    }

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
