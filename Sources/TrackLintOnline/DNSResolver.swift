import Foundation
import Glibc
import TrackLint

/// Asks one DNS server (`--dns-server`, else the first `nameserver` of /etc/resolv.conf, which
/// is Glibc's resolver configuration) for a host's A and AAAA records, over UDP, with a short
/// timeout and one retry.
struct DNSResolver {
    static let timeoutMilliseconds: Int32 = 2000
    static let attempts = 2

    /// The server, or why there is none.
    let server: Result<SocketAddress, LookupFailure>

    struct LookupFailure: Error {
        let reason: String
    }

    init(server: SocketAddress?) {
        if let server {
            self.server = .success(server)
        } else {
            self.server = Self.systemServer().map(Result.success) ?? .failure(LookupFailure(reason: "no nameserver in /etc/resolv.conf"))
        }
    }

    /// The first `nameserver` line of /etc/resolv.conf.
    static func systemServer(configuration path: String = "/etc/resolv.conf") -> SocketAddress? {
        guard let text = try? String(contentsOfFile: path, encoding: .utf8) else { return nil }
        for line in text.split(separator: "\n") {
            let words = line.split(whereSeparator: { $0 == " " || $0 == "\t" })
            if words.count >= 2, words[0] == "nameserver", let address = SocketAddress(String(words[1]), port: 53) { return address }
        }
        return nil
    }

    func resolve(_ host: String) -> HostCheck.DNS {
        let server: SocketAddress
        switch self.server {
        case .success(let address): server = address
        case .failure(let failure): return HostCheck.DNS(status: .failed, cnames: [], addresses: [], server: "", detail: failure.reason)
        }
        let v4: DNSMessage.Answer
        switch ask(server, host, .a) {
        case .failure(let failure):
            return HostCheck.DNS(status: .failed, cnames: [], addresses: [], server: server.description, detail: failure.reason)
        case .success(let answer): v4 = answer
        }
        if let failed = Self.failure(of: v4.responseCode) {
            return HostCheck.DNS(status: v4.responseCode == 3 ? .nxdomain : .failed, cnames: v4.cnames, addresses: [],
                                 server: server.description, detail: failed)
        }
        let v6 = (try? ask(server, host, .aaaa).get()).flatMap { $0.responseCode == 0 ? $0 : nil }
        let addresses = v4.addresses + (v6?.addresses ?? [])
        return HostCheck.DNS(status: addresses.isEmpty ? .noAddress : .resolved, cnames: v4.cnames.isEmpty ? v6?.cnames ?? [] : v4.cnames,
                             addresses: addresses, server: server.description)
    }

    private static func failure(of responseCode: UInt8) -> String? {
        switch responseCode {
        case 0: nil
        case 2: "the server answered SERVFAIL"
        case 3: "no such name"
        case 5: "the server refused the query"
        default: "the server answered with response code \(responseCode)"
        }
    }

    /// One question, asked again once when no answer comes in time.
    private func ask(_ server: SocketAddress, _ host: String, _ type: DNSMessage.RecordType) -> Result<DNSMessage.Answer, LookupFailure> {
        let id = UInt16.random(in: 0...UInt16.max)
        guard let query = DNSMessage.query(id: id, name: host, type: type) else {
            return .failure(LookupFailure(reason: "`\(host)` is not a valid DNS name"))
        }
        guard let socket = Socket(family: server.family, type: Int32(SOCK_DGRAM.rawValue)),
              socket.connect(to: server, milliseconds: Self.timeoutMilliseconds) else {
            return .failure(LookupFailure(reason: "cannot reach \(server)"))
        }
        for _ in 0..<Self.attempts {
            guard socket.send(query) else { break }
            // Replies that are not the answer to this query (late, forged) are skipped.
            while socket.wait(for: Int16(POLLIN), milliseconds: Self.timeoutMilliseconds) {
                let reply = socket.receive()
                if reply.isEmpty { break }
                if let answer = try? DNSMessage.answer(reply, id: id, name: host) {
                    return answer.truncated && answer.addresses.isEmpty && answer.cnames.isEmpty
                        ? .failure(LookupFailure(reason: "the answer was truncated (too large for UDP)")) : .success(answer)
                }
            }
        }
        return .failure(LookupFailure(reason: "no answer from \(server) within \(Self.timeoutMilliseconds / 1000) s"))
    }
}
