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

    package init(element: HTMLElement, attribute: String, reading: URLReading, trackingMarker: TrackingMarker? = nil) {
        self.element = element
        self.attribute = attribute
        self.trackingMarker = trackingMarker
        url = reading.url
        gateway = reading.gateway
    }
}

/// A URL as the checks read it: parsed, and for a link a security gateway rewrote, the original
/// inside it.
package struct URLReading: Sendable {
    package let url: URLReference
    package let gateway: (unwrapped: Gateways.Unwrapped, written: URLReference)?

    package init(_ written: String) {
        let parsed = URLReference(written)
        if let unwrapped = Gateways.unwrap(parsed) {
            gateway = (unwrapped, parsed)
            url = unwrapped.original.map(URLReference.init) ?? parsed
        } else {
            gateway = nil
            url = parsed
        }
    }
}

/// Each URL of a document read once, however often it is written (a logo, a spacer, the shop's
/// address in every block): the parse is most of what a URL costs.
private struct URLReadings {
    /// Longer URLs (`data:` images) are written once and cost more to hash than to keep apart.
    static let maximumSharedLength = 2_048
    /// Sized for a typical email's URLs, which otherwise grow it several times over.
    private var readings = [String: URLReading](minimumCapacity: 64)

    mutating func reading(of written: String) -> URLReading {
        guard written.utf8.count <= Self.maximumSharedLength else { return URLReading(written) }
        // Through `modify`, the key is hashed once whether the reading is new or not.
        func kept(_ reading: inout URLReading) -> URLReading { reading }
        return kept(&readings[written, default: URLReading(written)])
    }
}

/// The document's links and images, each URL analysed once for every rule.
public struct LinkInventory: Sendable {
    /// `<a href>`, `<area href>`, `href` on VML elements (`v:roundrect`, `v:rect`, ...) and on MJML
    /// components (`mj-button`, ...).
    public let links: [URLAttribute]
    /// `<img src>`, and `src` on MJML's `mj-image`, `mj-carousel-image` and `mj-social-element`.
    public let images: [URLAttribute]
    /// Other URLs recipients' clients fetch: `<base href>`, `background` attributes, VML images.
    public let otherResources: [URLAttribute]
    /// Links a reader can follow to a web page: absolute http(s) with a host.
    public let webLinks: [URLAttribute]

    package init(document: HTMLDocument) {
        var links: [URLAttribute] = []
        var images: [URLAttribute] = []
        var others: [URLAttribute] = []
        var readings = URLReadings()
        func attribute(_ element: HTMLElement, _ name: String, _ written: String, marker: TrackingMarker? = nil) -> URLAttribute {
            URLAttribute(element: element, attribute: name, reading: readings.reading(of: written), trackingMarker: marker)
        }
        func collect(_ kind: URLElement, of element: HTMLElement) {
            switch kind {
            case .link:
                if let href = element.attribute("href") {
                    let (url, marker) = TrackingMarks.unmarked(href, element: element, document: document)
                    links.append(attribute(element, "href", url, marker: marker))
                }
            case .image:
                if let src = element.attribute("src") {
                    images.append(attribute(element, "src", src))
                }
            case .base:
                if let href = element.attribute("href") {
                    others.append(attribute(element, "href", href))
                }
            case .mjml:
                if MJMLComponents.linkElements.contains(element.name), let href = MJMLComponents.href(of: element, in: document) {
                    let (url, marker) = TrackingMarks.unmarked(href, element: element, document: document)
                    links.append(attribute(element, "href", url, marker: marker))
                }
                if MJMLComponents.imageElements.contains(element.name), let src = element.attribute("src") {
                    images.append(attribute(element, "src", src))
                }
            case .vml:
                if let href = element.attribute("href") {
                    links.append(attribute(element, "href", href))
                }
                if let src = element.attribute("src") {
                    others.append(attribute(element, "src", src))
                }
            }
        }
        // By index, an element copied only when it holds a URL: iterating the array copied every
        // element (its name and attribute list retained and released), and most hold none.
        let elements = document.elements
        for index in elements.indices where !elements[index].attributes.isEmpty {
            if let kind = Self.urlElement(named: elements[index].name) { collect(kind, of: elements[index]) }
            if let background = elements[index].attribute("background"), !background.isEmpty {
                others.append(attribute(elements[index], "background", background))
            }
        }
        self.links = links
        self.images = images
        self.otherResources = others
        webLinks = links.filter { $0.url.isWeb && $0.url.kind == .absolute && $0.url.host != nil }
    }

    /// The elements whose URLs the inventory reads.
    private enum URLElement {
        case link, image, base, mjml, vml
    }

    /// Which of those the element is, told apart by the name's first byte before any comparison:
    /// most elements (`td`, `table`, `span`) are none.
    private static func urlElement(named name: String) -> URLElement? {
        switch name.utf8.first {
        case UInt8(ascii: "a"): return name.isName("a") || name.isName("area") ? .link : nil
        case UInt8(ascii: "i"): return name.isName("img") ? .image : nil
        case UInt8(ascii: "b"): return name.isName("base") ? .base : nil
        case UInt8(ascii: "m"): return MJMLComponents.hasURL(name) ? .mjml : nil
        case UInt8(ascii: "v"): return name.startsWithBytes("v:") ? .vml : nil
        default: return nil
        }
    }

    /// Every URL-bearing attribute: links, images and other resources.
    public var all: FlattenSequence<[[URLAttribute]]> { [links, images, otherResources].joined() }

}

extension String {
    /// Whether the string is `name`, lengths compared first: element and attribute names are tried
    /// on every element, and a String comparison that fails is a call.
    func isName(_ name: String) -> Bool {
        utf8.count == name.utf8.count && self == name
    }

    /// Whether the string starts with `prefix`, byte for byte: element names are tried against
    /// prefixes one by one, where `hasPrefix` (by Characters) cost more than the rest of the look.
    func startsWithBytes(_ prefix: StaticString) -> Bool {
        guard utf8.count >= prefix.utf8CodeUnitCount else { return false }
        // Through the buffers: iterating the UTF-8 view cost a hundred instructions a call.
        return withUTF8InPlace { text in prefix.withUTF8Buffer { prefix in prefix.indices.allSatisfy { text[$0] == prefix[$0] } } }
    }
}
