import TrackLintParsing
import TrackLintPlatforms

/// What the HTML report shows of one body of an input beyond its findings: its links and its
/// content, from which the report builds a safe preview. The linter collects these only when asked
/// (`Linter(collectsReportDetails: true)`), since other formats never need them.
public struct BodyDetails: Sendable {
    public enum Content: Sendable {
        /// The parsed HTML and the elements that are its open pixels, for a preview.
        case html(HTMLDocument, pixelElements: Set<Int>)
        /// A text/plain body, for a message without HTML: shown as text.
        case text(String, truncated: Bool)
    }

    /// The MIME part path, or nil for an HTML file.
    public let part: String?
    public let links: [LinkRow]
    /// Links in the body, which can be more than `links` holds.
    public let linkCount: Int
    public let content: Content
    /// The images that count opens: the platform's pixels, then third-party beacons.
    public let measurementImages: [MeasurementImage]

    /// The report lists at most this many links of a body.
    public static let maximumLinks = 1_000
    /// A text body is kept up to this many bytes.
    public static let maximumTextBytes = 512 * 1024

    init(input: LintInput, part: String?) {
        self.part = part
        let inventory = input.inventory
        linkCount = inventory.links.count
        let untracked = Set(input.tracking.untrackedLinks(in: inventory, platform: input.platform?.name).map(\.element.index))
        links = inventory.links.prefix(Self.maximumLinks).map { LinkRow(link: $0, input: input, untracked: untracked) }
        content = .html(input.document, pixelElements: Set(input.tracking.pixels.map(\.image.element.index)))
        measurementImages = MeasurementImage.all(in: input)
    }

    /// The text part of a message that has no HTML body.
    init(textPart: MIMEPart, of message: MailMessage) {
        part = textPart.path
        links = []
        linkCount = 0
        measurementImages = []
        let text = String(decoding: message.text(of: textPart).utf8, as: UTF8.self)
        let budget = Self.maximumTextBytes
        content = text.utf8.count > budget
            ? .text(String(decoding: text.utf8.prefix(budget), as: UTF8.self), truncated: true)
            : .text(text, truncated: false)
    }
}

/// One row of the report's link table.
public struct LinkRow: Sendable {
    public enum Status: String, Sendable {
        case tracked = "tracked"
        case untracked = "not tracked"
        case optedOut = "opted out of tracking"
        case platformLink = "left alone on purpose"
        case outlookOnly = "Outlook only"
        case notWeb = "not a web link"
        case dead = "dead (not an absolute URL)"
        case mergeTag = "merge tag"
        case awaitingSend = "rewritten when sent"
        case noTrackingHost = "no tracking host found"
    }

    /// The link's visible text, or its image's alt text.
    public let text: String
    /// The href as written in the message (before any gateway unwrapping).
    public let href: String
    /// The line in the body (the part, for a message).
    public let line: Int
    public let status: Status
    public let trackingHost: String?
    /// Where the link really goes, when the URL carries it (a platform's or a gateway's encoding).
    public let target: String?
    /// The link's element index and start tag, to match findings and preview markers to it.
    public let element: Int
    public let tag: Range<Int>?

    /// `untracked`: the element indexes of the links that should be tracked and are not (TL307's).
    package init(link: URLAttribute, input: LintInput, untracked: Set<Int>) {
        let document = input.document
        let element = link.element
        self.element = element.index
        tag = element.startTag
        let written = link.gateway?.written ?? link.url
        href = written.raw
        let offset = document.valueOffset(of: link.attribute, in: element)?.lowerBound ?? element.startTag?.lowerBound ?? 0
        line = document.source.position(ofOffset: offset).line
        let words = Self.words(of: input.linkTexts[element.index] ?? "")
        text = words.isEmpty ? Self.imageText(inside: element, of: document) : words
        target = PlatformProfiles.destination(of: link.url) ?? (link.gateway != nil ? link.url.trimmed : nil)
        let tracking = input.tracking
        let tracked = tracking.isTracked(link)
        trackingHost = tracked ? link.url.host : nil
        status = Self.status(of: link, tracked: tracked, untracked: untracked.contains(element.index), tracking: tracking, stage: input.stage)
    }

