extension PlatformProfile {
    static let hubspot = PlatformProfile(
        "hubspot", "HubSpot",
        // Service Hub (its help desk) sends from hubspotservicehub.com.
        headers: [HeaderFingerprint("X-HS-Cid"), HeaderFingerprint("Received", .contains("hubspotemail.net")),
                  HeaderFingerprint("Received", .contains("hubspotservicehub.com"))],
        hosts: PlatformHosts(sending: ["hubspotemail.net", "hubspotservicehub.com"], unsubscribe: ["s.hubspotemail.net"], preferenceCentre: ["s.hubspotemail.net"]),
        clicks: [URLShape("hubspot", host: "hubspotlinks.com", path: "/"), URLShape("hubspot", host: "hubspotemail.net", path: "/e2t/c/"),
                 URLShape("hubspot", host: "hubspotemail.net", path: "/e1t/c/"), URLShape("hubspot", host: "hubspotemail.net", path: "/e2t/tc/")],
        pixels: [URLShape("hubspot", host: "hubspotlinks.com", path: "/cto/"), URLShape("hubspot", host: "hubspotemail.net", path: "/e2t/to/"), URLShape("hubspot", host: "hubspotemail.net", path: "/e1t/o/"),
                 URLShape("hubspot", host: "hubspotemail.net", path: "/e2t/o/")],
        mergeTags: [.handlebars, .liquidTag],
        unsubscribe: ["{{ unsubscribe_link }}", "{{ unsubscribe_link_all }}"],
        templateSignals: ["{% module", "{% dnd_area", "{% dnd_section", "{% dnd_module", "{% widget_block", "{{ module.", "{{ site_settings.", "{{ unsubscribe_section", "{{ view_as_page_url }}", "{{ contact.", "data-hs-link-id", "{{ standard_header_includes }}", "{{ standard_footer_includes }}"])
}
