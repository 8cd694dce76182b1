import TrackLintParsing
import TrackLintPlatforms

/// Why an image was taken for an open-tracking pixel. Being hidden is no reason: a banner hidden
/// on mobile is not a pixel.
public enum PixelReason: Sendable, Hashable {
    case platformShape(platform: String)
    case tiny
    /// Hidden, without a stated size and not an image file, on a host the links go through too:
    /// a tracker's own image (Postal's `<p style="display:none"><img src=".../img/<token>/<token>">`).
    case hiddenOnLinkHost

    /// The platform whose pixel URL shape matched, if that is the reason.
    public var platform: String? {
        if case .platformShape(let platform) = self { return platform }
        return nil
    }
}

public struct PixelCandidate: Sendable {
    public let image: URLAttribute
    public let reason: PixelReason
}

/// A tiny image that is a third party's measurement beacon, not the platform's pixel.
public struct BeaconImage: Sendable {
    public let image: URLAttribute
    public let beacon: MeasurementBeacon
}

/// A host that tracked links go through, and how we know.
public struct TrackingHost: Codable, Sendable, Hashable {
    public enum Source: String, Codable, Sendable, Hashable {
        case configured, platform, pixel, inferred
    }

    public let host: String
    public let source: Source
    /// Human-readable: "--tracking-domain", "the open pixel and 12 links", "9 of 11 links".
    public let evidence: String
    /// What `--online` found out about it; nil without `--online`.
    public private(set) var check: HostCheck?

    package init(host: String, source: Source, evidence: String) {
        self.host = host
        self.source = source
        self.evidence = evidence
    }

    package func with(_ check: HostCheck?) -> TrackingHost {
        var checked = self
        checked.check = check
        return checked
    }

    /// Whether a link host goes through this tracking host (the host itself or a subdomain of a
    /// configured domain).
    package func covers(_ linkHost: String) -> Bool {
        linkHost == host || (source == .configured && linkHost.hasSuffix("." + host))
    }
}

/// What the document says about open and click tracking: its pixel, platform and tracking hosts.
public struct TrackingAnalysis: Sendable {
    public let pixels: [PixelCandidate]
    /// Tiny images that are audience-measurement or analytics beacons (never among `pixels`).
    public let beacons: [BeaconImage]
    /// Pixel-sized images that request nothing: an empty, `data:` or `cid:` src (TL202).
    public let blankPixels: [URLAttribute]
    /// The platform whose pixel or click URL shapes the document carries, with the evidence.
    public let detectedPlatform: (name: String, evidence: String)?
    public let trackingHosts: [TrackingHost]
    /// The web links in a platform's click-tracking shape, in document order, with the shape: the
    /// platform attribution reads them too, and each look-up tries many shapes.
    package let clickShapedLinks: [(link: URLAttribute, shape: URLShape)]

    /// True when a platform's pixel or click-redirect URL is present: the HTML was already sent.
    public var carriesPlatformTracking: Bool { detectedPlatform != nil }

    /// Fewest links on one host, and the share of all web links, for that host to be taken for a
    /// tracking host without any other evidence.
    package static let inferenceMinimumLinks = 3
    package static let inferenceMinimumShare = 0.5
    /// A path segment or query value at least this long, mixing letters and digits, is an opaque token.
    package static let opaqueTokenLength = 16

    /// `headerPlatform` is the platform the enclosing message's headers name, when there is one.
    package init(inventory: LinkInventory, visibility: Visibility, options: LintOptions, headerPlatform: String? = nil) {
        let (pixels, beacons) = Self.findPixels(inventory: inventory, visibility: visibility)
        self.pixels = pixels
        self.beacons = beacons
        blankPixels = inventory.images.filter { image in
            let url = image.url
            return (url.kind == .empty || url.scheme == "data" || url.scheme == "cid") && ImageGeometry.isTiny(image.element)
        }
        let webLinks = inventory.webLinks

        clickShapedLinks = webLinks.compactMap { link in PlatformProfiles.clickShape(of: link.url).map { (link, $0) } }
        let shaped = Self.platformShapedHosts(pixels: pixels, shapedLinks: clickShapedLinks, headerPlatform: headerPlatform)
        var detected: (String, String)?
        if let pixel = pixels.first(where: { $0.reason.platform != nil }), let name = pixel.reason.platform {
            detected = (name, "open pixel \(pixel.image.url.host ?? "")\(pixel.image.url.path)")
        } else if let (host, shape, _) = shaped.first {
            detected = (shape.platform, "click-tracking links to \(host)\(shape.pathPrefix)")
        }
        detectedPlatform = detected
        self.trackingHosts = Self.inferHosts(pixels: pixels, webLinks: webLinks, shaped: shaped, options: options)
    }

