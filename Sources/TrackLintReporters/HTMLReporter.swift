import TrackLint
import TrackLintParsing
import TrackLintPlatforms

/// `--format html`: one self-contained page for support staff. A summary of every input on top,
/// then a section per input: verdicts, diagnosis, links, findings and a safe preview.
///
/// Opening it must send no request (a loaded pixel is a fake open, a prefetched link a fake
/// click): the page allows no remote source at all, links are shown as text, and each preview is
/// rebuilt by `PreviewSanitizer` inside a sandboxed frame without scripts.
public struct HTMLReporter: Reporter {
    /// The report's own policy: nothing but inline styles and `data:` images, no form, no base.
    package static let contentSecurityPolicy =
        "default-src 'none'; img-src data:; style-src 'unsafe-inline'; form-action 'none'; base-uri 'none'"
    /// Inputs after this many are in the summary only, which keeps the page openable for an mbox.
    public static let maximumSections = 100
    /// Inputs after this many are counted in the summary, not listed, which keeps the report's
    /// memory and size bounded at any volume.
    public static let maximumRows = 1_000
    /// Previews smaller than this get a shorter frame.
    package static let shortPreviewBytes = 4 * 1024

    private var rows: [String] = []
    private var rowCount = 0
    private var sections: [String] = []
    private var summary = RunSummary()

    public init() {}

    public mutating func add(_ result: InputResult) -> String {
        summary.add(result)
        rowCount += 1
        let number = rowCount
        let anchor = "input-\(number)"
        let hasSection = sections.count < Self.maximumSections
        // The answer shows only in a section; the verdicts in every row.
        let judged = hasSection ? CustomerAnswer.verdictsAndText(for: result) : (verdicts: Verdict.verdicts(for: result), text: "")
        var row = "<tr><td>"
        row += hasSection ? "<a href=\"#\(anchor)\">\(Self.title(of: result))</a>" : Self.title(of: result)
        if let subject = result.subject { row += "<div class=\"sub\">\(Self.shown(subject))</div>" }
        row += "</td>"
        for verdict in judged.verdicts { row += "<td>\(Self.stateBadge(verdict.state))</td>" }
        row += "<td>\(Self.counts(result.findings))</td></tr>"
        if rows.count < Self.maximumRows { rows.append(row) }
        if hasSection { sections.append(section(result, anchor: anchor, verdicts: judged.verdicts, answer: judged.text)) }
        return ""
    }

    public func finish() -> String {
        var page = """
        <!DOCTYPE html>
        <html lang="en"><head><meta charset="utf-8">
        <meta http-equiv="Content-Security-Policy" content="\(Self.contentSecurityPolicy)">
        <meta name="referrer" content="no-referrer">
        <meta name="viewport" content="width=device-width, initial-scale=1">
        <title>tracklint report</title>
        <style>\(Self.css)</style>
        </head><body>
        <header class="top"><h1>Email tracking report</h1>
        <p>\(summaryLine) · made by \(ToolInfo.name) \(ToolInfo.version)</p>
        <p class="safety">Opening this report loads nothing from the internet: images in the previews are \
        placeholders, the tracking pixel is not requested, and links are shown, never followed.</p></header>
        <main>
        <section class="summary" aria-labelledby="summary"><h2 id="summary">Summary</h2>
        <table><thead><tr><th>Input</th>
        """
        page += Concern.allCases.map { "<th>\($0.rawValue)</th>" }.joined() + "<th>Findings</th></tr></thead><tbody>\n"
        page += rows.joined(separator: "\n")
        page += "\n</tbody></table>\n"
        if rowCount > rows.count {
            page += "<p class=\"note\">The summary lists the first \(rows.count) of \(rowCount) inputs; "
                + "the counts above include them all.</p>\n"
        }
        if rowCount > sections.count {
            page += "<p class=\"note\">Sections follow for the first \(sections.count) of \(rowCount) inputs; "
                + "lint the others on their own for theirs.</p>\n"
        }
        page += "</section>\n" + sections.joined(separator: "\n") + "\n</main></body></html>\n"
        return page
    }

    private var summaryLine: String {
        var parts = ["\(summary.inputs) input\(summary.inputs == 1 ? "" : "s")"]
        if summary.messages > 0 { parts.append("\(summary.messages) message\(summary.messages == 1 ? "" : "s")") }
        parts.append(summary.findings == 0 ? "no findings"
            : [Severity.error.counted(summary.errors), Severity.warning.counted(summary.warnings),
               Severity.info.counted(summary.infos)].joined(separator: ", "))
        return parts.joined(separator: " · ")
    }

