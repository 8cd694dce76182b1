/// DNS messages as RFC 1035 writes them: a query for one name, and what an answer says about it.
/// Only what `--online` needs: A, AAAA and CNAME records of a recursive resolver's answer.
enum DNSMessage {
    enum RecordType: UInt16 {
        case a = 1, cname = 5, aaaa = 28
    }

    /// What an answer says about the name asked for.
    struct Answer: Equatable {
        /// The response code: 0 no error, 2 server failure, 3 no such name (NXDOMAIN), 5 refused.
        let responseCode: UInt8
        let truncated: Bool
        /// The CNAME chain from the name asked for, in order.
        let cnames: [String]
        /// The addresses of the chain's last name, as text.
        let addresses: [String]
    }

    struct MalformedMessage: Error {}

    /// A recursive query (RD set) for `name`.
    static func query(id: UInt16, name: String, type: RecordType) -> [UInt8]? {
        var bytes: [UInt8] = [UInt8(id >> 8), UInt8(id & 0xFF), 0x01, 0x00, 0, 1, 0, 0, 0, 0, 0, 0]
        let absolute = name.hasSuffix(".") ? String(name.dropLast()) : name
        for label in absolute.split(separator: ".", omittingEmptySubsequences: false) {
            let utf8 = Array(label.utf8)
            // Host names only (punycode for others): the name also goes into an https URL.
            guard !utf8.isEmpty, utf8.count < 64,
                  utf8.allSatisfy({ $0 == UInt8(ascii: "-") || $0 == UInt8(ascii: "_") || (0x30...0x39).contains($0)
                                    || (0x41...0x5A).contains($0) || (0x61...0x7A).contains($0) }) else { return nil }
            bytes.append(UInt8(utf8.count))
            bytes += utf8
        }
        guard bytes.count - 12 < 255 else { return nil }
        bytes += [0, UInt8(type.rawValue >> 8), UInt8(type.rawValue & 0xFF), 0, 1]
        return bytes
    }

    /// Reads the answer to query `id` for `name`; throws on anything that is not one.
    static func answer(_ bytes: [UInt8], id: UInt16, name: String) throws -> Answer {
        var reader = Reader(bytes: bytes)
        guard try reader.u16() == id else { throw MalformedMessage() }
        let flags = try reader.u16()
        guard flags & 0x8000 != 0 else { throw MalformedMessage() }
        let questions = try reader.u16(), answers = try reader.u16()
        _ = try reader.u16()
        _ = try reader.u16()
        for _ in 0..<questions {
            guard try reader.name().lowercased() == name.lowercased() else { throw MalformedMessage() }
            reader.offset += 4
        }
        var aliases: [String: String] = [:]
        var addresses: [String: [String]] = [:]
        for _ in 0..<answers {
            let owner = try reader.name().lowercased()
            let type = try reader.u16()
            reader.offset += 6   // class and TTL
            let length = Int(try reader.u16())
            let end = reader.offset + length
            guard end <= bytes.count else { throw MalformedMessage() }
            switch RecordType(rawValue: type) {
            case .cname: aliases[owner] = try reader.name().lowercased()
            case .a where length == 4: addresses[owner, default: []].append(bytes[reader.offset..<end].map(String.init).joined(separator: "."))
            case .aaaa where length == 16: addresses[owner, default: []].append(ipv6Text(Array(bytes[reader.offset..<end])))
            default: break
            }
            reader.offset = end
        }
        var chain: [String] = []
        var current = name.lowercased()
        while let next = aliases[current], chain.count < 16, !chain.contains(next) {
            chain.append(next)
            current = next
        }
        return Answer(responseCode: UInt8(flags & 0x0F), truncated: flags & 0x0200 != 0, cnames: chain,
                      addresses: addresses[current] ?? [])
    }

    private static func ipv6Text(_ bytes: [UInt8]) -> String {
        stride(from: 0, to: 16, by: 2).map { String(UInt16(bytes[$0]) << 8 | UInt16(bytes[$0 + 1]), radix: 16) }.joined(separator: ":")
    }

    /// Reads a message front to back; names may point back into it (compression).
    private struct Reader {
        let bytes: [UInt8]
        var offset = 0

        mutating func u16() throws -> UInt16 {
            guard offset + 2 <= bytes.count else { throw MalformedMessage() }
            defer { offset += 2 }
            return UInt16(bytes[offset]) << 8 | UInt16(bytes[offset + 1])
        }

        mutating func name() throws -> String {
            var labels: [String] = []
            var position = offset
            var jumps = 0
            var resume: Int?
            while true {
                guard position < bytes.count else { throw MalformedMessage() }
                let length = Int(bytes[position])
                if length & 0xC0 == 0xC0 {
                    guard position + 1 < bytes.count, jumps < 32 else { throw MalformedMessage() }
                    if resume == nil { resume = position + 2 }
                    position = (length & 0x3F) << 8 | Int(bytes[position + 1])
                    jumps += 1
                    continue
                }
                guard length & 0xC0 == 0 else { throw MalformedMessage() }
                position += 1
                if length == 0 { break }
                guard position + length <= bytes.count, labels.count < 128 else { throw MalformedMessage() }
                labels.append(String(decoding: bytes[position..<position + length], as: UTF8.self))
                position += length
            }
            offset = resume ?? position
            return labels.joined(separator: ".")
        }
    }
}
