import TrackLintParsing

extension PlatformProfile {
    static let zohocampaigns = PlatformProfile(
        "zohocampaigns", "Zoho Campaigns",
        headers: [HeaderFingerprint("X-ZCM-RID")],
        mergeTags: [.dollarBracket],
        unsubscribe: ["$[LI:UNSUBSCRIBE]$"],
        templateSignals: ["$[LI:", "$[UD:", "$[UNSUB"])
}
