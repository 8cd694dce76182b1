/// A hash that is the same on every run and machine (Swift's `Hasher` is seeded per process), for
/// fingerprints that CI systems compare across runs. Not for security.
enum StableHash {
    /// 128 bits as 32 hex digits: FNV-1a 64 from two different offset bases.
    static func hex(_ text: String) -> String {
        hex64(text, basis: 0xcbf2_9ce4_8422_2325) + hex64(text, basis: 0x6c62_272e_07bb_0142)
    }

    private static func hex64(_ text: String, basis: UInt64) -> String {
        var hash = basis
        for byte in text.utf8 {
            hash ^= UInt64(byte)
            hash = hash &* 0x0000_0100_0000_01B3
        }
        let digits = String(hash, radix: 16)
        return String(repeating: "0", count: 16 - digits.count) + digits
    }
}
