import TrackLintParsing

extension PlatformProfile {
    static let zohocampaigns = PlatformProfile(
        "zohocampaigns", "Zoho Campaigns",
        headers: [HeaderFingerprint("X-ZCM-RID")],
        unsubscribe: ["$[LI:UNSUBSCRIBE]$"],
        templateSignals: ["$[LI:", "$[UNSUB"])
}
