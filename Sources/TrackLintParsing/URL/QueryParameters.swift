/// The parameters of a query string, percent-decoded on request.
package struct QueryParameters {
    private var values: [(String, String)] = []

    package init(_ query: String) {
        for pair in query.split(separator: "&") {
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            values.append((String(parts[0]), parts.count > 1 ? String(parts[1]) : ""))
        }
    }

    /// The first value of a parameter, percent-decoded (`+` read as a space).
    package subscript(_ name: String) -> String? {
        raw(name).map { ($0.replacingOccurrences(of: "+", with: " ").removingPercentEncoding ?? $0) }
    }

    /// The first value as written.
    package func raw(_ name: String) -> String? { values.first { $0.0 == name }?.1 }

    /// Each parameter's value as written, or the parameter itself when it has none (`?<token>`):
    /// what a redirect or a token would be carried in.
    package static func payloads(of query: String) -> [Substring] {
        // An ASCII query (nearly all) is split as bytes, many times faster than by Character; on
        // ASCII the two agree (CR LF is the only multi-scalar character, and holds no separator).
        guard query.utf8.allSatisfy({ $0 < 0x80 }) else {
            return query.split(separator: "&").compactMap { $0.split(separator: "=", maxSplits: 1).last }
        }
        return query.utf8.split(separator: UInt8(ascii: "&")).compactMap { pair in
            pair.split(separator: UInt8(ascii: "="), maxSplits: 1).last.map { Substring($0) }
        }
    }

    /// Whether `query` has a parameter called `name`, without splitting it (this runs for every
    /// link and every URL shape).
    package static func contains(_ name: String, in query: String) -> Bool {
        let bytes = query.utf8
        let wanted = name.utf8
        var start = bytes.startIndex
        while start < bytes.endIndex {
            let end = bytes[start...].firstIndex(of: UInt8(ascii: "&")) ?? bytes.endIndex
            let pair = bytes[start..<end]
            let nameEnd = pair.firstIndex(of: UInt8(ascii: "=")) ?? end
            if pair[..<nameEnd].elementsEqual(wanted) { return true }
            start = end < bytes.endIndex ? bytes.index(after: end) : end
        }
        return false
    }
}
