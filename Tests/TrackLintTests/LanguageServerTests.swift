import Foundation
import Testing
@testable import TrackLintCLI
@testable import TrackLintParsing
@testable import TrackLintServer

/// The language server's parts: positions, framing, and one exchange in memory (Tests/LSP drives
/// the built binary with a real client).
@Suite struct LanguageServerTests {
    @Test func theClientsFirstKnownEncodingIsChosenElseUTF16() {
        #expect(PositionEncoding.negotiated(offered: nil) == .utf16)
        #expect(PositionEncoding.negotiated(offered: []) == .utf16)
        #expect(PositionEncoding.negotiated(offered: ["utf-32", "utf-8"]) == .utf32)
        #expect(PositionEncoding.negotiated(offered: ["latin-1", "utf-8", "utf-16"]) == .utf8)
    }

    /// Line 0 `a😀b` ends in CRLF, line 1 `é` in a lone CR, line 2 `x` has no line break.
    private let text = DocumentText("a😀b\r\né\rx")

    @Test func positionsCountTheNegotiatedUnits() {
        let b = 5  // the byte offset of `b`
        #expect(text.position(ofOffset: b, encoding: .utf8) == Position(line: 0, character: 5))
        #expect(text.position(ofOffset: b, encoding: .utf16) == Position(line: 0, character: 3))
        #expect(text.position(ofOffset: b, encoding: .utf32) == Position(line: 0, character: 2))
        #expect(text.offset(of: Position(line: 0, character: 3), encoding: .utf16) == b)
        #expect(text.offset(of: Position(line: 0, character: 2), encoding: .utf32) == b)
        #expect(text.position(ofOffset: 11, encoding: .utf16) == Position(line: 2, character: 0))
        #expect(text.offset(of: Position(line: 1, character: 1), encoding: .utf16) == 10)
    }

    @Test func positionsOutsideTheTextAreClamped() {
        // Half the surrogate pair: the start of the emoji; past the line: before its CRLF; past the text: its end.
        #expect(text.offset(of: Position(line: 0, character: 2), encoding: .utf16) == 1)
        #expect(text.offset(of: Position(line: 0, character: 99), encoding: .utf16) == 6)
        #expect(text.offset(of: Position(line: 9, character: 0), encoding: .utf16) == 12)
    }

    @Test func trackLintLinesEndOnlyAtLineFeeds() {
        // tracklint's line 2 is `é\rx`: column 3 is `x`, after the lone CR.
        #expect(text.offset(line: 2, column: 3) == 11)
        #expect(text.offset(line: 1, column: 3) == 5)
        #expect(text.offset(line: 3, column: 1) == nil)
        // A byte order mark is not counted in the first line's columns, as tracklint parses after it.
        #expect(DocumentText("\u{FEFF}<a>").offset(line: 1, column: 2) == 4)
    }

    @Test func replacingKeepsTheLineTablesCurrent() {
        var edited = text
        edited.replace(1..<5, with: "\n")
        #expect(edited.string == "a\nb\r\né\rx")
        #expect(edited.position(ofOffset: 2, encoding: .utf16) == Position(line: 1, character: 0))
        #expect(edited.offset(line: 2, column: 1) == 2)
    }

    @Test func framesAreReadByTheirLengthAndBadHeadersAreReported() {
        let input = Array("Content-Length: 2\r\n\r\n{}\nContent-Type: x\n\ncontent-length:3\n\n[1]Content-Length: 9\r\n\r\n{}".utf8)
        let reader = MessageFraming.Reader(ByteReader(bytes: input))
        #expect(reader.next() == .body(Array("{}".utf8)))
        #expect(reader.next() == .malformed("the header has no valid Content-Length: `Content-Type: x`"))
        #expect(reader.next() == .body(Array("[1]".utf8)))
        #expect(reader.next() == .end(problem: "the input ended inside a message (2 of 9 bytes)"))
        #expect(MessageFraming.frame("{\"é\":1}") == "Content-Length: 8\r\n\r\n{\"é\":1}")
    }

    @Test func oneExchangePublishesTheFindingAndEndsCleanly() throws {
        let messages = [
            #"{"jsonrpc":"2.0","id":1,"method":"initialize","params":{"capabilities":{}}}"#,
            #"{"jsonrpc":"2.0","method":"textDocument/didOpen","params":{"textDocument":{"uri":"untitled:a","version":3,"text":"<a href=\"/x\">x</a>"}}}"#,
            #"{"jsonrpc":"2.0","id":2,"method":"shutdown"}"#, #"{"jsonrpc":"2.0","method":"exit"}"#,
        ]
        let input = ByteReader(bytes: Array(messages.map(MessageFraming.frame).joined().utf8))
        let environment = CommandEnvironment(standardInput: input, variables: [:], stdoutIsTerminal: false)
        let output = TrackLintCommand.run(["server", "--no-config"], environment: environment)
        #expect(output.exitCode == 0)
        #expect(output.stderr == "")
        // No `codeDescription`: no configuration says where the rule pages are.
        let published = #"{"jsonrpc":"2.0","method":"textDocument/publishDiagnostics","params":{"diagnostics":[{"code":"TL301","#
            + #""message":"Link `/x` is relative, so it is dead in an email and cannot be tracked\nWrite the absolute https:// URL "#
            + #"(pass --base-url to have it proposed)","range":{"end":{"character":11,"line":0},"start":{"character":9,"line":0}},"#
            + #""severity":1,"source":"tracklint"}],"uri":"untitled:a","version":3}}"#
        #expect(output.stdout.contains(MessageFraming.frame(published)))
        #expect(output.stdout.hasSuffix(MessageFraming.frame(#"{"id":2,"jsonrpc":"2.0","result":null}"#)))
    }

    @Test func unknownOptionsAreUsageErrors() {
        let output = TrackLintCommand.run(["server", "--port", "1"], environment: CommandEnvironment(variables: [:], stdoutIsTerminal: false))
        #expect(output.exitCode == 2)
        #expect(output.stderr == "tracklint: error: unknown option `--port` for `tracklint server`\n")
    }
}
