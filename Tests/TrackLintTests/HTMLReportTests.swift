import Foundation
import Testing
@testable import TrackLint
@testable import TrackLintCLI
@testable import TrackLintParsing
@testable import TrackLintPlatforms
@testable import TrackLintReporters

/// `--format html`: the preview's sanitiser, the verdicts, the link table and the page. Whether a
/// browser runs or fetches anything from a report is checked in Chromium by
/// `Tests/Browser/check_reports.py` (run by `make test`).
@Suite struct HTMLReportTests {
    /// The `<body>` of a preview, without the wrapper the sanitiser adds.
    static func previewBody(_ html: String) -> (body: String, preview: SafePreview) {
        let preview = PreviewSanitizer.preview(of: HTMLParser.parse(Array(html.utf8)))
        let start = preview.html.range(of: "<body><div class=\"tl-body\">")!.upperBound
        let end = preview.html.range(of: "</div></body></html>", options: .backwards)!.lowerBound
        return (String(preview.html[start..<end]), preview)
    }

    @Test func previewKeepsLayoutAndDropsActiveContent() {
        let (body, preview) = Self.previewBody("""
            <table width="600" onclick="x()"><tr><td style="color:red" bgcolor="#fff">Hi <b>you</b> <i>there</i>\
            <script>alert(1)</script><a href="https://t.example/c?a=1&amp;b=2" onmouseover="y()">go</a></td></tr></table>\
            <img src="https://i.example/logo.png" width="120" height="40" alt="Logo"><form action="https://f.example/">\
            <input name="q"><p>Kept</p></form><svg><image href="https://s.example/x.png"/></svg>
            """)
        #expect(body == """
            <table width="600"><tr><td style="color:red" bgcolor="#fff">Hi <b>you</b> <i>there</i>\
            <a class="tl-link" title="Link (not followed in the preview): https://t.example/c?a=1&amp;b=2">go</a></td></tr>\
            </table><span class="tl-image" style="width:120px;height:40px;" title="Image not loaded: \
            https://i.example/logo.png">Logo</span><p>Kept</p>
            """)
        #expect(preview.blockedImages == 1)
        #expect(preview.removedElements == ["script": 1, "input": 1, "svg": 1])
        #expect(!preview.truncated)
    }

    @Test func previewHeadCarriesItsOwnPolicy() {
        let preview = PreviewSanitizer.preview(of: HTMLParser.parse(Array(
            #"<html><head><meta http-equiv="refresh" content="0; url=https://r.example/"><base href="https://b.example/"><title>T</title></head><body>x</body></html>"#.utf8)))
        #expect(preview.html.hasPrefix(#"<!DOCTYPE html><html><head><meta charset="utf-8"><meta http-equiv="Content-Security-Policy" content="default-src 'none'; img-src data:; style-src 'unsafe-inline'">"#))
        #expect(!preview.html.contains("refresh") && !preview.html.contains("<base") && !preview.html.contains("<title"))
        #expect(preview.removedElements == ["meta": 1, "base": 1, "title": 1])
    }

    @Test(arguments: [
        ("a{background:url(https://x.example/a.png)}", "a{background:x-removed-url(https://x.example/a.png)}"),
        ("a{background:URL(x.png)}", "a{background:x-removed-url(x.png)}"),
        (#"a{background:u\72l(x.png)}"#, "a{background:u72l(x.png)}"),
        ("a{background:ur/**/l(x.png)}", "a{background:url(x.png)}".replacingOccurrences(of: "url(", with: "x-removed-url(")),
        (#"@import "https://x.example/a.css"; a{}"#, #"@x-removed-import "https://x.example/a.css"; a{}"#),
        (#"a{background-image:image-set("x.png" 1x)}"#, #"a{background-image:x-removed-image-set("x.png" 1x)}"#),
        (#"a::after{content:"</style><script>x</script>"}"#, #"a::after{content:"\3C /style>\3C script>x\3C /script>"}"#),
        ("a{width:expression(alert(1))}", "a{width:x-removed-expression(alert(1))}"),
        // A combining mark after `(` or `*` joins it into one Swift character, which a search by
        // characters does not find; a browser's tokenizer reads code points.
        ("a{background:url(\u{301}x.png)}", "a{background:x-removed-url(\u{301}x.png)}"),
        ("a{}/*\u{301} note */b{}", "a{}b{}"),
    ])
    func cssCannotFetchOrCloseItsElement(_ css: String, _ expected: String) {
        #expect(CSSSanitizer.sanitized(css) == expected)
    }

    @Test func previewShowsWhatNonOutlookClientsShow() {
        let (body, _) = Self.previewBody("""
            <p>A</p><!--[if mso]><v:roundrect href="https://o.example/"><center>Outlook only</center></v:roundrect><![endif]-->\
            <!--[if !mso]><!--><p>Everyone</p><!--<![endif]-->
            """)
        #expect(body == "<p>A</p><p>Everyone</p>")
    }

    @Test func previewMarksThePixel() throws {
        let html = #"<p>x</p><img src="https://t.example/open.gif" width="1" height="1">"#
        let result = try #require(Linter(options: LintOptions(stage: .sent), collectsReportDetails: true)
            .lint(Array(html.utf8), path: "p.html").first)
        guard case .html(let document, let pixels) = try #require(result.bodies.first).content else {
            Issue.record("no HTML body")
            return
        }
        let preview = PreviewSanitizer.preview(of: document, marks: PreviewMarks(images: Dictionary(uniqueKeysWithValues: pixels.map { ($0, ("pixel", true)) })))
        #expect(preview.html.contains(#"<span class="tl-pixel" title="Open-tracking pixel, not loaded: https://t.example/open.gif">pixel</span>"#))
        #expect(preview.blockedImages == 0)
    }

    @Test func previewIsCutAtItsBudget() {
        let paragraph = "<p>" + String(repeating: "x", count: 1000) + "</p>"
        let (body, preview) = Self.previewBody("<div>" + String(repeating: paragraph, count: 2000) + "</div>")
        #expect(preview.truncated)
        #expect(body.utf8.count <= PreviewSanitizer.maximumBytes + 1100)
        #expect(body.hasSuffix("</p></div>"))
    }

    @Test func deepNestingIsRebuiltWithoutRecursion() {
        let depth = 5000
        let (body, _) = Self.previewBody(String(repeating: "<div>", count: depth) + "deep" + String(repeating: "</div>", count: depth))
        #expect(body.contains("deep"))
        #expect(body.components(separatedBy: "<div>").count == body.components(separatedBy: "</div>").count)
    }

    @Test func linkRowsTellWhatHappensToEachLink() throws {
        let html = """
            <a href="https://t.example/c/1">Shop <b>now</b></a>
            <a href="https://shop.example/direct">Direct</a>
            <a href="/pricing"><img src="https://i.example/p.png" alt="Prices"></a>
            <a href="mailto:a@shop.example">Mail</a>
            <a href="https://shop.example/x" data-pm-no-track>Opted out</a>
            <a href="https://nam02.safelinks.protection.outlook.com/?url=https%3A%2F%2Ft.example%2Fc%2F2&amp;data=x">Wrapped</a>
            """
        let linter = Linter(options: LintOptions(stage: .sent, trackingDomains: ["t.example"]), collectsReportDetails: true)
        let body = try #require(linter.lint(Array(html.utf8), path: "l.html").first?.bodies.first)
        #expect(body.linkCount == 6)
        #expect(body.links.map(\.text) == ["Shop now", "Direct", "[image: Prices]", "Mail", "Opted out", "Wrapped"])
        #expect(body.links.map(\.status) == [.tracked, .untracked, .dead, .notWeb, .optedOut, .tracked])
        #expect(body.links.map(\.line) == [1, 2, 3, 4, 5, 6])
        #expect(body.links.map(\.trackingHost) == ["t.example", nil, nil, nil, nil, "t.example"])
        #expect(body.links[5].href.hasPrefix("https://nam02.safelinks.protection.outlook.com/"))
        #expect(body.links[5].target == "https://t.example/c/2")
    }

    @Test func linterCollectsDetailsOnlyWhenAsked() throws {
        let html = Array(#"<a href="https://x.example/">x</a>"#.utf8)
        #expect(try #require(Linter(options: LintOptions()).lint(html, path: "a.html").first).bodies.isEmpty)
        #expect(try #require(Linter(options: LintOptions(), collectsReportDetails: true).lint(html, path: "a.html").first).bodies.count == 1)
    }

    // MARK: Verdicts

    static func verdicts(_ text: String, options: LintOptions = LintOptions()) throws -> [String] {
        let result = try #require(Linter(options: options).lint(Array(text.utf8), path: "v.eml").first)
        return Verdict.verdicts(for: result).map { verdict in
            "\(verdict.concern.rawValue): \(verdict.state.label), \(verdict.reason)"
                + (verdict.codes.isEmpty ? "" : " [\(verdict.codes.joined(separator: ", "))]")
        }
    }

    @Test func verdictsOfAMessageWithoutPixel() throws {
        let message = """
            From: news@shop.example
            Subject: Sale
            List-Unsubscribe: <https://shop.example/u>
            List-Unsubscribe-Post: List-Unsubscribe=One-Click
            Content-Type: text/html

            <a href="https://shop.example/a">A</a><a href="/b">B</a><a href="https://shop.example/u">Unsubscribe</a>

            """
        #expect(try Self.verdicts(message) == [
            "Open tracking: broken, No open-tracking pixel [TL201]",
            "Click tracking: partial, 1 of 3 links has a problem (Relative link): “B” [TL301]",
            "Unsubscribe: OK, Unsubscribe link in the body, List-Unsubscribe with one-click",
        ])
    }

    @Test func verdictsOfATestSendStayBroken() throws {
        let message = """
            From: news@shop.example
            Subject: April
            Content-Type: text/html

            <a href="https://www.shop.example/april">Read</a> <a href="https://m.shop.example/|URL|">Unsubscribe</a>

            """
        #expect(try Self.verdicts(message) == [
            "Open tracking: at risk, Test send, which platforms do not track [TL406]",
            "Click tracking: at risk, Test send, which platforms do not track [TL406]",
            "Unsubscribe: broken, the unsubscribe link “Unsubscribe” does not work (Unsubscribe placeholder left in a sent message); "
                + "this is a test send (TL406) [TL401, TL406]",
        ])
    }

    @Test func verdictsOfACleanTemplate() throws {
        let html = #"<p><a href="https://shop.example/a">A</a> <a href="https://shop.example/unsubscribe">Unsubscribe</a></p>"#
        #expect(try Self.verdicts(html) == [
            "Open tracking: OK, Nothing blocks it; the platform adds the pixel when it sends",
            "Click tracking: OK, 2 links, none broken; the platform rewrites them when it sends",
            "Unsubscribe: OK, Unsubscribe link in the body",
        ])
    }

    // MARK: The page

    @Test func threeInputsMakeASummaryAndThreeSections() throws {
        let run = try TestSupport.run(["check", "--format", "html", "Fixtures/demo/broken-template.html",
                                       "Fixtures/messages/mautic-test-send.eml", "Fixtures/messages/text-only.eml"])
        #expect(run.status == 1)
        let page = run.stdout
        #expect(page.components(separatedBy: "<section class=\"input\"").count - 1 == 3)
        #expect(page.components(separatedBy: "<tr><td><a href=\"#input-").count - 1 == 3)
        for anchor in ["input-1", "input-2", "input-3"] { #expect(page.contains("<section class=\"input\" id=\"\(anchor)\"")) }
        #expect(page.contains("<pre class=\"text-preview\">Hello,\nour sale starts today: https://acme.example/sale"))
        #expect(page.contains(#"<li class="verdict broken"><span class="concern">Open tracking</span><span class="state broken">broken</span><span class="reason">Message without an HTML body <code>TL101</code></span></li>"#))
    }

    @Test func pageAllowsNoRemoteSourceAndCarriesNoActiveMarkup() throws {
        let run = try TestSupport.run(["check", "--format", "html", "Fixtures/report/hostile.html", "Fixtures/report/hostile.eml"])
        let page = run.stdout
        #expect(page.hasPrefix("""
            <!DOCTYPE html>
            <html lang="en"><head><meta charset="utf-8">
            <meta http-equiv="Content-Security-Policy" content="default-src 'none'; img-src data:; style-src 'unsafe-inline'; \
            form-action 'none'; base-uri 'none'">
            """))
        let lower = page.lowercased()
        for forbidden in ["<script", "<base", "<form", "<svg", "<object", "<embed", "<link", "http-equiv=\"refresh", " href=\"http",
                          " src=\"http", " onload=", " onerror=", " onclick="] {
            #expect(!lower.contains(forbidden), "the page holds \(forbidden)")
        }
        let frames = page.components(separatedBy: "<iframe ").dropFirst()
        #expect(frames.count == 2)
        #expect(frames.allSatisfy {
            $0.range(of: #"^class="preview( short)?" sandbox="" referrerpolicy="no-referrer""#, options: .regularExpression) != nil
        })
    }

    @Test func textFromInputsIsEscapedAndShowsHiddenCharacters() throws {
        let run = try TestSupport.run(["check", "--format", "html", "--stdin-filename", "<b>\"x\"</b>.html", "-"],
                                      stdin: "<a href=\"https://shop.example/\u{202E}gpj.exe\">x</a>")
        #expect(run.stdout.contains("<tr><td><a href=\"#input-1\">&lt;b&gt;\"x\"&lt;/b&gt;.html</a></td>"))
        #expect(run.stdout.contains("<code>https://shop.example/\\u{202E}gpj.exe</code>"))
        #expect(!run.stdout.contains("\u{202E}"))
    }
}
