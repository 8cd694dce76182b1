/// A URL as written in an `href` or `src`, read the way a mail client and a platform's link
/// rewriter would read it, with every problem that stops it from working.
public struct URLReference: Sendable, Hashable {
    public enum Kind: String, Sendable, Hashable {
        case empty              // "" or "#"
        case mergeTagOnly       // "{{url}}": the whole value is one placeholder
        case templated          // "{{site}}/x": starts with a placeholder, so scheme and host come from it
        case fragmentOnly       // "#section"
        case absolute           // "https://x.example/a", "mailto:a@b.example"
        case schemeRelative     // "//x.example/a"
        case pathAbsolute       // "/pricing"
        case relative           // "page.html", "../x", "?q=1"
        case bareEmail          // "sales@x.example"
        case missingScheme      // "www.x.example", "x.example/sale"
        case malformed          // no reading works: see `problems`
    }

    /// The attribute value as libxml2 returned it.
    public let raw: String
    /// `raw` without the leading and trailing ASCII whitespace HTML ignores.
    public let trimmed: String
    public let kind: Kind
    /// Lower-cased scheme, when there is one.
    public let scheme: String?
    public let userinfo: String?
    /// The host as written (lower-cased), without brackets for IPv6.
    public let host: String?
    public let hostKind: HostKind?
    public let port: String?
    public let path: String
    public let query: String?
    public let fragment: String?
    public let mergeTags: [MergeTagSpan]
    public let problems: [URLProblem]

    /// `http` or `https`; decided once, as rules ask it of every link many times.
    public let isWeb: Bool

    public init(_ raw: String) {
        self = URLAnalyzer.analyze(raw)
    }

    package init(raw: String, trimmed: String, kind: Kind, scheme: String?, userinfo: String?, host: String?,
         hostKind: HostKind?, port: String?, path: String, query: String?, fragment: String?,
         mergeTags: [MergeTagSpan], problems: [URLProblem]) {
        self.raw = raw
        self.trimmed = trimmed
        self.kind = kind
        self.scheme = scheme
        self.isWeb = scheme == "http" || scheme == "https"
        self.userinfo = userinfo
        self.host = host
        self.hostKind = hostKind
        self.port = port
        self.path = path
        self.query = query
        self.fragment = fragment
        self.mergeTags = mergeTags
        self.problems = problems
    }
}

/// One reason a URL is malformed (TL303).
public enum URLProblem: Sendable, Hashable, CustomStringConvertible {
    case whitespace(Unicode.Scalar)
    case controlCharacter(Unicode.Scalar)
    case invisibleCharacter(Unicode.Scalar)
    case invalidPercentEncoding(String)
    case schemeTypo(written: String, intended: String)
    case schemeSeparator(written: String, intended: String)
    case doubledScheme(String)
    case nothingAfterScheme
    case emptyHost
    case invalidHost(String)
    case invalidPort(String)

    public var description: String {
        switch self {
        case .whitespace(let scalar):
            return scalar == " " ? "contains a space" : "contains a line break or tab (\(Self.codePoint(scalar)))"
        case .controlCharacter(let scalar):
            return "contains the control character \(Self.codePoint(scalar))"
        case .invisibleCharacter(let scalar):
            return "contains an invisible \(InvisibleCharacters.names[scalar.value] ?? "character") (\(Self.codePoint(scalar)))"
        case .invalidPercentEncoding(let text):
            return "has invalid percent-encoding `\(text)`"
        case .schemeTypo(let written, let intended):
            return "has the mistyped scheme `\(written)` (meant `\(intended)`?)"
        case .schemeSeparator(let written, let intended):
            return "writes the scheme as `\(written)` instead of `\(intended)`"
        case .doubledScheme(let text):
            return "repeats the scheme (`\(text)`)"
        case .nothingAfterScheme:
            return "has nothing after the scheme"
        case .emptyHost:
            return "has an empty host"
        case .invalidHost(let host):
            return "has the invalid host `\(host)`"
        case .invalidPort(let port):
            return "has the invalid port `\(port)`"
        }
    }

    package static func codePoint(_ scalar: Unicode.Scalar) -> String {
        let hex = String(scalar.value, radix: 16, uppercase: true)
        return "U+" + String(repeating: "0", count: max(0, 4 - hex.count)) + hex
    }
}
