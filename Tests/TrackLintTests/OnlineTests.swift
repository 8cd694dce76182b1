import Foundation
import Testing
@testable import TrackLint
@testable import TrackLintOnline

/// The parts of `--online` that need no server: DNS messages, addresses, HSTS values, the TLS
/// library's words, and the options. Tests/Online/check_online.py runs it against servers.
@Suite struct OnlineTests {
    /// An answer as a recursive resolver writes it: the question, then a CNAME (its target
    /// compressed against the question) and an A record of the target.
    static func answer(id: UInt16, flags: UInt16 = 0x8180) -> [UInt8] {
        var bytes = DNSMessage.query(id: id, name: "email.shop.example", type: .a)!
        bytes[2] = UInt8(flags >> 8)
        bytes[3] = UInt8(flags & 0xFF)
        bytes[7] = 2
        let target: [UInt8] = [7] + Array("mailgun".utf8) + [3] + Array("org".utf8) + [0]
        bytes += [0xC0, 12, 0, 5, 0, 1, 0, 0, 0, 60, 0, UInt8(target.count)] + target
        let targetOffset = UInt8(bytes.count - target.count)
        bytes += [0xC0, targetOffset, 0, 1, 0, 1, 0, 0, 0, 60, 0, 4, 192, 0, 2, 10]
        return bytes
    }

    @Test func readsTheCNAMEChainAndAddresses() throws {
        let answer = try DNSMessage.answer(Self.answer(id: 0x1234), id: 0x1234, name: "EMAIL.shop.example")
        #expect(answer == DNSMessage.Answer(responseCode: 0, truncated: false, cnames: ["mailgun.org"], addresses: ["192.0.2.10"]))
        let nxdomain = try DNSMessage.answer(Self.answer(id: 7, flags: 0x8183), id: 7, name: "email.shop.example")
        #expect(nxdomain.responseCode == 3)
    }

