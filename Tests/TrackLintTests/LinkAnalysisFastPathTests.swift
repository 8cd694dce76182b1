import Testing
@testable import TrackLint
@testable import TrackLintParsing

/// The byte-level readings of links, styles and classes give what the String-based code they
/// replace gave, on their fast paths and on the fallbacks outside ASCII.
@Suite struct LinkAnalysisFastPathTests {
    private static func input(_ html: String) -> LintInput {
        LintInput(path: "t.html", document: HTMLParser.parse(Array(html.utf8)), options: LintOptions())
    }

    private static func unsubscribeLinks(_ html: String) -> [String] {
        let input = input(html)
        let indexes = UnsubscribeLinks.all(in: input)
        return input.inventory.links.filter { indexes.contains($0.element.index) }.map(\.url.raw)
    }

    @Test func unsubscribeWordingIsFoundInTheTextURLAndTitleSideBySide() {
        // ASCII folding, on the stack: in the text, the URL, the title, and across the text and URL.
        #expect(Self.unsubscribeLinks(#"<a href="https://x.example/a">UNSUBSCRIBE</a>"#) == ["https://x.example/a"])
        #expect(Self.unsubscribeLinks(#"<a href="https://x.example/Opt-Out?id=1"></a>"#) == ["https://x.example/Opt-Out?id=1"])
        #expect(Self.unsubscribeLinks(#"<a href="https://x.example/b" title="Remove me">x</a>"#) == ["https://x.example/b"])
        #expect(Self.unsubscribeLinks(#"<a href="out.html">Click to opt</a>"#) == ["out.html"])
        #expect(Self.unsubscribeLinks(#"<a href="https://x.example/c">Shop</a>"#).isEmpty)
        // Lower-casing that changes more than ASCII: the lower-cased joined text is searched.
        #expect(Self.unsubscribeLinks(#"<a href="https://x.example/d">ОТПИСАТЬСЯ</a>"#) == ["https://x.example/d"])
        #expect(Self.unsubscribeLinks(#"<a href="https://x.example/e" title="SE DÉSABONNER">x</a>"#) == ["https://x.example/e"])
        #expect(Self.unsubscribeLinks(#"<a href="https://x.example/f">ÜBER UNS</a>"#).isEmpty)
        #expect(Self.input(#"<a href="https://x.example/g">Abmelden</a> <a href="https://x.example/h">Shop</a>"#).hasUnsubscribeLink)
    }

    @Test func hiddenStylesAreReadOffTheBytes() {
        func hidden(_ attributes: String) -> Bool {
            let input = Self.input("<div \(attributes)><span>x</span></div>")
            let span = input.document.elements.first { $0.name == "span" }!
            return input.visibility.isHidden(span)
        }
        #expect(hidden(#"style="display:none""#))
        #expect(hidden(#"style="color: red; DISPLAY : None !important""#))
        #expect(hidden(#"style="visibility:hidden""#))
        #expect(hidden(#"style="foo; display:none""#))
        #expect(hidden("hidden"))
        #expect(hidden(#"style="color:red" hidden"#))
        // The last declaration counts; a value must start with the word.
        #expect(!hidden(#"style="display:none; display:block""#))
        #expect(!hidden(#"style="display:block;display:""#))
        #expect(!hidden(#"style="display: inline-none""#))
        #expect(!hidden(#"style="visibility:visible""#))
        #expect(!hidden(#"style="" class="hidden""#))
        // Declarations whose names cannot be asked for are skipped without looking for their colon.
        #expect(hidden(#"style="background:url(a:b);  display:none""#))
        #expect(!hidden(#"style="xdisplay:none; vvisibility:hidden""#))
    }

