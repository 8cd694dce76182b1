import TrackLint
import TrackLintParsing
import TrackLintPlatforms

/// Makes text from inputs safe to write to a terminal: control, escape, bidirectional and invisible
/// characters are shown as `\u{...}` instead of being written raw.
public enum TerminalText {
    public static func escaped(_ text: String) -> String {
        // Printable ASCII, nearly every text, needs no look at its scalars.
        var bytes = text
        if bytes.withUTF8({ ByteWords.arePrintableASCII($0) }) { return text }
        // The runs between the scalars escaped are copied whole (as scalars: a `String` range
        // would round to whole characters, and an escaped scalar may sit inside one).
        let scalars = text.unicodeScalars
        var output = ""
        var runStart = scalars.startIndex
        for index in scalars.indices where needsEscape(scalars[index]) {
            output += String(scalars[runStart..<index])
            output += escapeSequence(scalars[index])
            runStart = scalars.index(after: index)
        }
        return runStart == scalars.startIndex ? text : output + String(scalars[runStart...])
    }

    package static func escaped(_ scalar: Unicode.Scalar) -> String {
        needsEscape(scalar) ? escapeSequence(scalar) : String(scalar)
    }

    private static func escapeSequence(_ scalar: Unicode.Scalar) -> String {
        "\\u{" + String(scalar.value, radix: 16, uppercase: true) + "}"
    }

    /// `count` copies of an ASCII character (`String(repeating:count:)` appends them one at a time).
    package static func repeated(_ ascii: Unicode.Scalar, count: Int) -> String {
        guard count > 0 else { return "" }
        return String(unsafeUninitializedCapacity: count) { buffer in
            buffer.initialize(repeating: UInt8(ascii: ascii))
            return count
        }
    }

    package static func needsEscape(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x20..<0x7F: return false
        case 0x00..<0x20, 0x7F...0x9F: return true
        case 0x202A...0x202E, 0x2066...0x2069, 0x200E, 0x200F, 0x061C, 0x2028, 0x2029: return true
        default: return InvisibleCharacters.isInvisible(scalar)
        }
    }
}

/// ANSI styling, applied only when colour is on.
package struct Style {
    package let enabled: Bool

    package func apply(_ code: String, _ text: String) -> String { enabled ? "\u{1B}[\(code)m\(text)\u{1B}[0m" : text }
    package func bold(_ text: String) -> String { apply("1", text) }
    package func dim(_ text: String) -> String { apply("2", text) }
    package func severity(_ severity: Severity) -> String {
        switch severity {
        case .error: return apply("1;31", "error")
        case .warning: return apply("1;33", "warning")
        case .info: return apply("1;36", "info")
        }
    }
}
