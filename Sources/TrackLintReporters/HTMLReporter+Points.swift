import TrackLint
import TrackLintParsing
import TrackLintPlatforms

/// What the report points at in one body: its failing links (first in the link table, numbered),
/// the images that count opens (numbered after them), and Gmail's clip with what lies past it.
/// The same numbers mark the preview.
struct BodyPoints {
    let body: BodyDetails
    /// Failing links first, in document order, then the others.
    let rows: [LinkRow]
    /// The codes of the findings on each failing link, by element index.
    let problems: [Int: [String]]
    let numbers: [Int: Int]
    /// What the preview's clip line says, and what the note above the preview says lies past it.
    let clipLabel: String?
    let pastClip: [String]

    init(body: BodyDetails, result: InputResult) {
        self.body = body
        let offsets = result.findings.filter { $0.severity > .info && $0.location.part == body.part }
            .compactMap { finding in finding.offset.map { ($0, finding.code) } }.sorted { $0.0 < $1.0 }
        var problems: [Int: [String]] = [:]
        for row in body.links {
            guard let tag = row.tag else { continue }
            var index = Self.firstIndex(in: offsets, atOrAfter: tag.lowerBound)
            while index < offsets.count && offsets[index].0 < tag.upperBound {
                if problems[row.element]?.contains(offsets[index].1) != true { problems[row.element, default: []].append(offsets[index].1) }
                index += 1
            }
            if (row.status == .untracked || row.status == .dead) && problems[row.element] == nil { problems[row.element] = [] }
        }
        self.problems = problems
        let failing = body.links.filter { problems[$0.element] != nil }
        rows = failing + body.links.filter { problems[$0.element] == nil }
        var numbers: [Int: Int] = [:]
        let counting = body.measurementImages.filter { $0.kind != .otherTiny }.map(\.element)
        for (number, element) in (failing.map(\.element) + counting).enumerated() {
            numbers[element] = number + 1
        }
        self.numbers = numbers
        (clipLabel, pastClip) = Self.clip(body, numbers: numbers, diagnosis: result.diagnosis)
    }

    private static func firstIndex(in offsets: [(Int, String)], atOrAfter offset: Int) -> Int {
        var low = 0
        var high = offsets.count
        while low < high {
            let middle = (low + high) / 2
            if offsets[middle].0 < offset { low = middle + 1 } else { high = middle }
        }
        return low
    }

    /// "Gmail clips here: 102 KB; past it: the pixel (4), the unsubscribe link", for a body larger
    /// than that, and the same with the links' texts for the note above the preview.
    private static func clip(_ body: BodyDetails, numbers: [Int: Int], diagnosis: Diagnosis) -> (String?, [String]) {
        guard case .html(let document, _) = body.content, document.byteCount > GmailClipping.thresholdBytes else { return (nil, []) }
        let images = body.measurementImages.filter { $0.offset > GmailClipping.thresholdBytes && $0.kind != .otherTiny }.map { image in
            (image.isPixel ? "the pixel" : "a beacon") + (numbers[image.element].map { " (\($0))" } ?? "")
        }
        let unsubscribe = body.part != diagnosis.part ? []
            : diagnosis.linkFacts.filter { $0.kinds.contains(.unsubscribe) && diagnosis.isAfterClip($0.tag.lowerBound) }
        var label = "Gmail clips here: \(GmailClipping.thresholdBytes / 1024) KB"
        let short = images + (unsubscribe.isEmpty ? [] : [unsubscribe.count == 1 ? "the unsubscribe link" : "the unsubscribe links"])
        if !short.isEmpty { label += "; past it: " + short.joined(separator: ", ") }
        return (label, images + unsubscribe.map { "the unsubscribe link \($0.label)" })
    }

    var marks: PreviewMarks {
        var images: [Int: (label: String, isPixel: Bool)] = [:]
        for image in body.measurementImages {
            switch image.kind {
            case .pixel: images[image.element] = ("pixel", true)
            case .otherTiny: images[image.element] = ("tiny image", false)
            case .beacon(let name): images[image.element] = ("beacon: \(name)", false)
            }
        }
        return PreviewMarks(numbers: numbers, images: images, clip: clipLabel.map { (GmailClipping.thresholdBytes, $0) })
    }
}

extension MeasurementImage {
    var isPixel: Bool { if case .pixel = kind { true } else { false } }

    /// "The platform's pixel (mailchimp)", "Third-party beacon: INFOnline".
    var kindLabel: String {
        switch kind {
        case .pixel(let platform): "The platform's pixel" + (platform.map { " (\($0))" } ?? "")
        case .otherTiny: "Another tiny image (a spacer, or a pixel of another system)"
        case .beacon(let name): "Third-party beacon: \(name) (counts nothing for the sender)"
        }
    }
}

