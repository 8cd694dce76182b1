import Foundation

/// Why an image was taken for an open-tracking pixel.
public enum PixelReason: Sendable, Hashable {
    case platformShape(platform: String)
    case tiny
    case hidden
}

public struct PixelCandidate: Sendable {
    public let image: URLAttribute
    public let reason: PixelReason
}

/// A host that tracked links go through, and how we know.
public struct TrackingHost: Sendable, Hashable {
    public enum Source: String, Sendable, Hashable {
        case configured, platform, pixel, inferred
    }

    public let host: String
    public let source: Source
    /// Human-readable: "--tracking-domain", "the open pixel and 12 links", "9 of 11 links".
    public let evidence: String

    /// Whether a link host goes through this tracking host (the host itself or a subdomain of a
    /// configured domain).
    func covers(_ linkHost: String) -> Bool {
        linkHost == host || (source == .configured && linkHost.hasSuffix("." + host))
    }
}

/// What the document says about open and click tracking: its pixel, platform and tracking hosts.
public struct TrackingAnalysis: Sendable {
    public let pixels: [PixelCandidate]
    /// The platform whose URL shapes the document carries, with the evidence.
    public let platform: (name: String, evidence: String)?
    public let trackingHosts: [TrackingHost]

    /// True when a platform's pixel or click-redirect URL is present: the HTML was already sent.
    public var carriesPlatformTracking: Bool { platform != nil }

    /// Fewest links on one host, and the share of all web links, for that host to be taken for a
    /// tracking host without any other evidence.
    static let inferenceMinimumLinks = 3
    static let inferenceMinimumShare = 0.5
    /// A path segment or query value at least this long, mixing letters and digits, is an opaque token.
    static let opaqueTokenLength = 16

    init(document: HTMLDocument, inventory: LinkInventory, options: LintOptions) {
        let pixels = Self.findPixels(document: document, inventory: inventory)
        self.pixels = pixels
        let webLinks = inventory.webLinks

        var platform: (String, String)?
        if let pixel = pixels.first(where: { if case .platformShape = $0.reason { return true } else { return false } }),
           case .platformShape(let name) = pixel.reason {
            platform = (name, "open pixel \(pixel.image.url.host ?? "")\(pixel.image.url.path)")
        } else if let link = webLinks.first(where: { PlatformPatterns.clickPlatform($0.url) != nil }),
                  let name = PlatformPatterns.clickPlatform(link.url) {
            platform = (name, "click-tracking links to \(link.url.host ?? "")\(link.url.path.prefix(12))")
        }
        if let chosen = options.platform { platform = (chosen, "--platform") }
        self.platform = platform
        self.trackingHosts = Self.inferHosts(pixels: pixels, webLinks: webLinks, options: options)
    }

    /// Whether a link goes through one of the tracking hosts.
    public func isTracked(_ link: URLAttribute) -> Bool {
        guard let host = link.url.host else { return false }
        return trackingHosts.contains { $0.covers(host) }
    }

    /// Web links that should go through a tracking host and do not: neither opted out nor the
    /// platform's own. Empty when no tracking host is known.
    public func untrackedLinks(in inventory: LinkInventory) -> [URLAttribute] {
        guard !trackingHosts.isEmpty else { return [] }
        return inventory.webLinks.filter { link in
            link.url.hostKind != .templated && !isTracked(link)
                && !LinkExemptions.isOptedOut(link.element) && !LinkExemptions.isPlatformOwnLink(link.url)
        }
    }

    private static func inferHosts(pixels: [PixelCandidate], webLinks: [URLAttribute], options: LintOptions) -> [TrackingHost] {
        if !options.trackingDomains.isEmpty {
            return options.trackingDomains.map {
                TrackingHost(host: $0.lowercased(), source: .configured, evidence: "--tracking-domain")
            }
        }
        var linksPerHost: [String: Int] = [:]
        for link in webLinks { linksPerHost[link.url.host!, default: 0] += 1 }

        var platformHosts: [String: Int] = [:]
        for link in webLinks where PlatformPatterns.clickPlatform(link.url) != nil {
            platformHosts[link.url.host!, default: 0] += 1
        }
        if !platformHosts.isEmpty {
            return platformHosts.keys.sorted().map {
                TrackingHost(host: $0, source: .platform, evidence: "\(count(platformHosts[$0]!, "link")) in a platform's click-tracking shape")
            }
        }
        for pixel in pixels {
            guard let host = pixel.image.url.host, pixel.image.url.isWeb, let links = linksPerHost[host] else { continue }
            return [TrackingHost(host: host, source: .pixel, evidence: "the open pixel and \(count(links, "link"))")]
        }
        var opaquePerHost: [String: Int] = [:]
        for link in webLinks where hasOpaqueToken(link.url) { opaquePerHost[link.url.host!, default: 0] += 1 }
        let candidates = opaquePerHost.filter { host, opaque in
            let total = linksPerHost[host]!
            return total >= inferenceMinimumLinks && Double(total) > inferenceMinimumShare * Double(webLinks.count)
                && opaque * 3 >= total * 2
        }
        return candidates.keys.sorted().map {
            TrackingHost(host: $0, source: .inferred,
                         evidence: "\(linksPerHost[$0]!) of \(count(webLinks.count, "link")), through opaque redirect paths")
        }
    }

