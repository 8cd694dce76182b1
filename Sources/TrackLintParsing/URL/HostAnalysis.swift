import Foundation

/// What a URL's host is, as written.
public enum HostKind: Sendable, Hashable {
    /// A DNS name, lower-cased; `isInternationalized` when it has non-ASCII or `xn--` labels.
    case name(String, isInternationalized: Bool)
    /// An IPv4 address in any form browsers accept (dotted, hex, octal, dotless decimal).
    case ipv4(UInt32, form: IPv4Form)
    /// An IPv6 literal (`[::1]`), as eight 16-bit pieces.
    case ipv6([UInt16])
    /// The host is (or contains) a merge tag, so it cannot be judged before sending.
    case templated
}

public enum IPv4Form: String, Sendable, Hashable {
    case dottedDecimal = "dotted decimal"
    case nonStandard = "hex, octal or shortened"
    case dotlessDecimal = "dotless decimal"
}

/// Why recipients cannot reach a host (TL501).
public enum UnreachableHost: Sendable, Hashable, CustomStringConvertible {
    case localhost, loopback, unspecified, privateNetwork, linkLocal, sharedAddressSpace, uniqueLocal
    case singleLabel
    case reservedName(suffix: String)

    public var description: String {
        switch self {
        case .localhost: return "a name for the sender's own machine"
        case .loopback: return "a loopback address"
        case .unspecified: return "the unspecified address"
        case .privateNetwork: return "a private network address"
        case .linkLocal: return "a link-local address"
        case .sharedAddressSpace: return "a carrier-grade NAT address (100.64.0.0/10)"
        case .uniqueLocal: return "an IPv6 unique local address (fc00::/7)"
        case .singleLabel: return "a single-label host name that only resolves on a local network"
        case .reservedName(let suffix): return "a name under `.\(suffix)`, which is reserved and never public"
        }
    }
}

public enum HostAnalysis {
    /// Parses a host as written in a URL's authority; nil when it is not a valid host.
    package static func kind(of host: String) -> HostKind? {
        if host.isEmpty { return nil }
        if host.hasPrefix("[") {
            guard host.hasSuffix("]"), let pieces = parseIPv6(String(host.dropFirst().dropLast())) else { return nil }
            return .ipv6(pieces)
        }
        if let ascii = asciiName(host) { return ascii }
        let lower = host.lowercased()
        let labels = lower.split(separator: ".", omittingEmptySubsequences: false)
        let lastLabel = labels.last == "" && labels.count > 1 ? labels[labels.count - 2] : labels.last!
        if endsInNumber(String(lastLabel)) {
            guard let (address, form) = parseIPv4(lower) else { return nil }
            return .ipv4(address, form: form)
        }
        guard lower.utf8.count <= 253 else { return nil }
        let body = lower.hasSuffix(".") ? String(lower.dropLast()) : lower
        var internationalized = false
        for label in body.split(separator: ".", omittingEmptySubsequences: false) {
            if label.isEmpty || label.utf8.count > 63 { return nil }
            if label.hasPrefix("xn--") { internationalized = true }
            for scalar in label.unicodeScalars {
                switch scalar.value {
                case 0x61...0x7A, 0x30...0x39, 0x2D, 0x5F: continue
                case 0x80...:
                    if scalar.properties.isWhitespace || InvisibleCharacters.isInvisible(scalar) { return nil }
                    internationalized = true
                default: return nil
                }
            }
        }
        return .name(body, isInternationalized: internationalized)
    }

