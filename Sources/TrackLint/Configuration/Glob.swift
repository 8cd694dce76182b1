/// Glob matching for config paths: `*` and `?` within one path segment, `**` across segments
/// (`**/` matches no folder or any number of them; a `**` that ends the pattern matches the rest).
///
/// The pattern is matched as a small automaton, every position at once, so a match costs at most
/// pattern length times path length: no pattern (`*a*a*a*...b`, `**/**/**/...`) can make it
/// backtrack exponentially.
enum Glob {
    private enum Token: Equatable {
        case byte(UInt8)
        /// `?`: one byte other than `/`.
        case oneInSegment
        /// `*`: any run of bytes other than `/`.
        case runInSegment
        /// `**` (with its `/`): any number of whole leading segments, each ending in `/`.
        case segments
        /// A `**` that ends the pattern: everything that is left.
        case rest
    }

    private static let slash = UInt8(ascii: "/")

    static func matches(_ pattern: String, _ path: String) -> Bool {
        matches(tokens(Array(pattern.utf8)), Array(path.utf8))
    }

    private static func tokens(_ pattern: [UInt8]) -> [Token] {
        var tokens: [Token] = []
        var index = 0
        while index < pattern.count {
            let byte = pattern[index]
            index += 1
            if byte == UInt8(ascii: "*"), index < pattern.count, pattern[index] == UInt8(ascii: "*") {
                index += 1
                if index < pattern.count, pattern[index] == slash { index += 1 }
                tokens.append(index == pattern.count ? .rest : .segments)
            } else if byte == UInt8(ascii: "*") {
                tokens.append(.runInSegment)
            } else {
                tokens.append(byte == UInt8(ascii: "?") ? .oneInSegment : .byte(byte))
            }
        }
        return tokens
    }

    /// Runs the automaton: `active[i]` means the path read so far can be followed by token `i`;
    /// `inSkippedSegment[i]` means token `i` (`**`) is part-way through a segment it skips.
    private static func matches(_ tokens: [Token], _ path: [UInt8]) -> Bool {
        var active = [Bool](repeating: false, count: tokens.count + 1)
        var inSkippedSegment = [Bool](repeating: false, count: tokens.count)
        active[0] = true
        closeOverEmptyMatches(tokens, &active)
        for byte in path {
            var next = [Bool](repeating: false, count: tokens.count + 1)
            var nextInSegment = [Bool](repeating: false, count: tokens.count)
            for index in tokens.indices {
                if inSkippedSegment[index] {
                    if byte == slash { next[index] = true } else { nextInSegment[index] = true }
                }
                guard active[index] else { continue }
                switch tokens[index] {
                case .byte(let wanted): if byte == wanted { next[index + 1] = true }
                case .oneInSegment: if byte != slash { next[index + 1] = true }
                case .runInSegment: if byte != slash { next[index] = true }
                case .segments: if byte == slash { next[index] = true } else { nextInSegment[index] = true }
                case .rest: next[index] = true
                }
            }
            active = next
            inSkippedSegment = nextInSegment
            closeOverEmptyMatches(tokens, &active)
        }
        return active[tokens.count]
    }

    /// `*`, `**` and a final `**` may match nothing: a position before one reaches the one after it.
    private static func closeOverEmptyMatches(_ tokens: [Token], _ active: inout [Bool]) {
        for index in tokens.indices where active[index] {
            switch tokens[index] {
            case .runInSegment, .segments, .rest: active[index + 1] = true
            case .byte, .oneInSegment: break
            }
        }
    }
}
