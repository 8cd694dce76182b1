import TrackLintParsing
import TrackLintPlatforms

struct HTMLWithoutMarkupRule: DocumentRule {
    static let info = RuleInfo(
        code: "TL105", slug: "html-without-markup", title: "HTML without markup",
        summary: "The HTML contains no element markup (plain text labelled HTML), or is Inky template source",
        rationale: """
        An HTML body without elements is shown as one run of text: URLs written in it are not links, so \
        the platform cannot rewrite them for click tracking, and there is nowhere sensible for the pixel. \
        Template source languages (Inky's `<container>`, `<row>`, `<columns>`) are \
        compiled into email HTML before sending; linted as they are, their components mean nothing to a \
        mail client. MJML source is not a finding: tracklint reads its components as the links and \
        images they compile to.
        """,
        fix: "Send real HTML: wrap the text in markup with `<a href>` links, or compile the template source first",
        customer: CustomerWording(cause: "the HTML version holds no HTML, only text, so the addresses in it are not links",
                                  remedy: "write the links as real links in the email editor"),
        category: .input, concerns: [.openTracking, .clickTracking], stages: [.template, .sent], defaultSeverity: .info,
        triggering: [
            Example("↓Hello, see https://x.example/offer for the offer.", checksVariants: false),
            Example("↓<container>\n  <row><columns><p>Hi</p></columns></row>\n</container>", checksVariants: false),
        ],
        clean: [
            Example(#"<p>Hello, see <a href="https://x.example/offer">the offer</a>.</p>"#),
        ])

    /// Template source languages whose components tracklint does not read and that must be
    /// compiled before sending: Inky's. (MJML's are read: `MJMLComponents`.)
    static func sourceLanguage(of elementName: String) -> String? {
        for component in inkyComponents where elementName.isName(component) { return "Inky" }
        return nil
    }

    private static let inkyComponents = ["container", "row", "columns", "spacer", "callout", "wrapper", "block-grid", "h-line"]
    /// The components' name lengths, a bit each: most elements' names are of none, and are not compared.
    private static let inkyNameLengths: UInt64 = inkyComponents.reduce(0) { $0 | 1 << UInt64($1.utf8.count) }

    func check(_ context: inout RuleContext) {
        let document = context.document
        guard document.hasWrittenElements else {
            guard let text = document.texts.first(where: { !$0.text.trimmingASCIISpaces().isEmpty }) else { return }
            context.report("The HTML has no element markup, only text", evidence: String(text.text.prefix(60)),
                           element: nil, at: text.sourceRange.lowerBound)
            return
        }
        // Read once: a global's look-up in the loop made a copy of every element.
        let lengths = Self.inkyNameLengths
        func mayBeComponent(_ name: String) -> Bool { name.utf8.count < 64 && lengths & 1 << UInt64(name.utf8.count) != 0 }
        // By index: `first(where:)` copied every element to look at it.
        let elements = document.elements
        if let index = elements.indices.first(where: {
            !elements[$0].isImplied && mayBeComponent(elements[$0].name) && Self.sourceLanguage(of: elements[$0].name) != nil
        }), let language = Self.sourceLanguage(of: elements[index].name) {
            let component = elements[index]
            context.report("The file is \(language) template source (`<\(component.name)>`), not email HTML",
                           evidence: "<\(component.name)>", element: component)
        }
    }
}
