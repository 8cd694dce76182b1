import Foundation
import TrackLintParsing

/// The hosts a platform uses, by what they do. A host covers its subdomains.
public struct PlatformHosts: Sendable {
    public enum Role: String, Sendable, CaseIterable {
        case sending, clickTracking, pixel, webView, unsubscribe, preferenceCentre, ownLinks
    }

    /// Hosts that relay its mail (seen in `Received`, `Return-Path`, `Message-ID`).
    public let sending: [String]
    public let clickTracking: [String]
    public let pixel: [String]
    public let webView: [String]
    public let unsubscribe: [String]
    public let preferenceCentre: [String]
    /// Links it adds to a message itself, outside its click tracker: referral badges, its legal pages.
    public let ownLinks: [String]

    package init(sending: [String] = [], clickTracking: [String] = [], pixel: [String] = [], webView: [String] = [],
                 unsubscribe: [String] = [], preferenceCentre: [String] = [], ownLinks: [String] = []) {
        self.sending = sending
        self.clickTracking = clickTracking
        self.pixel = pixel
        self.webView = webView
        self.unsubscribe = unsubscribe
        self.preferenceCentre = preferenceCentre
        self.ownLinks = ownLinks
    }

    public subscript(role: Role) -> [String] {
        switch role {
        case .sending: sending
        case .clickTracking: clickTracking
        case .pixel: pixel
        case .webView: webView
        case .unsubscribe: unsubscribe
        case .preferenceCentre: preferenceCentre
        case .ownLinks: ownLinks
        }
    }
}

/// A template attribute or class with which a platform leaves one link out of click tracking.
public struct OptOutMarker: Sendable, Hashable {
    /// The attribute's name, or `class=<name>` for a class.
    public let key: String
    /// The value the attribute must have (compared lower-cased); nil when its presence is enough.
    public let value: String?

    package static func attribute(_ name: String, value: String? = nil) -> OptOutMarker { OptOutMarker(key: name, value: value) }
    package static func className(_ name: String) -> OptOutMarker { OptOutMarker(key: "class=" + name, value: nil) }
}

public enum TrackingKind: Sendable { case opens, clicks }

/// A header with which a message asks the platform to switch open or click tracking off.
public struct TrackingSwitch: Sendable {
    /// Lower-case.
    public let header: String
    /// The kinds of tracking a value of the header switches off, in report order.
    package let switchesOff: @Sendable (_ value: String) -> [TrackingKind]

    package init(_ header: String, switchesOff: @escaping @Sendable (_ value: String) -> [TrackingKind]) {
        self.header = header.asciiLowercased()
        self.switchesOff = switchesOff
    }

    /// A header whose value `no` (or `false`, `0`, `off`, `none`) switches these kinds off.
    package static func no(_ header: String, _ kinds: [TrackingKind]) -> TrackingSwitch {
        TrackingSwitch(header) { value in
            ["no", "false", "0", "off", "none"].contains(value.trimmingCharacters().lowercased()) ? kinds : []
        }
    }

    /// `0`, `false` and `no` in a JSON setting (SendGrid's and SparkPost's API headers).
    package static func isFalse(_ value: Any?) -> Bool {
        switch value {
        case let number as NSNumber: return number.intValue == 0
        case let text as String: return ["0", "false", "no"].contains(text.lowercased())
        default: return false
        }
    }
}

/// A sign that a message is a test send of the platform, which it does not track.
public struct TestSendSignal: Sendable {
    /// A placeholder that the platform leaves unreplaced only in test sends (Mautic's `|URL|`).
    public let placeholder: String
    /// Completes "`|URL|` was not replaced: ...".
    public let explanation: String
}

/// Reads the destination a platform's click-tracking URL carries, where the platform puts it in the URL.
public struct DestinationDecoder: Sendable {
    /// A cheap first test of the host (lower-case) and path: this runs for every link.
    package let applies: @Sendable (_ host: String, _ path: String) -> Bool
    package let decode: @Sendable (URLReference) -> String?
}

/// How an author marks a link for a platform that tracks only marked links.
public enum TrackingMarker: Sendable, Equatable {
    /// Written right after the URL: `https://x.example/@TrackLink`.
    case suffix(String)
    /// A template call around the quoted URL: `{{ TrackLink "https://x.example/" }}`.
    case call(String)

