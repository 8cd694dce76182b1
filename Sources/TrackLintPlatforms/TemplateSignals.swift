import TrackLintParsing

/// Finds the platforms' template syntax (`PlatformProfile.templateSyntax`) in a source, in one
/// pass over its bytes. A space in a signal stands for any run of white space, or none, so
/// `{% unsubscribe %}` also finds `{%unsubscribe%}`.
package struct TemplateSignals: Sendable {
    package struct Signal: Sendable {
        package let text: String
        /// The platforms that declare it: one makes it strong evidence, several weak.
        package let platforms: [String]
        let bytes: [UInt8]
    }

    package static let all = TemplateSignals(PlatformProfiles.all)

    let signals: [Signal]
    /// Lists of the indices of the signals that start with one pair of bytes (never white space).
    let candidates: [[Int]]
    /// For every pair of bytes, its list in `candidates` plus one, or 0 when no signal starts
    /// with it: a flat table read for every byte, which no hashing could match.
    let listOfPair: [UInt16]

    init(_ profiles: [PlatformProfile]) {
        var owners: [String: [String]] = [:]
        var order: [String] = []
        for profile in profiles {
            let syntax = profile.templateSyntax
            // A signal that only extends another of the same platform (`<unsubscribe>` beside
            // `<unsubscribe`) would count one fact twice.
            for signal in syntax where !syntax.contains(where: { $0 != signal && signal.hasPrefix($0) }) {
                if owners[signal] == nil { order.append(signal) }
                if owners[signal]?.contains(profile.id) != true { owners[signal, default: []].append(profile.id) }
            }
        }
        signals = order.map { Signal(text: $0, platforms: owners[$0]!, bytes: Array($0.utf8)) }
        var candidates: [[Int]] = []
        var listOfPair = [UInt16](repeating: 0, count: 1 << 16)
        for (index, signal) in signals.enumerated() where signal.bytes.count >= 2 {
            let pair = Int(Self.key(signal.bytes[0], signal.bytes[1]))
            if listOfPair[pair] == 0 {
                candidates.append([])
                listOfPair[pair] = UInt16(candidates.count)
            }
            candidates[Int(listOfPair[pair]) - 1].append(index)
        }
        self.candidates = candidates
        self.listOfPair = listOfPair
    }

    /// The signals that occur in `bytes`, each once, in the order of their first occurrence.
    package func matches(in bytes: [UInt8]) -> [Signal] {
        bytes.withUnsafeBufferPointer { matches(in: $0) }
    }

    /// The same over a buffer: the scan reads every byte of the document, so it runs without
    /// bounds checks, loads each pair of bytes at once, and reads candidates only where a pair starts one.
    package func matches(in bytes: UnsafeBufferPointer<UInt8>) -> [Signal] {
        guard bytes.count >= 2 else { return [] }
        var found: [Int] = []
        let pairs = UnsafeRawPointer(bytes.baseAddress!)
        listOfPair.withUnsafeBufferPointer { table in
            for offset in 0..<(bytes.count - 1) {
                let list = Int(table[Int(UInt16(littleEndian: pairs.loadUnaligned(fromByteOffset: offset, as: UInt16.self)))])
                guard list != 0 else { continue }
                for index in candidates[list - 1] where !found.contains(index) && Self.matches(signals[index].bytes, bytes, at: offset) {
                    found.append(index)
                }
            }
        }
        return found.map { signals[$0] }
    }

    /// A pair as two bytes loaded at once, little-endian, read it.
    private static func key(_ first: UInt8, _ second: UInt8) -> UInt16 { UInt16(second) << 8 | UInt16(first) }

    private static func isSpace(_ byte: UInt8) -> Bool { byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D }

    private static func matches(_ signal: [UInt8], _ bytes: UnsafeBufferPointer<UInt8>, at start: Int) -> Bool {
        var position = start
        for byte in signal {
            if byte == 0x20 {
                while position < bytes.count && isSpace(bytes[position]) { position += 1 }
                continue
            }
            guard position < bytes.count, bytes[position] == byte else { return false }
            position += 1
        }
        return true
    }
}
