import Foundation
@testable import TrackLintParsing
@testable import TrackLintServer

/// libFuzzer target: the language server. The input is a document's text (opened, changed at a
/// range taken from its bytes, asked for code actions and hover in every position encoding's
/// turn), then the raw bytes of the stream itself, framed or not, before shutdown and exit.
@_cdecl("LLVMFuzzerTestOneInput")
public func serveOneSession(_ data: UnsafePointer<UInt8>, _ size: Int) -> Int32 {
    let bytes = Array(UnsafeBufferPointer(start: data, count: size))
    let text = String(decoding: bytes, as: UTF8.self)
    let encoding = PositionEncoding.allCases[size % PositionEncoding.allCases.count].rawValue
    let position: [String: Any] = ["line": Int(bytes.first ?? 0) % 8, "character": Int(bytes.last ?? 0)]
    let range: [String: Any] = ["start": ["line": 0, "character": size % 5], "end": position]
    let document: [String: Any] = ["uri": "file:///fuzz/template.html", "version": 1]
    func framed(_ method: String, id: Int? = nil, _ params: [String: Any]) -> [UInt8] {
        var message: [String: Any] = ["jsonrpc": "2.0", "method": method, "params": params]
        if let id { message["id"] = id }
        let json = (try? JSONSerialization.data(withJSONObject: message)).map { String(decoding: $0, as: UTF8.self) } ?? "{}"
        return Array(MessageFraming.frame(json).utf8)
    }
    var stream = framed("initialize", id: 1, ["capabilities": ["general": ["positionEncodings": [encoding]]]])
    stream += framed("textDocument/didOpen", ["textDocument": document.merging(["text": text]) { $1 }])
    stream += framed("textDocument/didChange", ["textDocument": document,
                                                 "contentChanges": [["range": range, "text": String(text.prefix(9))]]])
    stream += framed("textDocument/codeAction", id: 2, ["textDocument": document, "range": range, "context": [:]])
    stream += framed("textDocument/hover", id: 3, ["textDocument": document, "position": position])
    stream += bytes
    stream += framed("shutdown", id: 4, [:]) + framed("exit", [:])
    _ = LanguageServer(input: ByteReader(bytes: stream), write: { _ in }, configuration: .none).run()
    return 0
}
