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
            ("trackingHosts", .array(trackingHosts.map { host in
                .object([("host", .string(host.host)), ("source", .string(host.source.rawValue)), ("evidence", .string(host.evidence))]
                    + (host.check.map(\.jsonFields) ?? []))
            })),
            ("pixel", .object(pixel.map { pixel in
                [("found", .bool(true)), ("url", .string(pixel.url)), ("line", .int(pixel.line)), ("offset", .int(pixel.offset)),
                 ("hidden", .bool(pixel.hidden)), ("afterClip", .bool(pixel.offset > GmailClipping.thresholdBytes))]
            } ?? [("found", .bool(false)), ("url", .null), ("line", .null), ("offset", .null), ("hidden", .null), ("afterClip", .null)])),
            ("beacons", .array(beacons.map { .object([("name", .string($0.name)), ("url", .string($0.url))]) })),
            ("links", .object([
                ("total", .int(links.total)), ("web", .int(links.web)), ("tracked", .optional(links.tracked)), ("untracked", .optional(links.untracked)),
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

extension HostCheck {
    /// `dns`, `tls` and `hsts` of a tracking host, with `--online` only; `detail` only where there is one.
    var jsonFields: [(String, JSONValue)] {
        func detail(_ text: String?) -> [(String, JSONValue)] { text.map { [("detail", .string($0))] } ?? [] }
        return [
            ("dns", .object([("status", .string(dns.status.rawValue)), ("cnames", .array(dns.cnames.map(JSONValue.string))),
                             ("addresses", .array(dns.addresses.map(JSONValue.string))), ("server", .string(dns.server))]
                + detail(dns.detail))),
            ("tls", tls.map { .object([("status", .string($0.status.rawValue))] + detail($0.detail)) } ?? .null),
            ("hsts", hsts.map { .object([("header", .optional($0.header))] + detail($0.detail)) } ?? .null),
        ]
    }

    /// One line for people: "CNAME a → b, 192.0.2.1; TLS valid; no HSTS".
    package var summary: String {
        var parts = [dnsSummary]
        if let tls { parts.append("TLS " + (tls.status == .valid ? "valid" : "\(tls.status.rawValue)" + (tls.detail.map { " (\($0))" } ?? ""))) }
        if let hsts {
            parts.append(hsts.header.map { "HSTS `\($0)`" } ?? (hsts.detail == nil ? "no HSTS" : "HSTS unknown"))
        }
        return parts.joined(separator: "; ")
    }
}
