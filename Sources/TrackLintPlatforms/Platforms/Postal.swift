import TrackLintParsing

/// Self-hosted mail server (postalserver/postal); it rewrites links in the MIME body itself, on the
/// sender's track domain (facts: `knowledge/platform-trackability.md` §3).
extension PlatformProfile {
    static let postal = PlatformProfile(
        "postal", "Postal",
        headers: [HeaderFingerprint("X-Postal-MsgID")],
        // `href=(['"])https?://[A-Za-z0-9\-.:]+(/[A-Za-z0-9./+?&\-_%=~:;()\[\]#]*)?['"]` on the raw HTML.
        rewriter: RewriterRules(selection: .all, lowerCaseSchemeOnly: true,
                                pathCharacters: Set("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789./+?&-_%=~:;()[]#".utf8),
                                needsPathBeforeQuery: true, needsPlainQuotedHref: true, rejectsUserinfo: true),
        transport: true,
        templateSignals: ["https+notrack://", "class='ampimg'"])
}
