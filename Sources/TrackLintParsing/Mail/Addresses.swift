/// One mailbox from an address header (`From`, `To`, `Reply-To`, ...).
public struct MailAddress: Sendable, Hashable {
    public let displayName: String?
    /// The addr-spec, `local@domain`, as written.
    public let address: String

    /// The domain, lower-cased, when the address has one.
    public var domain: String? {
        guard let at = address.lastIndex(of: "@") else { return nil }
        let domain = address[address.index(after: at)...].trimmingCharacters().lowercased()
        return domain.isEmpty ? nil : domain
    }
}

/// Reads RFC 5322 address lists well enough to get every mailbox and its domain: display names
/// (quoted or encoded), angle addresses, comments, groups (`undisclosed-recipients:;`).
public enum AddressParser {
    public static func parse(_ value: String) -> [MailAddress] {
        parseSimple(value) ?? parseAny(value)
    }

    /// An ASCII list without quotes, comments, escapes or groups (nearly every header), read as
    /// bytes: split at commas outside angle brackets, each item `name <address>` or `address`.
    /// It gives what `parseAny` gives for such a list, where every character is one byte.
    package static func parseSimple(_ value: String) -> [MailAddress]? {
        let utf8 = value.utf8
        // Quotes, comments, escapes and groups need the full reading.
        let isPlain = utf8.allSatisfy { byte in
            switch byte {
            case UInt8(ascii: "\""), UInt8(ascii: "("), UInt8(ascii: ")"), UInt8(ascii: "\\"), UInt8(ascii: ":"): return false
            default: return byte < 0x80
            }
        }
        guard isPlain else { return nil }
        var mailboxes: [MailAddress] = []
        var itemStart = utf8.startIndex
        var inAngle = false
        for index in utf8.indices {
            switch utf8[index] {
            case UInt8(ascii: "<"): inAngle = true
            case UInt8(ascii: ">"): inAngle = false
            case UInt8(ascii: ",") where !inAngle:
                if let mailbox = simpleMailbox(value[itemStart..<index]) { mailboxes.append(mailbox) }
                itemStart = utf8.index(after: index)
            default: break
            }
        }
        if let mailbox = simpleMailbox(value[itemStart...]) { mailboxes.append(mailbox) }
        return mailboxes
    }

    private static func simpleMailbox(_ text: Substring) -> MailAddress? {
        let item = text.trimmingCharacters()
        guard !item.isEmpty else { return nil }
        if let open = item.utf8.firstIndex(of: UInt8(ascii: "<")),
           let close = item.utf8[open...].firstIndex(of: UInt8(ascii: ">")) {
            let address = item[item.utf8.index(after: open)..<close].trimmingCharacters()
            let name = item[..<open].trimmingCharacters()
            guard !address.isEmpty else { return nil }
            return MailAddress(displayName: name.isEmpty ? nil : EncodedWords.decode(name), address: address)
        }
        guard item.utf8.contains(UInt8(ascii: "@")) else { return nil }
        return MailAddress(displayName: nil, address: item)
    }

    /// Any list, character by character.
    package static func parseAny(_ value: String) -> [MailAddress] {
        var mailboxes: [MailAddress] = []
        var current = ""
        var state = ScanState()
        var inGroup = false
        for character in value {
            if state.isTopLevel {
                // `name:` before any address opens a group; `;` closes it.
                if character == ":" && !inGroup && !current.contains("@") && !current.contains("<") {
                    inGroup = true
                    current = ""
                    continue
                }
                if character == "," || (character == ";" && inGroup) {
                    if let mailbox = mailbox(current) { mailboxes.append(mailbox) }
                    current = ""
                    if character == ";" { inGroup = false }
                    continue
                }
            }
            state.advance(character)
            current.append(character)
        }
        if let mailbox = mailbox(current) { mailboxes.append(mailbox) }
        return mailboxes
    }

    private static func mailbox(_ text: String) -> MailAddress? {
        let item = text.trimmingCharacters()
        guard !item.isEmpty else { return nil }
        if let open = topLevelIndex(of: "<", in: item), let close = item[open...].firstIndex(of: ">") {
            let address = String(item[item.index(after: open)..<close]).trimmingCharacters()
            let name = unquote(withoutComments(String(item[..<open]))).trimmingCharacters()
            guard !address.isEmpty else { return nil }
            return MailAddress(displayName: name.isEmpty ? nil : EncodedWords.decode(name), address: address)
        }
        let address = withoutComments(item).trimmingCharacters()
        guard address.contains("@") else { return nil }
        return MailAddress(displayName: nil, address: address)
    }

    private static func topLevelIndex(of target: Character, in text: String) -> String.Index? {
        var state = ScanState()
        for index in text.indices {
            if state.isTopLevel && text[index] == target { return index }
            state.advance(text[index])
        }
        return nil
    }

    private static func withoutComments(_ text: String) -> String {
        var output = ""
        var depth = 0
        var inQuotes = false
        for character in text {
            if character == "\"" && depth == 0 { inQuotes.toggle() }
            if !inQuotes && character == "(" { depth += 1; continue }
            if !inQuotes && character == ")" && depth > 0 { depth -= 1; continue }
            if depth == 0 { output.append(character) }
        }
        return output
    }

    private static func unquote(_ text: String) -> String {
        let trimmed = text.trimmingCharacters()
        guard trimmed.count >= 2, trimmed.hasPrefix("\""), trimmed.hasSuffix("\"") else { return trimmed }
        return String(trimmed.dropFirst().dropLast()).replacingBackslashEscapes()
    }

    /// Tracks quotes, comments and angle brackets while scanning.
    private struct ScanState {
        var inQuotes = false
        var escaped = false
        var commentDepth = 0
        var inAngle = false

        var isTopLevel: Bool { !inQuotes && commentDepth == 0 && !inAngle }

        mutating func advance(_ character: Character) {
            if escaped { escaped = false; return }
            if character == "\\" && (inQuotes || commentDepth > 0) { escaped = true; return }
            if inQuotes { if character == "\"" { inQuotes = false }; return }
            switch character {
            case "\"" where commentDepth == 0: inQuotes = true
            case "(": commentDepth += 1
            case ")" where commentDepth > 0: commentDepth -= 1
            case "<" where commentDepth == 0: inAngle = true
            case ">" where commentDepth == 0: inAngle = false
            default: break
            }
        }
    }
}

extension String {
    package func replacingBackslashEscapes() -> String {
        guard utf8.contains(UInt8(ascii: "\\")) else { return self }
        var output = ""
        var escaped = false
        for character in self {
            if escaped { output.append(character); escaped = false } else if character == "\\" { escaped = true } else {
                output.append(character)
            }
        }
        return output
    }
}

extension HeaderFields {
    /// The mailboxes of every field with this name.
    public func addresses(_ name: String) -> [MailAddress] {
        all(name).flatMap { AddressParser.parse($0.value) }
    }
}
