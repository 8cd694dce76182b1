import TrackLint
import TrackLintPlatforms

/// The diagnosis as the JSON output shows it (SPEC.md: `diagnosis`); the analysis produces the
/// values, this decides how they look.
extension Diagnosis {
    package var json: JSONValue {
        .object([
            ("stage", .string(stage.rawValue)),
            ("context", .object([("value", .string(context.value.rawValue)), ("inferred", .bool(context.inferred)),
                                 ("evidence", .array(context.evidence.map(JSONValue.string)))])),
            ("platform", platform.map(\.json) ?? .null),
            ("relay", relay.map(\.json) ?? .null),
            ("trackingHosts", .array(trackingHosts.map {
                .object([("host", .string($0.host)), ("source", .string($0.source.rawValue)), ("evidence", .string($0.evidence))])
            })),
            ("pixel", .object(pixel.map { pixel in
                [("found", .bool(true)), ("url", .string(pixel.url)), ("line", .int(pixel.line)), ("offset", .int(pixel.offset)),
                 ("hidden", .bool(pixel.hidden)), ("afterClip", .bool(pixel.offset > GmailClipping.thresholdBytes))]
            } ?? [("found", .bool(false)), ("url", .null), ("line", .null), ("offset", .null), ("hidden", .null), ("afterClip", .null)])),
            ("beacons", .array(beacons.map { .object([("name", .string($0.name)), ("url", .string($0.url))]) })),
            ("links", .object([
                ("total", .int(links.total)), ("tracked", .optional(links.tracked)), ("untracked", .optional(links.untracked)),
                ("optedOut", .int(links.optedOut)), ("nonWeb", .int(links.nonWeb)), ("gatewayWrapped", .int(links.gatewayWrapped)),
            ])),
            ("unsubscribe", .object([
                ("bodyLink", unsubscribeBodyLink.map(JSONValue.bool) ?? .null), ("placeholder", .bool(unsubscribePlaceholder)),
                ("listUnsubscribe", listUnsubscribe.map(JSONValue.bool) ?? .null), ("oneClick", oneClick.map(JSONValue.bool) ?? .null),
            ])),
            ("html", .object([
                ("parts", .int(htmlParts)), ("bytes", .int(htmlBytes)),
                ("clipRisk", .bool(htmlBytes > GmailClipping.thresholdBytes)),
            ])),
            ("auth", authentication.map { results in
                .object(["spf", "dkim", "dmarc"].map { ($0, JSONValue.optional(results[$0])) })
            } ?? .null),
        ])
    }
}

extension PlatformAttribution {
    var json: JSONValue {
        .object([("name", .string(name)), ("confidence", .string(confidence.rawValue)), ("evidence", .array(evidence.map(JSONValue.string)))])
    }
}
