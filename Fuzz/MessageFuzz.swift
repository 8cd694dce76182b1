@testable import TrackLint
@testable import TrackLintParsing
@testable import TrackLintPlatforms

/// libFuzzer target: the raw-message reader. MIME tree, headers (RFC 2047 and 2231 decoding),
/// transfer encodings and charsets of every part, and the mbox splitter.
@_cdecl("LLVMFuzzerTestOneInput")
public func readOneMessage(_ data: UnsafePointer<UInt8>, _ size: Int) -> Int32 {
    let bytes = Array(UnsafeBufferPointer(start: data, count: size))
    let source = SourceText(bytes: bytes)
    for range in [0..<bytes.count] + Mbox.messages(in: bytes, range: 0..<bytes.count) {
        let message = MIMEParser.parse(source, range: range, isMboxMember: range != 0..<bytes.count)
        for current in [message] + message.enclosedMessages {
            for field in current.headers.fields { _ = field.decodedValue }
            _ = current.subject
            for part in current.parts {
                _ = part.contentType.charset
                _ = current.text(of: part)
            }
            for part in current.htmlParts { _ = Linter.document(of: part, in: current) }
        }
    }
    return 0
}
