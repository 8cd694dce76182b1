import TrackLintParsing

/// What `--online` found out about one tracking host: its DNS answer, and when asked, its TLS
/// certificate and its HSTS header. Only the host is ever looked at, never a tracked link's path.
public struct HostCheck: Codable, Sendable, Hashable {
    public struct DNS: Codable, Sendable, Hashable {
        public enum Status: String, Codable, Sendable, Hashable {
            /// The name leads to at least one address.
            case resolved
            /// The name does not exist (NXDOMAIN).
            case nxdomain
            /// The name exists but leads to no address.
            case noAddress
            /// No answer: a timeout, a refusal, a server failure.
            case failed
        }

        public let status: Status
        /// The CNAME chain in order: the names the host is an alias of.
        public let cnames: [String]
        public let addresses: [String]
        /// The server asked, `address:port`.
        public let server: String
        /// What went wrong, for `failed`.
        public let detail: String?

        public init(status: Status, cnames: [String], addresses: [String], server: String, detail: String? = nil) {
            self.status = status
            self.cnames = cnames
            self.addresses = addresses
            self.server = server
            self.detail = detail
        }
    }

    public struct TLS: Codable, Sendable, Hashable {
        public enum Status: String, Codable, Sendable, Hashable {
            case valid, expired, wrongName, untrusted
            /// No handshake: nothing listens on 443, a timeout, another TLS error.
            case failed
        }

        public let status: Status
        /// The TLS library's own words, for anything but `valid`.
        public let detail: String?

        public init(status: Status, detail: String? = nil) {
            self.status = status
            self.detail = detail
        }
    }

    public struct HSTS: Codable, Sendable, Hashable {
        /// The `Strict-Transport-Security` value `https://host/` answered with; nil when none.
        public let header: String?
        /// Why the question could not be asked (no https on the host), when it could not.
        public let detail: String?

        public init(header: String?, detail: String? = nil) {
            self.header = header
            self.detail = detail
        }

        /// Whether the header asks browsers to use https only (a `max-age` above 0).
        public var isEnforced: Bool {
            guard let header else { return false }
            let directives = header.lowercased().split(separator: ";").map { $0.trimmingCharacters() }
            guard let maxAge = directives.first(where: { $0.hasPrefix("max-age") })?.split(separator: "=").last else { return false }
            return (Int(maxAge.trimmingCharacters().filter { $0 != "\"" }) ?? 0) > 0
        }
    }

    public let dns: DNS
    /// Asked for hosts used over https (and needed for the HSTS question); nil when the host did not resolve.
    public let tls: TLS?
    /// Asked for hosts used over http; nil otherwise.
    public let hsts: HSTS?

    public init(dns: DNS, tls: TLS?, hsts: HSTS?) {
        self.dns = dns
        self.tls = tls
        self.hsts = hsts
    }
}

/// What to ask about a tracking host: the schemes its links and pixel use.
public struct HostCheckRequest: Sendable, Hashable {
    public let host: String
    public let overHTTPS: Bool
    public let overHTTP: Bool

    public init(host: String, overHTTPS: Bool, overHTTP: Bool) {
        self.host = host
        self.overHTTPS = overHTTPS
        self.overHTTP = overHTTP
    }
}

/// Answers host checks for `--online`: the network (`TrackLintOnline`) or canned answers (the
/// rules' examples). Shared by every linter of a run, which is where answers are cached; compared
/// by identity, so that options holding one stay `Hashable`.
public final class HostChecker: Sendable, Hashable {
    private let answer: @Sendable (HostCheckRequest) -> HostCheck

    public init(_ answer: @escaping @Sendable (HostCheckRequest) -> HostCheck) { self.answer = answer }

    /// Fixed answers by host; any other host does not exist.
    public convenience init(answers: [String: HostCheck]) {
        self.init { request in
            answers[request.host] ?? HostCheck(dns: .init(status: .nxdomain, cnames: [], addresses: [], server: "example"),
                                               tls: nil, hsts: nil)
        }
    }

    public func check(_ request: HostCheckRequest) -> HostCheck { answer(request) }

    public static func == (a: HostChecker, b: HostChecker) -> Bool { a === b }
    public func hash(into hasher: inout Hasher) { hasher.combine(ObjectIdentifier(self)) }
}

extension HostCheck {
    /// An answer for the rules' examples: the name resolves through `cnames` to a documentation
    /// address (RFC 5737), with a TLS status when given and an HSTS header when given.
    package static func example(cnames: [String], tls: TLS.Status? = nil, tlsDetail: String? = nil, hsts: String? = nil) -> HostCheck {
        HostCheck(dns: DNS(status: .resolved, cnames: cnames, addresses: ["192.0.2.10"], server: "192.0.2.53:53"),
                  tls: tls.map { TLS(status: $0, detail: tlsDetail) }, hsts: hsts.map { HSTS(header: $0) })
    }

    /// The DNS answer in a few words: "CNAME a → b, 192.0.2.10".
    public var dnsSummary: String {
        switch dns.status {
        case .resolved:
            return (dns.cnames.isEmpty ? "" : "CNAME " + dns.cnames.joined(separator: " → ") + ", ") + dns.addresses.joined(separator: ", ")
        case .nxdomain: return "NXDOMAIN (no such name)"
        case .noAddress: return "no address" + (dns.cnames.isEmpty ? "" : " (CNAME " + dns.cnames.joined(separator: " → ") + ")")
        case .failed: return "no answer (\(dns.detail ?? "failed"))"
        }
    }
}
