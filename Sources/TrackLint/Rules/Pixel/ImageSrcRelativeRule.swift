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
        fix: "Use the absolute https:// URL of the image (pass --base-url to have it proposed)",
        customer: CustomerWording(cause: "an image's address is relative, so it never loads in an email program",
                                  remedy: "use full https:// addresses for images"),
        category: .openTracking, concerns: [.openTracking], stages: [.template, .sent], defaultSeverity: .warning,
        triggering: [
            Example(#"<img src="↓images/logo.png" alt="Logo">"#),
            Example(#"<img src="↓//cdn.x.example/logo.png" alt="Logo"> <img src="↓cdn.x.example/a.png" alt="">"#),
            Example(#"<img src="↓/o.gif" width="1" height="1" alt="">"#),
            Example(#"<mj-column><mj-image src="↓images/hero.png" alt="Hero" /></mj-column>"#),
            Example(#"<mj-social><mj-social-element name="x" href="https://x.com/acme" src="↓icons/x.png">X</mj-social-element></mj-social>"#),
        ],
        clean: [
            Example(#"<img src="https://cdn.x.example/logo.png" alt="Logo">"#),
            Example(#"<img src="cid:logo@x.example" alt="Logo"> <img src="{{logo_url}}" alt="">"#),
        ],
        corrections: [
            Correction(#"<p>Grüße</p><img src="images/logo.png" alt="Logo"> <img src="//cdn.x.example/a.png" alt="">"#,
                       #"<p>Grüße</p><img src="https://x.example/mail/images/logo.png" alt="Logo"> <img src="https://cdn.x.example/a.png" alt="">"#,
                       baseURL: "https://x.example/mail/"),
        ])

    func check(_ context: inout RuleContext) {
        let visibility = context.input.visibility
        for image in context.input.inventory.images {
            switch image.url.kind {
            case .relative, .pathAbsolute, .schemeRelative, .missingScheme:
                let isPixel = ImageGeometry.isTiny(image.element) || visibility.isHidden(image.element)
                let what = isPixel ? "Tracking pixel" : "Image"
                // A host without a scheme gets `https://` (or `https:` before `//`), as TL302 does for
                // links; a relative path is resolved against the base URL when there is one.
                let resolved = AbsoluteURLFixes.schemePrefix(for: image.url.kind) == nil
                    ? AbsoluteURLFixes.resolving(image.url.trimmed, in: context.input) : nil
                context.report("\(what) source `\(image.url.trimmed)` is not an absolute URL, so it never loads",
                               evidence: image.url.raw, element: image.element, attribute: image.attribute,
                               help: resolved.map { "Use the absolute URL `\($0.url)`" },
                               fix: AbsoluteURLFixes.schemePrefix(for: image.url.kind) ?? resolved?.fix, severity: isPixel ? .error : nil)
            default:
                continue
            }
        }
    }
}
