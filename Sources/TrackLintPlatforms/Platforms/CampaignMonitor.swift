extension PlatformProfile {
    static let campaignmonitor = PlatformProfile(
        "campaignmonitor", "Campaign Monitor",
        headers: [HeaderFingerprint("X-Complaints-To", .contains("cmail"))],
        hosts: PlatformHosts(sending: ["cmail19.com", "cmail20.com", "createsend.com"], preferenceCentre: ["updatemyprofile.com"]),
        clicks: [URLShape("campaignmonitor", host: "createsend1.com", path: "/t/"), URLShape("campaignmonitor", host: "cmail19.com", path: "/t/"),
                 URLShape("campaignmonitor", host: "cmail20.com", path: "/t/")],
        // /t/<account>-o-<subscriber>-<id>/o.gif
        pixels: [URLShape("campaignmonitor", host: "cmail19.com", path: "/t/", suffix: "/o.gif"),
                 URLShape("campaignmonitor", host: "cmail20.com", path: "/t/", suffix: "/o.gif"),
                 URLShape("campaignmonitor", host: "createsend1.com", path: "/t/", suffix: "/o.gif")],
        mergeTags: [.singleBracket],
        unsubscribe: ["<unsubscribe>", "[unsubscribe]"],
        unsubscribeElements: ["unsubscribe"],
        optOut: [.attribute("cm_dontconvertlink")],
        templateSignals: ["<webversion", "<preferences", "<forwardtoafriend", "[firstname,fallback="])
}
