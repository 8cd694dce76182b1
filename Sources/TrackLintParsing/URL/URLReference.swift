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
    public var raw: String { parts.raw }
    /// `raw` without the leading and trailing ASCII whitespace HTML ignores.
    public var trimmed: String { parts.trimmed }
    public var kind: Kind { parts.kind }
    /// Lower-cased scheme, when there is one.
    public var scheme: String? { parts.scheme }
    public var userinfo: String? { parts.userinfo }
    /// The host as written (lower-cased), without brackets for IPv6.
    public var host: String? { parts.host }
    public var hostKind: HostKind? { parts.hostKind }
    public var port: String? { parts.port }
    public var path: String { parts.path }
    public var query: String? { parts.query }
    public var fragment: String? { parts.fragment }
    public var mergeTags: [MergeTagSpan] { parts.mergeTags }
    public var problems: [URLProblem] { parts.problems }

    /// `http` or `https`; decided once, as rules ask it of every link many times.
    public var isWeb: Bool { parts.isWeb }

    /// The reading, shared by every copy: links are copied into many findings and lists, and a
    /// copy of a dozen strings and arrays costs a dozen reference counts.
    private let parts: Parts

    public init(_ raw: String) {
        self = URLAnalyzer.analyze(raw)
    }

    package init(raw: String, trimmed: String, kind: Kind, scheme: String?, userinfo: String?, host: String?,
         hostKind: HostKind?, port: String?, path: String, query: String?, fragment: String?,
         mergeTags: [MergeTagSpan], problems: [URLProblem]) {
        parts = Parts(raw: raw, trimmed: trimmed, kind: kind, scheme: scheme,
                      userinfo: userinfo, host: host, hostKind: hostKind, port: port, path: path, query: query,
                      fragment: fragment, mergeTags: mergeTags, problems: problems)
    }

    /// Equal when every part is (`isWeb` follows from the scheme).
    public static func == (a: URLReference, b: URLReference) -> Bool {
        if a.parts === b.parts { return true }
        return a.raw == b.raw && a.trimmed == b.trimmed && a.kind == b.kind && a.scheme == b.scheme
            && a.userinfo == b.userinfo && a.host == b.host && a.hostKind == b.hostKind && a.port == b.port
            && a.path == b.path && a.query == b.query && a.fragment == b.fragment && a.mergeTags == b.mergeTags
            && a.problems == b.problems
    }

    /// The written value alone: equal readings have equal values.
    public func hash(into hasher: inout Hasher) { hasher.combine(raw) }

    private final class Parts: Sendable {
        let raw: String
        let trimmed: String
        let kind: Kind
        let scheme: String?
        let isWeb: Bool
        let userinfo: String?
        let host: String?
        let hostKind: HostKind?
        let port: String?
        let path: String
        let query: String?
        let fragment: String?
        let mergeTags: [MergeTagSpan]
        let problems: [URLProblem]

        init(raw: String, trimmed: String, kind: Kind, scheme: String?, userinfo: String?, host: String?,
             hostKind: HostKind?, port: String?, path: String, query: String?, fragment: String?,
             mergeTags: [MergeTagSpan], problems: [URLProblem]) {
            self.raw = raw
            self.trimmed = trimmed
            self.kind = kind
            self.scheme = scheme
            isWeb = scheme == "http" || scheme == "https"
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
