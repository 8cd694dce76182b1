import TrackLintParsing

/// A recipient-side security gateway: the headers it adds to the mail it passes, and the links it
/// rewrites, with the original URL inside them where it keeps it (facts: `knowledge/esp-facts.md`
/// §2). One file per gateway under `Gateways/`, listed in `Gateways.all`.
public struct Gateway: Sendable {
    public let id: String
    /// Its product name, in findings about its headers and its links alike.
    public let name: String
    /// Lower-case prefixes of the headers it adds, the most telling first.
    public let headerPrefixes: [String]
    /// Whether a host (lower-case) and path are one of its rewritten links; nil when it rewrites none.
    package let rewrites: (@Sendable (_ host: String, _ path: String) -> Bool)?
    /// The original URL inside a rewritten link; nil when the link does not carry it (Mimecast).
    package let original: @Sendable (URLReference) -> String?

    package init(_ id: String, _ name: String, headerPrefixes: [String] = [],
                 rewrites: (@Sendable (_ host: String, _ path: String) -> Bool)? = nil,
                 original: @escaping @Sendable (URLReference) -> String? = { _ in nil }) {
        self.id = id
        self.name = name
        self.headerPrefixes = headerPrefixes
        self.rewrites = rewrites
        self.original = original
    }
}

extension Gateways {
    public struct Unwrapped: Sendable {
        public let gateway: String
        /// The URL the gateway wrapped, when the link carries it.
        public let original: String?
    }

    /// Gateways nest (Safe Links around a Proofpoint link): at most this many are taken off.
    static let maximumNesting = 4

    /// The gateways that rewrote a link, outermost first ("Microsoft Safe Links around Proofpoint"),
    /// and the original URL inside the innermost one that carries it.
    public static func unwrap(_ url: URLReference) -> Unwrapped? {
        var names: [String] = []
        var current = url
        var original: String?
        while names.count < maximumNesting, current.isWeb, let host = current.host,
              case let path = current.path, let index = rewriters.first(where: { $0.rewrites(host, path) })?.gateway {
            let gateway = all[index]
            names.append(gateway.name)
            guard let inner = gateway.original(current) else { break }
            original = inner
            current = URLReference(inner)
        }
        guard !names.isEmpty else { return nil }
        return Unwrapped(gateway: names.joined(separator: " around "), original: original)
    }

    /// The gateways that rewrite links, by their index in `all`, with the test: every link is
    /// tried against them, and a copy of a whole gateway to read its test cost five retains.
    private static let rewriters: [(gateway: Int, rewrites: @Sendable (_ host: String, _ path: String) -> Bool)] =
        all.indices.compactMap { index in all[index].rewrites.map { (index, $0) } }

    /// The gateways a message passed, each with the first header that shows it.
    public static func seen(in headers: HeaderFields) -> [(gateway: String, field: HeaderField)] {
        // Every field name is compared with every prefix in place, as ASCII without case (header
        // names are ASCII): lower-casing each name cost a String per field of every message.
        var firstFields = [Int?](repeating: nil, count: headerPrefixes.count)
        for (index, field) in headers.fields.enumerated() {
            var name = field.name
            name.withUTF8 { name in
                guard let first = name.first, prefixStarts[Int(first)] else { return }
                for prefix in 0..<headerPrefixes.count where firstFields[prefix] == nil && headerPrefixes.isPrefixIgnoringASCIICase(prefix, of: name) {
                    firstFields[prefix] = index
                }
            }
        }
        var offset = 0
        return all.compactMap { gateway in
            let own = firstFields[offset..<(offset + gateway.headerPrefixes.count)]
            offset += gateway.headerPrefixes.count
            return own.lazy.compactMap { $0 }.first.map { (gateway.name, headers.fields[$0]) }
        }
    }

    /// Every gateway's header prefixes (lower-case), in `all`'s order and each gateway's.
    private static let headerPrefixes = ByteStrings(all.flatMap(\.headerPrefixes))
    /// Whether a prefix starts with the byte, without ASCII case: most names start with none and
    /// are passed over at once.
    private static let prefixStarts: [Bool] = (0...UInt8.max).map { byte in
        let lower = byte &- 0x41 < 26 ? byte | 0x20 : byte
        return all.contains { $0.headerPrefixes.contains { $0.utf8.first == lower } }
    }

    /// A query parameter of a rewritten link, percent-decoded.
    package static func parameter(_ name: String, of url: URLReference) -> String? { QueryParameters(url.query ?? "")[name] }
}
