import Foundation

/// Proposes the corrected form of a malformed URL, where the correction is unambiguous.
package enum URLCleaner {
    package static func cleaned(_ url: URLReference) -> String? {
        for problem in url.problems {
            switch problem {
            case .whitespace(let scalar) where scalar == " ":
                return nil   // a space may be meant as %20 or be a typo: no single answer
            case .invalidPercentEncoding, .emptyHost, .invalidHost, .invalidPort, .nothingAfterScheme:
                return nil
            default:
                continue
            }
        }
        var text = withoutStrayCharacters(url)
        for problem in url.problems {
            switch problem {
            case .schemeTypo(let written, let intended):
                text = replacingPrefix(written + ":", with: intended + ":", in: text)
            case .schemeSeparator(let written, let intended):
                text = replacingPrefix(written, with: intended, in: text)
            case .doubledScheme(let written):
                // Keep the second scheme as written: "https://http://x" meant "http://x".
                let lower = written.lowercased()
                let second = lower.dropFirst().range(of: "http").map { lower[$0.lowerBound...] } ?? ""
                text = replacingPrefix(written, with: second.hasPrefix("https") ? "https://" : "http://", in: text)
            default:
                continue
            }
        }
        return text == url.trimmed ? nil : text
    }

    /// Whether the cleaned URL only drops what nobody meant to write (invisible and control
    /// characters, tabs and line breaks) and keeps every written character: then it is the URL the
    /// author typed, and applying it is safe. A corrected scheme is a guess the author must check.
    package static func onlyRemovesStrayCharacters(_ url: URLReference) -> Bool {
        url.problems.allSatisfy { problem in
            switch problem {
            case .whitespace(let scalar): scalar != " "
            case .controlCharacter, .invisibleCharacter: true
            default: false
            }
        }
    }

    /// The URL without tabs, line breaks, control and invisible characters outside merge tags.
    private static func withoutStrayCharacters(_ url: URLReference) -> String {
        var result = String.UnicodeScalarView()
        var offset = 0
        var spans = url.mergeTags[...]
        for scalar in url.trimmed.unicodeScalars {
            defer { offset += UTF8.width(scalar) }
            while let span = spans.first, span.range.upperBound <= offset { spans = spans.dropFirst() }
            let insideTag = spans.first.map { $0.range.contains(offset) } ?? false
            let stray = scalar.value < 0x20 || (0x7F...0x9F).contains(scalar.value) || InvisibleCharacters.isInvisible(scalar)
            if insideTag || !stray { result.append(scalar) }
        }
        return String(result)
    }

    private static func replacingPrefix(_ prefix: String, with replacement: String, in text: String) -> String {
        guard text.lowercased().hasPrefix(prefix.lowercased()) else { return text }
        return replacement + text.dropFirst(prefix.count)
    }
}
