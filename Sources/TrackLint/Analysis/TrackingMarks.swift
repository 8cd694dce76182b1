import TrackLintParsing
import TrackLintPlatforms

/// Reads the marks with which an author asks a platform to track a link (listmonk's
/// `https://x.example/@TrackLink` and `{{ TrackLink "https://x.example/" }}`), so that every rule
/// sees the URL itself: the suffix is not userinfo, the call is not a relative path.
enum TrackingMarks {
    /// The href without its mark, and the mark; the href unchanged and nil when it has none.
    /// `element` and `document` give the start tag as written: a double-quoted href ends at the
    /// call's own quote (`href="{{ TrackLink "https://..." }}"`), so the URL is read from there.
    static func unmarked(_ href: String, element: HTMLElement, document: HTMLDocument) -> (href: String, marker: TrackingMarker?) {
        for marker in markers {
            switch marker {
            case .suffix(let suffix):
                if href.hasSuffix(suffix), href.count > suffix.count { return (String(href.dropLast(suffix.count)), marker) }
            case .call(let name):
                if let url = quotedArgument(of: name, in: href) { return (url, marker) }
                if isTruncatedCall(name, href), let tag = element.startTag,
                   let url = quotedArgument(of: name, in: String(decoding: document.source.bytes[tag], as: UTF8.self)) {
                    return (url, marker)
                }
            }
        }
        return (href, nil)
    }

    /// The platforms' marks, read once: the other module's list is looked up, and each entry's
    /// platform retained, at every href otherwise.
    private static let markers = PlatformProfiles.trackingMarkers.map(\.marker)

    /// `{{ Name "url" }}` (spaces optional) → `url`.
    static func quotedArgument(of name: String, in text: String) -> String? {
        // Nearly every href has no call: a byte search says so without Foundation's string search.
        guard text.containsBytes("{{") else { return nil }
        var rest = Substring(text)
        while let open = rest.range(of: "{{") {
            var cursor = rest[open.upperBound...].drop { $0 == " " }
            if cursor.hasPrefix(name) {
                cursor = cursor.dropFirst(name.count).drop { $0 == " " }
                if cursor.first == "\"", let close = cursor.dropFirst().firstIndex(of: "\"") {
                    let argument = cursor[cursor.index(after: cursor.startIndex)..<close]
                    if cursor[cursor.index(after: close)...].drop(while: { $0 == " " }).hasPrefix("}}") { return String(argument) }
                }
            }
            rest = rest[open.upperBound...]
        }
        return nil
    }

    /// The value libxml2 kept of a double-quoted href holding the call: `{{ TrackLink `.
    private static func isTruncatedCall(_ name: String, _ href: String) -> Bool {
        // The first word is the call's opening: nearly every href holding a merge tag has it
        // further on, which the bytes tell without splitting the href.
        let opensWithTag = href.withUTF8InPlace { bytes in
            let start = bytes.firstIndex { $0 != UInt8(ascii: " ") } ?? bytes.count
            return bytes.count - start >= 2 && bytes[start] == UInt8(ascii: "{") && bytes[start + 1] == UInt8(ascii: "{")
        }
        guard opensWithTag else { return false }
        let words = href.split(separator: " ")
        return words.count <= 2 && words.first.map { $0 == "{{" || $0 == "{{" + name } == true
            && href.contains(name) && !href.contains("}}")
    }
}
