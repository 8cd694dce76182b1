/// Lower-case texts looked for together in one pass over lower-cased bytes: a message has many
/// `Received` fields, and a dozen platforms look for their hosts in each, which one search per
/// text and field made a twentieth of a run.
struct TextSearch: Sendable {
    private(set) var texts: [[UInt8]] = []
    /// Bit `pair` is set when some text starts with that pair of bytes: read at every byte.
    private var startsText = [UInt64](repeating: 0, count: (1 << 16) / 64)

    /// Adds a text of two bytes or more, and returns its index.
    mutating func add(_ text: [UInt8]) -> Int {
        precondition(text.count >= 2, "a text looked for in headers has two bytes at least")
        let pair = Int(text[0]) << 8 | Int(text[1])
        startsText[pair >> 6] |= 1 << UInt64(pair & 63)
        texts.append(text)
        return texts.count - 1
    }

    /// Sets `found[index]` for each text that `bytes` contain.
    func search(_ bytes: [UInt8], marking found: inout [Bool]) {
        guard bytes.count >= 2 else { return }
        bytes.withUnsafeBufferPointer { bytes in
            startsText.withUnsafeBufferPointer { starts in
                var previous = Int(bytes[0])
                for offset in 1..<bytes.count {
                    let pair = previous << 8 | Int(bytes[offset])
                    previous = Int(bytes[offset])
                    guard starts[pair >> 6] & (1 << UInt64(pair & 63)) != 0 else { continue }
                    for (index, text) in texts.enumerated() where !found[index] && Self.occurs(text, in: bytes, at: offset - 1) {
                        found[index] = true
                    }
                }
            }
        }
    }

    private static func occurs(_ text: [UInt8], in bytes: UnsafeBufferPointer<UInt8>, at start: Int) -> Bool {
        guard bytes.count - start >= text.count else { return false }
        for (offset, byte) in text.enumerated() where bytes[start + offset] != byte { return false }
        return true
    }
}
