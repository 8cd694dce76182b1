import TrackLintParsing
import TrackLintReporters

/// LSP's framing of JSON-RPC messages on a byte stream: header lines (`Content-Length: N`, others
/// ignored), a blank line, then N bytes of UTF-8 JSON.
package enum MessageFraming {
    /// What the next read gave.
    package enum Frame: Equatable {
        case body([UInt8])
        /// A header block without a usable length: answered as a parse error, then reading goes on.
        case malformed(String)
        /// The stream cannot be read further: ended, failed, or framed beyond recovery.
        case end(problem: String?)
    }

    /// A header block longer than this is not LSP's.
    package static let maximumHeaderBytes = 8 * 1024
    /// Larger bodies are refused: an editor's document is far smaller, and the limit keeps a
    /// stray length from holding gigabytes.
    package static let maximumBodyBytes = 64 * 1024 * 1024

    /// Why the stream cannot be framed further.
    private struct Unreadable: Error {
        let reason: String
        init(_ reason: String) { self.reason = reason }
    }

    /// Reads frames from `input`, never more than the frame: headers a byte at a time, the body by its length.
    package final class Reader {
        private let input: ByteReader

        package init(_ input: ByteReader) { self.input = input }

        package func next() -> Frame {
            do {
                guard let header = try readHeader() else { return .end(problem: nil) }
                guard let length = Self.contentLength(in: header) else {
                    return .malformed("the header has no valid Content-Length: \(Self.quoted(header))")
                }
                guard length <= maximumBodyBytes else {
                    return .end(problem: "a message of \(length) bytes is over the \(maximumBodyBytes)-byte limit")
                }
                var body: [UInt8] = []
                body.reserveCapacity(length)
                guard try input.read(appendingTo: &body, upTo: length) == length else {
                    return .end(problem: "the input ended inside a message (\(body.count) of \(length) bytes)")
                }
                return .body(body)
            } catch let failure as ReadFailure {
                return .end(problem: "cannot read standard input: \(failure.reason)")
            } catch {
                return .end(problem: (error as? Unreadable)?.reason ?? "\(error)")
            }
        }

        /// The header block without its final blank line; nil at the end of the input. Lines may end
        /// in CRLF (as LSP says) or a bare LF.
        private func readHeader() throws -> [UInt8]? {
            var header: [UInt8] = []
            var byte: [UInt8] = []
            while true {
                byte.removeAll(keepingCapacity: true)
                guard try input.read(appendingTo: &byte, upTo: 1) == 1 else {
                    if header.allSatisfy({ $0 == 0x0D || $0 == 0x0A }) { return nil }
                    throw Unreadable("the input ended inside a header: \(Self.quoted(header))")
                }
                // Blank lines between messages are skipped.
                if header.isEmpty && (byte[0] == 0x0D || byte[0] == 0x0A) { continue }
                header.append(byte[0])
                if header.last == 0x0A, header.dropLast().last == 0x0A || header.suffix(4) == [0x0D, 0x0A, 0x0D, 0x0A] {
                    return header
                }
                if header.count > maximumHeaderBytes {
                    throw Unreadable("a header block is over \(maximumHeaderBytes) bytes: \(Self.quoted(header))")
                }
            }
        }

        private static func contentLength(in header: [UInt8]) -> Int? {
            for line in String(decoding: header, as: UTF8.self).split(whereSeparator: { $0 == "\n" || $0 == "\r\n" }) {
                let parts = line.split(separator: ":", maxSplits: 1).map { String($0).trimmingASCIISpaces() }
                guard parts.count == 2, parts[0].lowercased() == "content-length" else { continue }
                let value = parts[1]
                guard !value.isEmpty, value.utf8.allSatisfy({ (0x30...0x39).contains($0) }), value.count < 19 else { return nil }
                return Int(value)
            }
            return nil
        }

        private static func quoted(_ header: [UInt8]) -> String {
            let text = String(decoding: header.prefix(80), as: UTF8.self).trimmingASCIISpaces()
            return "`" + TerminalText.escaped(text) + (header.count > 80 ? "…" : "") + "`"
        }
    }

    /// One message as written on the stream.
    package static func frame(_ json: String) -> String {
        "Content-Length: \(json.utf8.count)\r\n\r\n" + json
    }
}
