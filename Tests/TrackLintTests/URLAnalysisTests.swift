import Testing
@testable import TrackLint
@testable import TrackLintCLI
@testable import TrackLintParsing
@testable import TrackLintPlatforms
@testable import TrackLintReporters

/// The URL reader's judgements, case by case: kind, host, and problems. Includes every URL example
/// of the catalogue rows TL301–TL306, TL312 and TL501.
@Suite struct URLAnalysisTests {
    struct Case: CustomTestStringConvertible, Sendable {
        let input: String
        let kind: URLReference.Kind
        var host: String? = nil
        var problems: [URLProblem] = []
        var testDescription: String { input.debugDescription }
    }

    static let cases: [Case] = [
        // Absolute URLs.
        Case(input: "https://x.example/a?b=1#c", kind: .absolute, host: "x.example"),
        Case(input: "HTTPS://WWW.X.EXAMPLE/Path", kind: .absolute, host: "www.x.example"),
        Case(input: "http://user:pw@x.example:8080/a", kind: .absolute, host: "x.example"),
        Case(input: "mailto:sales@x.example", kind: .absolute),
        Case(input: "tel:+4930123456", kind: .absolute),
        Case(input: "sms:+4930123456", kind: .absolute),
        Case(input: "cid:logo@x.example", kind: .absolute),
        Case(input: "javascript:alert(1)", kind: .absolute),
        Case(input: "vbscript:msgbox(1)", kind: .absolute),
        Case(input: "data:text/html,hi", kind: .absolute),
        Case(input: "myapp://open/item/4", kind: .absolute),
        Case(input: "  https://x.example/  ", kind: .absolute, host: "x.example"),
        Case(input: "https://bücher.example/", kind: .absolute, host: "bücher.example"),
        Case(input: "https://xn--bcher-kva.example/", kind: .absolute, host: "xn--bcher-kva.example"),
        Case(input: "https://x.example./a", kind: .absolute, host: "x.example."),
        Case(input: "https://x.example:443", kind: .absolute, host: "x.example"),
        // TL301: relative references.
        Case(input: "/pricing", kind: .pathAbsolute),
        Case(input: "page.html", kind: .relative),
        Case(input: "../x", kind: .relative),
        Case(input: "?q=1", kind: .relative),
        Case(input: "index.php?id=3", kind: .relative),
        Case(input: "images/logo.png", kind: .relative),
        Case(input: "script.js", kind: .relative),
        // TL302: hosts without a scheme.
        Case(input: "www.example.com", kind: .missingScheme, host: "www.example.com"),
        Case(input: "example.com/sale", kind: .missingScheme, host: "example.com"),
        Case(input: "facebook.com", kind: .missingScheme, host: "facebook.com"),
        Case(input: "shop.example.de/x", kind: .missingScheme, host: "shop.example.de"),
        Case(input: "192.168.0.1/admin", kind: .missingScheme, host: "192.168.0.1"),
        Case(input: "x.example.com:8080/p", kind: .missingScheme),
        Case(input: "//host.example/path", kind: .schemeRelative, host: "host.example"),
        // TL303: malformed.
        Case(input: "htp://x.example", kind: .malformed, problems: [.schemeTypo(written: "htp", intended: "http")]),
        Case(input: "htps://x.example", kind: .malformed, problems: [.schemeTypo(written: "htps", intended: "https")]),
        Case(input: "hhtp://x.example", kind: .malformed, problems: [.schemeTypo(written: "hhtp", intended: "http")]),
        Case(input: "http//x", kind: .malformed, problems: [.schemeSeparator(written: "http//", intended: "http://")]),
        Case(input: "https;//x.example", kind: .malformed, problems: [.schemeSeparator(written: "https;//", intended: "https://")]),
        Case(input: "https:/x", kind: .malformed, host: "x", problems: [.schemeSeparator(written: "https:/", intended: "https://")]),
        Case(input: "http:///x", kind: .malformed, host: "x", problems: [.schemeSeparator(written: "http:///", intended: "http://")]),
        Case(input: "https://https://x.example", kind: .malformed, host: "x.example", problems: [.doubledScheme("https://https://")]),
        Case(input: "http://http//x.example", kind: .malformed, host: "x.example", problems: [.doubledScheme("http://http//")]),
        Case(input: "http://", kind: .malformed, problems: [.nothingAfterScheme]),
        Case(input: "https://:8080/x", kind: .malformed, problems: [.emptyHost]),
        Case(input: "https://example,com/x", kind: .malformed, host: "example,com", problems: [.invalidHost("example,com")]),
        Case(input: "https://a..b.example/", kind: .malformed, host: "a..b.example", problems: [.invalidHost("a..b.example")]),
        Case(input: "https://x.example:99999/", kind: .malformed, host: "x.example", problems: [.invalidPort("99999")]),
        Case(input: "https://x.example:8o/", kind: .malformed, host: "x.example", problems: [.invalidPort("8o")]),
        Case(input: "https://[::1/", kind: .malformed, problems: [.invalidHost("[::1")]),
        Case(input: "https://x.example/%zz", kind: .absolute, host: "x.example", problems: [.invalidPercentEncoding("%zz")]),
        Case(input: "https://x.example/100%", kind: .absolute, host: "x.example", problems: [.invalidPercentEncoding("%")]),
        Case(input: "https://x.example/a b", kind: .absolute, host: "x.example", problems: [.whitespace(" ")]),
        Case(input: "https://x.example/a\nb", kind: .absolute, host: "x.example", problems: [.whitespace("\n")]),
        Case(input: "https://x.example/\u{200B}a", kind: .absolute, host: "x.example", problems: [.invisibleCharacter("\u{200B}")]),
        Case(input: "https://x.example/\u{200C}a", kind: .absolute, host: "x.example", problems: [.invisibleCharacter("\u{200C}")]),
        Case(input: "https://x.example/\u{200D}a", kind: .absolute, host: "x.example", problems: [.invisibleCharacter("\u{200D}")]),
        Case(input: "https://x.example/\u{2060}a", kind: .absolute, host: "x.example", problems: [.invisibleCharacter("\u{2060}")]),
        Case(input: "\u{FEFF}https://x.example/", kind: .absolute, host: "x.example", problems: [.invisibleCharacter("\u{FEFF}")]),
        Case(input: "https://x.example/a\u{00A0}b", kind: .absolute, host: "x.example", problems: [.invisibleCharacter("\u{00A0}")]),
        Case(input: "https://x.exam\u{00AD}ple/", kind: .absolute, host: "x.example", problems: [.invisibleCharacter("\u{00AD}")]),
        Case(input: "https://x.example/\u{7}a", kind: .absolute, host: "x.example", problems: [.controlCharacter("\u{7}")]),
        // TL304: empty.
        Case(input: "", kind: .empty),
        Case(input: "#", kind: .empty),
        Case(input: "   ", kind: .empty),
        Case(input: "#top", kind: .fragmentOnly),
        // TL305: bare e-mail addresses.
        Case(input: "sales@example.com", kind: .bareEmail),
        Case(input: "first.last+tag@mail.example.co.uk", kind: .bareEmail),
        Case(input: "help@example.com?subject=Hi", kind: .bareEmail),
        Case(input: "https://x.example/@sales", kind: .absolute, host: "x.example"),
        // Merge tags are not syntax errors.
        Case(input: "{{url}}", kind: .mergeTagOnly),
        Case(input: "*|ARCHIVE|*", kind: .mergeTagOnly),
        Case(input: "%unsubscribe_url%", kind: .mergeTagOnly),
        Case(input: "{unsubscribe_url}", kind: .mergeTagOnly),
        Case(input: "{{ site_url }}/pricing", kind: .templated),
        Case(input: "https://x.example/{{id}}", kind: .absolute, host: "x.example"),
        Case(input: "https://x.example/p?u=*|UNIQID|*&e=%recipient.email%", kind: .absolute, host: "x.example"),
        Case(input: "https://x.example/?a={% raw %}b", kind: .absolute, host: "x.example"),
        Case(input: "https://{{host}}/x", kind: .absolute, host: "{{host}}"),
        Case(input: "https://m.example.com/|URL|", kind: .absolute, host: "m.example.com"),
        Case(input: "https://x.example/%%=v(@id)=%%", kind: .absolute, host: "x.example"),
        Case(input: "https://x.example/<%asm_group_unsubscribe_raw_url%>", kind: .absolute, host: "x.example"),
        Case(input: "https://x.example/?n={{ first name }}", kind: .absolute, host: "x.example"),
        // Hosts of every form.
        Case(input: "http://127.0.0.1/", kind: .absolute, host: "127.0.0.1"),
        Case(input: "http://0x7f.1/", kind: .absolute, host: "0x7f.1"),
        Case(input: "http://0177.0.0.1/", kind: .absolute, host: "0177.0.0.1"),
        Case(input: "http://2130706433/", kind: .absolute, host: "2130706433"),
        Case(input: "http://[::1]:8080/x", kind: .absolute, host: "::1"),
        Case(input: "http://[2001:db8::7]/", kind: .absolute, host: "2001:db8::7"),
        Case(input: "http://256.1.1.1/", kind: .malformed, host: "256.1.1.1", problems: [.invalidHost("256.1.1.1")]),
    ]

