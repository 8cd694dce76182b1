import TrackLint
import TrackLintParsing
import TrackLintPlatforms

/// A JSON value whose objects keep their key order, so output is stable and reads like the spec.
public enum JSONValue: Sendable, Equatable {
    case null
    case bool(Bool)
    case int(Int)
    case string(String)
    case array([JSONValue])
    case object([(String, JSONValue)])

    public static func == (lhs: JSONValue, rhs: JSONValue) -> Bool {
        lhs.serialized() == rhs.serialized()
    }

    package static func optional(_ value: String?) -> JSONValue { value.map(JSONValue.string) ?? .null }
    package static func optional(_ value: Int?) -> JSONValue { value.map(JSONValue.int) ?? .null }

    /// Pretty-printed with two-space indentation.
    public func serialized(indent: Int = 0) -> String {
        var output: [UInt8] = []
        output.reserveCapacity(4096)
        write(to: &output, indent: indent)
        return String(decoding: output, as: UTF8.self)
    }

    /// On one line, without spaces (JSON Lines).
    public func compact() -> String {
        var output: [UInt8] = []
        output.reserveCapacity(1024)
        write(to: &output, indent: nil)
        return String(decoding: output, as: UTF8.self)
    }

    private static let spaces = [UInt8](repeating: UInt8(ascii: " "), count: 64)

    private static func pad(_ output: inout [UInt8], _ depth: Int) {
        var remaining = 2 * depth
        while remaining > 0 {
            let chunk = min(remaining, spaces.count)
            output.append(contentsOf: spaces[0..<chunk])
            remaining -= chunk
        }
    }

    /// Pretty-printed at `indent`, or compact when it is nil.
    private func write(to output: inout [UInt8], indent: Int?) {
        switch self {
        case .null: output.append(contentsOf: "null".utf8)
        case .bool(let value): output.append(contentsOf: (value ? "true" : "false").utf8)
        case .int(let value): output.append(contentsOf: String(value).utf8)
        case .string(let value): Self.writeString(value, to: &output)
        case .array(let values):
            if values.isEmpty { output.append(contentsOf: "[]".utf8); return }
            output.append(UInt8(ascii: "["))
            for (index, value) in values.enumerated() {
                Self.separate(&output, indent: indent, first: index == 0)
                value.write(to: &output, indent: indent.map { $0 + 1 })
            }
            Self.close(&output, indent: indent)
            output.append(UInt8(ascii: "]"))
        case .object(let members):
            if members.isEmpty { output.append(contentsOf: "{}".utf8); return }
            output.append(UInt8(ascii: "{"))
            for (index, (key, value)) in members.enumerated() {
                Self.separate(&output, indent: indent, first: index == 0)
                Self.writeString(key, to: &output)
                output.append(contentsOf: (indent == nil ? ":" : ": ").utf8)
                value.write(to: &output, indent: indent.map { $0 + 1 })
            }
            Self.close(&output, indent: indent)
            output.append(UInt8(ascii: "}"))
        }
    }

    /// Before an element or member: the comma after the one before, and a new line and indentation.
    private static func separate(_ output: inout [UInt8], indent: Int?, first: Bool) {
        if !first { output.append(UInt8(ascii: ",")) }
        guard let indent else { return }
        output.append(0x0A)
        pad(&output, indent + 1)
    }

    private static func close(_ output: inout [UInt8], indent: Int?) {
        guard let indent else { return }
        output.append(0x0A)
        pad(&output, indent)
    }

    /// RFC 8259 string escaping; controls, C1 controls and line/paragraph separators are written as
    /// `\u` escapes so that no reader (or terminal) sees them raw.
    private static func writeString(_ value: String, to output: inout [UInt8]) {
        output.append(UInt8(ascii: "\""))
        // Most strings are printable ASCII without quotes or backslashes: copied in one piece.
        var text = value
        let copied = text.withUTF8 { buffer in
            guard buffer.allSatisfy({ $0 >= 0x20 && $0 < 0x7F && $0 != UInt8(ascii: "\"") && $0 != UInt8(ascii: "\\") }) else { return false }
            output.append(contentsOf: buffer)
            return true
        }
        if copied { output.append(UInt8(ascii: "\"")); return }
        var bytes = value.utf8.makeIterator()
        var pending: [UInt8] = []
        while let byte = bytes.next() {
            switch byte {
            case UInt8(ascii: "\""): output.append(contentsOf: "\\\"".utf8)
            case UInt8(ascii: "\\"): output.append(contentsOf: "\\\\".utf8)
            case 0x0A: output.append(contentsOf: "\\n".utf8)
            case 0x0D: output.append(contentsOf: "\\r".utf8)
            case 0x09: output.append(contentsOf: "\\t".utf8)
            case 0x00..<0x20, 0x7F: appendEscape(UInt32(byte), to: &output)
            case 0xC2, 0xE2:
                // C1 controls (C2 80–9F) and U+2028/2029 (E2 80 A8/A9) are escaped; the rest copied.
                pending = [byte]
                let needed = byte == 0xC2 ? 1 : 2
                while pending.count <= needed, let next = bytes.next() { pending.append(next) }
                if byte == 0xC2, pending.count == 2, (0x80...0x9F).contains(pending[1]) {
                    appendEscape(UInt32(pending[1]), to: &output)
                } else if byte == 0xE2, pending.count == 3, pending[1] == 0x80, pending[2] == 0xA8 || pending[2] == 0xA9 {
                    appendEscape(pending[2] == 0xA8 ? 0x2028 : 0x2029, to: &output)
                } else {
                    output.append(contentsOf: pending)
                }
            default: output.append(byte)
            }
        }
        output.append(UInt8(ascii: "\""))
    }

    private static func appendEscape(_ value: UInt32, to output: inout [UInt8]) {
        let hex = String(value, radix: 16)
        output.append(contentsOf: ("\\u" + String(repeating: "0", count: 4 - hex.count) + hex).utf8)
    }

}
