import Foundation
import TrackLintParsing

/// What a message's headers say about authentication, unsubscribing, tracking switches and who
/// handled the message.
public enum HeaderAnalysis {
    public enum TrackingKind: Sendable { case opens, clicks }

    /// Headers with which a message asks its platform to switch open or click tracking off.
    public static func trackingSwitchedOff(_ headers: HeaderFields) -> [(kind: TrackingKind, field: HeaderField)] {
        var off: [(TrackingKind, HeaderField)] = []
        func no(_ value: String) -> Bool { ["no", "false", "0", "off", "none"].contains(value.trimmingCharacters().lowercased()) }
        for field in headers.fields {
            let value = field.value
            switch field.name.lowercased() {
            case "x-mailgun-track" where no(value):
                off += [(.opens, field), (.clicks, field)]
            case "x-mailgun-track-opens" where no(value), "x-pm-trackopens" where no(value), "x-mailjet-trackopen" where no(value):
                off.append((.opens, field))
            case "x-mailgun-track-clicks" where no(value), "x-pm-tracklinks" where no(value), "x-mailjet-trackclick" where no(value):
                off.append((.clicks, field))
            case "x-mc-track":
                let switches = value.lowercased().split(separator: ",").map { $0.trimmingCharacters() }
                if !switches.contains("opens") { off.append((.opens, field)) }
                if !switches.contains(where: { $0.hasPrefix("clicks") }) { off.append((.clicks, field)) }
            case "x-smtpapi":
                let filters = (json(value)?["filters"] as? [String: Any]) ?? [:]
                if disabled(filters["opentrack"]) { off.append((.opens, field)) }
                if disabled(filters["clicktrack"]) { off.append((.clicks, field)) }
            case "x-msys-api":
                let options = (json(value)?["options"] as? [String: Any]) ?? [:]
                if isFalse(options["open_tracking"]) { off.append((.opens, field)) }
                if isFalse(options["click_tracking"]) { off.append((.clicks, field)) }
            default:
                continue
            }
        }
        return off
    }

    private static func json(_ text: String) -> [String: Any]? {
        (try? JSONSerialization.jsonObject(with: Data(text.utf8))) as? [String: Any]
    }

    /// SendGrid's `{"settings": {"enable": 0}}`.
    private static func disabled(_ filter: Any?) -> Bool {
        guard let settings = (filter as? [String: Any])?["settings"] as? [String: Any] else { return false }
        return isFalse(settings["enable"])
    }

    private static func isFalse(_ value: Any?) -> Bool {
        switch value {
        case let number as NSNumber: return number.intValue == 0
        case let text as String: return ["0", "false", "no"].contains(text.lowercased())
        default: return false
        }
    }

    /// `spf`, `dkim` and `dmarc` results from the newest `Authentication-Results` (the receiver adds
    /// it on top), falling back to `ARC-Authentication-Results` and `Received-SPF`.
    public static func authentication(_ headers: HeaderFields) -> (results: [String: String], field: HeaderField)? {
        for name in ["Authentication-Results", "ARC-Authentication-Results"] {
            guard let field = headers[name] else { continue }
            var results: [String: String] = [:]
            for token in field.value.split(whereSeparator: { $0 == ";" || $0 == " " || $0 == "\t" || $0 == "\n" || $0 == "\r" }) {
                let parts = token.split(separator: "=", maxSplits: 1)
                guard parts.count == 2 else { continue }
                let method = parts[0].lowercased()
                if ["spf", "dkim", "dmarc"].contains(method), results[method] == nil {
                    results[method] = parts[1].lowercased().trimmingCharacters(in: "().")
                }
            }
            if !results.isEmpty { return (results, field) }
        }
        if let field = headers["Received-SPF"], let verdict = field.value.split(separator: " ").first {
            return (["spf": verdict.lowercased()], field)
        }
        return nil
    }

    /// Results that mean the check did not pass.
    public static let failingResults: Set<String> = ["fail", "softfail", "permerror", "none", "temperror"]

    /// The URIs of `List-Unsubscribe` (`<...>` items), and whether the value is only such items.
    public static func listUnsubscribeURIs(_ value: String) -> (uris: [String], wellFormed: Bool) {
        var uris: [String] = []
        var wellFormed = true
        for item in value.split(separator: ",") {
            let trimmed = item.trimmingCharacters()
            guard trimmed.hasPrefix("<"), trimmed.hasSuffix(">"), trimmed.count > 2 else {
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
        for tag in signature.value.split(separator: ";") {
            let parts = tag.split(separator: "=", maxSplits: 1)
            if parts.count == 2, parts[0].trimmingCharacters().lowercased() == "h" {
                return Set(parts[1].split(separator: ":").map { $0.replacingSpaces() })
            }
        }
        return []
    }

    /// Recipient-side security gateways and the headers they add.
    public static let gatewayHeaders: [(gateway: String, prefix: String)] = [
        ("Proofpoint", "x-proofpoint-"), ("Microsoft Defender / Exchange Online Protection", "x-forefront-antispam-report"),
        ("Microsoft Defender / Exchange Online Protection", "x-microsoft-antispam"),
        ("Microsoft Defender / Exchange Online Protection", "x-ms-exchange-organization-"),
        ("Mimecast", "x-mimecast-"), ("Barracuda", "x-barracuda-"), ("Cisco Secure Email (IronPort)", "x-ironport-"),
        ("Cisco Secure Email (IronPort)", "ironport-sdr"), ("Trend Micro", "x-tm-as-"), ("Trend Micro", "x-tmase-"),
        ("Sophos", "x-sophos-"),
    ]

    /// The gateways a message passed, each with the first header that shows it.
    public static func gateways(_ headers: HeaderFields) -> [(gateway: String, field: HeaderField)] {
        var found: [(String, HeaderField)] = []
        for (gateway, prefix) in gatewayHeaders where !found.contains(where: { $0.0 == gateway }) {
            if let field = headers.fields.first(where: { $0.name.lowercased().hasPrefix(prefix) }) { found.append((gateway, field)) }
        }
        return found
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

extension StringProtocol {
    package func trimmingCharacters(in set: String) -> String {
        var text = Substring(self)
        while let first = text.first, set.contains(first) { text = text.dropFirst() }
        while let last = text.last, set.contains(last) { text = text.dropLast() }
        return String(text)
    }

    /// Lower-cased, with all white space removed.
    package func replacingSpaces() -> String { String(self.filter { !$0.isWhitespace }).lowercased() }
}