    private static func status(of link: URLAttribute, tracked: Bool, untracked: Bool, tracking: TrackingAnalysis, stage: Stage) -> Status {
        let url = link.url
        switch url.kind {
        case .mergeTagOnly, .templated: return .mergeTag
        case .absolute: break
        default: return .dead
        }
        if !url.isWeb { return .notWeb }
        if tracked { return .tracked }
        if LinkExemptions.isOptedOut(link.element) { return .optedOut }
        if link.element.inConditionalComment { return .outlookOnly }
        if LinkExemptions.isPlatformOwnLink(url) || LinkExemptions.isRedirect(url) { return .platformLink }
        if tracking.trackingHosts.isEmpty { return stage == .template ? .awaitingSend : .noTrackingHost }
        // Links to the platform's own hosts (its web view, its badge) are left alone on purpose too.
        return untracked ? .untracked : .platformLink
    }

    /// A link's text as one line: runs of whitespace made one space, none at the ends (what
    /// `split(whereSeparator: \.isWhitespace).joined(separator: " ")` makes of it). An ASCII text,
    /// nearly every one, is done byte by byte: splitting it into Characters cost more per link than
    /// the rest of its facts. A text that is one line already is returned as it is.
    package static func words(of text: String) -> String {
        // nil outside ASCII.
        let changes = text.withUTF8InPlace { bytes in bytes.allSatisfy { $0 < 0x80 } ? needsJoining(bytes) : nil }
        guard let changes else { return text.split(whereSeparator: \.isWhitespace).joined(separator: " ") }
        guard changes else { return text }
        return text.withUTF8InPlace { bytes in
            String(unsafeUninitializedCapacity: bytes.count) { buffer in
                var count = 0
                var spaceOwed = false
                for byte in bytes {
                    if isWhitespace(byte) {
                        spaceOwed = count > 0
                        continue
                    }
                    if spaceOwed {
                        buffer[count] = 0x20
                        count += 1
                        spaceOwed = false
                    }
                    buffer[count] = byte
                    count += 1
                }
                return count
            }
        }
    }

    /// Whether ASCII text has whitespace at an end, whitespace other than a space, or two
    /// whitespace bytes in a row: what `words(of:)` changes.
    private static func needsJoining(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        guard let first = bytes.first, let last = bytes.last else { return false }
        if isWhitespace(first) || isWhitespace(last) { return true }
        var previousWasSpace = false
        for byte in bytes {
            let isSpace = isWhitespace(byte)
            if isSpace && (previousWasSpace || byte != 0x20) { return true }
            previousWasSpace = isSpace
        }
        return false
    }

    /// The ASCII whitespace of `Character.isWhitespace`: tab, line feed, vertical tab, form feed, return, space.
    @inline(__always)
    private static func isWhitespace(_ byte: UInt8) -> Bool { byte == 0x20 || (byte >= 0x09 && byte <= 0x0D) }

    /// For a link without text: "[image: alt]" from the first image inside it.
    package static func imageText(inside link: HTMLElement, of document: HTMLDocument) -> String {
        // Descendants follow their ancestor in document order; a few are enough to find the image.
        let elements = document.elements
        for index in (link.index + 1)..<min(elements.count, link.index + 20) {
            guard document.isInside(elements[index], link.index) else { break }
            if elements[index].name == "img" {
                let alt = elements[index].attribute("alt")?.trimmingASCIISpaces() ?? ""
                return alt.isEmpty ? "[image]" : "[image: \(alt)]"
            }
        }
        return ""
    }

}

/// An image that counts opens, as the report shows it: the platform's own pixel, or a third
/// party's measurement beacon (which counts nothing for the sender).
public struct MeasurementImage: Sendable {
    public enum Kind: Sendable, Equatable {
        /// The platform's pixel (the one the diagnosis reads, or one in a platform's pixel shape);
        /// the platform when its pixel shape says so.
        case pixel(platform: String?)
        /// Another tiny remote image: a spacer, or a pixel of another system.
        case otherTiny
        case beacon(name: String)
    }

    public let kind: Kind
    public let url: String
    public let element: Int
    public let line: Int
    public let offset: Int
    public let hidden: Bool

    static func all(in input: LintInput) -> [MeasurementImage] {
        let tracking = input.tracking
        let pixels = tracking.pixels.enumerated().map { index, pixel in
            (index == 0 || pixel.reason.platform != nil ? Kind.pixel(platform: pixel.reason.platform) : .otherTiny, pixel.image)
        }
        let beacons = tracking.beacons.map { (Kind.beacon(name: $0.beacon.name), $0.image) }
        return (pixels + beacons).map { kind, image in
            let offset = image.element.startTag?.lowerBound ?? 0
            return MeasurementImage(kind: kind, url: image.url.trimmed, element: image.element.index,
                                    line: input.document.source.position(ofOffset: offset).line, offset: offset,
                                    hidden: input.visibility.isHidden(image.element))
        }
    }
}
