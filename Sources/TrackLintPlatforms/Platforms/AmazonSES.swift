import Foundation
import TrackLintParsing

extension PlatformProfile {
    static let ses = PlatformProfile(
        "ses", "Amazon SES",
        headers: [HeaderFingerprint("X-SES-Outgoing"), HeaderFingerprint("Feedback-ID", .contains("amazonses")),
                  // Spam copies SES Message-IDs; on its own the ID names nobody.
                  HeaderFingerprint("Message-ID", .contains("amazonses.com"), weight: 1)],
        hosts: PlatformHosts(sending: ["amazonses.com"]),
        clicks: [URLShape("ses", host: "awstrack.me", path: "/l0/")],
        pixels: [URLShape("ses", host: "awstrack.me", path: "/i0/")],
        // /L0/<percent-encoded target>/1/<message id>/<signature>
        destination: DestinationDecoder(applies: { host, _ in URLShape.isDomain(host, under: "awstrack.me") }, decode: { url in
            let segments = url.pathSegments
            return segments.first == "L0" && segments.count >= 2 ? segments[1].removingPercentEncoding : nil
        }),
        mergeTags: [.handlebars],
        optOut: [.attribute("ses:no-track")],
        transport: true,
        templateSignals: ["{{ses:openTracker}}", "ses:tags=", "{{amazonSESUnsubscribeUrl}}"],
        // A custom redirect domain is a CNAME to the region's awstrack.me host.
        cnameTargets: ["awstrack.me"])
}