    // MARK: One input

    private func section(_ result: InputResult, anchor: String, verdicts: [Verdict], answer: String) -> String {
        var html = "<section class=\"input\" id=\"\(anchor)\" aria-labelledby=\"\(anchor)-title\">\n"
        html += "<h2 id=\"\(anchor)-title\">\(Self.title(of: result))</h2>\n"
        if let subject = result.subject { html += "<p class=\"sub\">Subject: \(Self.shown(subject))</p>\n" }
        html += "<ul class=\"verdicts\">\n"
        for verdict in verdicts {
            let code = verdict.codes.isEmpty ? "" : " <code>\(verdict.codes.joined(separator: " "))</code>"
            html += "<li class=\"verdict \(Self.stateClass(verdict.state))\"><span class=\"concern\">\(verdict.concern.rawValue)</span>"
                + "\(Self.stateBadge(verdict.state))<span class=\"reason\">\(Self.shown(verdict.reason))\(code)</span></li>\n"
        }
        html += "</ul>\n"
        html += answerBox(answer)
        html += diagnosisCard(result.diagnosis)
        let points = result.bodies.map { BodyPoints(body: $0, result: result) }
        html += linkTable(points)
        html += measurementTable(points)
        html += findingsList(result.findings)
        html += previews(points)
        return html + "</section>"
    }

    private static func attribution(_ attribution: PlatformAttribution) -> String {
        let confidence = attribution.confidence == .medium ? ", probably" : ""
        return "<b>\(shown(attribution.name))</b> <span class=\"sub\">(\(shown(attribution.evidence.joined(separator: "; ")))\(confidence))</span>"
    }

    private func diagnosisCard(_ diagnosis: Diagnosis) -> String {
        let context = diagnosis.context
        var rows: [(String, String)] = [("Stage", diagnosis.stage.rawValue)]
        rows.append(("Context", "\(context.value.rawValue) <span class=\"sub\">(\(context.inferred ? "inferred" : "stated"): "
            + "\(Self.shown(context.evidence.joined(separator: "; "))))</span>"))
        rows.append(("Platform", diagnosis.platform.map(Self.attribution) ?? "unknown"))
        if let relay = diagnosis.relay { rows.append(("Delivered through", Self.attribution(relay))) }
        rows.append(("Tracking host", diagnosis.trackingHosts.isEmpty ? "none found" : diagnosis.trackingHosts.map {
            "<code>\(Self.shown($0.host))</code> <span class=\"sub\">(\($0.source.rawValue): \(Self.shown($0.evidence)))</span>"
                + ($0.check.map { "<br><span class=\"sub\">Checked online: \(Self.shown($0.summary))</span>" } ?? "")
        }.joined(separator: "<br>")))
        rows.append(("Pixel", diagnosis.pixel.map { pixel in
            var notes = ["line \(pixel.line)"]
            if pixel.hidden { notes.append("hidden") }
            if pixel.offset > GmailClipping.thresholdBytes { notes.append("after Gmail's clipping point") }
            return "<code>\(Self.shown(pixel.url))</code> <span class=\"sub\">(\(notes.joined(separator: ", ")))</span>"
        } ?? "none found"))
        let links = diagnosis.links
        var linkParts = ["\(links.total) in all"]
        if let tracked = links.tracked { linkParts.append("\(tracked) tracked") }
        if let untracked = links.untracked { linkParts.append("\(untracked) not tracked") }
        linkParts += [(links.optedOut, "opted out"), (links.nonWeb, "not web"), (links.gatewayWrapped, "rewritten by a gateway")]
            .filter { $0.0 > 0 }.map { "\($0.0) \($0.1)" }
        rows.append(("Links", linkParts.joined(separator: ", ")))
        var unsubscribe = [Self.yesNo(diagnosis.unsubscribeBodyLink, "link in the body")]
        if diagnosis.unsubscribePlaceholder {
            unsubscribe.append(diagnosis.stage == .template ? "placeholder (filled in when sent)" : "<b>placeholder left unresolved</b>")
        }
        unsubscribe.append(Self.yesNo(diagnosis.listUnsubscribe, "List-Unsubscribe header"))
        unsubscribe.append(Self.yesNo(diagnosis.oneClick, "one-click (RFC 8058)"))
        rows.append(("Unsubscribe", unsubscribe.filter { !$0.isEmpty }.joined(separator: ", ")))
        rows.append(("HTML", diagnosis.htmlParts == 0 ? "no HTML body"
            : "\(diagnosis.htmlParts) part\(diagnosis.htmlParts == 1 ? "" : "s"), \(diagnosis.htmlBytes) bytes"
            + (diagnosis.htmlBytes > GmailClipping.thresholdBytes ? ", <b>larger than Gmail's clipping point</b>" : "")))
        if let results = diagnosis.authentication {
            rows.append(("Authentication", results.isEmpty ? "no results in the headers"
                : ["spf", "dkim", "dmarc"].map { "\($0.uppercased()) \(Self.shown(results[$0] ?? "–"))" }.joined(separator: ", ")))
        }
        return "<div class=\"card\"><h3>Diagnosis</h3><dl>\n"
            + rows.map { "<dt>\($0.0)</dt><dd>\($0.1)</dd>" }.joined(separator: "\n") + "\n</dl></div>\n"
    }

