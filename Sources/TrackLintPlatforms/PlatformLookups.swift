import TrackLintParsing

/// Questions the analysis and the rules ask of the registry: everything here reads `all`.
extension PlatformProfiles {
    /// Weight at which evidence names a platform.
    package static let confidentWeight = 3

    public static let ids: [String] = all.map(\.id)

    public static func profile(_ id: String) -> PlatformProfile? { all.first { $0.id == id } }

    /// The platform of that id, when it adds its own unsubscribe footer to mail without one.
    public static func addingUnsubscribeFooter(_ id: String?) -> PlatformProfile? {
        id.flatMap(profile).flatMap { $0.appendsUnsubscribeFooter ? $0 : nil }
    }

    /// The platform a CNAME target belongs to (`eu.mailgun.org` is Mailgun's), if any.
    public static func platform(ownerOfCNAMETarget name: String) -> PlatformProfile? {
        all.first { $0.isCNAMETarget(name) }
    }

    /// The platforms whose templates use a placeholder, compared without case and white space.
    public static func platforms(usingUnsubscribePlaceholder text: String) -> [String] {
        unsubscribePlaceholderFilter.mayHold(text) ? unsubscribePlaceholderPlatforms[text.replacingSpaces()] ?? [] : []
    }

    private static let unsubscribePlaceholderFilter = SpacelessKeyFilter(unsubscribePlaceholderPlatforms.keys)

    /// Each unsubscribe placeholder's key, and the platforms that use it (in profile order).
    private static let unsubscribePlaceholderPlatforms: [String: [String]] = {
        var platforms: [String: [String]] = [:]
        for profile in all {
            for key in Set(profile.unsubscribePlaceholders.map { $0.replacingSpaces() }) { platforms[key, default: []].append(profile.id) }
        }
        return platforms
    }()

    /// Whether some platform's templates use the text as a preference-centre placeholder
    /// (`%%profile_center_url%%`, `*|UPDATE_PROFILE|*`), compared without case and white space.
    public static func isPreferencePlaceholder(_ text: String) -> Bool {
        preferenceKeyFilter.mayHold(text) && preferenceKeys.contains(text.replacingSpaces())
    }

    private static let preferenceKeys = Set(all.flatMap(\.preferencePlaceholders).map { $0.replacingSpaces() })
    private static let preferenceKeyFilter = SpacelessKeyFilter(preferenceKeys)

    /// Each do-not-track marker's key (attribute, or `class=name`), the value it needs, and the
    /// platforms that honour it.
    public static let optOutMarkers: [String: (value: String?, platforms: [String])] = {
        var markers: [String: (value: String?, platforms: [String])] = [:]
        for profile in all {
            for marker in profile.optOutMarkers {
                markers[marker.key, default: (marker.value, [])].platforms.append(profile.id)
            }
        }
        return markers
    }()

    /// Elements that platforms' templates write for the unsubscribe link, with the platform.
    public static let unsubscribeElements: [(element: String, platform: PlatformProfile)] =
        all.flatMap { profile in profile.unsubscribeElements.map { ($0, profile) } }

    /// Every way a platform lets an author mark a link for tracking, with the platform.
    public static let trackingMarkers: [(marker: TrackingMarker, platform: PlatformProfile)] =
        all.flatMap { profile in profile.rewriter.markers.map { ($0, profile) } }

    /// Every template function whose value a platform tracks as a link (`redirectto(`).
    public static let trackedLinkFunctions: [String] = all.flatMap(\.trackedLinkFunctions)

    public static let testSendSignals: [(signal: TestSendSignal, platform: PlatformProfile)] =
        all.flatMap { profile in profile.testSendSignals.map { ($0, profile) } }

    /// Headers with which a message asks its platform to switch open or click tracking off.
    public static func trackingSwitchedOff(_ headers: HeaderFields) -> [(kind: TrackingKind, field: HeaderField)] {
        // Most messages have none of these headers: they are looked up by name before any field is read.
        let present = trackingSwitches.filter { headers[$0.header] != nil }
        guard !present.isEmpty else { return [] }
        var off: [(TrackingKind, HeaderField)] = []
        for field in headers.fields {
            let name = field.name.lowercased()
            for trackingSwitch in present where trackingSwitch.header == name {
                off += trackingSwitch.switchesOff(field.value).map { ($0, field) }
            }
        }
        return off
    }

    private static let trackingSwitches = all.flatMap(\.trackingSwitches)
    public static let pixelShapes: [URLShape] = all.flatMap(\.pixelShapes)
    public static let clickShapes: [URLShape] = all.flatMap(\.clickShapes)
    private static let destinationDecoders = all.compactMap(\.destination)

