extension PlatformProfile {
    static let salesforce = PlatformProfile(
        "salesforce", "Salesforce Marketing Cloud",
        headers: [HeaderFingerprint("X-SFMC-Stack"), HeaderFingerprint("Feedback-ID", .endsWith(":sfmktgcld")),
                  HeaderFingerprint("x-CSA-Compliance-Source", .contains("sfmc"))],
        hosts: PlatformHosts(sending: ["exacttarget.com", "exct.net"]),
        clicks: [URLShape("salesforce", host: "exct.net", path: "/")],
        pixels: [URLShape("salesforce", path: "/open.aspx")],
        // `%%view_email_url%%`: the web view, on the `view.` sibling of the branded click host.
        ownLinks: [URLShape("salesforce", firstLabel: "view", path: "/", query: "qs")],
        mergeTags: [.salesforce],
        unsubscribe: ["%%unsub_center_url%%", "%%profile_center_url%%"],
        preferences: ["%%profile_center_url%%"],
        webView: ["%%view_email_url%%"],
        templateSignals: ["%%=", "%%[", "%%subscription_center_url%%", "%%Member_Busname%%", "%%Member_Addr%%", "%%emailaddr%%", "%%_subscriberkey%%", "<custom name=\"opencounter\""],
        // A link whose address is a variable is tracked when written `%%=RedirectTo(@link)=%%`.
        trackedLinkFunctions: ["redirectto("])
}
