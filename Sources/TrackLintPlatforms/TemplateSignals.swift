import TrackLintParsing

/// Finds the platforms' template syntax (`PlatformProfile.templateSyntax`) in a source, in one
/// pass over its bytes. A space in a signal stands for any run of white space, or none, so
/// `{% unsubscribe %}` also finds `{%unsubscribe%}`.
///
/// Every byte of every document passes through here, and a byte-by-byte scan was the largest
/// Swift cost of a run: the scan reads only the pairs of bytes at even offsets, eight bytes at a
/// time, and looks up the pairs where a signal may start only beside those that say so
/// (`Marks`). A signal starting at an even offset shows its first pair there; one starting at an
/// odd offset its first byte as the second of the pair before it when that byte is rare in HTML
/// (`{`, `%`, `[`) or white space may follow its first two bytes, else its second pair (bytes 1
/// and 2) at the next even offset.
package struct TemplateSignals: Sendable {
    package struct Signal: Sendable {
        package let text: String
        /// The platforms that declare it: one makes it strong evidence, several weak.
        package let platforms: [String]
    }

    package static let all = TemplateSignals(PlatformProfiles.all)

    let signals: [Signal]
    /// Every signal's bytes one after another: signal `i` is `text[textStarts[i]..<textStarts[i + 1]]`.
    /// The scan reads flat arrays of plain integers, which cost no retain or release per candidate.
    let text: [UInt8]
    let textStarts: [Int]
    /// The signals grouped by their first pair of bytes: group `g` is
    /// `members[memberStarts[g]..<memberStarts[g + 1]]`, in signal order.
    let members: [Int]
    let memberStarts: [Int]
    /// For every pair of bytes (as loaded little-endian), its group plus one, or 0 when no signal
    /// starts with it: flat tables read for every pair, which no hashing could match.
    let groupOfFirstPair: [UInt8]
    /// For every pair, where a signal may start beside it when it stands at an even offset (`Marks`).
    let marks: [UInt8]
    /// Every signal's first eight bytes up to its first space, as loaded little-endian, and the
    /// mask of those bytes: one comparison turns down most candidates (`class="` starts many
    /// attributes, `class="mkto` few).
    let heads: [(bytes: UInt64, mask: UInt64)]

    /// What a pair at an even offset says of the starts beside it.
    enum Marks {
        /// Some signal starts with the pair one byte before: the pair is its second.
        static let startBefore: UInt8 = 1
        /// Some signal starts with the pair.
        static let startHere: UInt8 = 2
        /// Some signal starts with the pair's second byte, which is rare or may be followed by white space.
        static let startAfter: UInt8 = 4
    }

    /// First bytes of template syntax that stand in HTML far less often than its second pairs
    /// (`%ta` of `%tag_...%`, `{co` of `{contactfield=`): such a signal is looked for after them.
    static let rareFirstBytes: Set<UInt8> = Set("{%[*$@|".utf8)

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
        signals = order.map { Signal(text: $0, platforms: owners[$0]!) }
        text = order.flatMap(\.utf8)
        textStarts = order.reduce(into: [0]) { $0.append($0.last! + $1.utf8.count) }
        var groups: [UInt16: [Int]] = [:]
        var marks = [UInt8](repeating: 0, count: 1 << 16)
        var startsAfter: Set<UInt8> = []
        for (index, signal) in order.enumerated() {
            let bytes = Array(signal.utf8)
            let literal = bytes.prefix { $0 != 0x20 }.count
            precondition(literal >= 2, "a signal starts with two bytes that are not white space")
            groups[Self.key(bytes[0], bytes[1]), default: []].append(index)
            marks[Int(Self.key(bytes[0], bytes[1]))] |= Marks.startHere
            if literal >= 3 && !Self.rareFirstBytes.contains(bytes[0]) {
                marks[Int(Self.key(bytes[1], bytes[2]))] |= Marks.startBefore
            } else {
                startsAfter.insert(bytes[0])
            }
        }
        // Each such first byte once: a mark for every byte before it, for every signal, was a start-up cost.
        for byte in startsAfter {
            for before in 0...UInt8.max { marks[Int(Self.key(before, byte))] |= Marks.startAfter }
        }
        heads = order.map { signal in
            signal.utf8.prefix(8).prefix { $0 != 0x20 }.enumerated().reduce(into: (bytes: UInt64(0), mask: UInt64(0))) { head, byte in
                head.bytes |= UInt64(byte.element) << (8 * byte.offset)
                head.mask |= 0xFF << (8 * byte.offset)
            }
        }
        let pairs = groups.keys.sorted()
        precondition(pairs.count < 256, "a group number must fit a byte of groupOfFirstPair")
        var groupOfFirstPair = [UInt8](repeating: 0, count: 1 << 16)
        for (group, pair) in pairs.enumerated() { groupOfFirstPair[Int(pair)] = UInt8(group + 1) }
        self.groupOfFirstPair = groupOfFirstPair
        self.marks = marks
        members = pairs.flatMap { groups[$0]! }
        memberStarts = pairs.reduce(into: [0]) { $0.append($0.last! + groups[$1]!.count) }
    }

    /// The signals that occur in `bytes`, each once, in the order of their first occurrence.
    package func matches(in bytes: [UInt8]) -> [Signal] {
        bytes.withUnsafeBufferPointer { matches(in: $0) }
    }

    /// The same over a buffer, read without bounds checks.
    package func matches(in bytes: UnsafeBufferPointer<UInt8>) -> [Signal] {
        guard bytes.count >= 2, let base = bytes.baseAddress else { return [] }
        var found: [(start: Int, signal: Int)] = []
        let source = UnsafeRawPointer(base)
        marks.withUnsafeBufferPointer { marks in
            groupOfFirstPair.withUnsafeBufferPointer { groups in
                func look(from start: Int) {
                    guard start >= 0 && start + 1 < bytes.count else { return }
                    let group = Int(groups[Int(Self.pair(at: start, in: source))])
                    if group != 0 { collect(group, at: start, in: bytes, into: &found) }
                }
                // The starts beside an even offset, in order (so a signal's first start is found first).
                func look(at offset: Int) {
                    let mark = marks[Int(Self.pair(at: offset, in: source))]
                    if mark & Marks.startBefore != 0 { look(from: offset - 1) }
                    if mark & Marks.startHere != 0 { look(from: offset) }
                    if mark & Marks.startAfter != 0 { look(from: offset + 1) }
                }
                var offset = 0
                // Most runs of eight bytes hold no pair that a signal needs: one test for their four pairs.
                while offset + 8 <= bytes.count {
                    let word = UInt64(littleEndian: source.loadUnaligned(fromByteOffset: offset, as: UInt64.self))
                    if marks[Int(word & 0xFFFF)] | marks[Int(word >> 16 & 0xFFFF)] | marks[Int(word >> 32 & 0xFFFF)] | marks[Int(word >> 48)] != 0 {
                        for pair in stride(from: offset, to: offset + 8, by: 2) { look(at: pair) }
                    }
                    offset += 8
                }
                while offset + 1 < bytes.count {
                    look(at: offset)
                    offset += 2
                }
            }
        }
        // The same start can be looked at twice (after one pair, before the next): ties by signal.
        return found.sorted { ($0.start, $0.signal) < ($1.start, $1.signal) }.map { signals[$0.signal] }
    }

    /// Adds the signals of a first-pair group that start at `start` and were not found yet.
    private func collect(_ group: Int, at start: Int, in bytes: UnsafeBufferPointer<UInt8>, into found: inout [(start: Int, signal: Int)]) {
        let word = start + 8 <= bytes.count ? UInt64(littleEndian: UnsafeRawPointer(bytes.baseAddress!).loadUnaligned(fromByteOffset: start, as: UInt64.self)) : nil
        for member in memberStarts[group - 1]..<memberStarts[group] {
            let signal = members[member]
            if let word, word & heads[signal].mask != heads[signal].bytes { continue }
            if !found.contains(where: { $0.signal == signal }) && occurs(signal, in: bytes, at: start) { found.append((start, signal)) }
        }
    }

    private static func pair(at offset: Int, in source: UnsafeRawPointer) -> UInt16 {
        UInt16(littleEndian: source.loadUnaligned(fromByteOffset: offset, as: UInt16.self))
    }

    /// A pair as two bytes loaded at once, little-endian, read it.
    private static func key(_ first: UInt8, _ second: UInt8) -> UInt16 { UInt16(second) << 8 | UInt16(first) }

    private static func isSpace(_ byte: UInt8) -> Bool { byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D }

    /// Whether signal `signal` starts at `start`, whose first pair of bytes is known to be the signal's.
    private func occurs(_ signal: Int, in bytes: UnsafeBufferPointer<UInt8>, at start: Int) -> Bool {
        var position = start + 2
        for index in (textStarts[signal] + 2)..<textStarts[signal + 1] {
            let byte = text[index]
            if byte == 0x20 {
                while position < bytes.count && Self.isSpace(bytes[position]) { position += 1 }
                continue
            }
            guard position < bytes.count, bytes[position] == byte else { return false }
            position += 1
        }
        return true
    }
}
