import Foundation
import Testing
@testable import TrackLint
@testable import TrackLintCLI
@testable import TrackLintParsing
@testable import TrackLintPlatforms
@testable import TrackLintReporters

/// Security gateways' link rewriting, decoded back to the original URL.
@Suite struct GatewayTests {
    @Test(arguments: [
        ("https://urldefense.proofpoint.com/v1/url?u=http://x.example/a&amp;k=abc", "Proofpoint", "http://x.example/a"),
        ("https://urldefense.proofpoint.com/v2/url?u=https-3A__x.example_path-3Fq-3D1&d=DwMF&c=abc&r=x&m=y&s=z&e=",
         "Proofpoint", "https://x.example/path?q=1"),
        ("https://urldefense.com/v3/__https://x.example/a*b=1__;Pw!!Tenant!sig$", "Proofpoint", "https://x.example/a?b=1"),
        ("https://urldefense.com/v3/__https://e.example/**B__;YWJj!!Tenant!sig$", "Proofpoint", "https://e.example/abc"),
        ("https://eur01.safelinks.protection.outlook.com/?url=https%3A%2F%2Fx.example%2Fsale%3Fa%3D1&data=05&reserved=0",
         "Microsoft Defender / Exchange Online Protection", "https://x.example/sale?a=1"),
        ("https://linkprotect.cudasvc.com/url?a=https%3a%2f%2fx.example%2fb&c=E,1,tok&typo=1", "Barracuda", "https://x.example/b"),
        ("https://secure-web.cisco.com/1AbCdEf/https%3A%2F%2Fx.example%2Fc", "Cisco Secure Email (IronPort)", "https://x.example/c"),
        ("https://imsva91-ctp.trendmicro.com:443/wis/clicktime/v1/query?url=https%3a%2f%2fx.example%2fd&umid=1&auth=2",
         "Trend Micro", "https://x.example/d"),
        ("https://eu-west-1.protection.sophos.com?d=x.example&u=aHR0cHM6Ly94LmV4YW1wbGUvZQ==&p=m", "Sophos Email", "https://x.example/e"),
        ("https://protect2.fireeye.com/v1/url?k=1&q=1&e=2&u=https%3A%2F%2Fx.example%2Ff", "Trellix (FireEye)", "https://x.example/f"),
        ("https://www.google.com/url?q=https://x.example/g&source=gmail&ust=1", "Google redirect", "https://x.example/g"),
    ])
    func decodes(_ wrapped: String, _ gateway: String, _ original: String) throws {
        let unwrapped = try #require(Gateways.unwrap(URLReference(wrapped)))
        #expect(unwrapped.gateway == gateway)
        #expect(unwrapped.original == original)
    }

    @Test func mimecastIsOpaque() throws {
        let unwrapped = try #require(Gateways.unwrap(URLReference("https://url.uk.m.mimecastprotect.com/s/AbCdEfGh?domain=x.example")))
        #expect(unwrapped.gateway == "Mimecast")
        #expect(unwrapped.original == nil)
    }

    @Test func otherChecksRunOnTheDecodedURL() {
        let html = #"<a href="https://eur01.safelinks.protection.outlook.com/?url=http%3A%2F%2Flocalhost%2Fx&data=1">x</a>"#
        let findings = TestSupport.lint(html, options: LintOptions(stage: .sent))
        #expect(findings.contains { $0.code == "TL311" && $0.evidence == "http://localhost/x" })
        #expect(findings.contains { $0.code == "TL501" })
    }

    /// Safe Links around a Proofpoint link: both are taken off, and the inner gateway's host is not
    /// mistaken for the message's tracking host.
    @Test func nestedGatewaysAreUnwrappedToTheOriginal() throws {
        let proofpoint = "https://urldefense.com/v3/__https://x.example/a__;!!T!s$"
        let wrapped = "https://eur01.safelinks.protection.outlook.com/?url=" + proofpoint.addingPercentEncodingForQuery() + "&data=05"
        let unwrapped = try #require(Gateways.unwrap(URLReference(wrapped)))
        #expect(unwrapped.gateway == "Microsoft Defender / Exchange Online Protection around Proofpoint")
        #expect(unwrapped.original == "https://x.example/a")
    }

    @Test func decodedIPTargetsAreLinksToAnIP() {
        let html = #"<a href="https://eur01.safelinks.protection.outlook.com/?url=http%3A%2F%2F10.1.2.3%2Fx&data=1">x</a>"#
        let findings = TestSupport.lint(html, options: LintOptions(stage: .sent))
        #expect(findings.map(\.code).filter { $0.hasPrefix("TL3") || $0.hasPrefix("TL5") }.sorted() == ["TL311", "TL312", "TL501"])
        #expect(findings.first { $0.code == "TL312" }?.evidence == "http://10.1.2.3/x")
    }

    @Test func ordinaryLinksAreNotGateways() {
        #expect(Gateways.unwrap(URLReference("https://x.example/url?q=1")) == nil)
        #expect(Gateways.unwrap(URLReference("https://www.google.com/search?q=x")) == nil)
    }
}

private extension String {
    func addingPercentEncodingForQuery() -> String {
        var allowed = CharacterSet.alphanumerics
        allowed.insert(charactersIn: "-._~")
        return addingPercentEncoding(withAllowedCharacters: allowed) ?? self
    }
}