extension HTMLReporter {
    /// The customer answer in a read-only box to select and copy: the report runs no script, so
    /// there is no copy button.
    func answerBox(_ answer: String) -> String {
        let rows = min(14, answer.count / 90 + answer.split(separator: "\n").count + 1)
        return "<div class=\"answer\"><h3>Answer for the customer</h3>\n"
            + "<p class=\"note\">Plain words, no rule codes: select the text and copy it into your reply.</p>\n"
            + "<textarea readonly rows=\"\(rows)\" aria-label=\"Answer for the customer\">\(Self.shown(answer, keepLines: true))</textarea></div>\n"
    }

    /// The link table, failing links first with the numbers that mark them in the preview.
    func linkTable(_ points: [BodyPoints]) -> String {
        let total = points.map(\.body.linkCount).reduce(0, +)
        guard total > 0 else { return points.isEmpty ? "" : "<h3>Links</h3><p class=\"note\">No links.</p>\n" }
        let failing = points.map(\.problems.count).reduce(0, +)
        var html = "<h3>Links (\(total)\(failing > 0 ? ", \(failing) failing first" : ""))</h3>\n"
            + "<div class=\"scroll\"><table class=\"links\"><thead><tr><th>#</th>"
        if points.count > 1 { html += "<th>Part</th>" }
        html += ["Line", "Text", "Href as written", "Status", "Tracking host", "Decoded target"].map { "<th>\($0)</th>" }.joined()
            + "</tr></thead><tbody>\n"
        for point in points {
            for link in point.rows {
                let problems = point.problems[link.element].map { $0.isEmpty ? "" : " <code>\($0.joined(separator: " "))</code>" }
                html += "<tr class=\"\(problems == nil ? Self.linkClass(link.status) : "broken")\">"
                    + "<td>\(point.numbers[link.element].map { "<span class=\"number\">\($0)</span>" } ?? "")</td>"
                if points.count > 1 { html += "<td>\(Self.shown(point.body.part ?? ""))</td>" }
                html += "<td>\(link.line)</td><td>\(Self.shown(link.text))</td><td><code>\(Self.shown(link.href))</code></td>"
                    + "<td>\(link.status.rawValue)\(problems ?? "")</td><td>\(link.trackingHost.map { "<code>\(Self.shown($0))</code>" } ?? "")</td>"
                    + "<td>\(link.target.map { "<code>\(Self.shown($0))</code>" } ?? "")</td></tr>\n"
            }
            if point.body.linkCount > point.body.links.count {
                html += "<tr><td colspan=\"8\" class=\"note\">… and \(point.body.linkCount - point.body.links.count) more links</td></tr>\n"
            }
        }
        return html + "</tbody></table></div>\n"
    }

    /// The images that count opens, the platform's pixel told apart from third-party beacons.
    func measurementTable(_ points: [BodyPoints]) -> String {
        guard points.contains(where: { !$0.body.measurementImages.isEmpty }) else { return "" }
        var html = "<h3>Images that count opens</h3>\n<div class=\"scroll\"><table class=\"links\"><thead><tr><th>#</th>"
            + ["What it is", "Image URL", "Line", "Notes"].map { "<th>\($0)</th>" }.joined() + "</tr></thead><tbody>\n"
        for point in points {
            let others = point.body.measurementImages.filter { $0.kind == .otherTiny }
            for image in point.body.measurementImages where image.kind != .otherTiny || others.count <= Self.listedTinyImages {
                var notes: [String] = []
                if image.hidden { notes.append("hidden") }
                if image.offset > GmailClipping.thresholdBytes { notes.append("past Gmail's clip") }
                let number = point.numbers[image.element].map { "<span class=\"number\">\($0)</span>" } ?? ""
                html += "<tr class=\"\(image.isPixel ? "ok" : "neutral")\"><td>\(number)</td>"
                    + "<td>\(Self.shown(image.kindLabel))</td><td><code>\(Self.shown(image.url))</code></td><td>\(image.line)</td>"
                    + "<td>\(notes.joined(separator: ", "))</td></tr>\n"
            }
            if others.count > Self.listedTinyImages {
                html += "<tr class=\"neutral\"><td></td><td colspan=\"4\">\(others.count) other tiny images (spacers, or pixels of other "
                    + "systems), first on line \(others[0].line)</td></tr>\n"
            }
        }
        return html + "</tbody></table></div>\n"
    }

    /// Up to this many other tiny images are listed one by one; more are counted in one row.
    static let listedTinyImages = 3
}
