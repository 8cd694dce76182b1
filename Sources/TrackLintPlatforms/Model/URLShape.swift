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

    package func matches(_ url: URLReference) -> Bool {
        matches(url, lowercasedPath: url.path.lowercased())
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

    /// `lowercasedPath` is the URL's path lower-cased once for all the shapes tried on it.
    package func matches(_ url: URLReference, lowercasedPath path: String) -> Bool {
        guard url.isWeb, let host = url.host, url.hostKind != .templated else { return false }
        if let hostSuffix, !Self.isDomain(host, under: hostSuffix) { return false }
        if let hostFirstLabel {
            let bytes = host.utf8
            guard bytes.starts(with: hostFirstLabel.utf8),
                  bytes.dropFirst(hostFirstLabel.utf8.count).first == UInt8(ascii: ".") else { return false }
        }
        guard path.utf8.starts(with: pathPrefix.utf8) else { return false }
        if let pathSuffix {
            let middle = path.dropFirst(pathPrefix.count)
            guard middle.hasSuffix(pathSuffix), middle.count > pathSuffix.count,
                  !singleSegment || !middle.dropLast(pathSuffix.count).contains("/") else { return false }
        }
        if let queryParameter, !QueryParameters.contains(queryParameter, in: url.query ?? "") { return false }
        return true
    }
}
