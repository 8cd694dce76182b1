#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import TrackLintParsing

/// A URL shape a platform uses for its open pixel or click redirects.
public struct URLShape: Sendable {
    public let platform: String
    /// The host must be this domain or a subdomain of it; nil for any host (branded domains).
    public let hostSuffix: String?
    /// The host's first label must be this (`email` for Mailgun's `email.mg.example.com`).
    public let hostFirstLabel: String?
    public let pathPrefix: String
    /// The path must end with this (`.gif`).
    public let pathSuffix: String?
    /// Whether the part between prefix and suffix is one path segment (Mautic's `/email/<hash>.gif`)
    /// or may span several (listmonk's `/campaign/<uuid>/<uuid>/px.png`).
    public let singleSegment: Bool
    /// The query must contain this parameter name.
    public let queryParameter: String?

    package init(_ platform: String, host: String? = nil, firstLabel: String? = nil, path: String,
         suffix: String? = nil, singleSegment: Bool = true, query: String? = nil) {
        self.singleSegment = singleSegment
        self.platform = platform
        self.hostSuffix = host
        self.hostFirstLabel = firstLabel
        self.pathPrefix = path
        self.pathSuffix = suffix
        self.queryParameter = query
    }

    /// Whether the shape says something of the host (its domain or first label), not only of the path.
    public var constrainsHost: Bool { hostSuffix != nil || hostFirstLabel != nil }

    /// Whether the host fits the shape's domain and first label (any host does where it states neither).
    package func accepts(host: String) -> Bool {
        if let hostSuffix, !Self.isDomain(host, under: hostSuffix) { return false }
        if let hostFirstLabel {
            let bytes = host.utf8
            guard bytes.starts(with: hostFirstLabel.utf8),
                  bytes.dropFirst(hostFirstLabel.utf8.count).first == UInt8(ascii: ".") else { return false }
        }
        return true
    }

    /// `host` is `domain` or a subdomain of it (compared as bytes: hosts are lower-cased already).
    package static func isDomain(_ host: String, under domain: String) -> Bool {
        // Every link is tried against every platform's shapes: the ending is compared with memcmp.
        var host = host
        var domain = domain
        return host.withUTF8 { hostBytes in
            domain.withUTF8 { domainBytes in
                guard hostBytes.count >= domainBytes.count else { return false }
                let start = hostBytes.count - domainBytes.count
                if let hostBase = hostBytes.baseAddress, let domainBase = domainBytes.baseAddress,
                   memcmp(hostBase + start, domainBase, domainBytes.count) != 0 { return false }
                return start == 0 || hostBytes[start - 1] == UInt8(ascii: ".")
            }
        }
    }

    /// Whether a URL fits the shape, given its host and its path lower-cased, after the tests of the
    /// URL alone (a web URL with a host that is not a template's), which a `URLShapeIndex` makes
    /// once for all its shapes.
    fileprivate func matches(host: String, lowercasedPath path: String, query: String?) -> Bool {
        // The path prefix first: it tells most shapes of an index's list apart.
        guard path.utf8.starts(with: pathPrefix.utf8), accepts(host: host) else { return false }
        if let pathSuffix, !middleMatches(path, suffix: pathSuffix) { return false }
        if let queryParameter, !QueryParameters.contains(queryParameter, in: query ?? "") { return false }
        return true
    }

    /// Whether the path after the prefix ends with `suffix` and has something before it (in one
    /// segment where it must). ASCII paths, nearly all, are compared as bytes, others as characters
    /// (as is CR LF, one character of two bytes).
    private func middleMatches(_ path: String, suffix: String) -> Bool {
        let bytes = path.utf8
        guard bytes.allSatisfy({ $0 < 0x80 && $0 != 0x0D }) else {
            let middle = path.dropFirst(pathPrefix.count)
            return middle.hasSuffix(suffix) && middle.count > suffix.count
                && (!singleSegment || !middle.dropLast(suffix.count).contains("/"))
        }
        let middle = bytes.dropFirst(pathPrefix.utf8.count)
        guard middle.count > suffix.utf8.count, middle.reversed().starts(with: suffix.utf8.reversed()) else { return false }
        return !singleSegment || !middle.dropLast(suffix.utf8.count).contains(UInt8(ascii: "/"))
    }
}

