import TrackLintParsing
import TrackLintPlatforms

struct PixelInsecureRule: DocumentRule {
    static let info = RuleInfo(
        code: "TL205", slug: "pixel-insecure", title: "Pixel over plain HTTP",
        summary: "The pixel URL is `http://`, not `https://`",
        rationale: """
        Mail clients and privacy proxies increasingly refuse to load plain-HTTP images, or show a \
        warning next to them; an open recorded through them is lost. HTTP pixels also show that the \
        platform's tracking domain has no certificate, which breaks click redirects for readers whose \
        browsers insist on HTTPS.
        """,
        fix: "Set up HTTPS for the tracking domain (a certificate for the CNAME) and switch tracking to https",
        customer: CustomerWording(cause: "the open-tracking pixel uses plain http, which some email programs block",
                                  remedy: "set up https for the tracking domain"),
        category: .openTracking, concerns: [.openTracking], stages: [.sent], defaultSeverity: .warning,
        triggering: [
            Example(#"<img src="↓http://t.x.example/o/1" width="1" height="1" alt="">"#, stage: .sent),
        ],
        clean: [
            Example(#"<img src="https://t.x.example/o/1" width="1" height="1" alt=""> <img src="http://x.example/logo.png" width="200" alt="">"#,
                    stage: .sent),
        ])

    func check(_ context: inout RuleContext) {
        for pixel in context.input.tracking.pixels where pixel.image.url.scheme == "http" {
            context.report("Tracking pixel `\(pixel.image.url.trimmed)` is loaded over plain http",
                           evidence: pixel.image.url.raw, element: pixel.image.element, attribute: pixel.image.attribute,
                           help: "Use `https://\(pixel.image.url.trimmed.dropFirst(7))` once the tracking domain has a certificate")
        }
    }
}