    public var description: String {
        switch self {
        case .suffix(let text): text
        case .call(let name): "{{ \(name) \"...\" }}"
        }
    }
}

/// How a platform's link rewriter picks the links it tracks, and so what it leaves untracked
/// although the sender meant it tracked (TL320; facts: `knowledge/platform-trackability.md`).
public struct RewriterRules: Sendable {
    /// Which links the rewriter takes: every eligible one unless opted out, or only marked ones.
    public enum Selection: Sendable { case all, marked }

    public let selection: Selection
    /// How a link is marked for tracking, where `selection` is `marked`.
    public let markers: [TrackingMarker]
    /// Whether it compares the scheme case-sensitively, so `HTTPS://` stays untracked (Mautic, Postal).
    public let lowerCaseSchemeOnly: Bool
    /// The bytes its URL pattern accepts after the host (Postal), or nil for any.
    public let pathCharacters: Set<UInt8>?
    /// Whether a query must follow a path (Postal skips `https://x.com?a=1`).
    public let needsPathBeforeQuery: Bool
    /// Whether it reads hrefs only as written `href="..."`, quoted and without spaces around `=` (Postal).
    public let needsPlainQuotedHref: Bool
    /// Whether userinfo (`user@host`) hides the link from it (Postal).
    public let rejectsUserinfo: Bool
    /// The bytes a URL marked for tracking may hold for the mark to be understood (listmonk): the
    /// mark is left in the link literally otherwise. Nil for any.
    public let markedURLCharacters: (@Sendable (Unicode.Scalar) -> Bool)?

    package static let none = RewriterRules(selection: .all)

    package init(selection: Selection, markers: [TrackingMarker] = [], lowerCaseSchemeOnly: Bool = false, pathCharacters: Set<UInt8>? = nil,
                 needsPathBeforeQuery: Bool = false, needsPlainQuotedHref: Bool = false, rejectsUserinfo: Bool = false,
                 markedURLCharacters: (@Sendable (Unicode.Scalar) -> Bool)? = nil) {
        self.selection = selection
        self.markers = markers
        self.lowerCaseSchemeOnly = lowerCaseSchemeOnly
        self.pathCharacters = pathCharacters
        self.needsPathBeforeQuery = needsPathBeforeQuery
        self.needsPlainQuotedHref = needsPlainQuotedHref
        self.rejectsUserinfo = rejectsUserinfo
        self.markedURLCharacters = markedURLCharacters
    }
}

/// Everything tracklint knows about one sending platform, in one value (facts:
/// `knowledge/esp-facts.md`): how to recognise its mail, its hosts and URL shapes, its template
/// language, and how it switches tracking off. One file per platform under `Platforms/`, listed in
/// `PlatformProfiles.all`. A class: profiles are read for every message, and copying one copies
/// a dozen arrays.
public final class PlatformProfile: Sendable {
    /// The lower-case id used in `diagnosis.platform.name` and `--platform`.
    public let id: String
    public let displayName: String
    public let headers: [HeaderFingerprint]
    public let hosts: PlatformHosts
    public let clickShapes: [URLShape]
    public let pixelShapes: [URLShape]
    /// Links it adds outside its click tracker that no host of `hosts` names, by their shape
    /// (Salesforce's web view on `view.<branded domain>/?qs=`, beside `click.<branded domain>`).
    public let ownLinkShapes: [URLShape]
    public let destination: DestinationDecoder?
    /// The placeholder syntax of its template language, the one it is known for first.
    public let mergeTags: [MergeTagDialect]
    /// Its unsubscribe placeholders as written in templates.
    public let unsubscribePlaceholders: [String]
    /// Elements its templates write for the unsubscribe link (Campaign Monitor's `<unsubscribe>`).
    public let unsubscribeElements: [String]
    public let preferencePlaceholders: [String]
    public let webViewPlaceholders: [String]
    public let optOutMarkers: [OptOutMarker]
    public let trackingSwitches: [TrackingSwitch]
    public let testSendSignals: [TestSendSignal]
    public let rewriter: RewriterRules
    /// Platforms whose headers and hosts this one's mail also carries (Klaviyo and Kit send through
    /// SendGrid): when both match, this profile wins, and sharing their hosts is declared.
    public let overrides: [String]
    /// Whether other platforms deliver their mail through this one (Mailgun, SES, SendGrid, ...):
    /// then its headers name the relay, and a builder found beside it owns the tracking.
    public let isTransport: Bool
    /// Text that its templates contain beyond its placeholders (`mc:edit`, `{% module`), searched in
    /// the source as written (`TemplateSignals`).
    public let templateSignals: [String]
    /// Functions of its template language whose value it tracks as a link, written in lower case
    /// with their opening parenthesis (`redirectto(`: AMPscript's `%%=RedirectTo(@link)=%%`).
    public let trackedLinkFunctions: [String]
    /// Whether it adds its own unsubscribe footer to mail whose body has none (Klaviyo, Marketo,
    /// Constant Contact, Postmark's broadcasts): a template without one still gives readers a way out.
    public let appendsUnsubscribeFooter: Bool
    /// Where a custom tracking domain's CNAME must lead (`mailgun.org`; `*` stands for one
    /// label's text, as in `mkto-*.com`): `--online` compares the chain with them (TL508).
    public let cnameTargets: [String]
    /// What to tell a customer of this platform to do (the customer answer).
    public let advice: PlatformAdvice

