/// MailerLite, from public material (no fixture of theirs in the corpus): its click-tracking links
/// `https://<account>.clicks.mlsend.com/<t?>/c/<base64 JSON of ids>` carry no destination, its
/// sending domain is `mlsend.com` (SPF `include:_spf.mlsend.com`), and its templates write
/// `{$unsubscribe}`, `{$preferences}` and `{$name}`. Known headers: none published.
extension PlatformProfile {
    static let mailerlite = PlatformProfile(
        "mailerlite", "MailerLite",
        hosts: PlatformHosts(sending: ["mlsend.com"]),
        clicks: [URLShape("mailerlite", host: "clicks.mlsend.com", path: "/t")],
        mergeTags: [.braceDollar],
        unsubscribe: ["{$unsubscribe}"],
        preferences: ["{$preferences}"])
}
