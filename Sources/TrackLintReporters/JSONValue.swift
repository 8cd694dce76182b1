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
        var writer = JSONWriter(indent: indent)
        writer.value(self)
        return writer.text
    }

    /// On one line, without spaces (JSON Lines).
    public func compact() -> String {
        var writer = JSONWriter(indent: nil)
        writer.value(self)
        return writer.text
    }
}
