import Foundation
import TrackLint
import TrackLintParsing
import TrackLintPlatforms

/// A body rebuilt for the report's preview: nothing in it can run, fetch or navigate.
public struct SafePreview: Sendable {
    /// A whole HTML document, for a sandboxed iframe's `srcdoc`.
    public let html: String
    /// Remote images (and background images) shown as placeholders instead of loaded.
    public let blockedImages: Int
    /// Elements removed with their content (scripts, frames, forms' fields, SVG, ...), by name.
    public let removedElements: [String: Int]
    /// Whether the body was longer than the preview's budget and was cut.
    public let truncated: Bool
}

/// Rebuilds a parsed body from an allow-list: known layout and text elements with known
/// presentational attributes, no links' targets, no remote images, CSS without `url()` or
/// `@import`. The report's Content-Security-Policy and the iframe's sandbox would stop a script or
/// a request on their own; this is the second wall, and what makes the preview readable offline.
public enum PreviewSanitizer {
    /// The preview of one body stops at about this many bytes.
    public static let maximumBytes = BodyDetails.maximumTextBytes

    /// The preview document's own policy (a `srcdoc` frame also inherits the report's).
    package static let contentSecurityPolicy = "default-src 'none'; img-src data:; style-src 'unsafe-inline'"

    /// Elements kept, with their allowed attributes.
    package static let keptElements: Set<String> = [
        "a", "abbr", "address", "article", "aside", "b", "bdi", "bdo", "big", "blockquote", "br", "caption", "center",
        "cite", "code", "col", "colgroup", "dd", "del", "dfn", "div", "dl", "dt", "em", "figcaption", "figure", "font",
        "footer", "h1", "h2", "h3", "h4", "h5", "h6", "header", "hr", "i", "ins", "kbd", "li", "main", "mark", "nav", "ol",
        "p", "pre", "q", "s", "samp", "section", "small", "span", "strike", "strong", "sub", "sup", "table", "tbody", "td",
        "tfoot", "th", "thead", "tr", "tt", "u", "ul", "var", "wbr",
    ]
    package static let voidElements: Set<String> = ["br", "col", "hr", "wbr"]
    /// Elements dropped with everything inside them: active content, embedded documents, form
    /// fields, metadata that changes how the page loads (`<base>`, `<meta http-equiv>`, `<link>`).
    package static let droppedElements: Set<String> = [
        "script", "noscript", "template", "iframe", "frame", "frameset", "noframes", "object", "embed", "applet", "param",
        "svg", "math", "title", "meta", "link", "base", "textarea", "select", "option", "optgroup", "input", "button",
        "audio", "video", "source", "track", "canvas", "map", "area", "portal", "xmp", "plaintext", "listing", "dialog",
    ]
    package static let keptAttributes: Set<String> = [
        "align", "valign", "width", "height", "bgcolor", "color", "border", "cellpadding", "cellspacing", "colspan",
        "rowspan", "class", "dir", "lang", "alt", "title", "face", "size", "nowrap", "span", "start", "role", "summary",
    ]

    public static func preview(of document: HTMLDocument, marks: PreviewMarks = PreviewMarks()) -> SafePreview {
        var writer = PreviewWriter(document: document, marks: marks)
        writer.write()
        return SafePreview(html: writer.documentHTML, blockedImages: writer.blockedImages,
                           removedElements: writer.removed, truncated: writer.truncated)
    }
}

/// What the preview points at: numbered markers on failing links and on the images that count
/// opens (matching the report's tables), and the line where Gmail clips the message.
public struct PreviewMarks: Sendable {
    /// Marker numbers, by element index.
    public var numbers: [Int: Int]
    /// Images that count opens, by element index: "pixel", "beacon: INFOnline".
    public var images: [Int: (label: String, isPixel: Bool)]
    /// The source offset where Gmail clips, and what the line says there.
    public var clip: (offset: Int, label: String)?

    public init(numbers: [Int: Int] = [:], images: [Int: (label: String, isPixel: Bool)] = [:], clip: (offset: Int, label: String)? = nil) {
        self.numbers = numbers
        self.images = images
        self.clip = clip
    }

