/// Lower-case domains a host is looked up under: the domain itself or any subdomain of it. The
/// domains' bytes lie one after another and each is compared with the host's ending in place,
/// from its last byte: most differ there, where hashing each ending of the host cost more than
/// the rest of a link.
package struct DomainList: Sendable {
    private let bytes: [UInt8]
    /// Where each domain's bytes end; the previous one's end is where they start.
    private let ends: [Int]

    package init(_ domains: [String]) {
        bytes = domains.flatMap(\.utf8)
        ends = domains.reduce(into: []) { ends, domain in ends.append((ends.last ?? 0) + domain.utf8.count) }
    }

    /// The list index of the first domain that the (lower-case) host is or is under.
    package func firstIndex(containing host: String) -> Int? {
        host.withUTF8InPlace { host in
            bytes.withUnsafeBufferPointer { bytes in
                var start = 0
                for (index, end) in ends.enumerated() {
                    defer { start = end }
                    if Self.isDomain(bytes[start..<end], of: host) { return index }
                }
                return nil
            }
        }
    }

    private static func isDomain(_ domain: Slice<UnsafeBufferPointer<UInt8>>, of host: UnsafeBufferPointer<UInt8>) -> Bool {
        let offset = host.count - domain.count
        guard offset >= 0, offset == 0 || host[offset - 1] == UInt8(ascii: ".") else { return false }
        var index = domain.endIndex
        while index > domain.startIndex {
            index -= 1
            if domain[index] != host[offset + index - domain.startIndex] { return false }
        }
        return true
    }
}
