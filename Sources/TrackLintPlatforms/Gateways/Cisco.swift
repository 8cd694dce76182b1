import Foundation

extension Gateway {
    /// The original is the last path segment, percent-encoded.
    static let cisco = Gateway(
        "cisco", "Cisco Secure Email (IronPort)", headerPrefixes: ["x-ironport-", "ironport-sdr"],
        rewrites: { host, _ in host == "secure-web.cisco.com" },
        original: { $0.pathSegments.last?.removingPercentEncoding })
}
