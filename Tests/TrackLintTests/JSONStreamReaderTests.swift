import Foundation
import Testing
@testable import TrackLintCLI

/// The chunked JSON reader baselines are loaded with: escapes, nesting, and what it refuses.
@Suite struct JSONStreamReaderTests {
    private func reader(_ text: String) throws -> JSONStreamReader {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("tracklint-json-\(UUID().uuidString).json").path
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(atPath: path) }
        return try #require(JSONStreamReader(path: path))  // the open descriptor keeps the file readable
    }

    @Test func readsMembersEscapesAndSkipsTheRest() throws {
        let json = #" { "a" : "x\"\\\/\b\f\n\r\t\u00e9\ud83d\ude00" , "skip": {"n": [1, -2.5e3, true, false, null, {}]}, "b": [ ], "c": 12 } "#
        let reader = try reader(json)
        var seen: [(String, JSONStreamReader.Value)] = []
        let isObject = try reader.object { key in
            if key == "b" {
                #expect(try reader.array { Issue.record("empty array has no element") })
                seen.append((key, .other))
            } else {
                seen.append((key, try reader.value()))
            }
        }
        try reader.finish()
        #expect(isObject)
        #expect(seen.map(\.0) == ["a", "skip", "b", "c"])
        #expect(seen.map(\.1) == [.string("x\"\\/\u{8}\u{C}\n\r\té😀"), .other, .other, .number("12")])
    }

    @Test(arguments: [#"{"a": }"#, #"{"a": "b""#, #"{"a" "b"}"#, #"["a",]"#, #"{"a": tru}"#, #"{"a": "\ud83d"}"#, "{\"a\": \"\u{1}\"}", #"{"a": 1-}"#])
    func refusesWhatIsNotJSON(_ text: String) throws {
        let reader = try reader(text)
        #expect(throws: JSONStreamReader.Malformed.self) {
            _ = try reader.object { _ in _ = try reader.value() }
            try reader.finish()
        }
    }
}
