/// The guesses the URL reader makes about what a writer meant: a mistyped web scheme, and a
/// scheme-less reference that starts with a host.
extension URLAnalyzer {
    /// `htp`, `htps`, `hhtp`, `htttps`, `ttps`... the web scheme a typo most likely meant.
    package static func intendedWebScheme(_ scheme: String) -> String? {
        guard scheme.count <= 7, scheme.allSatisfy({ "htps".contains($0) }), scheme.contains("t") || scheme.contains("p") else {
            return nil
        }
        let intended = scheme.hasSuffix("s") ? "https" : "http"
        return editDistance(scheme, intended) <= 2 ? intended : nil
    }

    package static func editDistance(_ a: String, _ b: String) -> Int {
        let a = Array(a), b = Array(b)
        var previous = Array(0...b.count)
        for i in 1...max(1, a.count) where !a.isEmpty {
            var current = [i] + Array(repeating: 0, count: b.count)
            for j in 1...max(1, b.count) where !b.isEmpty {
                current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1))
            }
            previous = current
        }
        return a.isEmpty ? b.count : previous[b.count]
    }

    /// Whether the first segment of a scheme-less reference reads as a host (`www.x.example`,
    /// `x.com`), not as a file (`page.html`).
    package static func looksLikeHost(_ segment: String) -> Bool {
        if segment.hasPrefix("www.") && segment.count > 4 { return HostAnalysis.kind(of: segment) != nil }
        if let (_, form) = HostAnalysis.parseIPv4(segment), form == .dottedDecimal { return true }
        guard segment.contains("."), case .name(let name, _)? = HostAnalysis.kind(of: segment) else { return false }
        guard let tld = name.split(separator: ".").last.map(String.init), tld.allSatisfy(\.isLetter) else { return false }
        if tld.count == 2 { return !TopLevelDomains.fileExtensions.contains(tld) }
        return TopLevelDomains.generic.contains(tld)
    }
}