    package init(_ id: String, _ displayName: String, headers: [HeaderFingerprint] = [], hosts: PlatformHosts = PlatformHosts(),
                 clicks: [URLShape] = [], pixels: [URLShape] = [], ownLinks: [URLShape] = [], destination: DestinationDecoder? = nil,
                 mergeTags: [MergeTagDialect] = [], unsubscribe: [String] = [], unsubscribeElements: [String] = [],
                 preferences: [String] = [], webView: [String] = [], optOut: [OptOutMarker] = [],
                 trackingSwitches: [TrackingSwitch] = [], testSends: [TestSendSignal] = [], rewriter: RewriterRules = .none,
                 overrides: [String] = [], transport: Bool = false, templateSignals: [String] = [], trackedLinkFunctions: [String] = [],
                 appendsUnsubscribeFooter: Bool = false, cnameTargets: [String] = [], advice: PlatformAdvice = PlatformAdvice()) {
        self.id = id
        self.displayName = displayName
        self.headers = headers
        self.hosts = hosts
        self.clickShapes = clicks
        self.pixelShapes = pixels
        self.ownLinkShapes = ownLinks
        self.destination = destination
        self.mergeTags = mergeTags
        self.unsubscribePlaceholders = unsubscribe
        self.unsubscribeElements = unsubscribeElements
        self.preferencePlaceholders = preferences
        self.webViewPlaceholders = webView
        self.optOutMarkers = optOut
        self.trackingSwitches = trackingSwitches
        self.testSendSignals = testSends
        self.rewriter = rewriter
        self.overrides = overrides
        self.isTransport = transport
        self.templateSignals = templateSignals
        self.trackedLinkFunctions = trackedLinkFunctions
        self.appendsUnsubscribeFooter = appendsUnsubscribeFooter
        self.cnameTargets = cnameTargets
        self.advice = advice
    }

    /// Everything in a template that points at this platform: its placeholders, the elements it
    /// writes for the unsubscribe link, its opt-out attributes, and its other template syntax.
    public var templateSyntax: [String] {
        unsubscribePlaceholders + preferencePlaceholders + webViewPlaceholders + unsubscribeElements.map { "<" + $0 }
            + optOutMarkers.map(\.key).filter { !$0.hasPrefix("class=") } + templateSignals
    }

    /// Whether a name is one of its CNAME targets or under one.
    public func isCNAMETarget(_ name: String) -> Bool {
        cnameTargets.contains { target in
            let labels = target.split(separator: ".")
            let nameLabels = name.split(separator: ".").suffix(labels.count)
            return nameLabels.count == labels.count && zip(labels, nameLabels).allSatisfy { pattern, label in
                guard let star = pattern.firstIndex(of: "*") else { return pattern == label }
                let prefix = pattern[..<star], suffix = pattern[pattern.index(after: star)...]
                return label.count > prefix.count + suffix.count && label.hasPrefix(prefix) && label.hasSuffix(suffix)
            }
        }
    }

    /// The hosts it claims for a role: those listed, and for tracking the hosts of its URL shapes.
    public func hosts(for role: PlatformHosts.Role) -> Set<String> {
        var hosts = Set(self.hosts[role])
        if role == .clickTracking { hosts.formUnion(clickShapes.compactMap(\.hostSuffix)) }
        if role == .pixel { hosts.formUnion(pixelShapes.compactMap(\.hostSuffix)) }
        return hosts
    }
}