    /// Whether a link goes through one of the tracking hosts.
    public func isTracked(_ link: URLAttribute) -> Bool {
        guard let host = link.url.host else { return false }
        return trackingHosts.contains { $0.covers(host) }
    }

    /// Web links that should go through a tracking host and do not: neither opted out nor the
    /// platform's own, by host or by shape (`platform` is the mail's builder). Empty when no
    /// tracking host is known.
    public func untrackedLinks(in inventory: LinkInventory, platform: String?) -> [URLAttribute] {
        guard !trackingHosts.isEmpty else { return [] }
        let ownHosts = Self.ownHosts(of: platform)
        return inventory.webLinks.filter { link in
            // Links inside Outlook conditional comments are TL309's.
            link.url.hostKind != .templated && !isTracked(link) && !link.element.inConditionalComment
                && !LinkExemptions.isOptedOut(link.element) && !LinkExemptions.isPlatformOwnLink(link.url)
                && !LinkExemptions.isRedirect(link.url)
                && !ownHosts.contains { URLShape.isDomain(link.url.host ?? "", under: $0) }
                && (platform == nil || PlatformProfiles.ownLinkShape(of: link.url)?.platform != platform)
        }
    }

    private static func isOwnPage(_ host: String, of shape: URLShape) -> Bool {
        guard let shapeHost = shape.hostSuffix else { return false }
        return ownHosts(of: shape.platform).contains { own in
            own != shapeHost && URLShape.isDomain(own, under: shapeHost) && URLShape.isDomain(host, under: own)
        }
    }

    /// Hosts of the links a platform adds outside its click tracker: web view, list management,
    /// its referral badge and legal pages.
    package static func ownHosts(of platform: String?) -> [String] {
        guard let profile = platform.flatMap(PlatformProfiles.profile) else { return [] }
        return [PlatformHosts.Role.webView, .unsubscribe, .preferenceCentre, .ownLinks].flatMap { profile.hosts[$0] }
    }

    /// The hosts of links in a platform's click-tracking shape that are the message's tracking
    /// hosts, in document order, with the shape of the first link on each and its link count. A
    /// shape that constrains the host counts wherever it matches. A path shape that fits any host
    /// (a branded domain: `/ls/click`, `/f/a/`) counts on the platform pixel's host; else on the
    /// hosts of the platform the headers name; else, when nothing else names a tracking host, on
    /// the host most such links use. The same path on another host is another sender's redirect.
    /// A platform's own page on a subdomain of its shape's host (Kit's `unsubscribe.convertkit-mail4.com/<id>`)
    /// is not its tracking; where the two share a host (Mailchimp's `list-manage.com`), the shape's path tells.
    private static func platformShapedHosts(pixels: [PixelCandidate], shapedLinks: [(link: URLAttribute, shape: URLShape)], headerPlatform: String?)
        -> [(host: String, shape: URLShape, links: Int)] {
        var found: [(host: String, shape: URLShape, links: Int)] = []
        for (link, shape) in shapedLinks {
            guard let host = link.url.host, !isOwnPage(host, of: shape) else { continue }
            if let index = found.firstIndex(where: { $0.host == host }) { found[index].links += 1 } else { found.append((host, shape, 1)) }
        }
        // The platform's own tracking hosts (SendGrid's `*.ct.sendgrid.net`) are as good as a host in the shape.
        func namesHost(_ entry: (host: String, shape: URLShape, links: Int)) -> Bool {
            entry.shape.constrainsHost || (PlatformProfiles.profile(entry.shape.platform)?.hosts.clickTracking
                .contains { URLShape.isDomain(entry.host, under: $0) } ?? false)
        }
        let anyHost = found.filter { !namesHost($0) }
        guard !anyHost.isEmpty else { return found }
        let pixelHosts = Set(pixels.filter { $0.reason.platform != nil }.compactMap(\.image.url.host))
        let onPixelHost = anyHost.filter { pixelHosts.contains($0.host) }
        let ofHeaderPlatform = anyHost.filter { $0.shape.platform == headerPlatform }
        let most = anyHost.map(\.links).max() ?? 0
        let kept = !onPixelHost.isEmpty ? onPixelHost : !ofHeaderPlatform.isEmpty ? ofHeaderPlatform
            : found.count > anyHost.count ? [] : anyHost.filter { $0.links == most }
        return found.filter { entry in namesHost(entry) || kept.contains { $0.host == entry.host } }
    }

