import Foundation
import TrackLint

/// `--online`'s lookups of tracking hosts: DNS through `DNSResolver`, then for a host that
/// resolved an `https://host/` probe (`HTTPSProbe`) when its links use https (the certificate) or http (HSTS).
/// Each host is looked up once per run, whatever the number of inputs and threads: answers are
/// cached, and threads asking for a host being looked up wait for that answer. Nothing happens
/// until the first question.
public final class OnlineHostChecker: @unchecked Sendable {
    /// Hosts looked up in one run at most: each can take seconds, and an archive may name thousands.
    public static let maximumHosts = 200

    private let dnsServer: String?
    private let caFile: String?
    private let lock = NSLock()
    private var resolver: DNSResolver?
    private var dnsAnswers: [String: HostCheck.DNS] = [:]
    private var probes: [String: (tls: HostCheck.TLS, hsts: HostCheck.HSTS)] = [:]

    /// `dnsServer` is `HOST[:PORT]` with a numeric address (`--dns-server`); nil asks the system's.
    /// `caFile` is a private CA to trust beside the system's (`--ca-file`).
    public init(dnsServer: String?, caFile: String?) {
        self.dnsServer = dnsServer
        self.caFile = caFile
    }

    /// Whether a `--dns-server` value can be used: a numeric address, with an optional port.
    public static func isValidServer(_ value: String) -> Bool { SocketAddress(parsing: value, defaultPort: 53) != nil }

    /// The checker the linter options take.
    public var hostChecker: HostChecker { HostChecker { [self] in check($0) } }

    /// Lookups are serialised: one host at a time, which is also what keeps them once per host.
    public func check(_ request: HostCheckRequest) -> HostCheck {
        lock.lock()
        defer { lock.unlock() }
        let host = request.host.lowercased()
        guard dnsAnswers[host] != nil || dnsAnswers.count < Self.maximumHosts else {
            let skipped = "not looked up: this run already looked up \(Self.maximumHosts) tracking hosts"
            return HostCheck(dns: HostCheck.DNS(status: .failed, cnames: [], addresses: [], server: "", detail: skipped), tls: nil, hsts: nil)
        }
        let dns = dnsAnswers[host] ?? lookUp(host)
        dnsAnswers[host] = dns
        guard dns.status == .resolved, let address = dns.addresses.first, request.overHTTPS || request.overHTTP else {
            return HostCheck(dns: dns, tls: nil, hsts: nil)
        }
        let probe = probes[host] ?? HTTPSProbe.probe(host: host, address: address, caFile: caFile)
        probes[host] = probe
        return HostCheck(dns: dns, tls: request.overHTTPS ? probe.tls : nil, hsts: request.overHTTP ? probe.hsts : nil)
    }

    private func lookUp(_ host: String) -> HostCheck.DNS {
        if resolver == nil { resolver = DNSResolver(server: dnsServer.flatMap { SocketAddress(parsing: $0, defaultPort: 53) }) }
        return resolver!.resolve(host)
    }
}
