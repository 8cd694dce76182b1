import TrackLint
import TrackLintParsing
import TrackLintPlatforms

/// A hash that is the same on every run and machine (Swift's `Hasher` is seeded per process), for
/// fingerprints that CI systems compare across runs. Not for security.
package enum StableHash {
    /// 128 bits as 32 hex digits: FNV-1a 64 from two different offset bases.
    package static func hex(_ text: String) -> String {
        hex64(text, basis: 0xcbf2_9ce4_8422_2325) + hex64(text, basis: 0x6c62_272e_07bb_0142)
    }

    private static func hex64(_ text: String, basis: UInt64) -> String {
        var hash = basis
        for byte in text.utf8 {
            hash ^= UInt64(byte)
            hash = hash &* 0x0000_0100_0000_01B3
        }
        let digits = String(hash, radix: 16)
        return TerminalText.repeated("0", count: 16 - digits.count) + digits
    }
}

/// Fingerprints for findings that survive edits elsewhere in a file: made from the code, path,
/// message, part, header and evidence, not the line, and counting repeats so each stays unique.
package struct FindingFingerprints {
    private var occurrences: [String: Int] = [:]
    private var current: (path: String, message: Int?)?

    /// Occurrences count within one input (one message of an mbox), whose findings arrive
    /// together: those of earlier inputs are let go, so that memory stays flat over an archive.
    package mutating func startInput(path: String, message: Int?) {
        if let current, current.path == path && current.message == message { return }
        current = (path, message)
        occurrences.removeAll(keepingCapacity: true)
    }

    package mutating func next(for finding: Finding) -> String {
        let location = finding.location
        let identity = [finding.code, location.path, location.message.map(String.init) ?? "", location.part ?? "",
                        location.header ?? "", finding.evidence].joined(separator: "\u{1F}")
        let occurrence = occurrences[identity, default: 0]
        occurrences[identity] = occurrence + 1
        return StableHash.hex("\(identity)\u{1F}\(occurrence)")
    }
}
