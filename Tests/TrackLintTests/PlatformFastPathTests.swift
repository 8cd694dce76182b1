import Testing
@testable import TrackLint
@testable import TrackLintParsing
@testable import TrackLintPlatforms

/// The byte fast paths of the platform lookups give what their general paths give.
@Suite struct PlatformFastPathTests {
    private func pixelPlatform(_ url: String) -> String? { PlatformProfiles.pixelShape(of: URLReference(url))?.platform }

    /// A pixel shape with a suffix, on ASCII paths (bytes) and non-ASCII ones (characters).
    @Test(arguments: ["abc", "äbc"])
    func suffixedShapesMatchOnEitherPath(_ token: String) {
        #expect(pixelPlatform("https://m.example/email/\(token).gif") == "mautic")
        #expect(pixelPlatform("https://m.example/EMAIL/\(token).GIF") == "mautic")
        #expect(pixelPlatform("https://m.example/email/a/\(token).gif") == nil)
        #expect(pixelPlatform("https://l.example/campaign/\(token)/x/px.png") == "listmonk")
    }

    /// A path too short to index by its second byte is tried against every shape.
    @Test func aShortPathIsTriedAgainstEveryShape() {
        #expect(PlatformProfiles.clickShape(of: URLReference("https://click.pstmrk.it/"))?.platform == "postmark")
        #expect(PlatformProfiles.clickShape(of: URLReference("https://elsewhere.example/")) == nil)
    }

    private func headers(_ fields: [(String, String)]) -> HeaderFields {
        HeaderFields(fields.enumerated().map { HeaderField(name: $1.0, value: $1.1, line: $0 + 1) })
    }

    /// `endsWith` on ASCII values (bytes) and others (Unicode lower-casing); `contains` ignores
    /// ASCII case, in the search of all a header's texts at once and in a single fingerprint's.
    @Test func headerTestsReadValuesOnce() {
        #expect(PlatformProfiles.detect(headers: headers([("Feedback-ID", "1:2:3:MC>")]))?.name == "mailchimp")
        #expect(PlatformProfiles.detect(headers: headers([("Feedback-ID", "1:ä:3:mc")]))?.name == "mailchimp")
        #expect(PlatformProfiles.detect(headers: headers([("Feedback-ID", "1:ä:3:mcx")])) == nil)
        #expect(PlatformProfiles.detect(headers: headers([("Received", "from x"), ("Received", "by o1.MAILGUN.NET")]))?.name == "mailgun")
        #expect(PlatformProfiles.detect(headers: headers([("X-Mailgun-Sid", "")])) == nil)
        let received = headers([("Received", "from x"), ("Received", "by o1.MAILGUN.NET")])
        #expect(HeaderFingerprint("Received", .contains("mailgun.net")).match(received)?.line == 2)
        #expect(HeaderFingerprint("Received", .contains("mailgun.org")).match(received) == nil)
    }

    /// Opaque tokens are judged on bytes for ASCII and on characters otherwise.
    @Test func opaqueTokensOnEitherPath() {
        #expect(TrackingAnalysis.hasOpaqueToken(URLReference("https://t.example/c/ab12cd34ef56gh78")))
        #expect(TrackingAnalysis.hasOpaqueToken(URLReference("https://t.example/c?u=ä1b2c3d4e5f6g7h8")))
        #expect(!TrackingAnalysis.hasOpaqueToken(URLReference("https://t.example/c/abcdefghijklmnop")))
        #expect(!TrackingAnalysis.hasOpaqueToken(URLReference("https://t.example/c/ab12+cd34ef56gh78ä")))
        #expect(!TrackingAnalysis.hasOpaqueToken(URLReference("https://t.example/c/ab12cd34ef56")))
        // Query payloads as `QueryParameters.payloads` cuts them: the value, else the name.
        for query in ["x==ab12cd34ef56gh78", "ab12cd34ef56gh78=", "=ab12cd34ef56gh78", "a=b&&u=ab12cd34ef56gh78"] {
            #expect(TrackingAnalysis.hasOpaqueToken(URLReference("https://t.example/c?\(query)")), "\(query)")
        }
        #expect(!TrackingAnalysis.hasOpaqueToken(URLReference("https://t.example/c?ab12cd34ef56gh78x=ab")))
        #expect(!TrackingAnalysis.hasOpaqueToken(URLReference("https://t.example/c?a=b&c=d")))
    }

    /// The last declaration wins; names are compared without case and surrounding spaces.
    @Test func inlineStyleValues() {
        let style = "WIDTH : 1PX; height:3px !important;width:2px;color:red"
        #expect(InlineStyle.values(of: ["width", "height", "display"], in: style) == ["2px", "3px", nil])
        #expect(InlineStyle.value(of: "color", in: "color") == nil)
    }
}
