import TrackLintParsing
import TrackLintPlatforms

struct PixelBlankRule: DocumentRule {
    static let info = RuleInfo(
        code: "TL202", slug: "pixel-blank", title: "Blank tracking pixel",
        summary: "The pixel requests nothing: its `src` is empty, `data:` or `cid:`",
        rationale: """
        A pixel records an open only when the client fetches it from the platform. An empty `src`, \
        an inline `data:` image or a `cid:` attachment loads nothing from anywhere. Mautic puts a blank \
        inline GIF in place of its pixel when the send has no statistics record (a test send, or a \
        send to a platform user instead of a contact), so opens of that message cannot be counted.
        """,
        fix: "Send through a segment or campaign so the platform writes a real pixel URL",
        customer: CustomerWording(cause: "the open-tracking pixel is blank and requests nothing",
                                  remedy: "send the email to real contacts through a campaign or segment, so that the platform fills the pixel in"),
        category: .openTracking, concerns: [.openTracking], stages: [.sent], defaultSeverity: .error,
        triggering: [
            Example(#"<p>Hi</p><img height="1" width="1" src="↓data:image/gif;base64,R0lGODlhAQABAAD/ACwAAAAAAQABAAACADs=" alt="">"#, stage: .sent),
            Example(#"<img src="↓" width="1" height="1" alt=""> <img src="↓cid:pixel@x" width="1" style="display:none" alt="">"#, stage: .sent),
        ],
        clean: [
            Example(#"<img src="https://m.x.example/email/5f1e2d3c4b5a69788.gif" width="1" height="1" alt="">"#, stage: .sent),
            Example(#"<img src="cid:logo@x" width="200" height="60" alt="Logo">"#, stage: .sent),
        ])

    func check(_ context: inout RuleContext) {
        for image in context.input.tracking.blankPixels {
            let url = image.url
            let what = url.kind == .empty ? "an empty src" : "a `\(url.scheme ?? ""):` src"
            context.report("Tracking pixel has \(what), so it requests nothing and no open is recorded",
                           evidence: String(url.raw.prefix(80)), element: image.element, attribute: image.attribute)
        }
    }
}
