import TrackLint
import TrackLintParsing
import TrackLintPlatforms

/// Escapes text from inputs for HTML. NUL, which HTML cannot carry, becomes U+FFFD.
package enum HTMLEscaping {
    package static func text(_ text: String) -> String {
        escaped(text, quotes: false)
    }

    /// For a double-quoted attribute value.
    package static func attribute(_ text: String) -> String {
        escaped(text, quotes: true)
    }

    private static func escaped(_ text: String, quotes: Bool) -> String {
        text.replacingBytes { replacement(of: $0, quotes: quotes) }
    }

    /// What a byte is written as, or nil for one written as it is.
    @inline(__always)
    private static func replacement(of byte: UInt8, quotes: Bool) -> String? {
        switch byte {
        case UInt8(ascii: "&"): "&amp;"
        case UInt8(ascii: "<"): "&lt;"
        case UInt8(ascii: ">"): "&gt;"
        case UInt8(ascii: "\"") where quotes: "&quot;"
        case UInt8(ascii: "'") where quotes: "&#39;"
        case 0: "\u{FFFD}"
        default: nil
        }
    }
}