    @Test(arguments: cases)
    func reads(_ testCase: Case) {
        let url = URLReference(testCase.input)
        #expect(url.kind == testCase.kind)
        if let host = testCase.host { #expect(url.host == host) }
        #expect(url.problems == testCase.problems)
    }

    @Test func splitsComponents() {
        let url = URLReference("HTTPS://user@Shop.Example:8443/a/b?q=1&r=2#frag")
        #expect(url.scheme == "https")
        #expect(url.userinfo == "user")
        #expect(url.host == "shop.example")
        #expect(url.port == "8443")
        #expect(url.path == "/a/b")
        #expect(url.query == "q=1&r=2")
        #expect(url.fragment == "frag")
    }

    @Test(arguments: [
        ("127.0.0.1", UInt32(0x7F00_0001), IPv4Form.dottedDecimal),
        ("0x7f.1", 0x7F00_0001, .nonStandard),
        ("0177.0.0.1", 0x7F00_0001, .nonStandard),
        ("2130706433", 0x7F00_0001, .dotlessDecimal),
        ("0x7f000001", 0x7F00_0001, .nonStandard),
        ("10.1", 0x0A00_0001, .nonStandard),
        ("192.168.1", 0xC0A8_0001, .nonStandard),
    ])
    func ipv4Forms(_ host: String, _ address: UInt32, _ form: IPv4Form) {
        #expect(HostAnalysis.kind(of: host) == .ipv4(address, form: form))
    }

    @Test func ipv6Literals() {
        #expect(HostAnalysis.kind(of: "[::1]") == .ipv6([0, 0, 0, 0, 0, 0, 0, 1]))
        #expect(HostAnalysis.kind(of: "[::ffff:192.168.0.1]") == .ipv6([0, 0, 0, 0, 0, 0xFFFF, 0xC0A8, 0x0001]))
        #expect(HostAnalysis.kind(of: "[fe80::1%25eth0]") == .ipv6([0xFE80, 0, 0, 0, 0, 0, 0, 1]))
        #expect(HostAnalysis.kind(of: "[1:2:3:4:5:6:7:8:9]") == nil)
        #expect(HostAnalysis.kind(of: "[::1::2]") == nil)
        #expect(HostAnalysis.kind(of: "[gggg::]") == nil)
    }

    @Test(arguments: [
        ("http://localhost/", UnreachableHost.localhost),
        ("http://app.localhost/", .localhost),
        ("http://127.0.0.1/", .loopback),
        ("http://127.1.2.3/", .loopback),
        ("http://0x7f.1/", .loopback),
        ("http://2130706433/", .loopback),
        ("http://[::1]/", .loopback),
        ("http://0.0.0.0/", .unspecified),
        ("http://10.0.0.8/", .privateNetwork),
        ("http://172.16.4.1/", .privateNetwork),
        ("http://172.31.255.1/", .privateNetwork),
        ("http://192.168.1.20/", .privateNetwork),
        ("http://169.254.169.254/", .linkLocal),
        ("http://[fe80::1]/", .linkLocal),
        ("http://100.64.0.1/", .sharedAddressSpace),
        ("http://[fd00::1]/", .uniqueLocal),
        ("http://[::ffff:10.0.0.1]/", .privateNetwork),
        ("http://mautic/", .singleLabel),
        ("http://printer.local/", .reservedName(suffix: "local")),
        ("http://shop.test/", .reservedName(suffix: "test")),
        ("http://crm.internal/", .reservedName(suffix: "internal")),
        ("http://nas.lan/", .reservedName(suffix: "lan")),
        ("http://router.home.arpa/", .reservedName(suffix: "home.arpa")),
        ("http://x.invalid/", .reservedName(suffix: "invalid")),
    ])
    func unreachableHosts(_ input: String, _ expected: UnreachableHost) throws {
        let kind = try #require(URLReference(input).hostKind)
        #expect(HostAnalysis.unreachable(kind) == expected)
    }

    @Test(arguments: ["https://x.example/", "http://8.8.8.8/", "http://172.32.0.1/", "http://[2001:db8::1]/", "https://{{host}}/"])
    func publicHosts(_ input: String) throws {
        let kind = try #require(URLReference(input).hostKind)
        #expect(HostAnalysis.unreachable(kind) == nil)
    }

    @Test func mergeTagDialects() {
        let text = "*|FNAME|* {{name}} {{{unsubscribe}}} {% unsubscribe %} %%unsub_center_url%% %recipient.name% "
            + "{contactfield=firstname} <%asm_group_unsubscribe_raw_url%> [[UNSUB_LINK_EN]] %UNSUBSCRIBELINK% "
            + "{UNSUBSCRIBE} ${lead.FirstName} |URL| [Unsubscribe] $[UD:FIRST_NAME||]$"
        let spans = MergeTags.spans(in: text)
        #expect(spans.map(\.dialect) == [
            .mailchimp, .handlebars, .handlebars, .liquidTag, .salesforce, .percent, .singleBrace, .sendgridLegacy,
            .doubleBracket, .percent, .singleBrace, .dollarBrace, .pipe, .singleBracket, .dollarBracket,
        ])
        #expect(spans.map(\.name).first == "FNAME")
        #expect(spans[2].text == "{{{unsubscribe}}}")
    }

    @Test func percentEncodingIsNotAMergeTag() {
        #expect(MergeTags.spans(in: "https://x.example/%E2%80%99a%20b").isEmpty)
        #expect(MergeTags.spans(in: "50% off, 20% more").isEmpty)
        #expect(MergeTags.spans(in: "a | b | c").isEmpty)
    }

    @Test(arguments: [
        ("{unsubscribe_url}", true), ("*|UNSUB|*", true), ("|URL|", true), ("%%unsub_center_url%%", true),
        ("[[UNSUB_LINK_EN]]", true), ("%UNSUBSCRIBELINK%", true), ("{{{ pm:unsubscribe }}}", true),
        ("<%asm_group_unsubscribe_raw_url%>", true), ("{dnc_url}", true), ("{% unsubscribe %}", true),
        ("[unsubscribe]", true), ("{UNSUBSCRIBE}", true), ("$[LI:UNSUBSCRIBE]$", true),
        ("{{name}}", false), ("*|FNAME|*", false), ("|EMAIL|", false), ("{webview_url}", false),
    ])
    func unsubscribePlaceholders(_ text: String, _ isUnsubscribe: Bool) {
        #expect(!UnsubscribePlaceholders.spans(in: text).isEmpty == isUnsubscribe)
    }

    @Test(arguments: [
        ("https://x.example/\u{200B}sale", "https://x.example/sale"),
        ("htp://x.example/a", "http://x.example/a"),
        ("https//x.example", "https://x.example"),
        ("https:/x.example", "https://x.example"),
        ("http:///x.example", "http://x.example"),
        ("https://https://x.example/a", "https://x.example/a"),
        ("https://x.example/a\nb", "https://x.example/ab"),
    ])
    func cleanedURL(_ input: String, _ expected: String) {
        #expect(URLCleaner.cleaned(URLReference(input)) == expected)
    }

    @Test(arguments: ["https://x.example/a b", "https://x.example/%zz", "https://example,com/", "https://x.example/"])
    func noCleanedURLWhenAmbiguousOrFine(_ input: String) {
        #expect(URLCleaner.cleaned(URLReference(input)) == nil)
    }

    @Test(arguments: [
        ("utm_source=x&upn=1", "upn", true), ("upn", "upn", true), ("a=1&upn=", "upn", true),
        ("upnx=1", "upn", false), ("x=upn", "upn", false), ("", "upn", false), ("&&", "upn", false),
    ])
    func queryParameterPresence(_ query: String, _ name: String, _ expected: Bool) {
        #expect(QueryParameters.contains(name, in: query) == expected)
    }

    @Test func byteSearches() {
        #expect("news.convertkit-mail2.com".containsBytes("convertkit-mail"))
        #expect(!"convertkit.com".containsBytes("convertkit-mail"))
        #expect("https://X.example/UnSubscribe".containsBytes("unsubscribe", caseInsensitive: true))
        #expect(!"https://X.example/UnSubscribe".containsBytes("unsubscribe"))
        #expect(!"".containsBytes("a"))
        #expect("/Prod/Link-Tracker?x".hasPrefixIgnoringASCIICase("/prod/link-tracker"))
        #expect(!"/prod/link".hasPrefixIgnoringASCIICase("/prod/link-tracker"))
        #expect(!"/x/prod/link-tracker".hasPrefixIgnoringASCIICase("/prod/link-tracker"))
    }
}
