import TrackLintParsing
import TrackLintPlatforms

struct PixelMissingRule: DocumentRule {
    static let info = RuleInfo(
        code: "TL201", slug: "pixel-missing", title: "No open-tracking pixel",
        summary: "No image is a platform's open pixel or a tiny (0–2 px) or hidden remote image",
        rationale: """
        An open is counted when the reader's client loads a tiny image from the platform. A sent \
        message without one can never record an open. Causes: open tracking switched off for the \
        message or the account, the platform did not insert the pixel (Mautic only inserts it when \
        the send has a statistics record, and not into test sends), or the pixel was removed by \
        whatever processed the HTML afterwards.
        """,
        fix: "Turn open tracking on for this send, and check the sent HTML carries the platform's pixel",
        category: .openTracking, stages: [.sent], defaultSeverity: .error,
        triggering: [
            Example(#"↓<p>Hello</p> <img src="https://x.example/logo.png" width="120" height="40" alt="Logo">"#,
                    stage: .sent, checksVariants: false),
        ],
        clean: [
            Example(#"<p>Hello</p><img src="https://m.x.example/email/5f1e2d3c4b5a69788.gif" alt="">"#, stage: .sent),
            Example(#"<p>Hello</p><img src="https://t.x.example/open/abc" width="1" height="1" alt="">"#, stage: .sent),
            Example(#"<p>Hello</p><img src="https://t.x.example/open/abc" style="display:none" alt="">"#, stage: .sent),
        ])

    func check(_ context: inout RuleContext) {
        // A blank pixel is there but requests nothing: TL202 says so.
        guard context.input.tracking.pixels.isEmpty, context.input.tracking.blankPixels.isEmpty else { return }
        let images = context.input.inventory.images.count
        let evidence = "\(images) image\(images == 1 ? "" : "s")"
        let message: String
        switch images {
        case 0: message = "No open-tracking pixel: the message has no images at all"
        case 1: message = "No open-tracking pixel: the only image is not a platform pixel or a tiny or hidden remote image"
        default: message = "No open-tracking pixel: none of the \(evidence) is a platform pixel or a tiny or hidden remote image"
        }
        context.reportDocument(message, evidence: evidence)
    }
}