    /// Elements before which the clip line can be drawn without leaving a table's structure.
    package static let inlineElements: Set<String> = ["a", "img", "span", "b", "strong", "i", "em", "font", "br", "u", "small"]
}

/// Walks the document's tree (elements and texts interleaved in source order) without recursion,
/// since nesting can be a thousand deep.
private struct PreviewWriter {
    let document: HTMLDocument
    let marks: PreviewMarks
    var body = ""
    var styles = ""
    var blockedImages = 0
    var removed: [String: Int] = [:]
    var truncated = false
    /// Children of each element, and of the root at the last index.
    private var childElements: [[Int]]
    private var childTexts: [[Int]]
    private var childSpaces: [[Int]]
    /// Source ranges of Outlook conditional comments, sorted: what is inside shows in Outlook only.
    private let conditionalRanges: [Range<Int>]

    /// Whether the clip line is drawn already.
    private var clipDrawn = false

    init(document: HTMLDocument, marks: PreviewMarks) {
        self.document = document
        self.marks = marks
        let root = document.elements.count
        childElements = Array(repeating: [], count: root + 1)
        childTexts = Array(repeating: [], count: root + 1)
        childSpaces = Array(repeating: [], count: root + 1)
        for element in document.elements { childElements[element.parent ?? root].append(element.index) }
        for (index, text) in document.texts.enumerated() { childTexts[text.parent ?? root].append(index) }
        for (index, space) in document.spaces.enumerated() { childSpaces[space.parent ?? root].append(index) }
        conditionalRanges = document.comments.compactMap { comment in
            comment.text.hasPrefixIgnoringASCIICase("[if") ? comment.contentRange : nil
        }.sorted { $0.lowerBound < $1.lowerBound }
    }

    var documentHTML: String {
        """
        <!DOCTYPE html><html><head><meta charset="utf-8">\
        <meta http-equiv="Content-Security-Policy" content="\(PreviewSanitizer.contentSecurityPolicy)">\
        <style>\(Self.placeholderCSS)</style><style>\(styles)</style></head><body>\(body)</body></html>
        """
    }

    static let placeholderCSS = """
        .tl-image{display:inline-block;box-sizing:border-box;min-width:16px;min-height:16px;max-width:100%;\
        border:1px dashed #8a8f98;background:#eef0f3;color:#5a606b;font:11px/1.3 sans-serif;overflow:hidden;\
        vertical-align:middle;text-align:center}\
        .tl-pixel{display:inline-block;border:1px solid #b42318;background:#fef3f2;color:#b42318;\
        font:bold 10px/1.2 sans-serif;padding:0 3px}\
        .tl-beacon{display:inline-block;border:1px solid #5a606b;background:#eef0f3;color:#344054;\
        font:bold 10px/1.2 sans-serif;padding:0 3px}\
        a.tl-link{cursor:not-allowed}\
        a.tl-failing{outline:2px solid #b42318;outline-offset:1px}\
        .tl-number{display:inline-block;min-width:16px;margin-right:3px;border-radius:8px;background:#b42318;color:#fff;\
        font:bold 11px/16px sans-serif;text-align:center;text-decoration:none;vertical-align:middle}\
        .tl-clip{display:block;clear:both;margin:6px 0;border-top:3px dashed #b42318;padding:2px 4px;background:#fef3f2;\
        color:#b42318;font:bold 12px/1.4 sans-serif;text-align:left}
        """

    private enum Step {
        case element(Int)
        case text(Int)
        case space(Int)
        case close(String)
    }

    mutating func write() {
        var stack: [Step] = []
        pushChildren(of: document.elements.count, onto: &stack)
        while let step = stack.popLast() {
            if case .close(let tag) = step {
                body += "</\(tag)>"
                continue
            }
            if body.utf8.count + styles.utf8.count > PreviewSanitizer.maximumBytes {
                truncated = true
                continue
            }
            switch step {
            case .element(let index):
                let element = document.elements[index]
                if PreviewMarks.inlineElements.contains(element.name) { drawClip(before: element.startTag?.lowerBound) }
                open(element, onto: &stack)
            case .text(let index):
                drawClip(before: document.texts[index].sourceRange.lowerBound)
                writeText(document.texts[index])
            case .space(let index): body += document.spaces[index].hasNewline ? "\n" : " "
            case .close: break
            }
        }
    }

