/// Glob matching for config paths: `*` and `?` within one path segment, `**` across segments.
enum Glob {
    static func matches(_ pattern: String, _ path: String) -> Bool {
        matches(Array(pattern.utf8)[...], Array(path.utf8)[...])
    }

    private static func matches(_ pattern: ArraySlice<UInt8>, _ path: ArraySlice<UInt8>) -> Bool {
        guard let first = pattern.first else { return path.isEmpty }
        let slash = UInt8(ascii: "/")
        if first == UInt8(ascii: "*") {
            if pattern.dropFirst().first == UInt8(ascii: "*") {
                // `**/` matches no folder or any number of them; a trailing `**` everything.
                var rest = pattern.dropFirst(2)
                if rest.first == slash { rest = rest.dropFirst() }
                var candidate = path
                while true {
                    if matches(rest, candidate) { return true }
                    guard let next = candidate.firstIndex(of: slash) else { return rest.isEmpty }
                    candidate = candidate[(next + 1)...]
                }
            }
            var candidate = path
            while true {
                if matches(pattern.dropFirst(), candidate) { return true }
                guard let next = candidate.first, next != slash else { return false }
                candidate = candidate.dropFirst()
            }
        }
        guard let character = path.first else { return false }
        if first == UInt8(ascii: "?") ? character != slash : first == character {
            return matches(pattern.dropFirst(), path.dropFirst())
        }
        return false
    }
}
