import TrackLint
import TrackLintParsing
import TrackLintPlatforms

/// `--format text`: `path:line:col: severity: message [CODE slug]`, a help line, the source line with
/// a caret under the evidence, and a summary.
public struct TextReporter: Reporter {
    public let color: Bool
    public let quiet: Bool
    private var summary = RunSummary()
    /// Source excerpts wider than this are shown as a window around the evidence.
    package static let excerptWidth = 100

    public init(color: Bool = false, quiet: Bool = false) {
        self.color = color
        self.quiet = quiet
    }

    public mutating func add(_ result: InputResult) -> String {
        let style = Style(enabled: color)
        // Written as bytes: a `String` append costs hundreds of instructions, and a finding takes dozens.
        var body: [UInt8] = []
        body.reserveCapacity(1024 * (result.findings.count + 1))
        // HTML files get the block only when it holds what --online found out.
        let showsDiagnosis = result.kind != .html || result.diagnosis.trackingHosts.contains { $0.check != nil }
        if showsDiagnosis && !quiet { body.write(diagnosisBlock(result, style: style)) }
        for finding in result.findings {
            // A finding in a part is shown in the decoded part; one about a header or a whole part, not at all.
            let location = finding.location
            let source = location.part == nil ? result.sources[""] : (location.partLine == nil ? nil : result.sources[location.part!])
            render(finding, source: source, style: style, into: &body)
        }
        summary.add(result)
        return String(decoding: body, as: UTF8.self)
    }

    public func finish() -> String {
        // With nothing linted (every input failed to read), a summary would only mislead.
        quiet || summary.inputs == 0 ? "" : summaryLine(style: Style(enabled: color)) + "\n"
    }

    package func render(_ finding: Finding, source: SourceText?, style: Style, into text: inout [UInt8]) {
        let location = finding.location
        var position = TerminalText.escaped(location.path)
        if let line = location.line {
            position += ":\(line)"
            if let column = location.column { position += ":\(column)" }
        }
        text.write(style.bold(position + ":"))
        text.write(" ")
        text.write(style.severity(finding.severity))
        text.write(": ")
        text.write(TerminalText.escaped(finding.message))
        text.write(" ")
        text.write(style.dim("[\(finding.code) \(finding.slug)]"))
        text.write("\n  ")
        text.write(style.apply("1;32", "help"))
        text.write(": ")
        text.write(TerminalText.escaped(finding.help))
        text.write("\n")
        if let part = location.part, let partLine = location.partLine {
            text.write("  ")
            text.write(style.dim("-->"))
            text.write(" part \(part), line \(partLine) of the decoded HTML\n")
        }
        // Excerpts come from the HTML as parsed: the file, or the decoded part.
        if let source, let line = location.partLine ?? location.line {
            let hasColumn = (location.partLine != nil ? location.partColumn : location.column) != nil
            excerpt(source, line: line, offset: hasColumn ? finding.offset : nil, evidence: finding.evidence, style: style, into: &text)
        }
    }

    /// The source line (escaped, windowed around the evidence on long lines) and, when the finding
    /// has a column, a caret line under the evidence. Only a window of the line is decoded, so
    /// many findings on one megabyte-long line stay cheap.
    package func excerpt(_ source: SourceText, line: Int, offset: Int?, evidence: String, style: Style, into text: inout [UInt8]) {
        guard let lineBytes = source.lineRange(line) else { return }
        let anchor = offset.map { min(max($0, lineBytes.lowerBound), lineBytes.upperBound) } ?? lineBytes.lowerBound
        // Up to four bytes a character: enough bytes on each side for the character window below.
        var byteStart = max(lineBytes.lowerBound, anchor - 4 * Self.excerptWidth)
        var byteEnd = min(lineBytes.upperBound, anchor + 8 * Self.excerptWidth)
        while byteStart > lineBytes.lowerBound && source.bytes[byteStart] & 0xC0 == 0x80 { byteStart -= 1 }
        while byteEnd < lineBytes.upperBound && source.bytes[byteEnd] & 0xC0 == 0x80 { byteEnd += 1 }
        // Printable ASCII (nearly every line) is one scalar a byte and needs no escaping.
        let isPlainASCII = source.bytes.withUnsafeBufferPointer {
            ByteWords.arePrintableASCII(UnsafeBufferPointer(rebasing: $0[byteStart..<byteEnd]), tabs: true)
        }
        // Scalars are counted (and kept, to escape them one by one) only on other lines.
        let before = isPlainASCII ? [] : Array(source.string(byteStart..<anchor).unicodeScalars)
        let scalars = isPlainASCII ? [] : before + Array(source.string(anchor..<byteEnd).unicodeScalars)
        let start = isPlainASCII ? anchor - byteStart : before.count
        let total = isPlainASCII ? byteEnd - byteStart : scalars.count
        let evidenceLength = max(1, min(evidence.unicodeScalars.count, total - start))
        var windowStart = 0
        var windowEnd = total
        if total > Self.excerptWidth || byteStart > lineBytes.lowerBound || byteEnd < lineBytes.upperBound {
            windowStart = max(0, start - Self.excerptWidth / 3)
            windowEnd = min(total, windowStart + Self.excerptWidth)
        }
        let cutLeft = windowStart > 0 || byteStart > lineBytes.lowerBound
        let cutRight = windowEnd < total || byteEnd < lineBytes.upperBound
        var shown = cutLeft ? "…" : ""
        var caretOffset = shown.count
        var caretWidth = 0
        if isPlainASCII {
            shown += String(decoding: source.bytes[byteStart + windowStart..<byteStart + windowEnd].map { $0 == 0x09 ? 0x20 : $0 },
                            as: UTF8.self)
            caretOffset += max(0, min(start, windowEnd) - windowStart)
            if offset != nil { caretWidth = max(0, min(windowEnd, start + evidenceLength) - max(windowStart, start)) }
        } else {
            for index in windowStart..<windowEnd {
                let piece = scalars[index] == "\t" ? " " : TerminalText.escaped(scalars[index])
                if index < start { caretOffset += piece.count }
                if offset != nil && index >= start && index < start + evidenceLength { caretWidth += piece.count }
                shown += piece
            }
        }
        if cutRight { shown += "…" }
        let gutter = String(line)
        let pad = TerminalText.repeated(" ", count: gutter.count)
        text.write("  ")
        text.write(style.dim(gutter + " |"))
        text.write(" ")
        text.write(shown)
        text.write("\n")
        guard offset != nil else { return }
        text.write("  ")
        text.write(style.dim(pad + " |"))
        text.write(" ")
        text.write(TerminalText.repeated(" ", count: caretOffset))
        text.write(style.apply("1;31", TerminalText.repeated("^", count: max(1, caretWidth))))
        text.write("\n")
    }