    @Test func statedSizesComeFromTheAttributesAndTheStyle() {
        func element(_ attributes: String) -> HTMLElement {
            Self.input(#"<img src="https://x.example/p.gif" \#(attributes)>"#).document.elements.first { $0.name == "img" }!
        }
        #expect(ImageGeometry.isTiny(element(#"width="1" height="1""#)))
        #expect(ImageGeometry.isTiny(element(#"style="width:1px;height:0""#)))
        #expect(!ImageGeometry.isTiny(element(#"width="1" style="height:100px""#)))
        #expect(!ImageGeometry.isTiny(element("")))
        // Plain lengths are read off the bytes; anything else as `pixels(in:)` reads it.
        #expect(ImageGeometry.isTiny(element(#"width=" 2 PX " style="HEIGHT : 01px""#)))
        #expect(!ImageGeometry.isTiny(element(#"width="3""#)))
        #expect(!ImageGeometry.isTiny(element(#"width="10000000000000000000000""#)))
        #expect(ImageGeometry.isTiny(element(#"width="1.5" height="0x1""#)))
        #expect(ImageGeometry.isTiny(element(#"style="width:1px !important; height:2PX""#)))
        #expect(!ImageGeometry.isTiny(element(#"width="px""#)))
        #expect(!ImageGeometry.isTiny(element(#"style="width:1px; width:auto""#)))
        #expect(ImageGeometry.statesSize(element(#"style="height:auto""#)))
        #expect(!ImageGeometry.statesSize(element(#"style="color:red""#)))
    }

    @Test func webSchemesAreReadOffTheBytesOfTheValueAsWritten() {
        func meant(_ href: String) -> Bool {
            LinkUntrackableByPlatformRule.isMeantToBeTracked(Self.input(#"<a href="\#(href)">x</a>"#).inventory.links[0])
        }
        #expect(meant(" HTTPS://x.example/a"))
        #expect(meant("http://x.example/é"))
        #expect(!meant("ftp://x.example/a"))
        #expect(!meant("mailto:a@x.example"))
        // Outside ASCII before the colon: read by Characters.
        #expect(!meant("ｈttps://x.example/a"))
    }

    @Test func optOutClassesAreFoundInEitherCase() {
        func marker(_ attributes: String) -> String? {
            LinkExemptions.optOutMarker(Self.input(#"<a href="https://x.example/" \#(attributes)>x</a>"#).inventory.links[0].element)?.marker
        }
        #expect(marker(#"class="button MKTNOTRACK""#) == #"class="mktnotrack""#)
        #expect(marker("class=\"a\tuntracked\"") == #"class="untracked""#)
        #expect(marker(#"class="café untracked""#) == #"class="untracked""#)
        #expect(marker(#"class="untracked-link""#) == nil)
        #expect(marker(#"clicktracking="OFF""#) == #"clicktracking="OFF""#)
        #expect(marker(#"clicktracking="on""#) == nil)
        #expect(marker(#"style="color:red""#) == nil)
    }

    @Test func socialHostsAndBeaconsAreLookedUpByTheirEndings() {
        func kinds(_ href: String) -> [LinkKind] {
            let input = Self.input(#"<a href="\#(href)">Follow</a>"#)
            return LinkKinds.kinds(of: input.inventory.links[0], text: "Follow", inFooterElement: false, footerStart: .max,
                                   isUnsubscribe: false)
        }
        #expect(kinds("https://www.facebook.com/x") == [.social])
        #expect(kinds("https://facebook.com/x") == [.social])
        #expect(kinds("https://notfacebook.com/x").isEmpty)
        #expect(kinds("https://facebook.com.x.example/x").isEmpty)
        #expect(kinds("https://t.me/x") == [.social])
        #expect(kinds("https://x.example/privacy") == [.legal])

        func beacon(_ src: String) -> String? { MeasurementBeacons.beacon(for: URLReference(src))?.name }
        #expect(beacon("https://de.ioam.de/tx.io?st=x") == "INFOnline")
        #expect(beacon("https://stats.example/collect?v=1&tid=UA-1") == "Google Analytics")
        #expect(beacon("https://stats.example/collect?v=1") == nil)
        #expect(beacon("https://x.example/matomo.php?idsite=1") == "Matomo")
        #expect(beacon("https://x.example/grüße/matomo.php") == "Matomo")
        #expect(beacon("https://x.example/p.gif") == nil)
        #expect(beacon("https://a.b.2o7.net/x") == "Adobe Analytics")
        #expect(beacon("https://oewabox.at.x.example/x") == nil)
    }

    @Test func footersAreWorkedOutUpTheAncestorsOfTheElementsAskedAbout() {
        let document = HTMLParser.parse(Array("""
            <div id="main"><a href="a">A</a></div>
            <table class="Email-FOOTER"><tr><td><a href="b">B</a><span><a href="c">C</a></span></td></tr></table>
            <footer><p><a href="d">D</a></p></footer><div><a href="e">E</a></div>
            """.utf8))
        let anchors = document.elements.filter { $0.name == "a" }.map(\.index)
        var footers = FooterElements(document)
        // Asked out of order, and twice: the later answers come from what the first walks found.
        #expect([anchors[2], anchors[1], anchors[0], anchors[3], anchors[4], anchors[2]].map { footers.contains($0) }
                == [true, true, false, true, false, true])
    }
}
