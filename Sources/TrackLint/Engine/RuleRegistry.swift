import TrackLintParsing
import TrackLintPlatforms

/// Every rule, sorted by code. A test checks that each `*Rule.swift` file is listed here.
public enum RuleRegistry {
    /// Every rule, as typed lists (in code order each), so that the linter needs no dynamic casts
    /// to tell them apart: document rules, message rules, and the rules about suppression comments
    /// (which the engine runs itself).
    public static let documentRules: [any DocumentRule.Type] = [
        CharsetUnknownRule.self,
        HTMLWithoutMarkupRule.self,
        InputLimitRule.self,
        PixelMissingRule.self,
        PixelBlankRule.self,
        PixelHiddenRule.self,
        PixelAfterClipRule.self,
        PixelInsecureRule.self,
        ImageSrcRelativeRule.self,
        HrefRelativeRule.self,
        HrefMissingSchemeRule.self,
        HrefMalformedRule.self,
        HrefEmptyRule.self,
        HrefEmailWithoutMailtoRule.self,
        HrefScriptRule.self,
        LinkNotTrackedRule.self,
        LinkOptOutRule.self,
        LinkInOutlookConditionalRule.self,
        LinkDoubleWrappedRule.self,
        LinkGatewayRewrittenRule.self,
        LinkIPHostRule.self,
        LinkShortenerRule.self,
        URLNotLinkedRule.self,
        MergeTagUnresolvedRule.self,
        TrackingOverHTTPRule.self,
        LinkDuplicateVariantsRule.self,
        HrefMergeTagOnlyRule.self,
        LinkUntrackableByPlatformRule.self,
        LinkMarkupBrokenRule.self,
        UnsubscribePlaceholderRule.self,
        UnsubscribeMissingRule.self,
        HostLocalRule.self,
        TrackingDomainUnbrandedRule.self,
        TrackingHostUnresolvedRule.self,
        TrackingCNAMEMismatchRule.self,
        TrackingCertificateInvalidRule.self,
        TrackingHTTPOnHSTSRule.self,
    ]

    public static let messageRules: [any MessageRule.Type] = [
        HTMLBodyMissingRule.self,
        HTMLInTextPartRule.self,
        MIMEMalformedRule.self,
        InputLimitRule.self,
        OpenTrackingDisabledRule.self,
        ClickTrackingDisabledRule.self,
        ListUnsubscribeMissingRule.self,
        ListUnsubscribeOneClickMissingRule.self,
        ListUnsubscribeMalformedRule.self,
        TestSendRule.self,
        FromFreeMailboxRule.self,
        AuthFailedRule.self,
        DKIMSignatureMissingRule.self,
        SecurityGatewaySeenRule.self,
    ]

    public static let suppressionRules: [any Rule.Type] = [
        SuppressionUnusedRule.self,
        SuppressionInvalidRule.self,
    ]

    /// Every rule once (TL106 is both a document and a message rule), in code order. The lists are
    /// joined element by element: an array cast would look each conformance up at run time.
    public static let all: [any Rule.Type] = {
        var seen = Set<ObjectIdentifier>()
        return (documentRules.map { $0 as any Rule.Type } + messageRules.map { $0 as any Rule.Type } + suppressionRules)
            .filter { seen.insert(ObjectIdentifier($0)).inserted }
            .sorted { $0.info.code < $1.info.code }
    }()

    /// Each rule's metadata by its code, for lookups per finding.
    public static let infoByCode: [String: RuleInfo] = Dictionary(uniqueKeysWithValues: all.map { ($0.info.code, $0.info) })

    /// The rule with this code or slug (case-insensitive).
    public static func rule(named name: String) -> (any Rule.Type)? {
        let lower = name.lowercased()
        return all.first { $0.info.code.lowercased() == lower || $0.info.slug == lower }
    }

    /// Codes selected by a list of codes, slugs or code prefixes (`TL3`, `TL30`), or `ALL`.
    /// Returns the names that matched nothing in `unknown`.
    public static func codes(matching names: [String]) -> (codes: Set<String>, unknown: [String]) {
        var codes = Set<String>()
        var unknown: [String] = []
        for name in names {
            let upper = name.uppercased()
            if upper == "ALL" {
                codes.formUnion(all.map { $0.info.code })
                continue
            }
            if let rule = rule(named: name) {
                codes.insert(rule.info.code)
                continue
            }
            let matches = all.filter { $0.info.code.hasPrefix(upper) && upper.count >= 3 }
            if matches.isEmpty { unknown.append(name) } else { codes.formUnion(matches.map { $0.info.code }) }
        }
        return (codes, unknown)
    }
}
