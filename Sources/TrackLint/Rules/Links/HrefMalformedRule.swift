import TrackLintParsing
import TrackLintPlatforms

struct HrefMalformedRule: DocumentRule {
    static let info = RuleInfo(
        code: "TL303", slug: "href-malformed", title: "Malformed link URL",
        summary: "A link URL has a syntax error: stray characters, bad escapes, a broken scheme or host",
        rationale: """
        Platforms parse every link before rewriting it for click tracking; a URL their parser rejects is \
        left alone, so it is not tracked, and clients may not open it at all. The usual causes are \
        invisible characters pasted from a word processor (zero-width space, no-break space, soft \
        hyphen), spaces and line breaks, a `%` that is not followed by two hex digits, a mistyped or \
        doubled scheme (`htp://`, `https//`, `https://https://`), and an empty or invalid host. Merge tags \
        inside a URL are not syntax errors in a template.
        """,
        fix: "Retype the URL: remove invisible characters and spaces, and check its scheme and host",
        customer: CustomerWording(cause: "the link's address is malformed",
                                  remedy: "correct the address (copy it again from the browser's address bar)"),
        category: .links, concerns: [.clickTracking], deadensLink: true, stages: [.template, .sent], defaultSeverity: .error,
        triggering: [
            Example(#"<a href="↓htp://x.example">Home</a> <a href="↓https//x.example">Shop</a>"#),
            Example(#"<a href="↓https://https://x.example">Home</a> <a href="↓http://">Blank</a>"#),
            Example("<a href=\"↓https://x.example/\u{200B}sale\">Sale</a> <a href=\"↓https://x.example/a b\">A</a>"),
            Example(#"<a href="↓https://x.example/%zz">Bad escape</a> <a href="↓https://x,example/">Comma</a>"#),
            Example(#"<a href="↓https:/x.example">One slash</a> <a href="↓http:///x.example">Three</a>"#),
        ],
        clean: [
            Example(#"<a href="https://x.example/{{id}}?u=*|UNIQID|*">Profile</a>"#),
            Example(#"<a href="https://x.example/a%20b?q=%C3%A9">Encoded</a>"#),
            Example(#"<a href=" https://x.example/ ">Padded</a>"#),
        ],
        corrections: [
            Correction("<p>日本</p><a href=\"https://x.example/\u{200B}sale\">Sale</a> <a href=\"https://x.example/\u{FEFF}shop\">Shop</a>",
                       "<p>日本</p><a href=\"https://x.example/sale\">Sale</a> <a href=\"https://x.example/shop\">Shop</a>"),
            Correction(#"<a href="htp://x.example/a">Home</a> <a href="https//x.example/b">Shop</a>"#,
                       #"<a href="http://x.example/a">Home</a> <a href="https://x.example/b">Shop</a>"#),
        ])

    func check(_ context: inout RuleContext) {
        for link in context.input.inventory.links {
            let url = link.url
            // An href that runs into the markup after it is TL321's: its "spaces" are that markup.
            guard AnchorMarkup.missingQuoteOffset(in: url.raw) == nil else { continue }
            let problems = Self.reportable(url)
            guard !problems.isEmpty else { continue }
            let description = problems.map(\.description).joined(separator: "; ")
            let cleaned = URLCleaner.cleaned(url)
            let helps = problems.map(Self.help).reduce(into: [String]()) { if !$0.contains($1) { $0.append($1) } }
                .enumerated().map { $0.offset == 0 ? $0.element : $0.element.prefix(1).lowercased() + $0.element.dropFirst() }
            context.report("Link `\(url.trimmed)` \(description)", evidence: url.raw, element: link.element,
                           attribute: link.attribute,
                           help: cleaned.map { "Use `\($0)`" } ?? helps.joined(separator: "; "),
                           fix: cleaned.map { ValueFix("Use `\($0)`", applicability: Self.applicability(of: url), change: .replaceValue($0)) })
        }
    }

    /// Removing characters nobody sees is safe; a corrected scheme is the author's to check.
    static func applicability(of url: URLReference) -> Fix.Applicability {
        URLCleaner.onlyRemovesStrayCharacters(url) ? .safe : .unsafe
    }

    /// What to do about one problem, when no cleaned URL can be proposed.
    static func help(for problem: URLProblem) -> String {
        switch problem {
        case .whitespace(let scalar) where scalar == " ":
            return "Remove the space, or write it as `%20` if it belongs in the URL"
        case .whitespace:
            return "Join the URL onto one line: a line break or tab inside it ends the link"
        case .controlCharacter, .invisibleCharacter:
            return "Retype the URL: it holds characters pasted from a word processor that nobody sees"
        case .invalidPercentEncoding:
            return "Write a literal `%` as `%25`, or complete the escape with two hex digits"
        case .schemeTypo, .schemeSeparator, .doubledScheme:
            return "Write the scheme as `https://`"
        case .nothingAfterScheme:
            return "Fill in the destination: the href is only a scheme, a placeholder nobody replaced"
        case .emptyHost:
            return "Put the host name after `//`"
        case .invalidHost:
            return "Correct the host name: letters, digits, hyphens and dots only"
        case .invalidPort:
            return "Correct the port number after the host, or remove it"
        }
    }

    /// Invisible and control characters break any link; the other problems are judged for web URLs,
    /// since `mailto:` and app links have their own grammars.
    static func reportable(_ url: URLReference) -> [URLProblem] {
        let isWebShaped = url.kind == .malformed || url.isWeb || url.kind == .schemeRelative
            || (url.kind == .absolute && url.scheme.map(URLAnalyzer.hierarchicalSchemes.contains) == true)
        return url.problems.filter { problem in
            switch problem {
            case .invisibleCharacter, .controlCharacter: return true
            default: return isWebShaped
            }
        }
    }
}
