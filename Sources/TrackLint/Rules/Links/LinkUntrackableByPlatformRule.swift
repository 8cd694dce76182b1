import TrackLintParsing
import TrackLintPlatforms

struct LinkUntrackableByPlatformRule: DocumentRule {
    static let info = RuleInfo(
        code: "TL320", slug: "link-untrackable-by-platform", title: "Link the platform will not track",
        summary: "The platform's link rewriter will leave this web link untracked, because of how it is written",
        rationale: """
        Each platform's rewriter decides which links it tracks, and some spellings slip past it \
        unnoticed: the mail goes out, the link works, and its clicks are never counted. Mautic and \
        Postal compare the scheme case-sensitively, so `HTTPS://` stays as it is. Postal rewrites an \
        href only when the whole URL fits its pattern: a `!`, `@`, `,` or non-ASCII character, a \
        query without a path (`https://x.example?a=1`), userinfo, or an href written unquoted or with \
        spaces around `=` leave the link alone. listmonk tracks only links marked \
        `https://...@TrackLink` or `{{ TrackLink "https://..." }}`; and a mark on a URL its pattern \
        cannot read (spaces, braces, emoji, another scheme) is left in the link literally.
        """,
        fix: "Write the link the way the platform tracks it",
        customer: CustomerWording(cause: "the platform skips links written this way",
                                  remedy: "write the link exactly as the platform tracks it"),
        category: .links, concerns: [.clickTracking], stages: [.template, .sent], defaultSeverity: .warning,
        triggering: [
            Example(#"<a href="↓HTTPS://x.example/sale">Sale</a>"#, platform: "mautic", checksConditionalVariant: false),
            Example(#"<a href="↓https://x.example/sale">Sale</a> <a href="https://x.example/new@TrackLink">New</a>"#, platform: "listmonk",
                    checksConditionalVariant: false),
            Example(#"<a href="↓https://x.example/a b@TrackLink">Spaced</a>"#, platform: "listmonk", checksConditionalVariant: false),
            Example(#"<a href="↓https://x.example?ref=mail">Query</a> <a href="↓https://x.example/wow!">Bang</a>"#, platform: "postal",
                    checksConditionalVariant: false),
        ],
        clean: [
            Example(#"<a href="https://x.example/sale">Sale</a> <a href="mailto:a@x.example">Mail</a>"#, platform: "mautic"),
            Example(#"<a href="https://x.example/new@TrackLink">New</a> <a href="{{ UnsubscribeURL }}">Leave</a>"#, platform: "listmonk"),
            Example(#"<a href="https://x.example/a/?ref=mail">Query</a> <a href="https://x.example/sale" mautic:disable-tracking>Off</a>"#,
                    platform: "postal"),
        ],
        corrections: [
            Correction(#"<p>Grüße</p><a href="HTTPS://x.example/sale">Sale</a> <a href="Http://x.example/Neu">Neu</a>"#,
                       #"<p>Grüße</p><a href="https://x.example/sale">Sale</a> <a href="http://x.example/Neu">Neu</a>"#,
                       platform: "mautic"),
            Correction(#"<p>Grüße</p><a href="https://x.example/sale">Sale</a> <a href="https://x.example/new@TrackLink">New</a>"#,
                       #"<p>Grüße</p><a href="https://x.example/sale@TrackLink">Sale</a> <a href="https://x.example/new@TrackLink">New</a>"#,
                       platform: "listmonk"),
        ])

    func check(_ context: inout RuleContext) {
        guard let id = context.input.platform?.name, let profile = PlatformProfiles.profile(id) else { return }
        let rules = profile.rewriter
        for link in context.input.inventory.links where Self.isMeantToBeTracked(link) {
            guard let (reason, help) = Self.reason(link, rules, platform: profile.displayName, stage: context.stage,
                                                   document: context.document) else { continue }
            context.report("Link `\(link.url.trimmed)` will not be tracked by \(profile.displayName): \(reason)",
                           evidence: link.url.raw, element: link.element, attribute: link.attribute, help: help,
                           fix: Self.fix(for: link, rules, stage: context.stage))
        }
    }

    /// A scheme in lower case (safe: the same URL); listmonk's mark appended to an unmarked link
    /// its pattern reads (unsafe: the author may have left it untracked on purpose).
    static func fix(for link: URLAttribute, _ rules: RewriterRules, stage: Stage) -> ValueFix? {
        let raw = link.url.raw
        if rules.lowerCaseSchemeOnly && hasUpperCaseScheme(link.url) {
            return ValueFix("Write the scheme in lower case", applicability: .safe,
                            change: .replaceValue(raw.prefix(while: { $0 != ":" }).lowercased() + raw.drop(while: { $0 != ":" })))
        }
        guard rules.selection == .marked, stage == .template, link.trackingMarker == nil,
              markStopper(link.url.trimmed, rules) == nil else { return nil }
        let end = raw.utf8.count - raw.utf8.reversed().prefix { $0 == 0x20 || (0x09...0x0D).contains($0) }.count
        return ValueFix("Append `@TrackLink`", applicability: .unsafe, change: .insertInValue(at: end, "@TrackLink"))
    }

    /// A web link the author did not exclude and that is not the platform's own.
    static func isMeantToBeTracked(_ link: URLAttribute) -> Bool {
        let url = link.url
        return isWrittenWithWebScheme(url.raw) && url.host != nil && url.kind == .absolute
            && !link.element.inConditionalComment && !LinkExemptions.isOptedOut(link.element)
            && !LinkExemptions.isPlatformOwnLink(url)
    }

    /// Whether the value as written, without the spaces around it, has `http` or `https` (in any
    /// case) before its first `:`. Read off the bytes when those up to the byte after the colon
    /// are ASCII (nearly always), where they are the Characters; by Characters otherwise.
    private static func isWrittenWithWebScheme(_ raw: String) -> Bool {
        let trimmed = raw.trimmingASCIISpaces()
        let verdict = trimmed.withUTF8InPlace { bytes -> Bool? in
            var colon = 0
            while colon < bytes.count && bytes[colon] != UInt8(ascii: ":") {
                guard bytes[colon] < 0x80 else { return nil }
                colon += 1
            }
            guard colon + 1 >= bytes.count || bytes[colon + 1] < 0x80 else { return nil }
            return InlineStyle.isName(bytes[0..<colon], "http") || InlineStyle.isName(bytes[0..<colon], "https")
        }
        if let verdict { return verdict }
        let scheme = trimmed.prefix(while: { $0 != ":" }).lowercased()
        return scheme == "http" || scheme == "https"
    }

    /// Why the rewriter skips the link, and what to write instead.
    static func reason(_ link: URLAttribute, _ rules: RewriterRules, platform: String, stage: Stage,
                       document: HTMLDocument) -> (String, String)? {
        let url = link.url
        if rules.selection == .marked {
            if let marker = link.trackingMarker {
                if let stop = markStopper(url.trimmed, rules) {
                    return ("its pattern for `\(marker.description)` stops at \(stop), so the mark stays in the link literally",
                            "Percent-encode or remove what stops the pattern; for a template variable write `{{ TrackLink .Var . }}`")
                }
            } else if stage == .template {
                let marks = rules.markers.map { "`\($0.description)`" }.joined(separator: " or ")
                return ("\(platform) tracks only links marked \(marks), and this one is not",
                        "Append `@TrackLink` to the URL, or write it as `{{ TrackLink \"https://...\" }}`")
            }
        }
        if rules.lowerCaseSchemeOnly && hasUpperCaseScheme(url) {
            return ("it compares the scheme case-sensitively and takes only a lower-case `http` or `https`",
                    "Write the scheme in lower case (`https://`)")
        }
        if rules.rejectsUserinfo, url.userinfo != nil {
            return ("it does not rewrite a URL with userinfo (`user@host`)", "Remove the `user@` part of the URL")
        }
        if rules.needsPathBeforeQuery, url.query != nil, url.path.isEmpty {
            return ("a query must follow a path, and this one follows the host", "Write `/` before the `?` (`https://x.example/?a=1`)")
        }
        if let allowed = rules.pathCharacters, let byte = afterHost(url.trimmed).first(where: { !allowed.contains($0) }) {
            return ("its URL pattern stops at \(shown(byte)), so the href does not match it",
                    "Percent-encode the character (`!` as `%21`, non-ASCII as UTF-8 bytes)")
        }
        if rules.needsPlainQuotedHref, let tag = link.element.startTag, !hasPlainQuotedHref(document.source.bytes[tag]) {
            return ("it reads only an href written `href=\"...\"`, quoted and without spaces around `=`",
                    "Write the attribute as `href=\"https://...\"`")
        }
        return nil
    }

    static func hasUpperCaseScheme(_ url: URLReference) -> Bool {
        url.raw.trimmingASCIISpaces().prefix(while: { $0 != ":" }).contains { $0.isUppercase }
    }

    /// Where listmonk's pattern (`https?://` then letters, digits and URL punctuation) stops in a
    /// marked URL, if it stops before the end.
    static func markStopper(_ url: String, _ rules: RewriterRules) -> String? {
        guard url.hasPrefix("http://") || url.hasPrefix("https://") else {
            return "the scheme (it takes only a lower-case `http://` or `https://`)"
        }
        guard let accepts = rules.markedURLCharacters else { return nil }
        return url.unicodeScalars.first { !accepts($0) }.map { $0 == " " ? "a space" : "`\($0)`" }
    }

    /// The bytes after `scheme://host[:port]`.
    static func afterHost(_ url: String) -> ArraySlice<UInt8> {
        let bytes = Array(url.utf8)
        guard let slashes = bytes.firstOffset(of: Array("://".utf8), in: 0..<bytes.count) else { return [] }
        let start = slashes + 3
        let end = bytes[start...].firstIndex { $0 == UInt8(ascii: "/") || $0 == UInt8(ascii: "?") || $0 == UInt8(ascii: "#") }
        return end.map { bytes[$0...] } ?? []
    }

    static func shown(_ byte: UInt8) -> String {
        byte >= 0x80 ? "a non-ASCII character" : byte == 0x20 ? "a space" : "`\(Character(Unicode.Scalar(byte)))`"
    }

    /// Whether the start tag writes its href as `href="` or `href='`.
    static func hasPlainQuotedHref(_ tag: ArraySlice<UInt8>) -> Bool {
        let bytes = Array(tag)
        return ["href=\"", "href='"].contains { bytes.firstOffset(of: Array($0.utf8), in: 0..<bytes.count) != nil }
    }
}
