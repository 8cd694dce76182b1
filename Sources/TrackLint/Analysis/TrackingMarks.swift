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

    /// `{{ Name "url" }}` (spaces optional) → `url`. Read as bytes: a search of the rest of the
    /// text from each `{{` made a copy of that rest, and hrefs of merge tags only are long.
    static func quotedArgument(of name: String, in text: String) -> String? {
        // Nearly every href has no call: a byte search says so without Foundation's string search.
        guard text.containsBytes("{{") else { return nil }
        let name = Array(name.utf8)
        return text.withUTF8InPlace { bytes in
            func skipSpaces(_ index: inout Int) { while index < bytes.count && bytes[index] == UInt8(ascii: " ") { index += 1 } }
            var from = 0
            while let open = bytes.firstOffset(of: Self.callOpen, in: from..<bytes.count) {
                from = open + 2
                var cursor = from
                skipSpaces(&cursor)
                guard bytes.count - cursor >= name.count, name.indices.allSatisfy({ bytes[cursor + $0] == name[$0] }) else { continue }
                cursor += name.count
                skipSpaces(&cursor)
                guard cursor < bytes.count, bytes[cursor] == UInt8(ascii: "\""),
                      let close = bytes.firstIndex(of: UInt8(ascii: "\""), from: cursor + 1, to: bytes.count) else { continue }
                var after = close + 1
                skipSpaces(&after)
                if bytes.count - after >= 2 && bytes[after] == UInt8(ascii: "}") && bytes[after + 1] == UInt8(ascii: "}") {
                    return String(decoding: UnsafeBufferPointer(rebasing: bytes[(cursor + 1)..<close]), as: UTF8.self)
                }
            }
            return nil
        }
    }

    private static let callOpen = Array("{{".utf8)

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