    /// The common case, read from bytes: an ASCII host name of letters, digits, `-` and `_` in
    /// non-empty labels, whose last label is not a number. nil sends every other host (IP forms,
    /// internationalized or invalid names) through the full reading. Hosts arrive lower-cased
    /// from the URL reader, and are then returned as they are, without a copy.
    private static func asciiName(_ host: String) -> HostKind? {
        host.withUTF8InPlace { bytes -> HostKind? in
            guard bytes.count <= 253 else { return nil }
            var labelStart = 0
            var labelIsNumeric = true
            var hasUpperCase = false
            var internationalized = false
            for (offset, byte) in bytes.enumerated() {
                switch byte {
                case UInt8(ascii: "."):
                    guard offset > labelStart && offset - labelStart <= 63 else { return nil }
                    if bytes.hasBytes("xn--", at: labelStart, caseInsensitive: true) { internationalized = true }
                    labelIsNumeric = true
                    labelStart = offset + 1
                case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "-"), UInt8(ascii: "_"):
                    labelIsNumeric = false
                case UInt8(ascii: "A")...UInt8(ascii: "Z"):
                    labelIsNumeric = false
                    hasUpperCase = true
                case UInt8(ascii: "0")...UInt8(ascii: "9"):
                    continue
                default:
                    return nil
                }
            }
            // A trailing dot, a numeric or hex-looking last label, or an over-long label: full reading.
            let lastLength = bytes.count - labelStart
            guard lastLength > 0, lastLength <= 63, !labelIsNumeric,
                  !bytes.hasBytes("0x", at: labelStart, caseInsensitive: true) else { return nil }
            if bytes.hasBytes("xn--", at: labelStart, caseInsensitive: true) { internationalized = true }
            return .name(hasUpperCase ? host.asciiLowercased() : host, isInternationalized: internationalized)
        }
    }

    /// WHATWG's "ends in a number": the last label is all digits or a 0x hex number.
    private static func endsInNumber(_ label: String) -> Bool {
        if !label.isEmpty && label.utf8.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }) { return true }
        return parseIPv4Number(label) != nil
    }

    /// The WHATWG IPv4 parser: up to four parts, each decimal, 0x hex or 0-prefixed octal; the last
    /// part fills the remaining bytes.
    package static func parseIPv4(_ host: String) -> (UInt32, IPv4Form)? {
        var parts = host.split(separator: ".", omittingEmptySubsequences: false).map(String.init)
        if parts.last == "" && parts.count > 1 { parts.removeLast() }
        guard (1...4).contains(parts.count) else { return nil }
        var numbers: [UInt64] = []
        var standard = parts.count == 4
        for part in parts {
            guard let (number, plainDecimal) = parseIPv4Number(part) else { return nil }
            if !plainDecimal { standard = false }
            numbers.append(number)
        }
        for number in numbers.dropLast() where number > 255 { return nil }
        let remainingBytes = 5 - numbers.count
        guard numbers.last! < (UInt64(1) << (8 * UInt64(remainingBytes))) else { return nil }
        var address = numbers.last!
        for (index, number) in numbers.dropLast().enumerated() {
            address += number << (8 * UInt64(3 - index))
        }
        let form: IPv4Form = standard ? .dottedDecimal : (parts.count == 1 && !parts[0].lowercased().hasPrefix("0x") && !(parts[0].hasPrefix("0") && parts[0].count > 1) ? .dotlessDecimal : .nonStandard)
        return (UInt32(address), form)
    }

    private static func parseIPv4Number(_ text: String) -> (UInt64, Bool)? {
        guard !text.isEmpty, text.utf8.count <= 20 else { return nil }
        var digits = Substring(text)
        var radix = 10
        if digits.lowercased().hasPrefix("0x") {
            digits = digits.dropFirst(2)
            radix = 16
            if digits.isEmpty { return (0, false) }
        } else if digits.count > 1 && digits.hasPrefix("0") {
            digits = digits.dropFirst()
            radix = 8
        }
        guard let value = UInt64(digits, radix: radix) else { return nil }
        return (value, radix == 10)
    }

    /// RFC 4291 text form, with `::` and an embedded dotted IPv4 tail.
    package static func parseIPv6(_ text: String) -> [UInt16]? {
        var text = Substring(text)
        if let percent = text.firstIndex(of: "%") { text = text[..<percent] }  // zone id
        let halves = text.components(separatedBy: "::")
        guard halves.count <= 2 else { return nil }
        func pieces(_ part: String) -> [UInt16]? {
            if part.isEmpty { return [] }
            var result: [UInt16] = []
            let groups = part.split(separator: ":", omittingEmptySubsequences: false)
            for (index, group) in groups.enumerated() {
                if index == groups.count - 1, group.contains(".") {
                    guard let (v4, form) = parseIPv4(String(group)), form == .dottedDecimal else { return nil }
                    result.append(UInt16(v4 >> 16))
                    result.append(UInt16(v4 & 0xFFFF))
                } else {
                    guard (1...4).contains(group.count), let value = UInt16(group, radix: 16) else { return nil }
                    result.append(value)
                }
            }
            return result
        }
        guard let head = pieces(halves[0]) else { return nil }
        if halves.count == 1 { return head.count == 8 ? head : nil }
        guard let tail = pieces(halves[1]), head.count + tail.count <= 7 else { return nil }
        return head + Array(repeating: 0, count: 8 - head.count - tail.count) + tail
    }

    /// Names reserved for local use, as static text: a list of strings (each with its dotted form)
    /// retained all fourteen for every host it was compared with.
    private static let reservedNames: [StaticString] = ["localhost", "local", "test", "internal", "lan", "home.arpa", "invalid"]

    /// The first reserved name that `name` is, or ends in after a dot: an ASCII name (nearly every
    /// one) is compared as bytes, any other as strings, as ever.
    private static func reservedName(of name: String) -> StaticString? {
        name.withUTF8InPlace { bytes in
            let isASCII = !bytes.contains { $0 >= 0x80 }
            return reservedNames.first { reserved in
                let suffix = UnsafeBufferPointer(start: reserved.utf8Start, count: reserved.utf8CodeUnitCount)
                guard isASCII else { return name == "\(reserved)" || name.hasSuffix(".\(reserved)") }
                let start = bytes.count - suffix.count
                return start >= 0 && (start == 0 || bytes[start - 1] == UInt8(ascii: "."))
                    && memcmp(bytes.baseAddress! + start, suffix.baseAddress!, suffix.count) == 0
            }
        }
    }

    /// Why the host cannot be reached from the recipient's side, or nil for a public host.
    public static func unreachable(_ kind: HostKind) -> UnreachableHost? {
        switch kind {
        case .templated:
            return nil
        case .name(let name, _):
            guard let reserved = reservedName(of: name) else {
                return name.utf8.contains(UInt8(ascii: ".")) ? nil : .singleLabel
            }
            let suffix = "\(reserved)"
            return suffix == "localhost" ? .localhost : .reservedName(suffix: suffix)
        case .ipv4(let address, _):
            return unreachableIPv4(address)
        case .ipv6(let pieces):
            if pieces.allSatisfy({ $0 == 0 }) { return .unspecified }
            if pieces.dropLast().allSatisfy({ $0 == 0 }) && pieces[7] == 1 { return .loopback }
            if pieces[0] & 0xFE00 == 0xFC00 { return .uniqueLocal }
            if pieces[0] & 0xFFC0 == 0xFE80 { return .linkLocal }
            if pieces[0..<5].allSatisfy({ $0 == 0 }) && pieces[5] == 0xFFFF {
                return unreachableIPv4(UInt32(pieces[6]) << 16 | UInt32(pieces[7]))
            }
            return nil
        }
    }

    private static func unreachableIPv4(_ address: UInt32) -> UnreachableHost? {
        let first = address >> 24
        let second = (address >> 16) & 0xFF
        switch first {
        case 0: return .unspecified
        case 127: return .loopback
        case 10: return .privateNetwork
        case 172 where (16...31).contains(second): return .privateNetwork
        case 192 where second == 168: return .privateNetwork
        case 169 where second == 254: return .linkLocal
        case 100 where (64...127).contains(second): return .sharedAddressSpace
        default: return nil
        }
    }
}