    private func findingsList(_ findings: [Finding]) -> String {
        guard !findings.isEmpty else { return "<h3>Findings</h3><p class=\"note\">No findings.</p>\n" }
        var html = "<h3>Findings (\(findings.count))</h3>\n"
        for severity in Severity.allCases.reversed() {
            let group = findings.filter { $0.severity == severity }
            guard !group.isEmpty else { continue }
            html += "<h4 class=\"\(severity.rawValue)\">\(Self.severityHeading(severity)) (\(group.count))</h4>\n<ol class=\"findings\">\n"
            for finding in group {
                html += "<li class=\"finding \(severity.rawValue)\"><div class=\"head\"><code>\(finding.code)</code> "
                    + "<b>\(finding.slug)</b> <span class=\"sub\">\(Self.location(finding.location))</span></div>\n"
                    + "<p>\(Self.prose(finding.message))</p>\n"
                if !finding.evidence.isEmpty {
                    html += "<p class=\"evidence\">Evidence: <code>\(Self.shown(finding.evidence))</code></p>\n"
                }
                html += "<p class=\"help\">What to do: \(Self.prose(finding.help))</p>\n"
                if let fix = finding.fix {
                    // An edit's text is shown unless the description already quotes it.
                    let edits = fix.edits.filter { !fix.description.contains($0.text) }
                        .map { "<code>\(Self.shown($0.text))</code>" }.joined(separator: " ")
                    html += "<p class=\"fix\">Fix (\(fix.applicability.rawValue)): \(Self.prose(fix.description)) \(edits)</p>\n"
                }
                html += "</li>\n"
            }
            html += "</ol>\n"
        }
        return html
    }

    private func previews(_ points: [BodyPoints]) -> String {
        guard !points.isEmpty else { return "" }
        var html = "<h3>Preview</h3>\n"
        for point in points {
            let body = point.body
            var notes: [String] = []
            if let part = body.part { notes.append("part \(Self.shown(part))") }
            switch body.content {
            case .text(let text, let truncated):
                notes.append("text only")
                if truncated { notes.append("cut at \(PreviewSanitizer.maximumBytes / 1024) KB") }
                html += "<p class=\"note\">\(notes.joined(separator: " · "))</p>\n"
                    + "<pre class=\"text-preview\">\(Self.shown(text, keepLines: true))</pre>\n"
            case .html(let document, _):
                let preview = PreviewSanitizer.preview(of: document, marks: point.marks)
                if !point.numbers.isEmpty { notes.append("numbers mark the failing links and the images that count opens, as in the tables") }
                if point.clipLabel != nil {
                    notes.append("the dashed line is where Gmail clips (\(GmailClipping.thresholdBytes / 1024) KB)"
                        + (point.pastClip.isEmpty ? "" : "; past it: " + Self.shown(point.pastClip.joined(separator: ", "))))
                }
                if preview.blockedImages > 0 {
                    notes.append(preview.blockedImages == 1 ? "1 remote image shown as a placeholder"
                                                            : "\(preview.blockedImages) remote images shown as placeholders")
                }
                if !preview.removedElements.isEmpty {
                    notes.append("removed: " + preview.removedElements.sorted { $0.key < $1.key }
                        .map { "\($0.value) \(Self.shown($0.key))" }.joined(separator: ", "))
                }
                if preview.truncated { notes.append("cut at \(PreviewSanitizer.maximumBytes / 1024) KB") }
                notes.append("links are not followed")
                html += "<p class=\"note\">\(notes.joined(separator: " · "))</p>\n"
                // Without scripts a frame cannot fit its content; a short body gets a shorter frame.
                let size = preview.html.utf8.count < Self.shortPreviewBytes ? " short" : ""
                html += "<iframe class=\"preview\(size)\" sandbox=\"\" referrerpolicy=\"no-referrer\" loading=\"eager\" "
                    + "title=\"Preview of the HTML body\" srcdoc=\"\(HTMLEscaping.attribute(preview.html))\"></iframe>\n"
            }
        }
        return html
    }

