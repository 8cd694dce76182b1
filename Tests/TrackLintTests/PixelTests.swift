import Testing
@testable import TrackLint
@testable import TrackLintParsing

/// What is the platform's pixel: its pixel shape, or a tiny remote image that is not a third
/// party's beacon; never an image because it is hidden (CATALOGUE.md TL201, TL203).
@Suite struct PixelTests {
    private func tracking(_ html: String) -> TrackingAnalysis {
        LintInput(path: "t.html", document: HTMLParser.parse(Array(html.utf8)), options: LintOptions(stage: .sent)).tracking
    }

    @Test(arguments: [
        ("https://de.ioam.de/tx.io?st=paper", "INFOnline"),
        ("https://paper.iocnt.net/j0=,,,;+,cp=news", "INFOnline"),
        ("https://de-config.sensic.net/tp?ty=IM", "GfK sensic"),
        ("https://www.google-analytics.com/collect?v=1&tid=UA-1-1", "Google Analytics"),
        ("https://sgtm.paper.example/g/collect?v=2&tid=G-ABC123", "Google Analytics"),
        ("https://stats.paper.example/matomo.php?idsite=3&rec=1", "Matomo"),
        ("https://stats.paper.example/piwik.php?idsite=3", "Matomo"),
        ("https://metrics.paper.example/b/ss/paperprod/1/JS-2.0/s123", "Adobe Analytics"),
        ("https://sb.scorecardresearch.com/p?c1=2", "comScore"),
    ])
    func beaconsAreNamedAndAreNotThePixel(_ url: String, _ name: String) {
        let analysis = tracking(#"<img src="\#(url)" width="1" height="1" alt="">"#)
        #expect(analysis.pixels.isEmpty)
        #expect(analysis.beacons.map(\.beacon.name) == [name])
    }

    @Test func aCollectPathWithoutAnAnalyticsIdIsNoBeacon() {
        let analysis = tracking(#"<img src="https://t.esp.example/collect?m=0a1b2c3d" width="1" height="1" alt="">"#)
        #expect(analysis.pixels.map(\.reason) == [.tiny])
        #expect(analysis.beacons.isEmpty)
    }

    @Test func hiddenImagesAreNotPixels() {
        let analysis = tracking("""
        <img src="https://x.example/banner.jpg" width="480" style="display:none" alt="Sale">
        <div hidden><img src="https://x.example/hero.png" alt=""></div>
        """)
        #expect(analysis.pixels.isEmpty)
    }

    @Test func aHiddenUnsizedImageOnALinkHostIsItsPixel() {
        let analysis = tracking("""
        <a href="https://t.x.example/c/0a1b2c3d4e5f6a7b8c9d">A</a> <a href="https://t.x.example/c/1a1b2c3d4e5f6a7b8c9d">B</a>
        <a href="https://t.x.example/c/2a1b2c3d4e5f6a7b8c9d">C</a>
        <img src="https://t.x.example/o/3a1b2c3d4e5f6a7b8c9d" style="visibility:hidden" alt="">
        <img src="https://t.x.example/logo/4a1b2c3d4e5f6a7b8c9d.png" width="200" alt="Logo">
        """)
        #expect(analysis.pixels.map(\.image.url.raw) == ["https://t.x.example/o/3a1b2c3d4e5f6a7b8c9d"])
        #expect(analysis.pixels.map(\.reason) == [.hiddenOnLinkHost])
    }

    @Test func theMissingPixelFindingNamesTheBeacons() {
        let html = #"<p>News</p><img src="https://de.ioam.de/tx.io?st=x" width="1" height="1" alt="">"#
        let findings = TestSupport.lint(html, options: LintOptions(stage: .sent, context: .campaign)).filter { $0.code == "TL201" }
        #expect(findings.map(\.message) == [
            "No open-tracking pixel: the only tiny image is a third-party beacon (INFOnline `de.ioam.de/tx.io`), not the platform's pixel",
        ])
    }
}

/// Noise that buried real findings: a VML button and its fallback sharing one broken href, TL319 on
/// a platform's own system tags.
@Suite struct OutlookCopyAndSystemTagTests {
    @Test func aBrokenHrefSharedByTheVMLButtonAndItsFallbackIsOneFinding() {
        let html = """
        <div><!--[if mso]><v:roundrect href="http://"><center>&nbsp;</center></v:roundrect><![endif]--><a href="http://">&nbsp;</a></div>
        <div><!--[if mso]><v:roundrect href="#"><center>Go</center></v:roundrect><![endif]--><a href="#">Go</a></div>
        """
        let findings = TestSupport.lint(html).filter { ["TL303", "TL304"].contains($0.code) }
        #expect(findings.map { "\($0.code) \($0.location.column ?? 0)" } == ["TL303 105", "TL304 95"])
        #expect(findings.allSatisfy { $0.message.hasSuffix("(the Outlook VML button before it has the same href)") })
        #expect(findings.first?.help == "Fill in the destination: the href is only a scheme, a placeholder nobody replaced")
    }

    @Test(arguments: [
        ("*|ARCHIVE|*", true), ("*|UPDATE_PROFILE|*", true), ("*|FORWARD|*", true), ("*|TWITTER:PROFILEURL|*", false),
        ("{{ unsubscribe_link }}", true), ("%%view_email_url%%", true), ("{{system.viewAsWebpageLink}}", true),
        ("[webversion]", true), ("%FORWARD2FRIEND%", true), ("{{ product_url }}", false), ("*|FNAME|*", false),
    ])
    func systemLinkTags(_ tag: String, _ expected: Bool) throws {
        let span = try #require(MergeTags.spans(in: tag).first)
        #expect(SystemLinkTags.isSystemLink(span) == expected)
    }
}