    /// "klaviyo (header X-Kmail-Account, header X-Kmail-Message)": the name and the first evidence.
    static func attribution(_ attribution: PlatformAttribution) -> String {
        let medium = attribution.confidence == .medium ? "probably " : ""
        return "\(medium)\(attribution.name) (\(attribution.evidence.prefix(2).joined(separator: ", ")))"
    }

    /// The one-screen answer for a message, before its findings: platform, pixel, links,
    /// unsubscribe and authentication.
    package func diagnosisBlock(_ result: InputResult, style: Style) -> String {
        let diagnosis = result.diagnosis
        var title = TerminalText.escaped(result.path) + (result.kind == .html ? "" : ", message \(result.messageIndex ?? 0)")
        if let subject = result.subject { title += ": \"\(TerminalText.escaped(String(subject.prefix(80))))\"" }
        var rows: [(String, String)] = []
        rows.append(("platform", diagnosis.platform.map(Self.attribution) ?? "not recognised"))
        if let relay = diagnosis.relay { rows.append(("relay", Self.attribution(relay))) }
        let context = diagnosis.context
        rows.append(("context", "\(context.value.rawValue) (\(context.inferred ? "inferred" : "stated"): \(context.evidence.prefix(3).joined(separator: ", ")))"))
        if diagnosis.htmlParts == 0 {
            rows.append(("html", "none: the message is text only"))
        } else {
            rows.append(("open pixel", diagnosis.pixel.map { pixel in
                "\(pixel.hidden ? "hidden, " : "")\(String(pixel.url.prefix(70)))"
            } ?? "none found"))
            if !diagnosis.beacons.isEmpty {
                rows.append(("beacons", diagnosis.beacons.map { "\($0.name) \(String($0.url.prefix(50)))" }.joined(separator: ", ")
                    + " (third-party measurement, not the open pixel)"))
            }
            let links = diagnosis.links
            var clicks = "\(links.total) link\(links.total == 1 ? "" : "s")"
            if let host = diagnosis.trackingHosts.first, let tracked = links.tracked {
                clicks += ", \(tracked) through \(host.host) (\(host.source.rawValue))"
                if let untracked = links.untracked, untracked > 0 { clicks += ", \(untracked) not tracked" }
            } else {
                clicks += ", no tracking host found"
            }
            rows.append(("click links", clicks))
            for host in diagnosis.trackingHosts {
                if let check = host.check { rows.append(("host check", check.summary + (diagnosis.trackingHosts.count > 1 ? " (\(host.host))" : ""))) }
            }
        }
        func yesNo(_ value: Bool?) -> String { value.map { $0 ? "yes" : "no" } ?? "unknown" }
        rows.append(("unsubscribe", "body link \(yesNo(diagnosis.unsubscribeBodyLink)), List-Unsubscribe \(yesNo(diagnosis.listUnsubscribe)), one-click \(yesNo(diagnosis.oneClick))"))
        if let results = diagnosis.authentication {
            rows.append(("auth", results.isEmpty ? "no Authentication-Results" : ["spf", "dkim", "dmarc"].compactMap { method in
                results[method].map { "\(method)=\($0)" }
            }.joined(separator: " ")))
        }
        rows += Verdict.textRows(for: result)
        let width = rows.map(\.0.count).max() ?? 0
        return style.bold("== \(title)") + "\n" + rows.map { label, value in
            "   \(style.dim(label.padding(toLength: width)))  \(TerminalText.escaped(value))"
        }.joined(separator: "\n") + "\n"
    }

    package func summaryLine(style: Style) -> String {
        let files = summary.inputs
        let filesText = "\(files) input\(files == 1 ? "" : "s")"
        let total = summary.findings
        if total == 0 { return "No problems found in \(filesText)." }
        let counts = [(summary.errors, Severity.error), (summary.warnings, .warning), (summary.infos, .info)]
            .filter { $0.0 > 0 }.map { $0.1.counted($0.0) }
        return style.bold("Found \(total) problem\(total == 1 ? "" : "s")") + " (\(counts.joined(separator: ", "))) in \(filesText)."
    }
}

fileprivate extension [UInt8] {
    /// Appends the text's UTF-8: reports are put together as bytes, and made text once.
    mutating func write(_ text: String) { append(contentsOf: text.utf8) }
}
