import Foundation
import Testing
@testable import TrackLint
@testable import TrackLintCLI
@testable import TrackLintParsing
@testable import TrackLintPlatforms
@testable import TrackLintReporters

/// Destinations read out of platforms' click-tracking URLs.
@Suite struct TrackingTargetTests {
    static func base64(_ text: String) -> String { Data(text.utf8).base64EncodedString() }

    @Test(arguments: [
        ("https://abcdefgh.r.eu-west-1.awstrack.me/L0/https:%2F%2Fx.example%2Fa%3Fb=1/1/0102018f-abc/XYZ=123", "https://x.example/a?b=1"),
        ("https://abc.mjt.lu/lnk/AUoAAA/1/AbCd/" + base64("https://x.example/mj"), "https://x.example/mj"),
        ("https://a1b2c3d4.click.convertkit-mail2.com/tok/tok2/" + base64("https://x.example/kit"), "https://x.example/kit"),
        ("https://acct.lt.acemlna.com/Prod/link-tracker?redirectUrl=" + base64("https%3A%2F%2Fx.example%2Fac") + "&sig=1",
         "https://x.example/ac"),
        ("https://e.customeriomail.com/e/c/" + base64(#"{"email_id":"1","href":"https://x.example/cio"}"#) + "/sig",
         "https://x.example/cio"),
        ("https://click.pstmrk.it/3s/x.example%2Fpm%3Fq%3D1/AbC/DeF/sig", "https://x.example/pm?q=1"),
        ("https://mandrillapp.com/track/click/123/x.example?p=" + base64(#"{"url":"https://x.example/md"}"#), "https://x.example/md"),
    ])
    func decodes(_ url: String, _ target: String) {
        #expect(PlatformProfiles.destination(of: URLReference(url)) == target)
    }

    @Test func opaqueShapesGiveNothing() {
        #expect(PlatformProfiles.destination(of: URLReference("https://u1.ct.sendgrid.net/ls/click?upn=abc")) == nil)
        #expect(PlatformProfiles.destination(of: URLReference("https://x.us1.list-manage.com/track/click?u=1&id=2")) == nil)
    }

    @Test func mauticWrappedByMandrillIsDoubleWrapped() {
        let inner = #"{"url":"https://m.x.example/r/5f1e2d3c?ct=YTo0OntzOjY6InNvdXJjZSI7"}"#
        let html = "<a href=\"https://mandrillapp.com/track/click/1/m.x.example?p=\(Self.base64(inner))\">Shop</a>"
        let findings = TestSupport.lint(html, options: LintOptions(stage: .sent)).filter { $0.code == "TL310" }
        #expect(findings.map(\.evidence) == ["https://m.x.example/r/5f1e2d3c?ct=YTo0OntzOjY6InNvdXJjZSI7"])
        #expect(findings.first?.message.hasPrefix("Mandrill tracking link leads to another tracking link (Mautic)") == true)
    }

    @Test(arguments: ["&=", "&", "&==", "&=&x"])
    func parametersWithoutANameAreRead(_ tail: String) {
        // `&=` crashed the query reader (found by make fuzz).
        let url = URLReference("https://acme.example/prod/link-tracker?redirectUrl=aHR0cHM6Ly9hY21lLmV4YW1wbGUv" + tail)
        #expect(PlatformProfiles.destination(of: url) == "https://acme.example/")
    }
}
