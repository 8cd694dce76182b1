import TrackLintParsing

extension PlatformProfile {
    static let kit = PlatformProfile(
        "kit", "Kit",
        headers: [HeaderFingerprint("Message-ID", .contains("convertkit-mail")), HeaderFingerprint("Feedback-ID", .endsWith(":ck")),
                  HeaderFingerprint("X-Report-Abuse", .contains("convertkit.com")), HeaderFingerprint("Received", .contains("convertkit.com"))],
        // Sends over SendGrid's infrastructure (declared in `overrides`).
        hosts: PlatformHosts(sending: ["convertkit.com", "sendgrid.net"],
                             unsubscribe: ["unsubscribe.convertkit-mail.com", "unsubscribe.convertkit-mail2.com",
                                           "unsubscribe.convertkit-mail4.com"]),
        clicks: [URLShape("kit", host: "convertkit-mail.com", path: "/"), URLShape("kit", host: "convertkit-mail2.com", path: "/"),
                 URLShape("kit", host: "convertkit-mail4.com", path: "/")],
        pixels: [URLShape("kit", host: "convertkit-mail.com", firstLabel: "open", path: "/"),
                 URLShape("kit", host: "convertkit-mail2.com", firstLabel: "open", path: "/"),
                 URLShape("kit", host: "convertkit-mail4.com", firstLabel: "open", path: "/")],
        // The last path segment is the destination in base64.
        destination: DestinationDecoder(applies: { host, _ in host.containsBytes("convertkit-mail") }, decode: { url in
            let segments = url.pathSegments
            return segments.count >= 3 ? segments.last.flatMap(EncodedText.base64) : nil
        }),
        mergeTags: [.handlebars, .liquidTag],
        unsubscribe: ["{{ unsubscribe_url }}", "{{ unsubscribe_link }}"],
        overrides: ["sendgrid"],
        templateSignals: ["{{ subscriber.", "{{ message_content }}", "{{ address }}"])
}
