import TrackLint
import TrackLintParsing
import TrackLintPlatforms

/// Escapes text from inputs for HTML. NUL, which HTML cannot carry, becomes U+FFFD.
package enum HTMLEscaping {
    package static func text(_ text: String) -> String {
        text.replacingBytes(textEscapes)
    }

    /// For a double-quoted attribute value.
    package static func attribute(_ text: String) -> String {
        text.replacingBytes(attributeEscapes)
    }

    private static let textEscapes = ByteEscapes(["&": "&amp;", "<": "&lt;", ">": "&gt;", "\0": "\u{FFFD}"])
    private static let attributeEscapes = textEscapes.adding(["\"": "&quot;", "'": "&#39;"])
}
