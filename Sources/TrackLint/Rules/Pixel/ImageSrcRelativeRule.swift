import TrackLintParsing
import TrackLintPlatforms

struct ImageSrcRelativeRule: DocumentRule {
    static let info = RuleInfo(
        code: "TL206", slug: "image-src-relative", title: "Image with a relative source",
        summary: "An `<img src>` is relative or scheme-less, so it never loads in a mail client",
        rationale: """
        Mail clients load images only from absolute URLs: `images/logo.png`, `/logo.png` and \
        `//cdn.example.com/logo.png` have nothing to resolve against. The image shows as broken, and \
        when the image is the open-tracking pixel, opens are never counted (an error then).
        """,
        fix: "Use the absolute https:// URL of the image",
        customer: CustomerWording(cause: "an image's address is relative, so it never loads in an email program",
                                  remedy: "use full https:// addresses for images"),
        category: .openTracking, concerns: [.openTracking], stages: [.template, .sent], defaultSeverity: .warning,
        triggering: [
            Example(#"<img src="↓images/logo.png" alt="Logo">"#),
            Example(#"<img src="↓//cdn.x.example/logo.png" alt="Logo"> <img src="↓cdn.x.example/a.png" alt="">"#),
            Example(#"<img src="↓/o.gif" width="1" height="1" alt="">"#),
        ],
        clean: [
            Example(#"<img src="https://cdn.x.example/logo.png" alt="Logo">"#),
            Example(#"<img src="cid:logo@x.example" alt="Logo"> <img src="{{logo_url}}" alt="">"#),
        ])

    func check(_ context: inout RuleContext) {
        let visibility = context.input.visibility
        for image in context.input.inventory.images {
            switch image.url.kind {
            case .relative, .pathAbsolute, .schemeRelative, .missingScheme:
                let isPixel = ImageGeometry.isTiny(image.element) || visibility.isHidden(image.element)
                let what = isPixel ? "Tracking pixel" : "Image"
                context.report("\(what) source `\(image.url.trimmed)` is not an absolute URL, so it never loads",
                               evidence: image.url.raw, element: image.element, attribute: image.attribute,
                               severity: isPixel ? .error : nil)
            default:
                continue
            }
        }
    }
}
