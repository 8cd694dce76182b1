import TrackLint
import TrackLintPlatforms

/// The diagnosis as the JSON output shows it (SPEC.md: `diagnosis`); the analysis produces the
/// values, this decides how they look.
extension Diagnosis {
    /// The diagnosis's members, inside an object the caller opened (and closes, after its own).
    package func writeMembers(to json: inout JSONWriter) {
        json.member("stage", stage.rawValue)
        json.object("context") { json in
            json.member("value", context.value.rawValue)
            json.member("inferred", context.inferred)
            json.key("evidence")
            json.strings(context.evidence)
        }
        json.key("platform")
        Self.write(platform, to: &json)
        json.key("relay")
        Self.write(relay, to: &json)
        json.key("trackingHosts")
        writeTrackingHosts(to: &json)
        json.object("pixel") { json in
            json.member("found", pixel != nil)
            json.member("url", pixel?.url)
            json.member("line", pixel?.line)
            json.member("offset", pixel?.offset)
            json.member("hidden", pixel?.hidden)
            json.member("afterClip", pixel.map { $0.offset > GmailClipping.thresholdBytes })
        }
        json.key("beacons")
        json.openArray()
        for beacon in beacons {
            json.element()
            json.openObject()
            json.member("name", beacon.name)
            json.member("url", beacon.url)
            json.closeObject()
        }
        json.closeArray()
        writeCounts(to: &json)
    }

    private func writeTrackingHosts(to json: inout JSONWriter) {
        json.openArray()
        for host in trackingHosts {
            json.element()
            json.openObject()
            json.member("host", host.host)
            json.member("source", host.source.rawValue)
            json.member("evidence", host.evidence)
            host.check?.writeMembers(to: &json)
            json.closeObject()
        }
        json.closeArray()
    }

    /// `links`, `unsubscribe`, `html` and `auth`.
    private func writeCounts(to json: inout JSONWriter) {
        json.object("links") { json in
            json.member("total", links.total)
            json.member("web", links.web)
            json.member("tracked", links.tracked)
            json.member("untracked", links.untracked)
            json.member("optedOut", links.optedOut)
            json.member("nonWeb", links.nonWeb)
            json.member("gatewayWrapped", links.gatewayWrapped)
        }
        json.object("unsubscribe") { json in
            json.member("bodyLink", unsubscribeBodyLink)
            json.member("placeholder", unsubscribePlaceholder)
            json.member("listUnsubscribe", listUnsubscribe)
            json.member("oneClick", oneClick)
        }
        json.object("html") { json in
            json.member("parts", htmlParts)
            json.member("bytes", htmlBytes)
            json.member("clipRisk", htmlBytes > GmailClipping.thresholdBytes)
        }
        guard let authentication else {
            json.key("auth")
            json.null()
            return
        }
        json.object("auth") { json in
            json.member("spf", authentication["spf"])
            json.member("dkim", authentication["dkim"])
            json.member("dmarc", authentication["dmarc"])
        }
    }

    private static func write(_ attribution: PlatformAttribution?, to json: inout JSONWriter) {
        guard let attribution else { return json.null() }
        json.openObject()
        json.member("name", attribution.name)
        json.member("confidence", attribution.confidence.rawValue)
        json.key("evidence")
        json.strings(attribution.evidence)
        json.closeObject()
    }
}

extension HostCheck {
    /// `dns`, `tls` and `hsts` of a tracking host, with `--online` only; `detail` only where there is one.
    func writeMembers(to json: inout JSONWriter) {
        func detail(_ text: String?, _ json: inout JSONWriter) { if let text { json.member("detail", text) } }
        json.object("dns") { json in
            json.member("status", dns.status.rawValue)
            json.key("cnames")
            json.strings(dns.cnames)
            json.key("addresses")
            json.strings(dns.addresses)
            json.member("server", dns.server)
            detail(dns.detail, &json)
        }
        if let tls {
            json.object("tls") { json in
                json.member("status", tls.status.rawValue)
                detail(tls.detail, &json)
            }
        } else {
            json.key("tls")
            json.null()
        }
        if let hsts {
            json.object("hsts") { json in
                json.member("header", hsts.header)
                detail(hsts.detail, &json)
            }
        } else {
            json.key("hsts")
            json.null()
        }
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
