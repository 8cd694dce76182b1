/// A list of lower-case words and phrases searched for in a text in one pass over its bytes.
/// Link texts, URLs and attribute values are searched for dozens of words each: one search per
/// word (each allocating its needle) cost more than everything else tracklint does with a link.
package struct PhraseSet: Sendable {
    package let phrases: [String]
    /// Every phrase's bytes, one after another; `ranges` has each phrase's, in list order.
    private let bytes: [UInt8]
    private let ranges: [Range<Int>]
    /// The pairs of bytes phrases start with, as a bitmap of `first << 8 | second`: most places in
    /// a text start no phrase, and this tells them apart with one lookup.
    private let startPairs: [UInt64]
    /// For each first byte, the range of `candidates` holding the phrases that start with it, in
    /// list order.
    private let buckets: [Range<Int>]
    private let candidates: [Int]

    /// `phrases` must be lower-case (`lowercased()` leaves them as they are), of two bytes or more.
    package init(_ phrases: [String]) {
        precondition(phrases.allSatisfy { $0.utf8.count >= 2 && $0.lowercased() == $0 }, "phrases are lower-case, two bytes or more")
        self.phrases = phrases
        bytes = phrases.flatMap(\.utf8)
        var ranges: [Range<Int>] = []
        var startPairs = [UInt64](repeating: 0, count: 65_536 / 64)
        var byFirstByte = [[Int]](repeating: [], count: 256)
        for (index, phrase) in phrases.enumerated() {
            let start = ranges.last?.upperBound ?? 0
            ranges.append(start..<(start + phrase.utf8.count))
            let pair = Int(bytes[start]) << 8 | Int(bytes[start + 1])
            startPairs[pair >> 6] |= 1 << UInt64(pair & 63)
            byFirstByte[Int(bytes[start])].append(index)
        }
        self.ranges = ranges
        self.startPairs = startPairs
        candidates = byFirstByte.flatMap { $0 }
        var buckets: [Range<Int>] = []
        for list in byFirstByte { buckets.append((buckets.last?.upperBound ?? 0)..<((buckets.last?.upperBound ?? 0) + list.count)) }
        self.buckets = buckets
    }

    /// The first phrase in list order that `text` contains, ignoring case the way `lowercased()`
    /// does: the text is lower-cased only when it holds a letter outside ASCII that changes.
    package func first(inIgnoringCase text: String) -> String? {
        firstIndex(inIgnoringCase: text).map { phrases[$0] }
    }

    /// Whether `text` contains a phrase, ignoring case the way `lowercased()` does.
    package func occurs(inIgnoringCase text: String) -> Bool {
        firstIndex(inIgnoringCase: text, stopAtFirstMatch: true) != nil
    }

    /// Whether a phrase occurs in the three texts joined by spaces (a phrase may run from one into
    /// the next), ignoring case the way `lowercased()` does.
    package func occurs(inIgnoringCase first: String, _ second: String, _ third: String) -> Bool {
        var first = first
        var second = second
        var third = third
        let folded = first.withUTF8 { first in second.withUTF8 { second in third.withUTF8 { third in occursFolded(first, second, third) } } }
        if let folded { return folded }
        return occurs(inIgnoringCase: first + " " + second + " " + third)
    }

    /// Whether a phrase occurs in the three texts joined by spaces, searched side by side in a
    /// buffer on the stack (joining them in a String cost more than the search); nil when
    /// lower-casing one of them does more than fold ASCII letters.
    private func occursFolded(_ first: UnsafeBufferPointer<UInt8>, _ second: UnsafeBufferPointer<UInt8>,
                              _ third: UnsafeBufferPointer<UInt8>) -> Bool? {
        guard !CaseFolding.lowercasingChangesMoreThanASCII(first), !CaseFolding.lowercasingChangesMoreThanASCII(second),
              !CaseFolding.lowercasingChangesMoreThanASCII(third) else { return nil }
        return withUnsafeTemporaryAllocation(of: UInt8.self, capacity: first.count + second.count + third.count + 2) { joined in
            var end = 0
            func append(_ part: UnsafeBufferPointer<UInt8>, then separator: UInt8?) {
                if let base = part.baseAddress { (joined.baseAddress! + end).initialize(from: base, count: part.count) }
                end += part.count
                if let separator {
                    joined[end] = separator
                    end += 1
                }
            }
            append(first, then: UInt8(ascii: " "))
            append(second, then: UInt8(ascii: " "))
            append(third, then: nil)
            return firstIndex(in: UnsafeBufferPointer(joined), stopAtFirstMatch: true) != nil
        }
    }

    /// Whether `text` contains a phrase, ignoring the case of ASCII letters only.
    package func occurs(inIgnoringASCIICase text: String) -> Bool {
        var text = text
        return text.withUTF8 { firstIndex(in: $0, stopAtFirstMatch: true) } != nil
    }

    private func firstIndex(inIgnoringCase text: String, stopAtFirstMatch: Bool = false) -> Int? {
        var text = text
        let needsLowercasing = text.withUTF8 { CaseFolding.lowercasingChangesMoreThanASCII($0) }
        var searched = needsLowercasing ? text.lowercased() : text
        return searched.withUTF8 { firstIndex(in: $0, stopAtFirstMatch: stopAtFirstMatch) }
    }

    /// The smallest list index of a phrase in `text`, ASCII letters compared in either case.
    package func firstIndex(in text: UnsafeBufferPointer<UInt8>, stopAtFirstMatch: Bool = false) -> Int? {
        guard text.count >= 2 else { return nil }
        var best = Int.max
        startPairs.withUnsafeBufferPointer { startPairs in
            var next = Self.folded(text[0])
            for start in 0..<(text.count - 1) {
                let first = next
                next = Self.folded(text[start + 1])
                let pair = Int(first) << 8 | Int(next)
                guard startPairs[pair >> 6] & (1 << UInt64(pair & 63)) != 0 else { continue }
                if let found = firstIndex(startingAt: start, in: text, below: best) {
                    best = found
                    if stopAtFirstMatch { return }
                }
            }
        }
        return best == Int.max ? nil : best
    }

    /// The smallest list index below `limit` of a phrase that stands at `start`.
    private func firstIndex(startingAt start: Int, in text: UnsafeBufferPointer<UInt8>, below limit: Int) -> Int? {
        for slot in buckets[Int(Self.folded(text[start]))] {
            let index = candidates[slot]
            guard index < limit else { return nil }
            let phrase = bytes[ranges[index]]
            guard text.count - start >= phrase.count else { continue }
            if zip(phrase, text[start...]).allSatisfy({ $0 == Self.folded($1) }) { return index }
        }
        return nil
    }

    /// An ASCII letter in lower case; any other byte as it is.
    @inline(__always)
    private static func folded(_ byte: UInt8) -> UInt8 {
        byte &- UInt8(ascii: "A") < 26 ? byte | 0x20 : byte
    }
}

/// When ASCII case folding is all that lower-casing a text does.
package enum CaseFolding {
    /// Whether `lowercased()` would change a scalar of the UTF-8 text outside ASCII, so that
    /// folding ASCII letters byte by byte is not the same as lower-casing it.
    package static func lowercasingChangesMoreThanASCII(_ text: UnsafeBufferPointer<UInt8>) -> Bool {
        guard text.contains(where: { $0 >= 0x80 }) else { return false }
        var iterator = text.makeIterator()
        var decoder = UTF8()
        while true {
            switch decoder.decode(&iterator) {
            case .scalarValue(let scalar):
                if scalar.value >= 0x80 && scalar.properties.changesWhenLowercased { return true }
            case .emptyInput:
                return false
            case .error:
                return true
            }
        }
    }
}
