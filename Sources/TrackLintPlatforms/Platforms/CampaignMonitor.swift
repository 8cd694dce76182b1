extension PlatformProfile {
    static let campaignmonitor = PlatformProfile(
        "campaignmonitor", "Campaign Monitor",
        headers: [HeaderFingerprint("X-Complaints-To", .contains("cmail"))],
        clicks: [URLShape("campaignmonitor", host: "createsend1.com", path: "/t/"), URLShape("campaignmonitor", host: "cmail19.com", path: "/t/"),
                 URLShape("campaignmonitor", host: "cmail20.com", path: "/t/")],
        mergeTags: [.singleBracket],
        unsubscribe: ["<unsubscribe>", "[unsubscribe]"],
        unsubscribeElements: ["unsubscribe"],
        optOut: [.attribute("cm_dontconvertlink")],
        templateSignals: ["<webversion", "<preferences", "<forwardtoafriend", "[firstname,fallback="])
}
