import Foundation
import TrackLintParsing

/// What a message's headers say about authentication, unsubscribing and the sender's mailbox.
/// (Platforms' tracking switches and gateways' headers are in their profiles.)
public enum HeaderAnalysis {
    /// `spf`, `dkim` and `dmarc` results from the newest `Authentication-Results` (the receiver adds
    /// it on top), falling back to `ARC-Authentication-Results` and `Received-SPF`.
    public static func authentication(_ headers: HeaderFields) -> (results: [String: String], field: HeaderField)? {
        // The diagnosis and TL504 both ask.
        recentAuthentications.result(for: headers.fields) { readAuthentication(headers) }
    }

    private static let recentAuthentications = RecentResults<[HeaderField], (results: [String: String], field: HeaderField)?>(capacity: 4)

    /// The receiving server's results: every field of the topmost one's authserv-id (Proton Mail
    /// writes one per method; fields of other servers further down are the sender's to write and
    /// are not read). A method passes when any of its results does (one DKIM signature of several);
    /// the field is the first that holds a failing result, else the first read.
    private static func readAuthentication(_ headers: HeaderFields) -> (results: [String: String], field: HeaderField)? {
        for name in ["Authentication-Results", "ARC-Authentication-Results"] {
            let fields = headers.all(name)
            guard let first = fields.first else { continue }
            let server = authservID(of: first.value)
            var results: [String: String] = [:]
            var failingField: HeaderField?
            for field in fields where authservID(of: field.value) == server {
                for (method, result) in methodResults(in: field.value) where results[method] != "pass" {
                    if results[method] == nil || result == "pass" { results[method] = result }
                    if failingField == nil && failingResults.contains(result) { failingField = field }
                }
            }
            if !results.isEmpty {
                let stillFailing = results.values.contains { failingResults.contains($0) }
                return (results, stillFailing ? failingField ?? first : first)
            }
        }
        if let field = headers["Received-SPF"], let verdict = field.value.split(separator: " ").first {
            return (["spf": verdict.lowercased()], field)
        }
        return nil
    }

    /// What precedes the first `;`: the server that wrote the results (`i=1` for an ARC set).
    private static func authservID(of value: String) -> Substring {
        value.prefix { $0 != ";" }.split(whereSeparator: { $0 == " " || $0 == "\t" || $0 == "\n" || $0 == "\r" }).first ?? ""
    }

    /// The spf, dkim and dmarc results of a field, in order.
    private static func methodResults(in value: String) -> [(method: String, result: String)] {
        value.pieces(separatedBy: [";", " ", "\t", "\n", "\r"]).compactMap { token in
            let parts = token.split(separator: "=", maxSplits: 1)
            guard parts.count == 2 else { return nil }
            let method = parts[0].lowercased()
            guard ["spf", "dkim", "dmarc"].contains(method) else { return nil }
            return (method, parts[1].lowercased().trimmingCharacters(in: "()."))
        }
    }

    /// Results that mean the check did not pass.
    public static let failingResults: Set<String> = ["fail", "softfail", "permerror", "none", "temperror"]

    /// The URIs of `List-Unsubscribe` (`<...>` items), and whether the value is only such items.
    public static func listUnsubscribeURIs(_ value: String) -> (uris: [String], wellFormed: Bool) {
        var uris: [String] = []
        var wellFormed = true
        for item in value.pieces(separatedBy: [","]) {
            let trimmed = item.trimmingCharacters()
            // (Past those two tests, only `<>` has two characters or fewer: a long URI is not counted.)
            guard trimmed.hasPrefix("<"), trimmed.hasSuffix(">"), trimmed != "<>" else {
                if !trimmed.isEmpty { wellFormed = false }
                continue
            }
            uris.append(String(trimmed.dropFirst().dropLast()).trimmingCharacters())
        }
        return (uris, wellFormed && !uris.isEmpty)
    }

    /// True when `List-Unsubscribe-Post` is exactly RFC 8058's value.
    public static func hasOneClickPost(_ headers: HeaderFields) -> Bool {
        headers["List-Unsubscribe-Post"].map { $0.value.replacingSpaces() == "list-unsubscribe=one-click" } ?? false
    }

    /// The header names a DKIM signature covers (`h=`), lower-cased.
    public static func signedHeaders(_ signature: HeaderField) -> Set<String> {
        for tag in signature.value.pieces(separatedBy: [";"]) {
            let parts = tag.split(separator: "=", maxSplits: 1)
            if parts.count == 2, parts[0].trimmingCharacters().lowercased() == "h" {
                return Set(parts[1].split(separator: ":").map { $0.replacingSpaces() })
            }
        }
        return []
    }

    /// Free mailbox providers: a From address there fails DMARC alignment when a platform sends.
    package static let freeMailboxDomains: Set<String> = [
        "gmail.com", "googlemail.com", "yahoo.com", "ymail.com", "aol.com", "outlook.com", "hotmail.com", "live.com",
        "msn.com", "icloud.com", "me.com", "mac.com", "gmx.de", "gmx.net", "gmx.com", "web.de", "mail.ru", "yandex.ru",
        "yandex.com", "proton.me", "protonmail.com", "zoho.com", "t-online.de", "freenet.de", "orange.fr", "laposte.net",
        "libero.it", "qq.com", "163.com",
    ]

    public static func isFreeMailbox(_ domain: String) -> Bool {
        if freeMailboxDomains.contains(domain) { return true }
        // yahoo.*, hotmail.*, gmx.*, yandex.* in every country.
        return ["yahoo.", "hotmail.", "gmx.", "yandex.", "outlook.", "live."].contains { domain.hasPrefix($0) }
    }
}

extension String {
    /// `split(whereSeparator:)` at any of the separators (ASCII). Header values (a DKIM signature,
    /// a list of long URIs) are ASCII without CR nearly always, and are then split as bytes, where a
    /// byte is a character: splitting them into Characters cost a hundred instructions a byte.
    func pieces(separatedBy separators: [Character]) -> [Substring] {
        guard utf8.allSatisfy({ $0 < 0x80 && $0 != 0x0D }) else { return split(whereSeparator: separators.contains) }
        let bytes = separators.compactMap(\.asciiValue)
        return utf8.split(whereSeparator: bytes.contains).map { Substring($0) }
    }
}

extension StringProtocol {
    package func trimmingCharacters(in set: String) -> String {
        var text = Substring(self)
        while let first = text.first, set.contains(first) { text = text.dropFirst() }
        while let last = text.last, set.contains(last) { text = text.dropLast() }
        return String(text)
    }

    /// Lower-cased, with all white space removed.
    package func replacingSpaces() -> String {
        // ASCII, nearly every header and placeholder, is read as bytes.
        guard utf8.allSatisfy({ $0 < 0x80 }) else { return String(self.filter { !$0.isWhitespace }).lowercased() }
        // Written straight into the String: a filtered array and a mapped one made three buffers a call.
        return String(unsafeUninitializedCapacity: utf8.count) { buffer in
            var count = 0
            for byte in utf8 {
                guard let kept = spacelessKeyByte(byte) else { continue }
                buffer[count] = kept
                count += 1
            }
            return count
        }
    }
}

/// An ASCII byte as `replacingSpaces()` keeps it (lower-cased), or nil for the white space it
/// removes. `SpacelessKeyFilter` hashes the bytes this gives, so the two cannot disagree.
@inline(__always)
func spacelessKeyByte(_ byte: UInt8) -> UInt8? {
    (byte >= 0x09 && byte <= 0x0D) || byte == 0x20 ? nil : asciiLower(byte)
}