    private static func count(_ number: Int, _ noun: String) -> String { "\(number) \(noun)\(number == 1 ? "" : "s")" }

    /// A path segment or query value that reads as a token (long, letters and digits mixed).
    static func hasOpaqueToken(_ url: URLReference) -> Bool {
        let pieces = url.path.split(separator: "/") + (url.query ?? "").split(separator: "&").compactMap {
            $0.split(separator: "=", maxSplits: 1).last
        }
        return pieces.contains { piece in
            piece.count >= opaqueTokenLength && piece.contains(where: \.isNumber) && piece.contains(where: \.isLetter)
                && piece.allSatisfy { $0.isLetter || $0.isNumber || "-_=.%~".contains($0) }
        }
    }

    private static func findPixels(document: HTMLDocument, inventory: LinkInventory) -> [PixelCandidate] {
        var pixels: [PixelCandidate] = []
        for image in inventory.images {
            if let platform = PlatformPatterns.pixelPlatform(image.url) {
                pixels.append(PixelCandidate(image: image, reason: .platformShape(platform: platform)))
                continue
            }
            guard image.url.isWeb || image.url.kind == .mergeTagOnly else { continue }
            if ImageGeometry.isTiny(image.element) {
                pixels.append(PixelCandidate(image: image, reason: .tiny))
            } else if ImageGeometry.isHidden(image.element, in: document) {
                pixels.append(PixelCandidate(image: image, reason: .hidden))
            }
        }
        return pixels
    }
}

/// Size and visibility of an element as its attributes and inline style state them.
public enum ImageGeometry {
    /// Largest width or height, in CSS pixels, of an image taken for a tracking pixel.
    public static let pixelMaximumSize = 2

    /// True when every stated dimension is at most `pixelMaximumSize` and at least one is stated.
    public static func isTiny(_ element: HTMLElement) -> Bool {
        let style = InlineStyle(element.attribute("style") ?? "")
        let dimensions = [element.attribute("width"), element.attribute("height"), style["width"], style["height"]]
            .compactMap { $0 }.map(pixels(in:))
        guard !dimensions.isEmpty else { return false }
        return dimensions.allSatisfy { $0.map { $0 <= Double(pixelMaximumSize) } ?? false }
    }

    /// True when the element or an ancestor is hidden by `display:none`, `visibility:hidden` or `hidden`.
    public static func isHidden(_ element: HTMLElement, in document: HTMLDocument) -> Bool {
        hidingElement(for: element, in: document) != nil
    }

    public static func hidingElement(for element: HTMLElement, in document: HTMLDocument) -> HTMLElement? {
        for candidate in [element] + document.ancestors(of: element) {
            if candidate.hasAttribute("hidden") { return candidate }
            let style = InlineStyle(candidate.attribute("style") ?? "")
            if style["display"]?.hasPrefix("none") == true || style["visibility"]?.hasPrefix("hidden") == true {
                return candidate
            }
        }
        return nil
    }

    /// `1`, `1px`, ` 0 ` → the number; `100%`, `auto` → nil.
    static func pixels(in value: String) -> Double? {
        var text = value.trimmingASCIISpaces().lowercased()
        if text.hasSuffix("px") { text.removeLast(2) }
        return Double(text.trimmingASCIISpaces())
    }
}

/// The declarations of an inline `style` attribute, property names lower-cased.
public struct InlineStyle {
    private var declarations: [String: String] = [:]

    public init(_ text: String) {
        for declaration in text.split(separator: ";") {
            let parts = declaration.split(separator: ":", maxSplits: 1)
            guard parts.count == 2 else { continue }
            let name = String(parts[0]).trimmingASCIISpaces().lowercased()
            var value = String(parts[1]).trimmingASCIISpaces().lowercased()
            if let important = value.range(of: "!important") { value.removeSubrange(important) }
            declarations[name] = value.trimmingASCIISpaces()
        }
    }

    public subscript(_ name: String) -> String? { declarations[name] }
}