/// Shapes tried in their order against URL after URL, with the tests of the URL alone made once
/// and only the shapes whose path prefix can fit the path tried: every link and image is looked up.
package struct URLShapeIndex: Sendable {
    let shapes: [URLShape]
    /// Shape indices, in order, by the byte after the path's leading `/`; a shape whose prefix
    /// ends there (`/`) is in every list.
    let bySecondPathByte: [[Int]]
    /// Every shape's path prefix and domain (empty for any host), compared in place before the
    /// shape is read: most shapes of a list fail on them, and a copy of a shape to test it retained
    /// and released its six strings.
    let prefixes: ByteStrings
    let domains: ByteStrings

    package init(_ shapes: [URLShape]) {
        self.shapes = shapes
        // The bytes no prefix has share one list, the shapes in every list: appended to 256
        // lists one by one, they made this a start-up cost.
        let secondBytes = shapes.map { Array($0.pathPrefix.utf8).dropFirst().first }
        let inEveryList = shapes.indices.filter { secondBytes[$0] == nil }
        var lists = [[Int]](repeating: inEveryList, count: 256)
        for byte in Set(secondBytes.compactMap { $0 }) {
            lists[Int(byte)] = shapes.indices.filter { secondBytes[$0] == nil || secondBytes[$0] == byte }
        }
        bySecondPathByte = lists
        prefixes = ByteStrings(shapes.map(\.pathPrefix))
        domains = ByteStrings(shapes.map { $0.hostSuffix ?? "" })
    }

    /// The first shape the URL has, if any.
    package func first(matching url: URLReference) -> URLShape? {
        guard url.isWeb, let host = url.host, url.hostKind != .templated else { return nil }
        let path = Self.lowercased(url.path)
        // Copies whose UTF-8 the first tests read in place.
        var hostText = host, pathText = path
        return hostText.withUTF8 { hostBytes in
            pathText.withUTF8 { pathBytes in
                let list = pathBytes.count >= 2 ? bySecondPathByte[Int(pathBytes[1])] : Array(shapes.indices)
                return list.first { index in
                    prefixes.isPrefix(index, of: pathBytes) && (domains.isEmpty(index) || domains.isDomain(index, of: hostBytes))
                        && shapes[index].matches(host: host, lowercasedPath: path, query: url.query)
                }.map { shapes[$0] }
            }
        }
    }

    /// Most paths are lower-case already, and are not copied.
    private static func lowercased(_ path: String) -> String {
        var path = path
        return path.withUTF8 { bytes in bytes.contains { $0 &- 0x41 < 26 || $0 >= 0x80 } } ? path.lowercased() : path
    }
}

/// Byte strings one after another, each read in place by its index.
struct ByteStrings: Sendable {
    private let bytes: [UInt8]
    private let starts: [Int]

    init(_ strings: [String]) {
        bytes = strings.flatMap(\.utf8)
        starts = strings.reduce(into: [0]) { $0.append($0.last! + $1.utf8.count) }
    }

    func isEmpty(_ index: Int) -> Bool { starts[index] == starts[index + 1] }

    /// Whether `text` starts with string `index`.
    func isPrefix(_ index: Int, of text: UnsafeBufferPointer<UInt8>) -> Bool {
        let count = starts[index + 1] - starts[index]
        return text.count >= count && equals(index, text.baseAddress, count: count)
    }

    /// Whether the host `text` is string `index` or under it, as `URLShape.isDomain` has it.
    func isDomain(_ index: Int, of text: UnsafeBufferPointer<UInt8>) -> Bool {
        let count = starts[index + 1] - starts[index]
        guard text.count >= count, let base = text.baseAddress else { return false }
        let start = text.count - count
        return equals(index, base + start, count: count) && (start == 0 || text[start - 1] == UInt8(ascii: "."))
    }

    var count: Int { starts.count - 1 }

    /// Whether `text` starts with string `index` (lower-case ASCII), without ASCII case.
    func isPrefixIgnoringASCIICase(_ index: Int, of text: UnsafeBufferPointer<UInt8>) -> Bool {
        let start = starts[index], count = starts[index + 1] - start
        guard text.count >= count else { return false }
        for offset in 0..<count {
            let byte = text[offset]
            if (byte &- 0x41 < 26 ? byte | 0x20 : byte) != bytes[start + offset] { return false }
        }
        return true
    }

    /// Whether the `count` bytes at `text` (which has them) are string `index`.
    private func equals(_ index: Int, _ text: UnsafePointer<UInt8>?, count: Int) -> Bool {
        guard count > 0 else { return true }
        return bytes.withUnsafeBufferPointer { memcmp($0.baseAddress! + starts[index], text!, count) == 0 }
    }
}
