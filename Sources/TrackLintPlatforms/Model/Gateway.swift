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
              let gateway = all.first(where: { $0.rewrites?(host, current.path) == true }) {
            names.append(gateway.name)
            guard let inner = gateway.original(current) else { break }
            original = inner
            current = URLReference(inner)
        }
        guard !names.isEmpty else { return nil }
        return Unwrapped(gateway: names.joined(separator: " around "), original: original)
    }

    /// The gateways a message passed, each with the first header that shows it.
    public static func seen(in headers: HeaderFields) -> [(gateway: String, field: HeaderField)] {
        // Every field name is compared with every prefix in place, as ASCII without case (header
        // names are ASCII): lower-casing each name cost a String per field of every message.
        var firstFields = [Int?](repeating: nil, count: headerPrefixes.count)
        for (index, field) in headers.fields.enumerated() {
            guard let first = field.name.utf8.first, prefixStarts.contains(asciiLower(first)) else { continue }
            for (prefix, bytes) in headerPrefixes.enumerated() where firstFields[prefix] == nil && field.name.utf8.hasLowercasedPrefix(bytes) {
                firstFields[prefix] = index
            }
        }
        var offset = 0
        return all.compactMap { gateway in
            let own = firstFields[offset..<(offset + gateway.headerPrefixes.count)]
            offset += gateway.headerPrefixes.count
            return own.lazy.compactMap { $0 }.first.map { (gateway.name, headers.fields[$0]) }
        }
    }

    /// Every gateway's header prefixes, in `all`'s order and each gateway's.
    private static let headerPrefixes: [[UInt8]] = all.flatMap { $0.headerPrefixes.map { Array($0.utf8) } }
    /// Their first bytes: most names start with none of them and are passed over at once.
    private static let prefixStarts: Set<UInt8> = Set(headerPrefixes.compactMap(\.first))

    /// A query parameter of a rewritten link, percent-decoded.
    package static func parameter(_ name: String, of url: URLReference) -> String? { QueryParameters(url.query ?? "")[name] }
}

extension String.UTF8View {
    /// Whether it starts with `prefix` (lower-case ASCII) compared without ASCII case.
    func hasLowercasedPrefix(_ prefix: [UInt8]) -> Bool {
        guard count >= prefix.count else { return false }
        return zip(self, prefix).allSatisfy { asciiLower($0) == $1 }
    }
}