    /// Another query's answer, a query instead of an answer, and every truncation of a good
    /// answer are refused, never read past their end.
    @Test func refusesWhatIsNotTheAnswer() {
        let good = Self.answer(id: 9)
        #expect(throws: DNSMessage.MalformedMessage.self) { try DNSMessage.answer(good, id: 10, name: "email.shop.example") }
        #expect(throws: DNSMessage.MalformedMessage.self) { try DNSMessage.answer(good, id: 9, name: "other.example") }
        let query = DNSMessage.query(id: 9, name: "email.shop.example", type: .a)!
        #expect(throws: DNSMessage.MalformedMessage.self) { try DNSMessage.answer(query, id: 9, name: "email.shop.example") }
        for length in 0..<good.count - 4 {
            #expect(throws: DNSMessage.MalformedMessage.self, "cut at \(length)") {
                try DNSMessage.answer(Array(good[..<length]), id: 9, name: "email.shop.example")
            }
        }
        // A name that points at itself.
        var loop = good
        loop[loop.count - 16] = 0xC0
        loop[loop.count - 15] = UInt8(loop.count - 16)
        #expect(throws: DNSMessage.MalformedMessage.self) { try DNSMessage.answer(loop, id: 9, name: "email.shop.example") }
    }

    @Test func queriesOnlyValidNames() {
        #expect(DNSMessage.query(id: 1, name: "a..example", type: .a) == nil)
        #expect(DNSMessage.query(id: 1, name: "a/b.example", type: .a) == nil)
        #expect(DNSMessage.query(id: 1, name: "grüße.example", type: .a) == nil)
        #expect(DNSMessage.query(id: 1, name: "x_1.a-b.example.", type: .a) != nil)
        #expect(DNSMessage.query(id: 1, name: String(repeating: "x", count: 64) + ".example", type: .a) == nil)
        #expect(DNSMessage.query(id: 1, name: "a.example", type: .aaaa)?.suffix(4) == [0, 28, 0, 1])
    }

    @Test(arguments: [("9.9.9.9", "9.9.9.9:53"), ("127.0.0.1:5353", "127.0.0.1:5353"), ("::1", "[::1]:53"),
                      ("[2001:db8::1]:5300", "[2001:db8::1]:5300")])
    func dnsServers(_ value: String, _ shown: String) {
        #expect(SocketAddress(parsing: value, defaultPort: 53)?.description == shown)
    }

    @Test(arguments: ["dns.example", "127.0.0.1:", "127.0.0.1:99999", "[::1", "", "1.2.3.4:53:1"])
    func badDNSServers(_ value: String) {
        #expect(!OnlineHostChecker.isValidServer(value))
    }

    @Test(arguments: [("max-age=31536000; includeSubDomains", true), ("max-age=\"600\"", true), ("MAX-AGE=1", true),
                      ("max-age=0", false), ("includeSubDomains", false), ("max-age=soon", false)])
    func hstsIsEnforcedWithAPositiveMaxAge(_ header: String, _ enforced: Bool) {
        #expect(HostCheck.HSTS(header: header).isEnforced == enforced)
    }

    @Test(arguments: [("SSL certificate problem: certificate has expired", HostCheck.TLS.Status.expired),
                      ("SSL: no alternative certificate subject name matches target host name 'x'", .wrongName),
                      ("SSL certificate problem: unable to get local issuer certificate", .untrusted),
                      ("SSL certificate problem: self-signed certificate", .untrusted),
                      ("Failed to connect to 127.0.0.1 port 443: Connection refused", .failed)])
    func tlsFailures(_ message: String, _ status: HostCheck.TLS.Status) {
        #expect(HTTPSProbe.status(ofFailure: message) == status)
    }

    /// Past the limit, hosts are not looked up (and nothing is sent for them); known ones still answer.
    @Test func looksUpAtMostTheLimitOfHosts() {
        let checker = OnlineHostChecker(dnsServer: "127.0.0.1:9", caFile: nil)
        for index in 0..<OnlineHostChecker.maximumHosts {
            _ = checker.check(HostCheckRequest(host: "not a name \(index)", overHTTPS: true, overHTTP: false))
        }
        let past = checker.check(HostCheckRequest(host: "email.shop.example", overHTTPS: true, overHTTP: false))
        #expect(past.dns.detail == "not looked up: this run already looked up 200 tracking hosts")
        let known = checker.check(HostCheckRequest(host: "not a name 0", overHTTPS: true, overHTTP: false))
        #expect(known.dns.detail == "`not a name 0` is not a valid DNS name")
    }

    @Test func systemServerIsTheFirstNameserver() throws {
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("resolv-\(UUID().uuidString).conf")
        try Data("# local\nsearch example\nnameserver nonsense\nnameserver 10.0.0.53\nnameserver 10.0.0.54\n".utf8).write(to: file)
        defer { try? FileManager.default.removeItem(at: file) }
        #expect(DNSResolver.systemServer(configuration: file.path)?.description == "10.0.0.53:53")
        #expect(DNSResolver.systemServer(configuration: "/nonexistent/resolv.conf") == nil)
    }

    @Test(arguments: [(["--dns-server", "dns.example"], "--dns-server takes a numeric address"),
                      (["--ca-file", "/nonexistent/ca.pem"], "cannot read --ca-file `/nonexistent/ca.pem`"),
                      (["--online=yes"], "option `--online` takes no value")])
    func badOptionsExitTwo(_ arguments: [String], _ message: String) throws {
        let run = try TestSupport.run(["check"] + arguments + ["Fixtures/demo/broken-sent.html"])
        #expect(run.status == 2)
        #expect(run.stderr.contains(message), "\(run.stderr)")
    }

    /// Without --online nothing is asked, and the diagnosis has no answers.
    @Test func offlineByDefault() throws {
        let asked = Counter()
        let checker = HostChecker { request in
            asked.add()
            return HostCheck(dns: .init(status: .nxdomain, cnames: [], addresses: [], server: "test"), tls: nil, hsts: nil)
        }
        let html = "<a href=\"https://email.shop.example/c/eJxVj0tuwzAMRE8TrRxYkiXbWnjRRS8RUDIbC9EPEp0gt68L\">Shop</a>"
        let offline = Linter(options: LintOptions(hostChecker: checker)).lint(html).first!
        #expect(asked.value == 0 && offline.diagnosis.trackingHosts.allSatisfy { $0.check == nil })
        let online = Linter(options: LintOptions(online: true, hostChecker: checker)).lint(html).first!
        #expect(asked.value == 1)
        #expect(online.findings.filter { $0.code == "TL507" }.map(\.evidence) == ["email.shop.example"])
        #expect(online.diagnosis.trackingHosts.first?.check?.dns.status == .nxdomain)
    }

    final class Counter: @unchecked Sendable {
        private let lock = NSLock()
        private var count = 0
        var value: Int { lock.withLock { count } }
        func add() { lock.withLock { count += 1 } }
    }
}
