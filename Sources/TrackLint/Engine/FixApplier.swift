import TrackLintParsing

/// Applies fixes to the text they were proposed for: the one place where edits become bytes, for
/// the rules' correction examples and for `--fix`.
///
/// Overlaps are resolved the same way every time: fixes are taken in order of their first edit's
/// position (ties in the order given), and a fix is applied whole or not at all. A fix is skipped
/// when one of its edits overlaps an edit already taken, or another of its own, or points outside
/// the text. Insertions at the same place all apply, in the order taken, before a replacement that
/// starts there; an insertion at either end of a replaced range does not overlap it.
public enum FixApplier {
    public struct Outcome: Sendable, Equatable {
        /// The text with the applied fixes' edits.
        public let bytes: [UInt8]
        public let applied: [Fix]
        public let skipped: [Fix]
    }

    /// Applies the fixes whose applicability is one of `applicabilities` (by default the safe ones)
    /// to `source`, the UTF-8 bytes of the file the findings were made for.
    public static func apply(_ fixes: [Fix], to source: [UInt8],
                             applicabilities: Set<Fix.Applicability> = [.safe]) -> Outcome {
        let text = SourceText(bytes: source)
        let candidates = fixes.filter { applicabilities.contains($0.applicability) && !$0.edits.isEmpty }
            .map { fix in (fix: fix, ranges: fix.edits.map { byteRange(of: $0, in: text) }) }
        let ordered = candidates.enumerated().sorted { a, b in
            let keyA = a.element.ranges.compactMap { $0?.lowerBound }.min() ?? -1
            let keyB = b.element.ranges.compactMap { $0?.lowerBound }.min() ?? -1
            return (keyA, a.offset) < (keyB, b.offset)
        }.map(\.element)
        var taken = TakenEdits()
        var applied: [Fix] = []
        var skipped: [Fix] = []
        for candidate in ordered {
            let ranges = candidate.ranges.compactMap { $0 }
            guard ranges.count == candidate.ranges.count, !ranges.contains(where: taken.overlaps), !overlapEachOther(ranges) else {
                skipped.append(candidate.fix)
                continue
            }
            for (range, edit) in zip(ranges, candidate.fix.edits) { taken.insert(range, edit.text) }
            applied.append(candidate.fix)
        }
        // One pass from the start; at one place, insertions (in the order taken) before a replacement.
        var bytes: [UInt8] = []
        var copied = 0
        for edit in taken.edits.sorted(by: { ($0.range.lowerBound, $0.range.count, $0.order) < ($1.range.lowerBound, $1.range.count, $1.order) }) {
            bytes += source[copied..<edit.range.lowerBound]
            bytes += Array(edit.text.utf8)
            copied = edit.range.upperBound
        }
        bytes += source[copied...]
        return Outcome(bytes: bytes, applied: applied, skipped: skipped)
    }

    /// The fixes of `findings` applied to `source` (see `apply(_:to:applicabilities:)`).
    public static func apply(fixesOf findings: [Finding], to source: [UInt8],
                             applicabilities: Set<Fix.Applicability> = [.safe]) -> Outcome {
        apply(findings.compactMap(\.fix), to: source, applicabilities: applicabilities)
    }

    /// The edits taken so far, kept in order of their ranges (insertions first at a place): a new
    /// range is checked against its neighbours only, where a check against every edit taken made a
    /// file of thousands of fixes cost their square.
    private struct TakenEdits {
        /// In the order taken; `sorted` holds their positions in range order.
        private(set) var edits: [(range: Range<Int>, text: String, order: Int)] = []
        private var sorted: [Int] = []

        /// Whether `range` cannot apply with the edits taken. Taken ranges do not overlap, so in
        /// range order their ends do not decrease either: the walk back from the first one that
        /// starts past `range` stops at the first that ends before it.
        func overlaps(_ range: Range<Int>) -> Bool {
            var position = insertionPoint(of: (range.upperBound, 0))
            while position > 0 {
                position -= 1
                let other = edits[sorted[position]].range
                if other.upperBound < range.lowerBound { return false }
                if FixApplier.overlaps(other, range) { return true }
            }
            return false
        }

        mutating func insert(_ range: Range<Int>, _ text: String) {
            sorted.insert(edits.count, at: insertionPoint(of: (range.lowerBound, range.count)))
            edits.append((range, text, edits.count))
        }

        /// Where a range of that start and length goes among the sorted ones: after those before it
        /// or equal to it.
        private func insertionPoint(of key: (start: Int, count: Int)) -> Int {
            var low = 0
            var high = sorted.count
            while low < high {
                let middle = (low + high) / 2
                let range = edits[sorted[middle]].range
                if (range.lowerBound, range.count) <= key { low = middle + 1 } else { high = middle }
            }
            return low
        }
    }

    /// Whether any two of one fix's edits overlap: its bytes could not be written in one pass.
    private static func overlapEachOther(_ ranges: [Range<Int>]) -> Bool {
        ranges.indices.contains { first in ranges[(first + 1)...].contains { overlaps($0, ranges[first]) } }
    }

    /// Whether two edits' ranges cannot both apply: they share a byte, or one inserts strictly inside the other.
    private static func overlaps(_ a: Range<Int>, _ b: Range<Int>) -> Bool {
        if a.isEmpty || b.isEmpty {
            let (point, range) = a.isEmpty ? (a.lowerBound, b) : (b.lowerBound, a)
            return range.lowerBound < point && point < range.upperBound
        }
        return a.overlaps(b)
    }

    /// The bytes an edit replaces: from its line and column (Unicode scalars, 1-based) over
    /// `length` scalars; nil when it points outside the text.
    private static func byteRange(of edit: Edit, in text: SourceText) -> Range<Int>? {
        guard edit.column >= 1, edit.length >= 0, let line = text.lineRange(edit.line),
              let start = offset(afterScalars: edit.column - 1, from: line.lowerBound, in: text.bytes, limit: line.upperBound),
              let end = offset(afterScalars: edit.length, from: start, in: text.bytes, limit: text.bytes.count) else { return nil }
        return start..<end
    }

    /// The offset `count` scalars after `start`, not beyond `limit`.
    private static func offset(afterScalars count: Int, from start: Int, in bytes: [UInt8], limit: Int) -> Int? {
        var offset = start
        for _ in 0..<count {
            guard offset < limit else { return nil }
            offset += 1
            while offset < limit, bytes[offset] & 0xC0 == 0x80 { offset += 1 }
        }
        return offset
    }
}
