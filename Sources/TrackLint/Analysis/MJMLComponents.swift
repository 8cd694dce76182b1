import TrackLintParsing

/// MJML source as tracklint reads it: libxml2's HTML parser keeps the `mj-*` components as
/// elements, with their attributes where they are written, and `mj-raw` content as the HTML it is.
/// Recognised in any file (MJML is often kept in `.twig` or `.html` files), since no email HTML
/// has `mj-*` elements.
enum MJMLComponents {
    /// Components whose `href` becomes an `<a href>` in the compiled email.
    static let linkElements: Set<String> = ["mj-button", "mj-image", "mj-social-element", "mj-navbar-link", "mj-link", "mj-carousel-image"]
    /// Components whose `src` becomes an `<img src>` (an `mj-social-element`'s is its icon).
    static let imageElements: Set<String> = ["mj-image", "mj-carousel-image", "mj-social-element"]
    /// The root and the body: an MJML file with them is a whole email, not a fragment.
    static let documentElements: Set<String> = ["mjml", "mj-body"]

    /// Whether the element is a component with a link or an image: its prefix is checked before
    /// the sets, as most elements are no component.
    static func hasURL(_ name: String) -> Bool {
        name.startsWithBytes("mj-") && (linkElements.contains(name) || imageElements.contains(name))
    }

    /// The component whose `base-url` a navigation link's `href` is written after, as MJML joins
    /// them: MJML 4's `mj-navbar` for its `mj-navbar-link`, MJML 3's `mj-inline-links` for its `mj-link`.
    private static let baseURLComponents = ["mj-navbar-link": "mj-navbar", "mj-link": "mj-inline-links"]

    /// The link a component's `href` compiles to.
    static func href(of element: HTMLElement, in document: HTMLDocument) -> String? {
        guard let href = element.attribute("href") else { return nil }
        guard let component = baseURLComponents[element.name],
              let base = document.ancestors(of: element).first(where: { $0.name == component })?.attribute("base-url") else { return href }
        return base + href
    }
}