    private static let pixelShapeIndex = URLShapeIndex(pixelShapes)
    private static let clickShapeIndex = URLShapeIndex(clickShapes)

    /// The platform pixel shape a URL has, if any.
    public static func pixelShape(of url: URLReference) -> URLShape? { pixelShapeIndex.first(matching: url) }

    /// The platform click-redirect shape a URL has, if any.
    public static func clickShape(of url: URLReference) -> URLShape? { clickShapeIndex.first(matching: url) }

    private static let ownLinkShapeIndex = URLShapeIndex(all.flatMap(\.ownLinkShapes))

    /// The shape of a link a platform adds outside its click tracker, if the URL has one (`ownLinkShapes`).
    public static func ownLinkShape(of url: URLReference) -> URLShape? { ownLinkShapeIndex.first(matching: url) }

    /// The destination a platform's click-tracking URL carries, where the platform puts it in the
    /// URL (SES, Mailjet, Kit, ActiveCampaign, Customer.io, Postmark, Mandrill); SendGrid, Mailchimp
    /// and most others keep it server-side.
    public static func destination(of url: URLReference) -> String? {
        guard url.isWeb, let host = url.host else { return nil }
        let path = url.path
        return destinationDecoders.lazy.compactMap { $0.applies(host, path) ? $0.decode(url) : nil }.first
    }

    /// The platform a message's headers name, with the evidence; nil when no platform has enough.
    public static func detect(headers: HeaderFields) -> (name: String, evidence: [String])? {
        let scores = headerScores(headers)
        let overridden = Set(scores.filter { $0.weight >= confidentWeight }.flatMap(\.profile.overrides))
        guard let best = scores.filter({ !overridden.contains($0.profile.id) && $0.weight >= confidentWeight })
            .max(by: { $0.weight < $1.weight }) else { return nil }
        return (best.profile.id, best.evidence)
    }

    package typealias HeaderScore = (profile: PlatformProfile, weight: Int, evidence: [String])

    /// Every platform some header fingerprint points at, with the summed weight and the evidence.
    package static func headerScores(_ headers: HeaderFields) -> [HeaderScore] {
        recentScores.result(for: headers.fields) { scores(headers) }
    }

    private static let recentScores = RecentResults<[HeaderField], [HeaderScore]>(capacity: 4)

    private static func scores(_ headers: HeaderFields) -> [HeaderScore] {
        // Only the fingerprints of headers the message has are tried: most test absent headers.
        // Each field is read once for all the fingerprints of its header.
        var matched = [[Int]](repeating: [], count: all.count)
        for name in headers.lowercasedNames {
            guard let tests = fingerprintsByHeader[name] else { continue }
            let fields = headers.all(lowercasedName: name)
            // Every `contains` text of the header is looked for in one pass over each field.
            var found = [Bool](repeating: false, count: tests.texts.texts.count)
            if !found.isEmpty {
                for field in fields { tests.texts.search(field.value.asciiLowercasedBytes(), marking: &found) }
            }
            for entry in tests.entries {
                let passes = if let text = entry.text { found[text] } else { fields.contains { entry.test.matches($0.value) } }
                if passes { matched[entry.profile].append(entry.fingerprint) }
            }
        }
        return zip(all, matched).compactMap { profile, fingerprints in
            guard !fingerprints.isEmpty else { return nil }
            let sorted = fingerprints.sorted()
            let weight = sorted.reduce(0) { $0 + profile.headers[$1].weight }
            return (profile, weight, sorted.map { profile.headers[$0].description })
        }
    }

    /// The fingerprints of one header, each with its profile's index and its own, and the texts
    /// its `contains` tests look for (`text` is the index of the test's).
    private struct HeaderTests {
        var entries: [(profile: Int, fingerprint: Int, test: HeaderFingerprint, text: Int?)] = []
        var texts = TextSearch()
    }

    /// The fingerprints by the lower-cased header they test.
    private static let fingerprintsByHeader: [String: HeaderTests] = {
        var index: [String: HeaderTests] = [:]
        for (profile, entry) in all.enumerated() {
            for (fingerprint, test) in entry.headers.enumerated() {
                let text = test.isContainment ? index[test.key, default: HeaderTests()].texts.add(test.needle) : nil
                index[test.key, default: HeaderTests()].entries.append((profile, fingerprint, test, text))
            }
        }
        return index
    }()
}

extension URLReference {
    /// The path's non-empty segments.
    package var pathSegments: [String] { path.split(separator: "/").map(String.init) }
}