    // MARK: Pieces

    /// Text from an input, for HTML: invisible and control characters shown as `\u{...}` (so a
    /// bidirectional override cannot disguise a URL), then escaped.
    package static func shown(_ text: String, keepLines: Bool = false) -> String {
        guard keepLines else { return HTMLEscaping.text(TerminalText.escaped(text)) }
        return text.split(separator: "\n", omittingEmptySubsequences: false)
            .map { HTMLEscaping.text(TerminalText.escaped(String($0).replacingOccurrences(of: "\r", with: ""))) }
            .joined(separator: "\n")
    }

    /// A finding's message or help: shown, with `quoted` spans as code, as in the Markdown docs.
    package static func prose(_ text: String) -> String {
        let pieces = shown(text).split(separator: "`", omittingEmptySubsequences: false)
        guard pieces.count >= 3 else { return pieces.joined(separator: "`") }
        var html = ""
        for (index, piece) in pieces.enumerated() {
            let isCode = index % 2 == 1 && index < pieces.count - 1
            html += isCode ? "<code>\(piece)</code>" : (index % 2 == 1 ? "`" : "") + piece
        }
        return html
    }

    private static func title(of result: InputResult) -> String {
        var title = shown(result.path)
        if result.kind == .mbox, let index = result.messageIndex { title += " · message \(index)" }
        return title
    }

    private static func location(_ location: Location) -> String {
        var parts: [String] = []
        if let header = location.header { parts.append("header \(shown(header))") }
        if let part = location.part {
            parts.append("part \(shown(part))" + (location.partLine.map { ", line \($0)" } ?? ""))
        } else if let line = location.line {
            parts.append("line \(line)" + (location.column.map { ", column \($0)" } ?? ""))
        }
        if let selector = location.selector { parts.append("<code>\(shown(selector))</code>") }
        return parts.joined(separator: " · ")
    }

    private static func counts(_ findings: [Finding]) -> String {
        guard !findings.isEmpty else { return "none" }
        return Severity.allCases.reversed().compactMap { severity in
            let count = findings.filter { $0.severity == severity }.count
            return count == 0 ? nil : "<span class=\"count \(severity.rawValue)\">\(severity.counted(count))</span>"
        }.joined(separator: " ")
    }

    private static func yesNo(_ value: Bool?, _ label: String) -> String {
        value.map { "\($0 ? "✓" : "✗") \(label)" } ?? ""
    }

    private static func severityHeading(_ severity: Severity) -> String {
        switch severity {
        case .error: "Errors"
        case .warning: "Warnings"
        case .info: "Information"
        }
    }

    private static func stateClass(_ state: Verdict.State) -> String {
        switch state {
        case .ok: "ok"
        case .partial: "partial"
        case .atRisk: "risk"
        case .broken: "broken"
        }
    }

    private static func stateBadge(_ state: Verdict.State) -> String {
        "<span class=\"state \(stateClass(state))\">\(state.label)</span>"
    }

    static func linkClass(_ status: LinkRow.Status) -> String {
        switch status {
        case .tracked: "ok"
        case .untracked, .dead, .noTrackingHost: "broken"
        case .outlookOnly, .mergeTag: "risk"
        case .optedOut, .platformLink, .notWeb, .awaitingSend: "neutral"
        }
    }

