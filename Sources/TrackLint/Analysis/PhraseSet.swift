import TrackLintParsing

/// A list of lower-case words and phrases searched for in a text in one pass over its bytes.
/// Link texts, URLs and attribute values are searched for dozens of words each: one search per
/// word (each allocating its needle) cost more than everything else tracklint does with a link.
package struct PhraseSet: Sendable {
    package let phrases: [String]
    /// Every phrase's bytes, one after another; `ranges` has each phrase's, in list order.
    private let bytes: [UInt8]
    private let ranges: [Range<Int>]
    /// For each byte value, the range of `candidates` holding the phrases that start with it
    /// (with either ASCII case of a letter), in list order.
    private let buckets: [Range<Int>]
    private let candidates: [Int]

    /// `phrases` must be lower-case (`lowercased()` leaves them as they are).
    package init(_ phrases: [String]) {
        precondition(phrases.allSatisfy { !$0.isEmpty && $0.lowercased() == $0 }, "phrases are lower-case and not empty")
        self.phrases = phrases
        bytes = phrases.flatMap(\.utf8)
        var ranges: [Range<Int>] = []
        for phrase in phrases { ranges.append((ranges.last?.upperBound ?? 0)..<((ranges.last?.upperBound ?? 0) + phrase.utf8.count)) }
        self.ranges = ranges
        var byFirstByte = [[Int]](repeating: [], count: 256)
        for (index, phrase) in phrases.enumerated() {
            let first = phrase.utf8.first!
            byFirstByte[Int(first)].append(index)
            if first >= UInt8(ascii: "a") && first <= UInt8(ascii: "z") { byFirstByte[Int(first ^ 0x20)].append(index) }
        }
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
        var best = Int.max
        bytes.withUnsafeBufferPointer { bytes in
            ranges.withUnsafeBufferPointer { ranges in
                buckets.withUnsafeBufferPointer { buckets in
                    candidates.withUnsafeBufferPointer { candidates in
                        for start in 0..<text.count {
                            for slot in buckets[Int(text[start])] {
                                let index = candidates[slot]
                                guard index < best else { break }
                                if Self.matches(bytes[ranges[index]], text, at: start) {
                                    best = index
                                    break
                                }
                            }
                            if stopAtFirstMatch && best != Int.max { return }
                        }
                    }
                }
            }
        }
        return best == Int.max ? nil : best
    }

    @inline(__always)
    private static func matches(_ phrase: Slice<UnsafeBufferPointer<UInt8>>, _ text: UnsafeBufferPointer<UInt8>, at start: Int) -> Bool {
        guard text.count - start >= phrase.count else { return false }
        var position = start
        for byte in phrase {
            guard asciiLower(text[position]) == byte else { return false }
            position += 1
        }
        return true
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
