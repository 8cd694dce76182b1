import Foundation
import Testing
@testable import TrackLint
@testable import TrackLintParsing

/// Template comments (`{# #}`, `{{!-- --}}`, `{% comment %}`, `{{/* */}}`) are dropped by the
/// engine before sending, so the markup inside is not linted, and findings around them keep
/// their lines and columns.
@Suite struct TemplateCommentTests {
    private func found(_ html: String, path: String = "test.html") -> [String] {
        TestSupport.lint(html, options: LintOptions(enabledCodes: ["TL301"]), path: path)
            .map { "\($0.code)@\($0.location.line ?? 0):\($0.location.column ?? 0) \($0.evidence)" }
    }

    @Test(arguments: [
        ("jinja", #"{# <a href="/old">Old</a> #}"#),
        ("jinja trimmed", #"{#- <a href="/old">Old</a> -#}"#),
        ("handlebars", #"{{!-- <a href="/old">Old {{name}}</a> --}}"#),
        ("handlebars tilde", #"{{~!-- <a href="/old">Old</a> --~}}"#),
        ("mustache", #"{{! <a href="/old">Old</a> }}"#),
        ("liquid", #"{% comment %}<a href="/old">Old</a>{% endcomment %}"#),
        ("liquid trimmed", #"{%- comment -%}<a href="/old">Old</a>{%- endcomment -%}"#),
        ("django", #"{% comment "kept for June" %}<a href="/old">Old</a>{% endcomment %}"#),
        ("go", #"{{/* <a href="/old">Old</a> */}}"#),
        ("go trimmed", #"{{- /* <a href="/old">Old</a> */ -}}"#),
    ])
    func markupInsideIsNotLinted(syntax: String, comment: String) {
        let html = "<html><body>\n\(comment)<a href=\"/live\">Live</a>\n</body></html>"
        let column = comment.unicodeScalars.count + 10
        #expect(found(html) == ["TL301@2:\(column) /live"], "\(syntax)")
    }

    /// Each scalar blanked stays one scalar of the same byte length: columns after a comment with
    /// Grüße, 日本 and an emoji in it are those of the file.
    @Test func columnsHoldAfterNonASCIIComments() {
        let html = "<p>{# Grüße 日本 🎉 <a href=\"/old\">x</a> #}<a href=\"/live\">Live</a></p>\n{#\nmulti\n#}<a href=\"/two\">2</a>"
        #expect(found(html) == ["TL301@1:50 /live", "TL301@4:12 /two"])
    }

    @Test func blankedBytesKeepLengthLinesAndValidity() {
        let text = "a{# é日🎉\n<b> #}z"
        var bytes = Array(text.utf8)
        let ranges = bytes.withUnsafeBufferPointer(TemplateComments.ranges(in:))
        #expect(ranges == [1..<(bytes.count - 1)])
        TemplateComments.blank(ranges, in: &bytes)
        #expect(bytes.count == text.utf8.count)
        let blanked = String(decoding: bytes, as: UTF8.self)
        #expect(blanked == "a   \u{A0}\u{2000}\u{E0020}\n      z")
        #expect(blanked.unicodeScalars.count == text.unicodeScalars.count)
    }

    /// Not comments: Handlebars blocks, a style sheet's `{#id`, an opener never closed.
    @Test func lookalikesStayMarkup() {
        #expect(found("{{#if vip}}<a href=\"/vip\">VIP</a>{{/if}}") == ["TL301@1:21 /vip"])
        #expect(found("<style>@media screen{#body{width:100%}}</style><a href=\"/a\">A</a>") == ["TL301@1:57 /a"])
        #expect(found("{# never closed <a href=\"/a\">A</a>") == ["TL301@1:26 /a"])
        #expect(found("{% commentary %}<a href=\"/a\">A</a>{% endcomment %}") == ["TL301@1:26 /a"])
    }

    /// A style sheet's `{#` before a real comment does not swallow the markup between them.
    @Test func commentStartsAtTheLastOpenerBeforeItsEnd() {
        let html = "<style>@media screen{#body{width:100%}}</style><a href=\"/a\">A</a>{# <a href=\"/old\">x</a> #}"
        #expect(found(html) == ["TL301@1:57 /a"])
    }

    /// Inside a quoted value the comment is a template tag of the URL (blanked, it would be spaces
    /// in it); between attributes it is dropped, with the attribute it comments out.
    @Test func commentsInsideTags() {
        #expect(found(#"<a href="{# was /x #}https://x.example/a">A</a> <a href="https://x.example/{# n #}b">B</a>"#).isEmpty)
        #expect(found(#"<a {# href="/old" #} href="/new">N</a>"#) == ["TL301@1:28 /new"])
    }

    /// Sent, a Jinja comment left in a link is a placeholder that was never rendered.
    @Test func leftInASentLinkItIsAnUnresolvedTag() {
        let message = "From: a@x.example\nTo: b@y.example\nSubject: s\nMIME-Version: 1.0\nContent-Type: text/html\n\n"
            + #"<p><a href="https://x.example/{# old #}a">A</a></p>"# + "\n"
        let findings = TestSupport.lint(message, options: LintOptions(enabledCodes: ["TL315"]), path: "sent.eml")
        #expect(findings.map { "\($0.code)@\($0.location.line ?? 0):\($0.location.column ?? 0) \($0.evidence)" }
                == ["TL315@7:31 {# old #}"])
    }

    /// In a sent message the comment is text the reader sees, and the link inside is live.
    @Test func sentMessagesKeepThem() {
        let message = "From: a@x.example\r\nTo: b@y.example\r\nSubject: s\r\nMIME-Version: 1.0\r\n"
            + "Content-Type: text/html\r\n\r\n<p>{# <a href=\"/old\">Old</a> #}</p>\r\n"
        #expect(found(message, path: "sent.eml") == ["TL301@7:16 /old"])
    }

    /// Thousands of unclosed openers of every kind: a clear result, no rescan per opener.
    @Test func floodsOfUnclosedOpeners() {
        let flood = String(repeating: "{# {{! {{!-- {{/* {% comment %} ", count: 20_000)
        let bytes = Array((flood + "<a href=\"/a\">A</a>").utf8)
        #expect(bytes.withUnsafeBufferPointer(TemplateComments.ranges(in:)).isEmpty)
    }
}
