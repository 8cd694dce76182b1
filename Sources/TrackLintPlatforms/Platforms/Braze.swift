import TrackLintParsing

/// Customer-engagement platform that always delivers through a transport (SendGrid, SparkPost,
/// Mailjet or SES): its templates are known by their Liquid attributes.
extension PlatformProfile {
    static let braze = PlatformProfile(
        "braze", "Braze",
        mergeTags: [.handlebars, .liquidTag],
        unsubscribe: ["{{${set_user_to_unsubscribed_url}}}"],
        preferences: ["{{${preference_center_url}}}"],
        templateSignals: ["{{${", "{% connected_content"])
}
