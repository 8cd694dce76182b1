import Foundation
import Testing
@testable import TrackLintReporters

/// The fast paths of report writing (issue 15) against what they stand in for: `JSONWriter`'s
/// eight-bytes-at-a-time scan and its per-byte escapes, `TerminalText`'s printable-ASCII check and
/// its copies of the runs between escapes.
@Suite struct ReportWritingTests {
    /// Every escape at every position of a string longer than a word, so that it falls both in the
    /// part read eight bytes at a time and in the tail read byte by byte.
    @Test func stringsEscapeTheSameAtEveryPosition() {
        let escapes: [(String, String)] = [
            ("\"", #"\""#), ("\\", #"\\"#), ("\n", #"\n"#), ("\r", #"\r"#), ("\t", #"\t"#), ("\u{1}", #"\u0001"#),
            ("\u{7F}", #"\u007f"#), ("\u{85}", #"\u0085"#), ("\u{2028}", #"\u2028"#), ("\u{2029}", #"\u2029"#),
            ("é", "é"), ("€", "€"), ("😀", "😀"),
        ]
        let plain = "abcdefghijklmnopqrstuvwx"
        for (raw, written) in escapes {
            for position in 0...plain.count {
                let cut = plain.index(plain.startIndex, offsetBy: position)
                let value = String(plain[..<cut]) + raw + String(plain[cut...])
                let expected = "\"" + String(plain[..<cut]) + written + String(plain[cut...]) + "\""
                #expect(JSONValue.string(value).serialized() == expected, "\(written) at \(position)")
                #expect(JSONValue.string(value).compact() == expected, "\(written) at \(position)")
            }
        }
    }

    @Test func numbersAndLayout() {
        let value = JSONValue.object([
            ("n", .array([.int(0), .int(-7), .int(Int.max), .int(Int.min)])), ("e", .object([])), ("b", .bool(false)), ("z", .null),
        ])
        #expect(value.compact() == #"{"n":[0,-7,9223372036854775807,-9223372036854775808],"e":{},"b":false,"z":null}"#)
        let lines = ["{", #"    "n": ["#, "      0,", "      -7,", "      9223372036854775807,", "      -9223372036854775808", "    ],",
                     #"    "e": {},"#, #"    "b": false,"#, #"    "z": null"#, "  }"]
        #expect(value.serialized(indent: 1) == lines.joined(separator: "\n"))
    }

    /// Numbers of every length come out whole.
    @Test func numbersOfEveryLength() {
        var power = 1
        for _ in 0..<19 {
            for number in [power - 1, power, -power, power + power / 2] {
                var writer = JSONWriter(indent: nil)
                writer.int(number)
                #expect(writer.text == String(number))
            }
            power = power.multipliedReportingOverflow(by: 10).partialValue
        }
    }

    /// Indentation is stored a word at a time down to eight levels and space by space deeper:
    /// objects nested twelve deep are laid out with both, each line as wide as its depth.
    @Test func indentationAtEveryDepth() {
        var value = JSONValue.object([("leaf", .int(1))])
        for depth in (0..<11).reversed() { value = .object([("level\(depth)", value)]) }
        let opening = (0..<11).map { String(repeating: "  ", count: $0) + #""level\#($0)": {"# }
        let closing = (0..<11).reversed().map { String(repeating: "  ", count: $0 + 1) + "}" }
        let lines = ["{"] + opening.map { "  " + $0 } + [String(repeating: "  ", count: 12) + #""leaf": 1"#] + closing + ["}"]
        #expect(value.serialized() == lines.joined(separator: "\n"))
        #expect(value.compact() == (0..<11).map { #"{"level\#($0)":"# }.joined() + #"{"leaf":1}"# + String(repeating: "}", count: 11))
    }

    /// A writer grows past its first capacity without losing what it holds.
    @Test func writerGrows() {
        let long = String(repeating: "tracking ", count: 500)
        var writer = JSONWriter(indent: nil, capacity: 16)
        writer.openArray()
        for _ in 0..<3 {
            writer.element()
            writer.string(long)
        }
        writer.closeArray()
        #expect(writer.text == "[" + Array(repeating: "\"\(long)\"", count: 3).joined(separator: ",") + "]")
    }

    /// Keys are copied as two overlapping words from 4 to 16 bytes and byte by byte otherwise:
    /// a key of each length around those bounds is written whole.
    @Test func keysOfEveryCopyLength() {
        var writer = JSONWriter(indent: nil)
        writer.openObject()
        for key: StaticString in ["a", "fix", "code", "message", "severity", "sixteen-bytes-ok", "seventeen-bytes-k"] {
            writer.key(key)
            writer.int(key.utf8CodeUnitCount)
        }
        writer.closeObject()
        #expect(writer.text == #"{"a":1,"fix":3,"code":4,"message":7,"severity":8,"sixteen-bytes-ok":16,"seventeen-bytes-k":17}"#)
    }

    /// The scan that passes over sixteen, then eight, plain bytes at a time, and the last few as one
    /// word, finds a character to escape (or one to keep) at every place in strings of every length
    /// around those steps.
    @Test func escapesAtEveryOffset() {
        let characters = [("\"", #"\""#), ("\\", #"\\"#), ("\n", #"\n"#), ("\u{1F}", #"\u001f"#), ("\u{7F}", #"\u007f"#),
                          ("\u{85}", #"\u0085"#), ("\u{2028}", #"\u2028"#), ("é", "é")]
        for (character, written) in characters {
            for length in 1...34 {
                for offset in 0..<length {
                    let before = String(repeating: "a", count: offset), after = String(repeating: "b", count: length - 1 - offset)
                    var writer = JSONWriter(indent: nil)
                    writer.string(before + character + after)
                    #expect(writer.text == "\"" + before + written + after + "\"", "\(length), \(offset)")
                }
            }
        }
    }

    /// Emptied, a writer writes as a new one does, from the depth it was made at.
    @Test func emptiedWriterStartsAgain() {
        var writer = JSONWriter(indent: 1)
        writer.openObject()
        writer.key("open")
        writer.removeAll()
        writer.openObject()
        writer.member("a", 1)
        writer.closeObject()
        #expect(writer.text == JSONWriter.text(indent: 1) { json in
            json.openObject()
            json.member("a", 1)
            json.closeObject()
        })
    }

    /// A streamed array's separators written into a writer are the ones `next()` returns.
    @Test func streamedSeparatorsInBytes() {
        var text = JSONArrayStream(depth: 2)
        var bytes = JSONArrayStream(depth: 2)
        var writer = JSONWriter(indent: 2)
        var expected = ""
        for element in 0..<3 {
            expected += text.next() + "\(element)"
            bytes.next(to: &writer)
            writer.raw("\(element)")
        }
        #expect(writer.text == expected)
        #expect(bytes.close() == text.close())
    }

    @Test func terminalTextEscapesOnlyWhatItMust() {
        #expect(TerminalText.escaped("plain ASCII, longer than one word") == "plain ASCII, longer than one word")
        #expect(TerminalText.escaped("“quoted” — dashes…") == "“quoted” — dashes…")
        #expect(TerminalText.escaped("\u{1B}[31mred\u{1B}[0m and a tab\t") == "\\u{1B}[31mred\\u{1B}[0m and a tab\\u{9}")
        // An escaped scalar inside a character (a zero-width joiner in an emoji sequence).
        #expect(TerminalText.escaped("a👩\u{200D}💻b\u{202E}") == "a👩\\u{200D}💻b\\u{202E}")
        #expect(TerminalText.repeated("^", count: 3) == "^^^")
        #expect(TerminalText.repeated(" ", count: 0) == "")
    }
}
