import TrackLintParsing
import TrackLintPlatforms

struct PixelHiddenRule: DocumentRule {
    static let info = RuleInfo(
        code: "TL203", slug: "pixel-hidden", title: "Hidden tracking pixel",
        summary: "The platform's pixel is hidden with `display:none`, `visibility:hidden`, `hidden` or a hidden ancestor",
        rationale: """
        Some clients do not fetch images that are not displayed: Gmail has been seen skipping pixels \
        styled `display:none` (older Mautic versions wrote them that way). A pixel that is 1×1 and \
        visible is counted everywhere; a hidden one is counted only where the client fetches hidden \
        images anyway. Only the platform's pixel counts (its pixel shape, or a tiny remote image that \
        is not a third-party beacon): a large image hidden on mobile is not a pixel.
        """,
        fix: "Keep the pixel visible: 1×1 pixels, no `display:none`, and not inside a hidden element",
        customer: CustomerWording(cause: "the open-tracking pixel is hidden, and some email programs do not load hidden images",
                                  remedy: "remove the hiding (display:none) from the pixel, or let the platform place it"),
        category: .openTracking, concerns: [.openTracking], stages: [.template, .sent], defaultSeverity: .warning,
        triggering: [
            Example(#"<img src="↓https://t.x.example/o/1" width="1" height="1" style="display: none" alt="">"#),
            Example(#"<div style="visibility:hidden"><img src="↓https://m.x.example/email/5f1e2d3c4b5a69788.gif" alt=""></div>"#),
        ],
        clean: [
            Example(#"<img src="https://t.x.example/o/1" width="1" height="1" style="border:0" alt="">"#),
            Example(#"<img src="https://x.example/banner.jpg" width="480" style="display:none" alt="Sale">"#),
            Example(#"<div style="display:none"><img src="https://x.example/hero.png" alt="Hero"></div>"#),
            Example(#"<img src="https://de.ioam.de/tx.io?st=x" width="1" height="1" style="display:none" alt="">"#),
        ])

    func check(_ context: inout RuleContext) {
        let visibility = context.input.visibility
        for pixel in context.input.tracking.pixels where visibility.isHidden(pixel.image.element) {
            context.report("Tracking pixel `\(pixel.image.url.trimmed)` is hidden, and some clients skip hidden images",
                           evidence: pixel.image.url.raw, element: pixel.image.element, attribute: pixel.image.attribute)
        }
    }
}
