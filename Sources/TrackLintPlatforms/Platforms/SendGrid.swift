import TrackLintParsing

extension PlatformProfile {
    static let sendgrid = PlatformProfile(
        "sendgrid", "SendGrid",
        headers: [HeaderFingerprint("X-SG-EID"), HeaderFingerprint("X-SG-ID"),
                  HeaderFingerprint("Message-ID", .contains("geopod-ismtpd"), weight: 1),
                  // Its filter daemon's hop: `Received: by filterdrecv-<pod> with SMTP id ...`.
                  HeaderFingerprint("Received", .contains("by filterdrecv-"))],
        hosts: PlatformHosts(sending: ["sendgrid.net"], clickTracking: ["ct.sendgrid.net"], pixel: ["ct.sendgrid.net"], ownLinks: ["sendgrid.com"]),
        clicks: [URLShape("sendgrid", path: "/ls/click", query: "upn"), URLShape("sendgrid", path: "/wf/click", query: "upn")],
        pixels: [URLShape("sendgrid", path: "/wf/open", query: "upn")],
        mergeTags: [.handlebars, .sendgridLegacy, .singleBracket],
        unsubscribe: ["<%asm_group_unsubscribe_raw_url%>", "<%asm_global_unsubscribe_raw_url%>", "<%asm_preferences_raw_url%>",
                      "{{{unsubscribe}}}", "[Unsubscribe]"],
        preferences: ["<%asm_preferences_raw_url%>"],
        optOut: [.attribute("clicktracking", value: "off")],
        trackingSwitches: [TrackingSwitch("X-SMTPAPI", switchesOff: smtpAPIFilters)],
        transport: true,
        templateSignals: ["<%asm_group_unsubscribe_url%>", "<%asm_global_unsubscribe_url%>", "<%asm_preferences_url%>", "[Unsubscribe_Preferences]", "[Sender_Name]", "[Sender_Address]", "[Sender_City]", "[Sender_State]", "[Sender_Zip]", "{{{unsubscribe_preferences}}}", "<%body%>",
                          // Marketing Campaigns' sender tags.
                          "{{ Sender_Name }}", "{{ Sender_Address }}"],
        // Link branding is a CNAME to sendgrid.net (EU: eu.sendgrid.net).
        cnameTargets: ["sendgrid.net"],
        advice: PlatformAdvice(
            opens: "turn on Open Tracking under Settings > Tracking in SendGrid",
            clicks: "write the link as href=\"https://...\" (quoted, no spaces around =) and turn on Click Tracking under Settings > Tracking",
            unsubscribe: "use an unsubscribe group link (<%asm_group_unsubscribe_raw_url%>) or turn on Subscription Tracking"))

    /// `X-SMTPAPI: {"filters": {"opentrack": {"settings": {"enable": 0}}}}`.
    private static func smtpAPIFilters(_ value: String) -> [TrackingKind] {
        let filters = (EncodedText.jsonObject(value)?["filters"] as? [String: Any]) ?? [:]
        func disabled(_ filter: Any?) -> Bool {
            guard let settings = (filter as? [String: Any])?["settings"] as? [String: Any] else { return false }
            return TrackingSwitch.isFalse(settings["enable"])
        }
        return (disabled(filters["opentrack"]) ? [.opens] : []) + (disabled(filters["clicktrack"]) ? [.clicks] : [])
    }
}
