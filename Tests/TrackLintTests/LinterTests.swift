import Testing
@testable import TrackLint
@testable import TrackLintCLI
@testable import TrackLintParsing
@testable import TrackLintPlatforms
@testable import TrackLintReporters

/// The engine around the rules: stage detection, tracking-host inference, selection and order.
@Suite struct LinterTests {
    private func analyse(_ html: String, options: LintOptions = LintOptions()) -> LintInput {
        LintInput(path: "t.html", document: HTMLParser.parse(Array(html.utf8)), options: options)
    }

    @Test func htmlIsATemplateUnlessItCarriesPlatformTracking() {
        #expect(analyse(#"<a href="https://x.example/">x</a>"#).stage == .template)
        #expect(analyse(#"<img src="https://m.x.example/email/5f1e2d3c4b5a6978.gif">"#).stage == .sent)
        #expect(analyse(#"<a href="https://acme.us1.list-manage.com/track/click?u=1&id=2">x</a>"#).stage == .sent)
        #expect(analyse(#"<a href="https://u1.ct.sendgrid.net/ls/click?upn=abc">x</a>"#).stage == .sent)
    }

    @Test func explicitStageAndPlatformOption() {
        let forced = analyse(#"<a href="https://x.example/">x</a>"#, options: LintOptions(stage: .sent))
        #expect(forced.stage == .sent)
        // Naming the platform says nothing about whether this HTML was sent.
        let named = analyse(#"<a href="https://x.example/">x</a>"#, options: LintOptions(platform: "mautic"))
        #expect(named.stage == .template)
        #expect(named.platform == PlatformAttribution(name: "mautic", confidence: .high, evidence: ["--platform"]))
        #expect(named.tracking.detectedPlatform == nil)
    }

    @Test func trackingHostFromThePixelNeedsALinkThroughIt() {
        let withLink = analyse("""
            <a href="https://t.x.example/c/abc">a</a> <a href="https://x.example/">b</a>
            <img src="https://t.x.example/open/1" width="1" height="1">
            """)
        #expect(withLink.tracking.trackingHosts.map(\.host) == ["t.x.example"])
        #expect(withLink.tracking.trackingHosts.first?.source == .pixel)
        let pixelOnly = analyse(#"<a href="https://x.example/">b</a><img src="https://t.x.example/open/1" width="1" height="1">"#)
        #expect(pixelOnly.tracking.trackingHosts.isEmpty)
    }

    @Test func trackingHostInferredFromOpaqueRedirectsOfMostLinks() {
        let html = (1...4).map { #"<a href="https://go.x.example/r/a1b2c3d4e5f6g7h8i9j\#($0)">l</a>"# }.joined()
            + #"<a href="https://www.x.example/about">about</a>"#
        let input = analyse(html, options: LintOptions(stage: .sent))
        #expect(input.tracking.trackingHosts.map(\.host) == ["go.x.example"])
        #expect(input.tracking.trackingHosts.first?.evidence == "4 of 5 links, through opaque redirect paths")
        let findings = TestSupport.lint(html, options: LintOptions(stage: .sent)).filter { $0.code == "TL307" }
        #expect(findings.map(\.evidence) == ["https://www.x.example/about"])
    }

    @Test func fewOrReadableLinksInferNothing() {
        let readable = (1...4).map { #"<a href="https://www.x.example/page-\#($0)">l</a>"# }.joined()
        #expect(analyse(readable).tracking.trackingHosts.isEmpty)
        let two = #"<a href="https://go.x.example/r/a1b2c3d4e5f6g7h8i9">l</a><a href="https://go.x.example/r/z9y8x7w6v5u4t3s2r1">l</a>"#
        #expect(analyse(two).tracking.trackingHosts.isEmpty)
    }

    @Test func configuredTrackingDomainCoversSubdomains() {
        let options = LintOptions(stage: .sent, trackingDomains: ["x.example"])
        let findings = TestSupport.lint(
            #"<a href="https://click.x.example/a">a</a> <a href="https://other.example/b">b</a>"#, options: options)
        #expect(findings.filter { $0.code == "TL307" }.map(\.evidence) == ["https://other.example/b"])
        #expect(findings.first { $0.code == "TL307" }?.message
                    == "Link `https://other.example/b` bypasses the tracking host `x.example` (configured with --tracking-domain), so its clicks are not counted")
    }

    @Test func selectionRunsOnlyTheChosenRules() {
        let html = ##"<a href="#">a</a> <a href="/b">b</a>"##
        let only = TestSupport.lint(html, options: LintOptions(enabledCodes: ["TL301"]))
        #expect(only.map(\.code) == ["TL301"])
    }

    @Test func transactionalContextStillChecksLinks() {
        let findings = TestSupport.lint(#"<a href="/b">b</a>"#, options: LintOptions(context: .transactional))
        #expect(findings.map(\.code) == ["TL301"])
    }

    @Test func findingsAreInDocumentOrderAndStable() {
        let html = "<a href=\"/z\">z</a>\n<a href=\"#\">a</a> <img src=\"x.png\">\n<a href=\"javascript:x()\">j</a>"
        let first = TestSupport.lint(html)
        #expect(first.map { "\($0.code)@\($0.location.line ?? 0):\($0.location.column ?? 0)" }
                    == ["TL301@1:10", "TL304@2:10", "TL206@2:29", "TL306@3:10"])
        #expect(TestSupport.lint(html) == first)
    }

    @Test func fixesAreExactEditsOnlyForLiteralValues() throws {
        let literal = TestSupport.lint(#"<a href="sales@x.example">x</a>"#).first { $0.code == "TL305" }
        let edit = try #require(literal?.fix?.edits.first)
        #expect(edit == Edit(line: 1, column: 10, length: 0, text: "mailto:"))
        #expect(literal?.fix?.applicability == .safe)
        // Written with an entity, the value's bytes differ from its meaning: no edit is offered.
        let entity = TestSupport.lint(#"<a href="sales&#64;x.example">x</a>"#).first { $0.code == "TL305" }
        #expect(entity?.fix?.edits.isEmpty == true)
        #expect(entity?.fix?.applicability == .display)
    }

    @Test func baseURLThatIsLocalIsReported() {
        let findings = TestSupport.lint("<p>x</p>", options: LintOptions(baseURL: "http://localhost:8080/"))
        #expect(findings.map(\.code) == ["TL501"])
        #expect(findings.first?.location.line == nil)
        #expect(findings.first?.evidence == "http://localhost:8080/")
    }

    @Test(arguments: [
        ("<html><body>x</body></html>", InputKind.html),
        ("\n\n  <!DOCTYPE html>", .html),
        ("Received: from mx.example\nSubject: hi\n\nbody", .message),
        ("Delivered-To: a@x.example\r\nFrom: b@x.example\r\n\r\n", .message),
        ("From sender@x.example Mon Jan  1 00:00:00 2024\nFrom: a@x.example\n", .mbox),
        ("\u{FEFF}Return-Path: <a@x.example>\n", .message),
        ("Here is the source:\nX-Mailer: test\n", .message),
        ("Hello, see https://x.example", .html),
    ])
    func inputKindIsSniffedFromContent(_ text: String, _ kind: InputKind) {
        #expect(InputSniffer.kind(of: Array(text.utf8)) == kind)
    }
}

/// What decides which messages count as bulk mail, and which links are redirects of their own.
@Suite struct BulkAndRedirectTests {
    private func message(_ text: String) -> MailMessage { MIMEParser.parse(SourceText(bytes: Array(text.utf8))) }

    @Test func bulkSigns() {
        #expect(BulkSigns.platformSigns(message("From: a@x.example\nX-SG-EID: 1\n\nx"), inputs: []).count == 1)
        #expect(BulkSigns.listSigns(message("From: a@x.example\nList-Id: <news.x.example>\n\nx")) == ["header List-Id"])
        #expect(BulkSigns.listSigns(message("From: a@x.example\nPrecedence: bulk\n\nx")) == ["header Precedence: bulk"])
        #expect(BulkSigns.listSigns(message("From: a@x.example\nSubject: Lunch\n\nx")).isEmpty)
        #expect(BulkSigns.isDeliveryReport(message("From: mailer-daemon@x.example\nList-Id: x\nContent-Type: multipart/report; boundary=b\n\n--b--\n")))
    }

    @Test(arguments: [
        ("https://r.x.example/redirect/?target=stat&href=68747470733a2f2f782e6578616d706c65", true),
        ("https://r.x.example/go?u=https%3A%2F%2Fx.example%2F", true),
        ("https://r.x.example/go?u=aHR0cHM6Ly94LmV4YW1wbGU=", true),
        ("https://x.example/page?id=42", false),
    ])
    func redirects(_ url: String, _ isRedirect: Bool) {
        #expect(LinkExemptions.isRedirect(URLReference(url)) == isRedirect)
    }
}
