import TrackLintParsing

/// Finds the platforms' template syntax (`PlatformProfile.templateSyntax`) in a source, in one
/// pass over its bytes. A space in a signal stands for any run of white space, or none, so
/// `{% unsubscribe %}` also finds `{%unsubscribe%}`.
///
/// Every byte of every document passes through here: the scan reads only the pairs of bytes at
/// even offsets, eight bytes at a time, and stops only at the pairs that anchor a signal. A signal
/// is anchored on three bytes of its text before the first space: wherever it starts, one of their
/// two pairs stands at an even offset. The three are those whose pairs are least common in
/// ordinary email HTML (`ordinaryHTML`): anchored on its first pair, a signal stopped the scan at
/// every `cl`, `da`, `ma` or `ht` of a document. A signal with only two bytes before its space
/// (`{{ person.`) is anchored on its first pair, and on its first byte as the second of a pair.
package final class TemplateSignals: Sendable {
    package struct Signal: Sendable {
        package let text: String
        /// The platforms that declare it: one makes it strong evidence, several weak.
        package let platforms: [String]
        /// Whether it is one of `commonPlaceholders`: weak evidence, whoever declares it.
        package let isCommon: Bool

        /// Whether it points at one platform alone.
        package var isOwn: Bool { platforms.count == 1 && !isCommon }
    }

    /// Placeholders that home-grown senders and template libraries write as often as the platform
    /// that declares them (`{{ unsubscribe_url }}` is Kit's, and every Django or Jinja mailer's;
    /// `{{ customer.` is Customer.io's, and every shop's Liquid, Shopify's first).
    package static let commonPlaceholders: Set<String> = ["{{ unsubscribe_url }}", "{{ customer."]

    package static let all = TemplateSignals(PlatformProfiles.all)

    let signals: [Signal]
    /// Every signal's bytes one after another: signal `i` is `text[textStarts[i]..<textStarts[i + 1]]`.
    /// The scan reads flat arrays of plain integers, which cost no retain or release per candidate.
    let text: [UInt8]
    let textStarts: [Int]
    /// For each signal of two bytes before a space, the byte after its spaces (0 for the others):
    /// the forty that start `{{ ` or `{% ` are told apart by it before one is read in full.
    let byteAfterSpaces: [UInt8]

    /// Signals that may start `distance` bytes before a pair of bytes: `anchorMembers[members]`,
    /// all of which start with the bytes of `head` under `mask` (as loaded little-endian). One
    /// comparison turns down most candidates (`class="` starts many attributes, `class="mkto` few).
    struct Anchor {
        let distance: Int
        let members: Range<Int>
        let head: UInt64
        let mask: UInt64
        /// Whether its members are signals of two bytes before a space (`byteAfterSpaces`).
        var readsAfterSpaces = false
    }

    /// The bits of the eight bytes from `distance` before a pair that every anchor of its group
    /// needs (none where the anchors stand at different distances).
    struct GroupFilter {
        let distance: Int
        let head: UInt64
        let mask: UInt64
    }

    /// For every pair of bytes (as loaded little-endian), its group of anchors plus one, or 0 when
    /// it anchors no signal: a flat table read for every pair, which no hashing could match.
    let groupOfPair: [UInt8]
    /// Group `g` is `anchors[anchorStarts[g]..<anchorStarts[g + 1]]`, by distance from the
    /// greatest: each signal is then met at its starts in their order, so the first found is its first.
    let anchors: [Anchor]
    let anchorStarts: [Int]
    /// For each group, the bytes all its anchors need, tested in the scan before a call to
    /// `collect`: a style sheet's every `{` at an odd offset anchors the `{{ ` and `{% ` signals.
    let groupFilters: [GroupFilter]
    /// Each signal on its own, then the signals of two bytes before a space by those two bytes
    /// (`{{ ` and `{% ` start forty): one anchor stands for all.
    let anchorMembers: [Int]

    /// What HTML mail is made of, for how common each pair of bytes is: the anchors avoid its pairs.
    static let ordinaryHTML = """
        <!DOCTYPE html><html lang="en"><head><meta http-equiv="Content-Type" content="text/html; charset=utf-8">
        <meta name="viewport" content="width=device-width, initial-scale=1"><title>Newsletter</title><style type="text/css">
        body { margin: 0; padding: 0; font-family: Helvetica, Arial, sans-serif; } img { border: 0; display: block; }
        table, td { border-collapse: collapse; mso-table-lspace: 0pt; } a[x-apple-data-detectors] { color: inherit !important; }
        @media only screen and (max-width: 600px) { .container { width: 100% !important; } .stack-column { display: block; } }
        </style></head><body style="background-color: #f4f4f4; line-height: 20px; text-align: center; vertical-align: top;">
        <!--[if mso]><table role="presentation" cellspacing="0" cellpadding="0" border="0" width="600"><tr><td><![endif]-->
        <div class="wrapper"><table class="main" align="center"><tr><td class="content-block" valign="top" style="font-size: 14px;">
        <h1 style="font-weight: bold;">Hello there,</h1><p>Thanks for signing up! Click the button below to confirm your account.</p>
        <a href="https://www.example.com/account?utm_source=newsletter&amp;utm_medium=email" target="_blank" class="button">Read more</a>
        <img src="https://cdn.example.com/images/logo.png" alt="Logo" width="120" height="40"></td></tr>
        <tr><td class="footer"><a href="https://example.com/unsubscribe?id=123">Unsubscribe</a> | <a href="https://example.com/preferences">Update
        your preferences</a> | <a href="https://example.com/view-online">View in browser</a></td></tr></table></div></body></html>
        <tr><td><table><tr><td class="header" style="-webkit-text-size-adjust: 100%; mso-line-height-rule: exactly;">Contact us</td></tr>
        <tr><td><a href="mailto:support@example.com">support@example.com</a> &nbsp;&copy; 2024 Example Inc., 123 Main Street, Springfield</td></tr>
        """

    init(_ profiles: [PlatformProfile]) {
        var positions: [String: Int] = [:]
        var order: [String] = []
        var owners: [[String]] = []
        for profile in profiles {
            let syntax = profile.templateSyntax
            // A signal that only extends another of the same platform (`<unsubscribe>` beside
            // `<unsubscribe`) would count one fact twice.
            for signal in syntax where !syntax.contains(where: { $0 != signal && signal.hasPrefix($0) }) {
                guard let position = positions[signal] else {
                    positions[signal] = order.count
                    order.append(signal)
                    owners.append([profile.id])
                    continue
                }
                if !owners[position].contains(profile.id) { owners[position].append(profile.id) }
            }
        }
        signals = zip(order, owners).map { Signal(text: $0, platforms: $1, isCommon: Self.commonPlaceholders.contains($0)) }
        text = order.flatMap(\.utf8)
        textStarts = order.reduce(into: [0]) { $0.append($0.last! + $1.utf8.count) }
        byteAfterSpaces = order.map { signal in
            let bytes = Array(signal.utf8)
            guard bytes.count > 2, bytes[2] == 0x20 else { return 0 }
            return bytes[2...].first { $0 != 0x20 } ?? 0
        }
        (groupOfPair, anchors, anchorStarts, anchorMembers) = Self.anchorGroups(order.map { Array($0.utf8) })
        groupFilters = zip(anchorStarts, anchorStarts.dropFirst()).map { [anchors] start, end in
            let group = anchors[start..<end]
            guard let first = group.first, group.allSatisfy({ $0.distance == first.distance }) else {
                return GroupFilter(distance: 0, head: 0, mask: 0)
            }
            let mask = group.reduce(UInt64.max) { $0 & $1.mask & ~($1.head ^ first.head) }
            return GroupFilter(distance: first.distance, head: first.head & mask, mask: mask)
        }
    }

    /// Each signal's anchors, grouped by pair (`groupOfPair`, `anchors`, `anchorStarts`, `anchorMembers`).
    /// Built from flat arrays sorted once: dictionaries of arrays made this a start-up cost.
    private static func anchorGroups(_ signals: [[UInt8]]) -> ([UInt8], [Anchor], [Int], [Int]) {
        let (paired, afterByte, members) = anchorsByPair(signals)
        var groupOfPair = [UInt8](repeating: 0, count: 1 << 16)
        var anchors: [Anchor] = []
        var anchorStarts = [0]
        func group(of members: [Anchor]) -> UInt8 {
            precondition(anchorStarts.count < 256, "a group number must fit a byte of groupOfPair")
            anchors += members.sorted { $0.distance != $1.distance ? $0.distance > $1.distance : $0.members.lowerBound < $1.members.lowerBound }
            anchorStarts.append(anchors.count)
            return UInt8(anchorStarts.count - 1)
        }
        let sorted = paired.sorted { $0.pair < $1.pair }
        var index = 0
        while index < sorted.count {
            let pair = sorted[index].pair
            let end = sorted[index...].firstIndex { $0.pair != pair } ?? sorted.count
            groupOfPair[Int(pair)] = group(of: sorted[index..<end].map(\.anchor) + afterByte.filter { $0.byte == pair >> 8 }.map(\.anchor))
            index = end
        }
        // The pairs that end in such a byte and anchor nothing else share a group.
        for byte in Set(afterByte.map(\.byte)) {
            let shared = group(of: afterByte.filter { $0.byte == byte }.map(\.anchor))
            for before in 0...UInt8.max where groupOfPair[Int(key(before, byte))] == 0 { groupOfPair[Int(key(before, byte))] = shared }
        }
        return (groupOfPair, anchors, anchorStarts, members)
    }

    /// The anchors of the pairs of bytes each signal gives, the anchors of every pair that ends in
    /// a byte, and `anchorMembers`.
    private static func anchorsByPair(_ signals: [[UInt8]]) -> ([(pair: UInt16, anchor: Anchor)], [(byte: UInt8, anchor: Anchor)], [Int]) {
        let counts = pairCounts(in: Array(ordinaryHTML.utf8))
        func commonness(_ bytes: [UInt8], at offset: Int) -> Int {
            Int(counts[Int(key(bytes[offset], bytes[offset + 1]))]) + Int(counts[Int(key(bytes[offset + 1], bytes[offset + 2]))])
        }
        var paired: [(pair: UInt16, anchor: Anchor)] = []
        var twoByteStarts: [(pair: UInt16, signal: Int)] = []
        for (index, bytes) in signals.enumerated() {
            let literal = bytes.prefix { $0 != 0x20 }.count
            precondition(literal >= 2, "a signal starts with two bytes that are not white space")
            guard literal >= 3 else {
                twoByteStarts.append((key(bytes[0], bytes[1]), index))
                continue
            }
            let rarest = (0...(literal - 3)).min { (commonness(bytes, at: $0), $0) < (commonness(bytes, at: $1), $1) }!
            let head = bytes.prefix(min(literal, 8)).enumerated().reduce(UInt64(0)) { $0 | UInt64($1.element) << (8 * $1.offset) }
            let mask = UInt64.max >> (64 - 8 * min(literal, 8))
            for distance in [rarest, rarest + 1] {
                paired.append((key(bytes[distance], bytes[distance + 1]), Anchor(distance: distance, members: index..<(index + 1), head: head, mask: mask)))
            }
        }
        // The signals of two bytes before a space, by those two bytes: one anchor stands for all that share them.
        var members = Array(signals.indices)
        var afterByte: [(byte: UInt8, anchor: Anchor)] = []
        for pair in Set(twoByteStarts.map(\.pair)).sorted() {
            let range = members.count..<(members.count + twoByteStarts.count { $0.pair == pair })
            members += twoByteStarts.filter { $0.pair == pair }.map(\.signal)
            paired.append((pair, Anchor(distance: 0, members: range, head: UInt64(pair), mask: 0xFFFF, readsAfterSpaces: true)))
            afterByte.append((UInt8(pair & 0xFF), Anchor(distance: -1, members: range, head: UInt64(pair), mask: 0xFFFF, readsAfterSpaces: true)))
        }
        return (paired, afterByte, members)
    }

    /// How often each pair of bytes stands in a text, up to 255.
    private static func pairCounts(in text: [UInt8]) -> [UInt8] {
        var counts = [UInt8](repeating: 0, count: 1 << 16)
        for offset in text.indices.dropLast() {
            let pair = Int(key(text[offset], text[offset + 1]))
            counts[pair] = min(counts[pair], 254) + 1
        }
        return counts
    }

    /// The signals that occur in `bytes`, each once, in the order of their first occurrence.
    package func matches(in bytes: [UInt8]) -> [Signal] {
        bytes.withUnsafeBufferPointer { matches(in: $0) }
    }

    /// The same over a buffer, read without bounds checks.
    package func matches(in bytes: UnsafeBufferPointer<UInt8>) -> [Signal] {
        guard bytes.count >= 2 else { return [] }
        let found = groupOfPair.withUnsafeBufferPointer { groups in
            groupFilters.withUnsafeBufferPointer { firstStarts(in: bytes, groups: groups, filters: $0) }
        }
        // Signals whose anchors stand at different distances are found out of the order of their starts.
        return found.sorted { ($0.start, $0.signal) < ($1.start, $1.signal) }.map { signals[$0.signal] }
    }

    /// Where each signal that occurs first starts.
    private func firstStarts(in bytes: UnsafeBufferPointer<UInt8>, groups: UnsafeBufferPointer<UInt8>,
                             filters: UnsafeBufferPointer<GroupFilter>) -> [(start: Int, signal: Int)] {
        var found: [(start: Int, signal: Int)] = []
        let source = UnsafeRawPointer(bytes.baseAddress!)
        func group(at offset: Int) -> UInt8 {
            groups[Int(UInt16(littleEndian: source.loadUnaligned(fromByteOffset: offset, as: UInt16.self)))]
        }
        var offset = 0
        // Most runs of sixteen bytes hold no anchor: one test for their eight pairs, each loaded
        // as it is looked up.
        while offset + 16 <= bytes.count {
            var any: UInt8 = 0
            for pair in stride(from: offset, to: offset &+ 16, by: 2) { any |= group(at: pair) }
            if any != 0 {
                for pair in stride(from: offset, to: offset &+ 16, by: 2) where group(at: pair) != 0 && mayStart(filters[Int(group(at: pair)) - 1], at: pair, in: bytes) {
                    collect(group(at: pair), at: pair, in: bytes, into: &found)
                }
            }
            offset &+= 16
        }
        while offset + 1 < bytes.count {
            if group(at: offset) != 0 && mayStart(filters[Int(group(at: offset)) - 1], at: offset, in: bytes) {
                collect(group(at: offset), at: offset, in: bytes, into: &found)
            }
            offset &+= 2
        }
        return found
    }

    /// Whether a signal of a group may start beside the pair at `offset`, by the group's filter
    /// (where all eight bytes can be read).
    @inline(__always)
    private func mayStart(_ filter: GroupFilter, at offset: Int, in bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        let start = offset - filter.distance
        guard start >= 0, start + 8 <= bytes.count else { return true }
        return UInt64(littleEndian: UnsafeRawPointer(bytes.baseAddress!).loadUnaligned(fromByteOffset: start, as: UInt64.self)) & filter.mask == filter.head
    }

    /// Adds the signals of an anchor group that start beside the pair at `offset` and were not
    /// found yet. (Kept out of the scan, whose loop then keeps its values in registers.)
    @inline(never)
    private func collect(_ group: UInt8, at offset: Int, in bytes: UnsafeBufferPointer<UInt8>, into found: inout [(start: Int, signal: Int)]) {
        for index in anchorStarts[Int(group) - 1]..<anchorStarts[Int(group)] {
            let anchor = anchors[index]
            let start = offset - anchor.distance
            guard start >= 0 else { continue }
            if start + 8 <= bytes.count,
               UInt64(littleEndian: UnsafeRawPointer(bytes.baseAddress!).loadUnaligned(fromByteOffset: start, as: UInt64.self)) & anchor.mask != anchor.head {
                continue
            }
            let following = anchor.readsAfterSpaces ? byte(at: spaces(from: start + 2, in: bytes), in: bytes) : 0
            for member in anchor.members {
                let signal = anchorMembers[member]
                let expected = byteAfterSpaces[signal]
                if expected != 0 && expected != following { continue }
                if !found.contains(where: { $0.signal == signal }) && occurs(signal, in: bytes, at: start) { found.append((start, signal)) }
            }
        }
    }

    /// A pair as two bytes loaded at once, little-endian, read it.
    private static func key(_ first: UInt8, _ second: UInt8) -> UInt16 { UInt16(second) << 8 | UInt16(first) }

    private static func isSpace(_ byte: UInt8) -> Bool { byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D }

    /// Where the run of white space from `position` on ends.
    private func spaces(from position: Int, in bytes: UnsafeBufferPointer<UInt8>) -> Int {
        var position = position
        while position < bytes.count && Self.isSpace(bytes[position]) { position += 1 }
        return position
    }

    /// The byte at `position`, or 0 past the end.
    private func byte(at position: Int, in bytes: UnsafeBufferPointer<UInt8>) -> UInt8 {
        position < bytes.count ? bytes[position] : 0
    }

    /// Whether signal `signal` starts at `start`.
    private func occurs(_ signal: Int, in bytes: UnsafeBufferPointer<UInt8>, at start: Int) -> Bool {
        // A bracket before the opening one makes another tag: `{{{unsubscribe}}}` is SendGrid's,
        // not Brevo's `{{ unsubscribe }}`, and `{{ unsubscribe_url }}` is not Mautic's `{unsubscribe_url}`.
        let first = text[textStarts[signal]]
        if start > 0 && (first == UInt8(ascii: "{") || first == UInt8(ascii: "[")) && bytes[start - 1] == first { return false }
        var position = start
        for index in textStarts[signal]..<textStarts[signal + 1] {
            let byte = text[index]
            if byte == 0x20 {
                position = spaces(from: position, in: bytes)
                continue
            }
            guard position < bytes.count, bytes[position] == byte else { return false }
            position += 1
        }
        return true
    }
}