    private static func inferHosts(pixels: [PixelCandidate], webLinks: [URLAttribute], shaped: [(host: String, shape: URLShape, links: Int)],
                                   options: LintOptions) -> [TrackingHost] {
        if !options.trackingDomains.isEmpty {
            return options.trackingDomains.map {
                TrackingHost(host: $0.lowercased(), source: .configured, evidence: "--tracking-domain")
            }
        }
        var linksPerHost: [String: Int] = [:]
        for link in webLinks { linksPerHost[link.url.host!, default: 0] += 1 }

        if !shaped.isEmpty {
            return shaped.sorted { $0.host < $1.host }.map {
                TrackingHost(host: $0.host, source: .platform, evidence: "\(count($0.links, "link")) in a platform's click-tracking shape")
            }
        }
        let pixelHost = pixels.lazy.compactMap { pixel -> TrackingHost? in
            guard let host = pixel.image.url.host, pixel.image.url.isWeb, let links = linksPerHost[host] else { return nil }
            return TrackingHost(host: host, source: .pixel, evidence: "the open pixel and \(count(links, "link"))")
        }.first
        var opaquePerHost: [String: Int] = [:]
        for link in webLinks where hasOpaqueToken(link.url) { opaquePerHost[link.url.host!, default: 0] += 1 }
        let majorityHost = opaquePerHost.filter { host, opaque in
            let total = linksPerHost[host]!
            return total >= inferenceMinimumLinks && Double(total) > inferenceMinimumShare * Double(webLinks.count)
                && opaque * 3 >= total * 2
        }.keys.sorted().first.map {
            TrackingHost(host: $0, source: .inferred,
                         evidence: "\(linksPerHost[$0]!) of \(count(webLinks.count, "link")), through opaque redirect paths")
        }
        // The pixel's host is the better evidence, unless most links go through another redirector
        // (a pixel on the sender's own site, clicks counted elsewhere).
        if let pixel = pixelHost, let majority = majorityHost {
            return linksPerHost[majority.host]! > linksPerHost[pixel.host]! ? [majority] : [pixel]
        }
        return [pixelHost ?? majorityHost ?? clickHost(ofPixels: pixels)].compactMap { $0 }
    }

    /// The host of a platform's pixel when that platform redirects clicks through the same host
    /// (SendGrid's branded `url1234.<domain>`, Mailchimp's list-manage.com, Constant Contact's
    /// rs6.net): the mail was sent with tracking on, so links that do not go there bypass it, even
    /// when none does. Not for platforms whose clicks go through another host than their pixel
    /// (Postmark's click.pstmrk.it beside ea.pstmrk.it), where no link tells which one that is.
    private static func clickHost(ofPixels pixels: [PixelCandidate]) -> TrackingHost? {
        for pixel in pixels where pixel.image.url.isWeb {
            guard let platform = pixel.reason.platform, let host = pixel.image.url.host,
                  let profile = PlatformProfiles.profile(platform),
                  profile.clickShapes.contains(where: { $0.accepts(host: host) })
                    || profile.hosts.clickTracking.contains(where: { URLShape.isDomain(host, under: $0) })
            else { continue }
            return TrackingHost(host: host, source: .pixel,
                                evidence: "the \(profile.displayName) open pixel; \(profile.displayName)'s click redirects use that host too")
        }
        return nil
    }

    private static func count(_ number: Int, _ noun: String) -> String { "\(number) \(noun)\(number == 1 ? "" : "s")" }

    /// A path segment or query value that reads as a token (long, letters and digits mixed).
    package static func hasOpaqueToken(_ url: URLReference) -> Bool {
        var path = url.path, query = url.query ?? ""
        // ASCII without CR, nearly every URL, where a character is a byte: cut as bytes, without a
        // Substring per piece. A payload is what `QueryParameters.payloads` takes: the value, else the name.
        guard isPlainASCII(path), isPlainASCII(query) else {
            return (path.split(separator: "/") + QueryParameters.payloads(of: query)).contains { tokenVerdict($0.utf8) ?? isUnicodeToken($0) }
        }
        return path.withUTF8 { bytes in anyPiece(of: bytes, between: UInt8(ascii: "/")) { tokenVerdict(bytes[$0]) == true } }
            || query.withUTF8 { bytes in
                anyPiece(of: bytes, between: UInt8(ascii: "&")) { pair in
                    let payload = (bytes[pair].firstIndex { $0 != UInt8(ascii: "=") } ?? pair.upperBound)..<pair.upperBound
                    guard !payload.isEmpty, let equals = bytes[payload].firstIndex(of: UInt8(ascii: "=")) else { return tokenVerdict(bytes[payload]) == true }
                    return tokenVerdict(equals + 1 < pair.upperBound ? bytes[(equals + 1)..<pair.upperBound] : bytes[payload.lowerBound..<equals]) == true
                }
            }
    }

