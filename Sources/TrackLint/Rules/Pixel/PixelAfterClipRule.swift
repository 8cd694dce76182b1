import TrackLintParsing
import TrackLintPlatforms

struct PixelAfterClipRule: DocumentRule {
    static let info = RuleInfo(
        code: "TL204", slug: "pixel-after-clip", title: "Pixel after Gmail's clipping point",
        summary: "The HTML is larger than Gmail's clipping threshold (102 KB) and the pixel comes after it",
        rationale: """
        Gmail shows only the first 102 KB of a message's HTML and ends it with "[Message clipped] \
        View entire message". Platforms put the pixel at the end of the body, so in a long message \
        it is cut off: the open is counted only if the reader expands the message. Long inline CSS, \
        repeated markup and embedded data make templates cross the line.
        """,
        fix: "Make the HTML smaller than 102 KB (remove unused CSS and markup), or place the pixel at the top",
        customer: CustomerWording(cause: "Gmail cuts off emails larger than 102 KB, and the open-tracking pixel comes after that point, "
                                      + "so an open counts only when the reader clicks \"View entire message\"",
                                  remedy: "make the email smaller (less code and fewer inline styles), or have the platform place the pixel near the top"),
        category: .openTracking, concerns: [.openTracking], stages: [.sent], defaultSeverity: .warning,
        triggering: [
            Example("<p>" + clippingFiller + "</p>\n<img src=\"↓https://t.x.example/o/1\" width=\"1\" height=\"1\" alt=\"\">",
                    stage: .sent, checksVariants: false),
        ],
        clean: [
            Example("<img src=\"https://t.x.example/o/1\" width=\"1\" height=\"1\" alt=\"\">\n<p>" + clippingFiller + "</p>",
                    stage: .sent),
        ])

    /// Text of Gmail's clipping size for the examples, made from bytes (`String(repeating:count:)`
    /// appends a character at a time: a third of the work of writing SARIF's rules).
    private static var clippingFiller: String {
        String(decoding: [UInt8](repeating: UInt8(ascii: "x"), count: GmailClipping.thresholdBytes), as: UTF8.self)
    }

    func check(_ context: inout RuleContext) {
        guard context.document.byteCount > GmailClipping.thresholdBytes else { return }
        for pixel in context.input.tracking.pixels {
            guard let offset = pixel.image.element.startTag?.lowerBound, offset > GmailClipping.thresholdBytes else { continue }
            context.report("Tracking pixel starts at byte \(offset) of \(context.document.byteCount), after Gmail clips at \(GmailClipping.thresholdBytes)",
                           evidence: pixel.image.url.raw, element: pixel.image.element, attribute: pixel.image.attribute)
        }
    }
}
