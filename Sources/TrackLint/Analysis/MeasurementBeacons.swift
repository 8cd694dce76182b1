import TrackLintParsing
import TrackLintPlatforms

/// A third party's audience-measurement or web-analytics beacon: a tiny image that counts readers
/// for someone else (a publisher's circulation audit, a web analytics account), never the sending
/// platform's open pixel (CATALOGUE.md TL201, TL203).
public struct MeasurementBeacon: Sendable {
    public let name: String
    /// Hosts that serve nothing but this measurement: the domain or any subdomain.
    package let domains: [String]
    /// Lower-case path pieces that are this beacon on any host (self-hosted or first-party setups).
    package let pathMarks: [String]
    /// When not empty, a path mark counts only with one of these in the lower-cased query.
    package let queryMarks: [String]

    package init(_ name: String, domains: [String], pathMarks: [String] = [], queryMarks: [String] = []) {
        self.name = name
        self.domains = domains
        self.pathMarks = pathMarks
        self.queryMarks = queryMarks
    }

    /// Whether a lower-cased path and query are this beacon's on any host.
    fileprivate func marks(path: SearchedText, query: SearchedText) -> Bool {
        guard pathMarks.contains(where: path.contains) else { return false }
        return queryMarks.isEmpty || queryMarks.contains(where: query.contains)
    }
}

/// A text searched for several marks, whether it is ASCII read once.
private struct SearchedText {
    let text: String
    let isASCII: Bool

    init(_ text: String) {
        self.text = text
        isASCII = text.utf8.allSatisfy { $0 < 0x80 }
    }

    /// `text.contains(mark)`, which compares Characters: in ASCII text (nearly every URL) that is
    /// a byte search, many times faster.
    func contains(_ mark: String) -> Bool { isASCII ? text.containsBytes(mark) : text.contains(mark) }
}

/// The beacons tracklint knows, with where each is served from.
public enum MeasurementBeacons {
    public static let all: [MeasurementBeacon] = [
        // IVW / SZM (Germany), ÖWA (Austria): `de.ioam.de/tx.io`, `*.iocnt.net`, `*.oewabox.at`.
        MeasurementBeacon("INFOnline", domains: ["ioam.de", "iocnt.net", "oewabox.at"]),
        // GfK (NIQ) sensic: `*.sensic.net`.
        MeasurementBeacon("GfK sensic", domains: ["sensic.net"]),
        // Measurement Protocol hits (`/collect?v=1&tid=UA-...`, `/g/collect?tid=G-...`), also
        // through a first-party server-side tagging host; `__utm.gif` is the classic one.
        MeasurementBeacon("Google Analytics", domains: ["google-analytics.com", "analytics.google.com"],
                          pathMarks: ["/collect", "/__utm.gif"], queryMarks: ["tid=ua-", "tid=g-", "utmac="]),
        MeasurementBeacon("Matomo", domains: ["matomo.cloud"], pathMarks: ["piwik.php", "matomo.php"]),
        // Adobe Analytics image requests: `/b/ss/<report suite>/...` on the company's own host.
        MeasurementBeacon("Adobe Analytics", domains: ["omtrdc.net", "2o7.net"], pathMarks: ["/b/ss/"]),
        MeasurementBeacon("comScore", domains: ["scorecardresearch.com"]),
        MeasurementBeacon("Nielsen", domains: ["imrworldwide.com"]),
        MeasurementBeacon("AT Internet (Piano)", domains: ["xiti.com", "ati-host.net"]),
        MeasurementBeacon("Gemius", domains: ["gemius.pl"]),
        MeasurementBeacon("Quantcast", domains: ["quantserve.com"]),
        MeasurementBeacon("Médiamétrie eStat", domains: ["estat.com"]),
        MeasurementBeacon("Chartbeat", domains: ["chartbeat.net"]),
    ]

    /// The beacon a URL requests, if it is one.
    public static func beacon(for url: URLReference) -> MeasurementBeacon? {
        guard url.isWeb, let host = url.host else { return nil }
        let path = SearchedText(url.path.lowercased())
        let query = SearchedText((url.query ?? "").lowercased())
        let onDomain = beaconIndex(servedFrom: host)
        return all.indices.first { $0 == onDomain || all[$0].marks(path: path, query: query) }.map { all[$0] }
    }

    /// The first beacon whose domain the host is or is under.
    private static func beaconIndex(servedFrom host: String) -> Int? {
        domains.firstIndex(containing: host).map { beaconOfDomain[$0] }
    }

    /// Every beacon's domains, in the beacons' order, and the beacon of each.
    private static let domains = DomainList(all.flatMap(\.domains))
    private static let beaconOfDomain = all.indices.flatMap { index in all[index].domains.map { _ in index } }
}