    private static func isPlainASCII(_ text: String) -> Bool { text.utf8.allSatisfy { $0 < 0x80 && $0 != 0x0D } }

    /// Whether some range between separators passes `test` (empty ones are tried too: no token is empty).
    private static func anyPiece(of bytes: UnsafeBufferPointer<UInt8>, between separator: UInt8, _ test: (Range<Int>) -> Bool) -> Bool {
        var start = 0
        while start < bytes.count {
            let end = bytes.firstIndex(of: separator, from: start, to: bytes.count) ?? bytes.count
            if test(start..<end) { return true }
            start = end + 1
        }
        return false
    }

    /// Whether ASCII bytes are a token: long enough, letters, digits and `-_=.%~` with both letters
    /// and digits; nil at a byte that is not ASCII, where characters must be judged.
    private static func tokenVerdict<Bytes: Collection<UInt8>>(_ bytes: Bytes) -> Bool? {
        guard bytes.count >= opaqueTokenLength else { return false }
        var hasDigit = false
        var hasLetter = false
        for byte in bytes {
            switch byte {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): hasDigit = true
            case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"): hasLetter = true
            case UInt8(ascii: "-"), UInt8(ascii: "_"), UInt8(ascii: "="), UInt8(ascii: "."), UInt8(ascii: "%"), UInt8(ascii: "~"): continue
            case 0x80...: return nil
            default: return false
            }
        }
        return hasDigit && hasLetter
    }

    /// The same judged on characters: Unicode letters and digits count too.
    private static func isUnicodeToken(_ piece: Substring) -> Bool {
        piece.count >= opaqueTokenLength && piece.contains(where: \.isNumber) && piece.contains(where: \.isLetter)
            && piece.allSatisfy { $0.isLetter || $0.isNumber || "-_=.%~".contains($0) }
    }

    /// Endings of image files: a hidden one is content hidden on some screens, never a tracker.
    package static let imageFileEndings = [".jpg", ".jpeg", ".png", ".webp", ".svg", ".avif"]

    /// The platform's pixels (its pixel shape, a tiny remote image, a hidden tracker image on a
    /// link host) and the tiny images that are third-party beacons instead.
    private static func findPixels(inventory: LinkInventory, visibility: Visibility) -> ([PixelCandidate], [BeaconImage]) {
        var pixels: [PixelCandidate] = []
        var beacons: [BeaconImage] = []
        let linkHosts = Set(inventory.webLinks.compactMap(\.url.host))
        for image in inventory.images {
            if let shape = PlatformProfiles.pixelShape(of: image.url) {
                pixels.append(PixelCandidate(image: image, reason: .platformShape(platform: shape.platform)))
                continue
            }
            guard image.url.isWeb || image.url.kind == .mergeTagOnly else { continue }
            guard ImageGeometry.isTiny(image.element) else {
                if isHiddenTracker(image, visibility: visibility, linkHosts: linkHosts) {
                    pixels.append(PixelCandidate(image: image, reason: .hiddenOnLinkHost))
                }
                continue
            }
            if let beacon = MeasurementBeacons.beacon(for: image.url) {
                beacons.append(BeaconImage(image: image, beacon: beacon))
            } else {
                pixels.append(PixelCandidate(image: image, reason: .tiny))
            }
        }
        return (pixels, beacons)
    }

    private static func isHiddenTracker(_ image: URLAttribute, visibility: Visibility, linkHosts: Set<String>) -> Bool {
        guard visibility.isHidden(image.element), !ImageGeometry.statesSize(image.element),
              let host = image.url.host, linkHosts.contains(host), MeasurementBeacons.beacon(for: image.url) == nil else { return false }
        let path = image.url.path.lowercased()
        return !imageFileEndings.contains(where: path.hasSuffix)
    }
}
