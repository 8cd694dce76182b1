import Foundation
import TrackLintParsing

extension PlatformProfile {
    // X-PM-Message-Id alone may be Proton Mail's: it needs company.
    static let postmark = PlatformProfile(
        "postmark", "Postmark",
        headers: [HeaderFingerprint("X-PM-Message-Id", weight: 1), HeaderFingerprint("Return-Path", .contains("mtasv.net")),
                  HeaderFingerprint("Received", .contains("mtasv.net"))],
        hosts: PlatformHosts(sending: ["mtasv.net", "postmarkapp.com"], ownLinks: ["postmarkapp.com"]),
        clicks: [URLShape("postmark", host: "click.pstmrk.it", path: "/")],
        pixels: [URLShape("postmark", host: "pstmrk.it", path: "/open")],
        // /3s/<percent-encoded target without its scheme>/<token>/...
        destination: DestinationDecoder(applies: { host, _ in host == "click.pstmrk.it" }, decode: { url in
            let segments = url.pathSegments
            return segments.count >= 2 ? segments[1].removingPercentEncoding.map { "https://" + $0 } : nil
        }),
        mergeTags: [.handlebars],
        unsubscribe: ["{{{ pm:unsubscribe }}}"],
        optOut: [.attribute("data-pm-no-track")],
        trackingSwitches: [.no("X-PM-TrackOpens", [.opens]), .no("X-PM-TrackLinks", [.clicks])],
        transport: true,
        templateSignals: ["{{{pm:unsubscribe}}}", "{{{ @content }}}"],
        // On broadcast streams, without `{{{ pm:unsubscribe }}}`.
        appendsUnsubscribeFooter: true,
        advice: PlatformAdvice(
            opens: "turn on open tracking for the message stream in Postmark, or send with TrackOpens",
            clicks: "turn on link tracking (TrackLinks: HtmlAndText or HtmlOnly) for the message stream in Postmark",
            unsubscribe: "use {{{ pm:unsubscribe }}} in a Broadcast stream"))
}