    /// Pushes a node's children (elements, texts and spaces merged back into source order) in
    /// reverse, so that they pop in order.
    private func pushChildren(of parent: Int, onto stack: inout [Step]) {
        var steps: [Step] = []
        let elements = childElements[parent]
        let texts = childTexts[parent]
        let spaces = childSpaces[parent]
        var next = (element: 0, text: 0, space: 0)
        while next.element < elements.count || next.text < texts.count || next.space < spaces.count {
            let element = next.element < elements.count ? elements[next.element] : nil
            let text = next.text < texts.count ? texts[next.text] : nil
            let space = next.space < spaces.count ? document.spaces[spaces[next.space]] : nil
            // An element starts before the text where its own texts begin, and before a space
            // read after it started; a text comes before a space read after it.
            if let element, text.map({ document.textRanges[element].lowerBound <= $0 }) ?? true,
               space.map({ element < $0.elementCount }) ?? true {
                steps.append(.element(element))
                next.element += 1
            } else if let text, space.map({ text < $0.textIndex }) ?? true {
                steps.append(.text(text))
                next.text += 1
            } else {
                steps.append(.space(spaces[next.space]))
                next.space += 1
            }
        }
        stack += steps.reversed()
    }

    /// Draws Gmail's clip line once, before the first text or inline element at or past it: a
    /// block between table rows would be moved out of the table by the parser.
    private mutating func drawClip(before offset: Int?) {
        guard !clipDrawn, let clip = marks.clip, let offset, offset >= clip.offset else { return }
        clipDrawn = true
        body += "<span class=\"tl-clip\">\(HTMLEscaping.text(clip.label))</span>"
    }

    private mutating func open(_ element: HTMLElement, onto stack: inout [Step]) {
        let name = element.name
        if element.inConditionalComment { return }
        // A prefixed name (`o:p`, `v:roundrect`); looked for as a byte, not with Foundation's search.
        if PreviewSanitizer.droppedElements.contains(name) || name.utf8.contains(UInt8(ascii: ":")) {
            removed[name, default: 0] += 1
            return
        }
        switch name {
        case "style":
            let css = document.texts[document.textRanges[element.index]].map(\.text).joined()
            styles += CSSSanitizer.sanitized(css)
            return
        case "img":
            writeImage(element)
            return
        case "body":
            body += "<div class=\"tl-body\"\(attributes(of: element))>"
            stack.append(.close("div"))
        case "a":
            let target = element.attribute("href").map {
                " title=\"\(HTMLEscaping.attribute("Link (not followed in the preview): " + TerminalText.escaped($0)))\""
            } ?? ""
            let number = marks.numbers[element.index]
            body += "<a class=\"tl-link\(number == nil ? "" : " tl-failing")\"\(target)\(attributes(of: element, except: ["title", "class"]))>"
            if let number { body += "<span class=\"tl-number\">\(number)</span>" }
            stack.append(.close("a"))
        default:
            guard PreviewSanitizer.keptElements.contains(name) else { break }
            body += "<\(name)\(attributes(of: element))>"
            if PreviewSanitizer.voidElements.contains(name) { return }
            stack.append(.close(name))
        }
        if element.hasAttribute("background") { blockedImages += 1 }
        pushChildren(of: element.index, onto: &stack)
    }

    private mutating func writeText(_ text: HTMLText) {
        // Texts of dropped elements never get here; style texts are taken with their element.
        if isInsideConditionalComment(text.sourceRange.lowerBound) { return }
        body += HTMLEscaping.text(text.text)
    }

