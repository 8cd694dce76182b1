/// Reads an href/src as written. Merge tags are stood in for by one marker byte while the structure
/// is read, so `https://x.example/{{id}}` is a well-formed absolute URL in a template. The reading
/// works on UTF-8 bytes: every delimiter is ASCII, and links are read for every element of every
/// input, so this is a hot path.
package enum URLAnalyzer {
    /// Stands for a merge tag. Control characters are removed from the skeleton, so it cannot clash.
    fileprivate static let marker: UInt8 = 0x01

    package static let knownSchemes: Set<String> = [
        "http", "https", "ftp", "ftps", "mailto", "tel", "sms", "callto", "facetime", "skype", "whatsapp",
        "javascript", "vbscript", "data", "cid", "mid", "file", "webcal", "geo", "maps", "market", "itms-apps",
        "intent", "viber", "tg", "slack", "zoommtg", "msteams", "spotify", "about", "blob",
    ]
    package static let hierarchicalSchemes: Set<String> = ["http", "https", "ftp", "ftps"]
    /// The schemes a mistyped separator or a doubled scheme is looked for with, longer first.
    private static let webSchemes = ["https", "http"]

    /// The URL's UTF-8 with each merge tag collapsed into one marker byte, and the tag texts the
    /// markers stand for. Whitespace, control and invisible characters are left out (browsers drop
    /// tabs and line breaks; the others are reported as problems).
    private struct Skeleton {
        var bytes: [UInt8] = []
        /// For each marker in `bytes`, by index: the merge tag's text.
        var tagTexts: [Int: String] = [:]

        var count: Int { bytes.count }

        func hasMarker(_ range: Range<Int>) -> Bool { !tagTexts.isEmpty && bytes[range].contains(marker) }

        /// The text of a range as written, merge tags restored.
        func text(_ range: Range<Int>) -> String {
            guard hasMarker(range) else { return String(decoding: bytes[range], as: UTF8.self) }
            var restored: [UInt8] = []
            for index in range {
                if bytes[index] == marker, let tag = tagTexts[index] {
                    restored.append(contentsOf: tag.utf8)
                } else {
                    restored.append(bytes[index])
                }
            }
            return String(decoding: restored, as: UTF8.self)
        }

        /// The text of a range, lower-cased (ASCII directly; other text through Unicode rules).
        func lowered(_ range: Range<Int>) -> String {
            if bytes[range].allSatisfy({ $0 < 0x80 }) && !hasMarker(range) {
                // Nearly every scheme and host is written in lower case: decoded as it is, it costs
                // no buffer to fill.
                if !bytes[range].contains(where: { $0 &- 0x41 < 26 }) { return String(decoding: bytes[range], as: UTF8.self) }
                return String(unsafeUninitializedCapacity: range.count) { lowered in
                    for offset in 0..<range.count { lowered[offset] = asciiLower(bytes[range.lowerBound + offset]) }
                    return range.count
                }
            }
            return text(range).lowercased()
        }

        /// The first byte in `range` that is one of `set`, read through pointers: asked of every host.
        func firstIndex(in range: Range<Int>, of set: [UInt8]) -> Int? {
            bytes.withUnsafeBufferPointer { bytes in
                set.withUnsafeBufferPointer { set in range.first { set.contains(bytes[$0]) } }
            }
        }

        /// The first `byte` in `range`, found with memchr: paths and queries run to kilobytes.
        func firstIndex(of byte: UInt8, in range: Range<Int>) -> Int? {
            bytes.withUnsafeBufferPointer { $0.firstIndex(of: byte, from: range.lowerBound, to: range.upperBound) }
        }

        /// Whether `prefix` (lower-case ASCII) stands at `index`, compared case-insensitively.
        func hasPrefix(_ prefix: String, at index: Int) -> Bool {
            var position = index
            for expected in prefix.utf8 {
                guard position < bytes.count, asciiLower(bytes[position]) == expected else { return false }
                position += 1
            }
            return true
        }
    }

    package static func analyze(_ raw: String) -> URLReference {
        let trimmed = raw.trimmingASCIISpaces()
        let spans = MergeTags.spans(in: trimmed)
        var builder = Builder(raw: raw, trimmed: trimmed, mergeTags: spans)
        if trimmed.isEmpty || trimmed == "#" { return builder.finish(.empty) }
        if spans.count == 1 && spans[0].range == 0..<trimmed.utf8.count { return builder.finish(.mergeTagOnly) }
        let skeleton = makeSkeleton(trimmed, spans: spans, problems: &builder.problems)
        return read(skeleton, builder: &builder)
    }

    private static func makeSkeleton(_ text: String, spans: [MergeTagSpan], problems: inout [URLProblem]) -> Skeleton {
        var skeleton = Skeleton()
        text.withUTF8InPlace { utf8 in
            skeleton.bytes.reserveCapacity(utf8.count)
            var spanIndex = 0
            var offset = 0
            while offset < utf8.count {
                if spanIndex < spans.count, offset == spans[spanIndex].range.lowerBound {
                    skeleton.tagTexts[skeleton.bytes.count] = spans[spanIndex].text
                    skeleton.bytes.append(marker)
                    offset = spans[spanIndex].range.upperBound
                    spanIndex += 1
                    continue
                }
                // Printable ASCII up to the next tag or other byte is copied at once.
                let runEnd = min(spanIndex < spans.count ? spans[spanIndex].range.lowerBound : utf8.count,
                                 plainRunEnd(utf8, from: offset))
                if runEnd > offset {
                    skeleton.bytes.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[offset..<runEnd]))
                    offset = runEnd
                    continue
                }
                let (scalar, width) = scalarAt(utf8, offset)
                if let problem = problem(for: scalar) {
                    if !problems.contains(problem) { problems.append(problem) }
                } else {
                    skeleton.bytes.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[offset..<offset + width]))
                }
                offset += width
            }
        }
        return skeleton
    }

    /// The end of the printable ASCII (never a problem) starting at `offset`.
    private static func plainRunEnd(_ utf8: UnsafeBufferPointer<UInt8>, from offset: Int) -> Int {
        var end = offset
        while end < utf8.count, utf8[end] >= 0x21 && utf8[end] <= 0x7E { end += 1 }
        return end
    }

    /// The scalar starting at `offset` of valid UTF-8 (a `String`'s), and its width in bytes.
    private static func scalarAt(_ utf8: UnsafeBufferPointer<UInt8>, _ offset: Int) -> (Unicode.Scalar, Int) {
        let lead = UInt32(utf8[offset])
        let width = lead < 0x80 ? 1 : lead < 0xE0 ? 2 : lead < 0xF0 ? 3 : 4
        var value = width == 1 ? lead : lead & (0x7F >> UInt32(width))
        for next in offset + 1..<offset + width { value = value << 6 | UInt32(utf8[next] & 0x3F) }
        return (Unicode.Scalar(value)!, width)
    }

    private static func problem(for scalar: Unicode.Scalar) -> URLProblem? {
        switch scalar.value {
        case 0x21...0x7E: return nil
        case 0x20, 0x09, 0x0A, 0x0D, 0x0C: return .whitespace(scalar)
        case 0x00..<0x20, 0x7F...0x9F: return .controlCharacter(scalar)
        default: return InvisibleCharacters.isInvisible(scalar) ? .invisibleCharacter(scalar) : nil
        }
    }

    private static func isDigit(_ byte: UInt8) -> Bool { byte >= 0x30 && byte <= 0x39 }
    private static func isHexDigit(_ byte: UInt8) -> Bool { isDigit(byte) || ((byte | 0x20) >= 0x61 && (byte | 0x20) <= 0x66) }

    private static func read(_ skeleton: Skeleton, builder: inout Builder) -> URLReference {
        let end = skeleton.count
        if end == 0 { return builder.finish(.empty) }
        let first = skeleton.bytes[0]
        if first == marker {
            splitPath(skeleton, from: 0, builder: &builder)
            return builder.finish(.templated)
        }
        if first == UInt8(ascii: "#") {
            builder.fragment = skeleton.text(1..<end)
            return builder.finish(.fragmentOnly)
        }
        if let colon = schemeEnd(skeleton) {
            let scheme = skeleton.lowered(0..<colon)
            let restStart = colon + 1
            if scheme.utf8.contains(UInt8(ascii: ".")), restStart < end, isDigit(skeleton.bytes[restStart]) {
                return builder.finish(.missingScheme)   // "x.example:8080/path"
            }
            // Nearly every link is http(s): compared before hashing into the sets.
            let isWeb = scheme == "https" || scheme == "http"
            if isWeb || knownSchemes.contains(scheme) {
                builder.scheme = scheme
                if isWeb || hierarchicalSchemes.contains(scheme) {
                    return readHierarchical(skeleton, schemeText: skeleton.text(0..<colon), from: restStart, builder: &builder)
                }
                builder.path = skeleton.text(restStart..<end)
                return builder.finish(.absolute)
            }
            if let intended = intendedWebScheme(scheme), restStart < end,
               skeleton.bytes[restStart] == UInt8(ascii: "/") || skeleton.bytes[restStart] == UInt8(ascii: "\\") {
                builder.problems.append(.schemeTypo(written: skeleton.text(0..<colon), intended: intended))
                return builder.finish(.malformed)
            }
            builder.scheme = scheme
            builder.path = skeleton.text(restStart..<end)
            return builder.finish(.absolute)
        }
        // "http//x", "https;//x": a web scheme with a broken separator and no colon.
        for scheme in Self.webSchemes where skeleton.hasPrefix(scheme, at: 0) {
            var index = scheme.utf8.count
            while index < end, Self.separatorBytes.contains(skeleton.bytes[index]) { index += 1 }
            if index > scheme.utf8.count + 1 {
                builder.problems.append(.schemeSeparator(written: skeleton.text(0..<index), intended: scheme + "://"))
                return builder.finish(.malformed)
            }
        }
        if skeleton.hasPrefix("//", at: 0) {
            return readAuthorityAndPath(skeleton, from: 2, kind: .schemeRelative, builder: &builder)
        }
        splitPath(skeleton, from: 0, builder: &builder)
        if first == UInt8(ascii: "/") || first == UInt8(ascii: "\\") { return builder.finish(.pathAbsolute) }
        if isBareEmail(skeleton) { return builder.finish(.bareEmail) }
        let hostEnd = skeleton.firstIndex(in: 0..<end, of: Self.pathStarts) ?? end
        if hostEnd > 0, looksLikeHost(skeleton.lowered(0..<hostEnd)) {
            builder.host = skeleton.lowered(0..<hostEnd)
            return builder.finish(.missingScheme)
        }
        return builder.finish(.relative)
    }

    /// What stands between a scheme and the host when it was mistyped (`http;//`, `https:\\`).
    private static let separatorBytes: [UInt8] = Array(";/\\:".utf8)
    private static let slashesAndColon: [UInt8] = Array(":/\\".utf8)
    /// What ends a host written without a scheme, an authority, and the local part of an address.
    private static let pathStarts: [UInt8] = Array("/?#".utf8)
    private static let authorityEnds: [UInt8] = Array("/?#\\".utf8)
    private static let localPartEnds: [UInt8] = Array("/?#:".utf8)

    /// The index of the colon ending an RFC 3986 scheme, if the text starts with one.
    private static func schemeEnd(_ skeleton: Skeleton) -> Int? {
        guard let first = skeleton.bytes.first, isASCIILetter(first) else { return nil }
        for index in 1..<skeleton.count {
            let byte = skeleton.bytes[index]
            if byte == UInt8(ascii: ":") { return index }
            if !(isASCIILetter(byte) || isDigit(byte) || byte == UInt8(ascii: "+") || byte == UInt8(ascii: "-") || byte == UInt8(ascii: ".")) {
                return nil
            }
        }
        return nil
    }

    private static func readHierarchical(_ skeleton: Skeleton, schemeText: String, from restStart: Int,
                                         builder: inout Builder) -> URLReference {
        let end = skeleton.count
        var index = restStart
        while index < end, skeleton.bytes[index] == UInt8(ascii: "/") || skeleton.bytes[index] == UInt8(ascii: "\\") { index += 1 }
        let separator = skeleton.text(restStart..<index)
        if separator != "//" {
            builder.problems.append(.schemeSeparator(written: schemeText + ":" + separator, intended: builder.scheme! + "://"))
        }
        if index == end {
            builder.problems.append(.nothingAfterScheme)
            return builder.finish(.malformed)
        }
        // "https://https://x", "http://http//x": the scheme written twice.
        for scheme in Self.webSchemes where skeleton.hasPrefix(scheme, at: index) {
            var after = index + scheme.utf8.count
            let separatorStart = after
            while after < end, Self.slashesAndColon.contains(skeleton.bytes[after]) { after += 1 }
            if after > separatorStart + 1 {
                builder.problems.append(.doubledScheme(skeleton.text(0..<after)))
                index = after
            }
            break
        }
        return readAuthorityAndPath(skeleton, from: index, kind: .absolute, builder: &builder)
    }

    private static func readAuthorityAndPath(_ skeleton: Skeleton, from start: Int, kind: URLReference.Kind,
                                             builder: inout Builder) -> URLReference {
        let end = skeleton.count
        let bytes = skeleton.bytes
        let authorityEnd = skeleton.firstIndex(in: start..<end, of: Self.authorityEnds) ?? end
        var hostStart = start
        if let at = (start..<authorityEnd).last(where: { bytes[$0] == UInt8(ascii: "@") }) {
            builder.userinfo = skeleton.text(start..<at)
            hostStart = at + 1
        }
        var hostEnd = authorityEnd
        var portStart: Int?
        if hostStart < authorityEnd, bytes[hostStart] == UInt8(ascii: "[") {
            if let close = (hostStart..<authorityEnd).first(where: { bytes[$0] == UInt8(ascii: "]") }) {
                hostEnd = close + 1
                if hostEnd < authorityEnd, bytes[hostEnd] == UInt8(ascii: ":") { portStart = hostEnd + 1 }
            }
        } else if let colon = (hostStart..<authorityEnd).last(where: { bytes[$0] == UInt8(ascii: ":") }) {
            hostEnd = colon
            portStart = colon + 1
        }
        if let portStart {
            let port = skeleton.text(portStart..<authorityEnd)
            builder.port = port
            let isNumber = bytes[portStart..<authorityEnd].allSatisfy(isDigit) && (Int(port).map { $0 <= 65535 } ?? port.isEmpty)
            if !skeleton.hasMarker(portStart..<authorityEnd) && !isNumber { builder.problems.append(.invalidPort(port)) }
        }
        let hostText = skeleton.text(hostStart..<hostEnd)
        if skeleton.hasMarker(hostStart..<hostEnd) {
            builder.host = hostText
            builder.hostKind = .templated
        } else if hostStart == hostEnd {
            builder.problems.append(.emptyHost)
        } else {
            let written = skeleton.lowered(hostStart..<hostEnd)
            builder.host = written.hasPrefix("[") ? String(written.dropFirst().dropLast()) : written
            if let kind = HostAnalysis.kind(of: written) {
                builder.hostKind = kind
            } else {
                builder.problems.append(.invalidHost(hostText))
            }
        }
        splitPath(skeleton, from: authorityEnd, builder: &builder)
        checkPercentEncoding(skeleton, builder: &builder)
        return builder.finish(builder.problems.contains(where: \.isStructural) ? .malformed : kind)
    }

    private static func splitPath(_ skeleton: Skeleton, from start: Int, builder: inout Builder) {
        let end = skeleton.count
        let fragmentStart = skeleton.firstIndex(of: UInt8(ascii: "#"), in: start..<end)
        let queryStart = skeleton.firstIndex(of: UInt8(ascii: "?"), in: start..<(fragmentStart ?? end))
        let pathEnd = queryStart ?? fragmentStart ?? end
        builder.path = skeleton.text(start..<pathEnd)
        if let queryStart { builder.query = skeleton.text(queryStart + 1..<(fragmentStart ?? end)) }
        if let fragmentStart { builder.fragment = skeleton.text(fragmentStart + 1..<end) }
    }

    private static func checkPercentEncoding(_ skeleton: Skeleton, builder: inout Builder) {
        let bytes = skeleton.bytes
        var from = 0
        while let index = skeleton.firstIndex(of: UInt8(ascii: "%"), in: from..<bytes.count) {
            let valid = index + 2 < bytes.count && isHexDigit(bytes[index + 1]) && isHexDigit(bytes[index + 2])
            if !valid {
                builder.problems.append(.invalidPercentEncoding(skeleton.text(index..<min(bytes.count, index + 3))))
                return
            }
            from = index + 1
        }
    }

    private static func isBareEmail(_ skeleton: Skeleton) -> Bool {
        let bytes = skeleton.bytes
        guard let at = bytes.firstIndex(of: UInt8(ascii: "@")), at > 0,
              !bytes[..<at].contains(where: { Self.localPartEnds.contains($0) }) else { return false }
        let domainEnd = bytes[(at + 1)...].firstIndex(of: UInt8(ascii: "?")) ?? bytes.count
        guard domainEnd > at + 1 else { return false }
        if skeleton.hasMarker((at + 1)..<domainEnd) { return true }
        let domain = skeleton.lowered((at + 1)..<domainEnd)
        guard domain.contains("."), !domain.hasSuffix("."), case .name? = HostAnalysis.kind(of: domain) else { return false }
        return true
    }

    /// Collects the parts of the reference as they are read.
    private struct Builder {
        let raw: String
        let trimmed: String
        let mergeTags: [MergeTagSpan]
        var problems: [URLProblem] = []
        var scheme: String?
        var userinfo: String?
        var host: String?
        var hostKind: HostKind?
        var port: String?
        var path = ""
        var query: String?
        var fragment: String?

        init(raw: String, trimmed: String, mergeTags: [MergeTagSpan]) {
            self.raw = raw
            self.trimmed = trimmed
            self.mergeTags = mergeTags
        }

        /// Moves the parts into the reference (nothing reads the builder after): copied, each of a
        /// dozen strings and arrays cost a retain and then a release.
        mutating func finish(_ kind: URLReference.Kind) -> URLReference {
            URLReference(raw: raw, trimmed: trimmed, kind: kind, scheme: scheme.take(), userinfo: userinfo.take(), host: host.take(),
                         hostKind: hostKind, port: port.take(), path: Self.take(&path, leaving: ""), query: query.take(),
                         fragment: fragment.take(), mergeTags: mergeTags, problems: Self.take(&problems, leaving: []))
        }

        /// `value`, with `empty` left in its place.
        private static func take<Value>(_ value: inout Value, leaving empty: Value) -> Value {
            var taken = empty
            swap(&taken, &value)
            return taken
        }
    }
}

extension URLProblem {
    /// Problems that leave no usable URL (as opposed to characters inside an otherwise clear one).
    package var isStructural: Bool {
        switch self {
        case .emptyHost, .invalidHost, .invalidPort, .nothingAfterScheme, .schemeTypo, .schemeSeparator, .doubledScheme:
            return true
        case .whitespace, .controlCharacter, .invisibleCharacter, .invalidPercentEncoding:
            return false
        }
    }
}