/// Characters that do not show but break a URL when pasted into one.
public enum InvisibleCharacters {
    public static let names: [UInt32: String] = [
        0x200B: "zero-width space", 0x200C: "zero-width non-joiner", 0x200D: "zero-width joiner",
        0x2060: "word joiner", 0xFEFF: "zero-width no-break space (BOM)", 0x00A0: "no-break space",
        0x00AD: "soft hyphen",
    ]

    public static func isInvisible(_ scalar: Unicode.Scalar) -> Bool { names[scalar.value] != nil }
}

package enum TopLevelDomains {
    /// Two-letter endings that are far more often file extensions than country domains in an href.
    package static let fileExtensions: Set<String> = ["js", "md", "py", "sh", "rb", "cs", "db", "gz", "xz", "ts", "go", "h", "c"]

    /// Generic top-level domains common enough in mail to recognise a scheme-less link by.
    package static let generic: Set<String> = [
        "com", "net", "org", "info", "biz", "edu", "gov", "mil", "int", "xyz", "online", "site", "store", "shop",
        "tech", "blog", "news", "email", "cloud", "digital", "agency", "media", "live", "life", "world", "club",
        "top", "page", "link", "click", "app", "dev", "pro", "name", "mobi", "asia", "travel", "jobs", "museum",
        "art", "design", "studio", "space", "website", "fun", "vip", "work", "today", "group", "company",
        "solutions", "services", "network", "systems", "global", "academy", "center", "events", "marketing",
        "social", "health", "finance", "money", "bank", "law", "legal", "photo", "photos", "music", "video",
        "games", "help", "support", "team", "zone", "land", "city", "berlin", "london", "nyc", "paris", "tokyo",
    ]
}
