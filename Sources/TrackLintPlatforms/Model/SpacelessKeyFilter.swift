import TrackLintParsing

/// Turns down, without making a key, most texts whose `replacingSpaces()` is none of a set of
/// keys: a bit per hash of each key's bytes. Every merge tag of every document is looked up as an
/// unsubscribe and a preference placeholder, and a key made and hashed for each cost more than
/// the rest of the look-up.
struct SpacelessKeyFilter: Sendable {
    private var bits = [UInt64](repeating: 0, count: 16)
    /// False when a key is not ASCII: texts are hashed as ASCII bytes only.
    private var hashesEveryKey = true

    init(_ keys: some Sequence<String>) {
        for key in keys {
            guard let hash = Self.hash(key) else {
                hashesEveryKey = false
                continue
            }
            bits[hash >> 6] |= 1 << UInt64(hash & 63)
        }
    }

    /// False when the text's key is surely none of the keys.
    func mayHold(_ text: String) -> Bool {
        guard hashesEveryKey, let hash = Self.hash(text) else { return true }
        return bits[hash >> 6] & (1 << UInt64(hash & 63)) != 0
    }

    /// Ten bits of the FNV-1a hash of the text's key (as `replacingSpaces` makes it of ASCII), or
    /// nil when the text is not ASCII.
    private static func hash(_ text: String) -> Int? {
        text.withUTF8InPlace { bytes -> Int? in
            var hash: UInt64 = 0xCBF2_9CE4_8422_2325
            for byte in bytes {
                guard byte < 0x80 else { return nil }
                guard let kept = spacelessKeyByte(byte) else { continue }
                hash = (hash ^ UInt64(kept)) &* 0x100_0000_01B3
            }
            return Int(hash >> 54)
        }
    }
}