    private mutating func writeImage(_ element: HTMLElement) {
        let source = element.attribute("src")?.trimmingASCIISpaces() ?? ""
        if source.hasPrefixIgnoringASCIICase("data:image/") {
            body += "<img src=\"\(HTMLEscaping.attribute(source))\"\(attributes(of: element))>"
            return
        }
        if let mark = marks.images[element.index] {
            let title = HTMLEscaping.attribute("\(mark.isPixel ? "Open-tracking pixel" : "Not the open pixel (\(mark.label))"), not loaded: "
                + TerminalText.escaped(source))
            let number = marks.numbers[element.index].map { "\($0) " } ?? ""
            body += "<span class=\"\(mark.isPixel ? "tl-pixel" : "tl-beacon")\" title=\"\(title)\">\(number)\(HTMLEscaping.text(mark.label))</span>"
            return
        }
        if !source.isEmpty { blockedImages += 1 }
        var size = ""
        for dimension in ["width", "height"] {
            if let value = element.attribute(dimension)?.trimmingASCIISpaces(), !value.isEmpty, value.utf8.allSatisfy({ $0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9") }) {
                size += "\(dimension):\(value)px;"
            }
        }
        let alt = element.attribute("alt") ?? ""
        let title = HTMLEscaping.attribute("Image not loaded: " + TerminalText.escaped(source))
        body += "<span class=\"tl-image\" style=\"\(size)\" title=\"\(title)\">"
            + HTMLEscaping.text(alt.isEmpty ? "image" : alt) + "</span>"
    }

    private func attributes(of element: HTMLElement, except skipped: Set<String> = []) -> String {
        var written = ""
        for attribute in element.attributes where !skipped.contains(attribute.name) {
            if attribute.name == "style", let value = attribute.value {
                written += " style=\"\(HTMLEscaping.attribute(CSSSanitizer.sanitized(value)))\""
            } else if PreviewSanitizer.keptAttributes.contains(attribute.name) {
                written += attribute.value.map { " \(attribute.name)=\"\(HTMLEscaping.attribute($0))\"" } ?? " \(attribute.name)"
            }
        }
        return written
    }

    private func isInsideConditionalComment(_ offset: Int) -> Bool {
        // The last range starting at or before the offset is the only one that can hold it.
        var low = 0
        var high = conditionalRanges.count
        while low < high {
            let middle = (low + high) / 2
            if conditionalRanges[middle].lowerBound <= offset { low = middle + 1 } else { high = middle }
        }
        return low > 0 && conditionalRanges[low - 1].contains(offset)
    }
}

/// Makes CSS from a message inert: nothing in it can fetch (`url()`, `image-set()`, `@import`, ...)
/// or close the `<style>` element it is written in.
package enum CSSSanitizer {
    /// Functions that load a resource or ran script in old browsers, and at-rules that load one.
    package static let fetchingFunctions = ["url(", "image-set(", "-webkit-image-set(", "image(", "cross-fade(", "element(",
                                    "expression(", "src("]

    package static func sanitized(_ css: String) -> String {
        // Comments first, then every backslash: a CSS escape can spell `url(` as `u\72l(`. All
        // found as bytes, ASCII case ignored, as a browser's tokenizer reads them.
        var text = withoutComments(css).replacingBytes("\\", with: "")
        for function in fetchingFunctions {
            text = text.replacingBytes(function, with: "x-removed-" + function, caseInsensitive: true)
        }
        text = text.replacingBytes("@import", with: "@x-removed-import", caseInsensitive: true)
        // `<` only ever matters as `</style`; a CSS escape keeps its meaning in strings.
        return text.replacingBytes("<", with: "\\3C ")
    }

    private static let commentOpen = Array("/*".utf8)
    private static let commentClose = Array("*/".utf8)

    /// The CSS without its comments; one never closed runs to the end.
    private static func withoutComments(_ css: String) -> String {
        css.withUTF8InPlace { bytes in
            var output: [UInt8] = []
            var start = 0
            while let open = bytes.firstOffset(of: commentOpen, in: start..<bytes.count) {
                output += bytes[start..<open]
                guard let close = bytes.firstOffset(of: commentClose, in: (open + 2)..<bytes.count) else {
                    return String(decoding: output, as: UTF8.self)
                }
                start = close + 2
            }
            guard start > 0 else { return css }
            output += bytes[start...]
            return String(decoding: output, as: UTF8.self)
        }
    }
}