    package static let css = """
        :root{color-scheme:light;--ok:#067647;--ok-bg:#ecfdf3;--risk:#b54708;--risk-bg:#fffaeb;--broken:#b42318;\
        --broken-bg:#fef3f2;--partial:#c4320a;--partial-bg:#fff6ed;--line:#d0d5dd;--muted:#475467}
        *{box-sizing:border-box}
        body{margin:0;font:15px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,"Noto Sans",sans-serif;color:#101828;background:#f9fafb}
        header.top{background:#101828;color:#fff;padding:20px 32px}
        header.top h1{margin:0 0 4px;font-size:24px}
        header.top p{margin:2px 0;color:#d0d5dd}
        main{padding:8px 32px 48px;max-width:1280px}
        section{background:#fff;border:1px solid var(--line);border-radius:8px;padding:16px 24px;margin:20px 0}
        h2{font-size:20px;margin:0 0 8px;overflow-wrap:anywhere}
        h3{font-size:17px;margin:24px 0 8px}
        h4{font-size:15px;margin:16px 0 6px}
        h4.error{color:var(--broken)}h4.warning{color:var(--risk)}h4.info{color:var(--muted)}
        table{border-collapse:collapse;width:100%}
        th,td{border-bottom:1px solid var(--line);padding:6px 8px;text-align:left;vertical-align:top}
        th{font-size:13px;color:var(--muted);font-weight:600}
        code{font:13px/1.4 ui-monospace,"DejaVu Sans Mono",Menlo,monospace;overflow-wrap:anywhere;word-break:break-all}
        .sub,.note{color:var(--muted);font-size:13px}
        .state{display:inline-block;border-radius:999px;padding:1px 10px;font-weight:600;font-size:13px;white-space:nowrap}
        .state.ok{color:var(--ok);background:var(--ok-bg)}
        .state.risk{color:var(--risk);background:var(--risk-bg)}
        .state.broken{color:var(--broken);background:var(--broken-bg)}
        .state.partial{color:var(--partial);background:var(--partial-bg)}
        ul.verdicts{list-style:none;padding:0;margin:12px 0;display:grid;gap:8px}
        li.verdict{display:grid;grid-template-columns:140px 90px 1fr;gap:8px;align-items:baseline;padding:8px 12px;\
        border-radius:6px;border-left:5px solid}
        li.verdict.ok{border-color:var(--ok);background:var(--ok-bg)}
        li.verdict.risk{border-color:var(--risk);background:var(--risk-bg)}
        li.verdict.broken{border-color:var(--broken);background:var(--broken-bg)}
        li.verdict.partial{border-color:var(--partial);background:var(--partial-bg)}
        .answer textarea{width:100%;font:14px/1.5 system-ui,sans-serif;padding:8px 10px;border:1px solid var(--line);\
        border-radius:6px;background:#fcfcfd;resize:vertical}
        .number{display:inline-block;min-width:18px;border-radius:9px;background:var(--broken);color:#fff;font-size:12px;\
        font-weight:700;text-align:center}
        .concern{font-weight:700}
        .card{border:1px solid var(--line);border-radius:6px;padding:4px 16px 12px;background:#fcfcfd}
        dl{display:grid;grid-template-columns:150px 1fr;gap:4px 12px;margin:0}
        dt{font-weight:600;color:var(--muted)}dd{margin:0;overflow-wrap:anywhere}
        .scroll{overflow-x:auto}
        table.links td{font-size:13px}
        table.links tr.broken td:nth-last-child(3){color:var(--broken);font-weight:600}
        table.links tr.risk td:nth-last-child(3){color:var(--risk);font-weight:600}
        table.links tr.ok td:nth-last-child(3){color:var(--ok)}
        ol.findings{padding-left:20px}
        li.finding{margin:0 0 12px;padding-left:4px}
        li.finding p{margin:2px 0}
        li.finding .head code{font-weight:700}
        .count{margin-right:6px;font-size:13px;font-weight:600}
        .count.error{color:var(--broken)}.count.warning{color:var(--risk)}.count.info{color:var(--muted)}
        iframe.preview{width:100%;height:640px;border:1px solid var(--line);border-radius:6px;background:#fff;resize:vertical}
        iframe.preview.short{height:280px}
        pre.text-preview{white-space:pre-wrap;overflow-wrap:anywhere;border:1px solid var(--line);border-radius:6px;padding:12px;\
        max-height:640px;overflow:auto;background:#fff}
        @media print{iframe.preview{height:auto;min-height:400px}body{background:#fff}}
        """
}
