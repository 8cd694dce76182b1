import TrackLintParsing
import TrackLintPlatforms

/// A URL-bearing attribute of an element: a link's `href`, an image's `src`. A class: the
/// inventory's lists share these, and rules pass them around a lot.
public final class URLAttribute: Sendable {
    public let element: HTMLElement
    public let attribute: String
    /// The URL the checks read: for a link a security gateway rewrote, the original inside it.
    public let url: URLReference
    /// The gateway that rewrote the link, with the URL as written in the message.
    public let gateway: (unwrapped: Gateways.Unwrapped, written: URLReference)?
    /// The mark that asks the platform to track the link (listmonk's `@TrackLink`), read off `url`.
    public let trackingMarker: TrackingMarker?

    package init(element: HTMLElement, attribute: String, url: URLReference, trackingMarker: TrackingMarker? = nil) {
        self.element = element
        self.attribute = attribute
        self.trackingMarker = trackingMarker
        if let unwrapped = Gateways.unwrap(url) {
            gateway = (unwrapped, url)
            self.url = unwrapped.original.map(URLReference.init) ?? url
        } else {
            gateway = nil
            self.url = url
        }
    }
}

/// The document's links and images, each URL analysed once for every rule.
public struct LinkInventory: Sendable {
    /// `<a href>`, `<area href>`, `href` on VML elements (`v:roundrect`, `v:rect`, ...) and on MJML
    /// components (`mj-button`, ...).
    public let links: [URLAttribute]
    /// `<img src>`, and `src` on MJML's `mj-image` and `mj-carousel-image`.
    public let images: [URLAttribute]
    /// Other URLs recipients' clients fetch: `<base href>`, `background` attributes, VML images.
    public let otherResources: [URLAttribute]
    /// Links a reader can follow to a web page: absolute http(s) with a host.
    public let webLinks: [URLAttribute]

    package init(document: HTMLDocument) {
        var links: [URLAttribute] = []
        var images: [URLAttribute] = []
        var others: [URLAttribute] = []
        for element in document.elements where !element.attributes.isEmpty {
            switch element.name {
            case "a", "area":
                if let href = element.attribute("href") {
                    let (url, marker) = TrackingMarks.unmarked(href, element: element, document: document)
                    links.append(URLAttribute(element: element, attribute: "href", url: URLReference(url), trackingMarker: marker))
                }
            case "img":
                if let src = element.attribute("src") {
                    images.append(URLAttribute(element: element, attribute: "src", url: URLReference(src)))
                }
            case "base":
                if let href = element.attribute("href") {
                    others.append(URLAttribute(element: element, attribute: "href", url: URLReference(href)))
                }
            case let name where MJMLComponents.linkElements.contains(name) || MJMLComponents.imageElements.contains(name):
                if MJMLComponents.linkElements.contains(name), let href = MJMLComponents.href(of: element, in: document) {
                    let (url, marker) = TrackingMarks.unmarked(href, element: element, document: document)
                    links.append(URLAttribute(element: element, attribute: "href", url: URLReference(url), trackingMarker: marker))
                }
                if MJMLComponents.imageElements.contains(name), let src = element.attribute("src") {
                    images.append(URLAttribute(element: element, attribute: "src", url: URLReference(src)))
                }
            default:
                if element.name.hasPrefix("v:") {
                    if let href = element.attribute("href") {
                        links.append(URLAttribute(element: element, attribute: "href", url: URLReference(href)))
                    }
                    if let src = element.attribute("src") {
                        others.append(URLAttribute(element: element, attribute: "src", url: URLReference(src)))
                    }
                }
            }
            if let background = element.attribute("background"), !background.isEmpty {
                others.append(URLAttribute(element: element, attribute: "background", url: URLReference(background)))
            }
        }
        self.links = links
        self.images = images
        self.otherResources = others
        webLinks = links.filter { $0.url.isWeb && $0.url.kind == .absolute && $0.url.host != nil }
    }

    /// Every URL-bearing attribute: links, images and other resources.
    public var all: FlattenSequence<[[URLAttribute]]> { [links, images, otherResources].joined() }

}
