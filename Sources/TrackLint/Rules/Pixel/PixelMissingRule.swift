import TrackLintParsing
import TrackLintPlatforms

struct PixelMissingRule: DocumentRule {
    static let info = RuleInfo(
        code: "TL201", slug: "pixel-missing", title: "No open-tracking pixel",
        summary: "No image is a platform's open pixel or a tiny (0–2 px) remote image that is not a third-party beacon",
        rationale: """
        An open is counted when the reader's client loads a tiny image from the platform. A sent \
        message without one can never record an open. Causes: open tracking switched off for the \
        message or the account, the platform did not insert the pixel (Mautic only inserts it when \
        the send has a statistics record, and not into test sends), or the pixel was removed by \
        whatever processed the HTML afterwards. Being hidden does not make an image a pixel (a \
        banner hidden on mobile is not one), and a publisher's audience-measurement or analytics \
        beacon (INFOnline, GfK, Google Analytics, Matomo, Adobe, ...) counts readers for someone \
        else: it is not the platform's pixel, and the message names it.
        """,
        fix: "Turn open tracking on for this send, and check the sent HTML carries the platform's pixel",
        customer: CustomerWording(cause: "the email carries no open-tracking pixel (the invisible image that records an open)",
                                  remedy: "turn open tracking on for this email and send it again"),
        category: .openTracking, concerns: [.openTracking], stages: [.sent], defaultSeverity: .error,
        triggering: [
            Example(#"⇣<p>Hello</p> <img src="https://x.example/logo.png" width="120" height="40" alt="Logo">"#,
                    stage: .sent, checksVariants: false),
            Example(#"⇣<p>Hello</p> <img src="https://de.ioam.de/tx.io?st=x&cp=news" width="1" height="1" alt="">"#,
                    stage: .sent, checksVariants: false),
            Example(#"⇣<p>Hello</p> <img src="https://x.example/banner.jpg" width="480" style="display:none" alt="Sale">"#,
                    stage: .sent, checksVariants: false),
        ],
        clean: [
            Example(#"<p>Hello</p><img src="https://m.x.example/email/5f1e2d3c4b5a69788.gif" alt="">"#, stage: .sent),
            Example(#"<p>Hello</p><img src="https://t.x.example/open/abc" width="1" height="1" alt="">"#, stage: .sent),
            Example(#"<p>Hello</p><img src="https://t.x.example/open/abc" width="1" height="1" style="display:none" alt="">"#,
                    stage: .sent),
            Example("""
            <a href="https://t.x.example/c/0a1b2c3d4e5f6a7b8c9d">Shop</a> <a href="https://t.x.example/c/1a1b2c3d4e5f6a7b8c9d">News</a>
            <a href="https://t.x.example/c/2a1b2c3d4e5f6a7b8c9d">Help</a> <img src="https://t.x.example/o/3a1b2c3d4e5f6a7b8c9d" style="display:none" alt="">
            """, stage: .sent),
        ])

    func check(_ context: inout RuleContext) {
        let tracking = context.input.tracking
        // A blank pixel is there but requests nothing: TL202 says so.
        guard tracking.pixels.isEmpty, tracking.blankPixels.isEmpty else { return }
        let images = context.input.inventory.images.count
        let evidence = "\(images) image\(images == 1 ? "" : "s")"
        if !tracking.beacons.isEmpty {
            let named = tracking.beacons.map { "\($0.beacon.name) `\(($0.image.url.host ?? "") + $0.image.url.path)`" }
            let unique = named.reduce(into: [String]()) { if !$0.contains($1) { $0.append($1) } }
            let only = tracking.beacons.count == 1 ? "the only tiny image is a third-party beacon" : "the only tiny images are third-party beacons"
            context.reportDocument("No open-tracking pixel: \(only) (\(unique.joined(separator: ", "))), not the platform's pixel",
                                   evidence: tracking.beacons.map(\.image.url.raw).joined(separator: " "))
            return
        }
        let message: String
        switch images {
        case 0: message = "No open-tracking pixel: the message has no images at all"
        case 1: message = "No open-tracking pixel: the only image is not a platform pixel or a tiny remote image"
        default: message = "No open-tracking pixel: none of the \(evidence) is a platform pixel or a tiny remote image"
        }
        context.reportDocument(message, evidence: evidence)
    }
}
