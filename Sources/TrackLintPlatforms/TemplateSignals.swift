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
    /// Signal indices by their first two bytes, which are never white space.
    let byPrefix: [UInt16: [Int]]
    /// Whether any signal starts with a pair of bytes: a flat table checked for every byte.
    let startsSignal: [Bool]

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
        var byPrefix: [UInt16: [Int]] = [:]
        for (index, signal) in signals.enumerated() where signal.bytes.count >= 2 {
            byPrefix[Self.key(signal.bytes[0], signal.bytes[1]), default: []].append(index)
        }
        self.byPrefix = byPrefix
        var startsSignal = [Bool](repeating: false, count: 1 << 16)
        for key in byPrefix.keys { startsSignal[Int(key)] = true }
        self.startsSignal = startsSignal
    }

    /// The signals that occur in `bytes`, each once, in the order of their first occurrence.
    package func matches(in bytes: [UInt8]) -> [Signal] {
        guard bytes.count >= 2 else { return [] }
        var found: [Int] = []
        var seen = Set<Int>()
        // The scan reads every byte of the document: without bounds checks.
        let starts = startsSignal.withUnsafeBufferPointer { table in
            bytes.withUnsafeBufferPointer { buffer in
                (0..<(buffer.count - 1)).filter { table[Int(Self.key(buffer[$0], buffer[$0 + 1]))] }
            }
        }
        for offset in starts {
            guard let candidates = byPrefix[Self.key(bytes[offset], bytes[offset + 1])] else { continue }
            for index in candidates where !seen.contains(index) && Self.matches(signals[index].bytes, bytes, at: offset) {
                seen.insert(index)
                found.append(index)
            }
        }
        return found.map { signals[$0] }
    }

    private static func key(_ first: UInt8, _ second: UInt8) -> UInt16 { UInt16(first) << 8 | UInt16(second) }

    private static func isSpace(_ byte: UInt8) -> Bool { byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D }

    private static func matches(_ signal: [UInt8], _ bytes: [UInt8], at start: Int) -> Bool {
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
