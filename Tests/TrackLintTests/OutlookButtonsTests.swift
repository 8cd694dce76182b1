import Testing
@testable import TrackLint

/// Each VML button's fallback is looked for among the next ordinary links only (Outlook-only links
/// between are passed over, once per document), and the findings both copies share are merged.
@Suite struct OutlookButtonsTests {
    private static func described(_ html: String) -> [String] {
        TestSupport.lint(html).map { "\($0.code) \($0.location.line ?? 0):\($0.location.column ?? 0) \($0.evidence) | \($0.message)" }
    }

    @Test func theFallbackIsFoundPastOutlookOnlyLinks() {
        let html = """
        <table><tr><td><!--[if mso]><v:roundrect href="https://x.example/old"><center>Shop now</center></v:roundrect><![endif]-->
        <!--[if mso]><a href="https://x.example/a">A</a><![endif]--><!--[if mso]><a href="https://x.example/b">B</a><![endif]-->
        <!--[if mso]><a href="https://x.example/c">C</a><![endif]--><!--[if mso]><a href="https://x.example/d">D</a><![endif]-->
        <a href="https://x.example/offer">Shop now</a></td></tr></table>
        """
        #expect(Self.described(html) == [
            "TL309 1:48 https://x.example/old | Outlook button links to `https://x.example/old` but its fallback link to `https://x.example/offer`",
        ])
    }

    @Test func aFallbackPastThreeOrdinaryLinksIsNotTheButtons() {
        let html = """
        <table><tr><td><!--[if mso]><v:roundrect href="https://x.example/old"><center>Shop now</center></v:roundrect><![endif]-->
        <a href="https://x.example/1">One</a> <a href="https://x.example/2">Two</a> <a href="https://x.example/3">Three</a>
        <a href="https://x.example/offer">Shop now</a></td></tr></table>
        """
        #expect(Self.described(html).isEmpty)
    }

    @Test func sharedFindingsAreMergedAndTheOthersKeptInOrder() {
        let html = """
        <div><!--[if mso]><v:roundrect href="http://"><center>Go</center></v:roundrect><![endif]--><a href="http://">Go</a></div>
        <div><a href="/relative">Read</a></div>
        <div><!--[if mso]><v:roundrect href="/"><center>Buy</center></v:roundrect><![endif]--><a href="/">Buy</a></div>
        <div><!--[if mso]><v:roundrect href="/other"><center>Sell</center></v:roundrect><![endif]--><a href="/else">Sell</a></div>
        """
        let merged = " (the Outlook VML button before it has the same href)"
        #expect(Self.described(html) == [
            "TL303 1:101 http:// | Link `http://` has nothing after the scheme" + merged,
            "TL301 2:15 /relative | Link `/relative` is relative, so it is dead in an email and cannot be tracked",
            "TL301 3:96 / | Link `/` is relative, so it is dead in an email and cannot be tracked" + merged,
            "TL301 4:38 /other | Link `/other` is relative, so it is dead in an email and cannot be tracked",
            "TL309 4:38 /other | Outlook button links to `/other` but its fallback link to `/else`",
            "TL301 4:102 /else | Link `/else` is relative, so it is dead in an email and cannot be tracked",
        ])
    }
}
