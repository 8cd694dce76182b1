/// The placeholder syntax of one template language email platforms use. In a template its tags are
/// expected; in a sent message they mean the platform did not substitute them (TL315, TL401).
/// An open value: a platform whose language is new declares one here and lists it in `all`. The
/// values live in the parsing layer, below the platforms, because the URL parser must recognise
/// every placeholder to read a templated URL; each platform's profile names the dialects it speaks.
public struct MergeTagDialect: Sendable, Hashable, CustomStringConvertible {
    /// What the inside of a tag must look like.
    public enum Names: Sendable, Hashable {
        /// Any text.
        case anything
        /// Starts with a letter or `_`, and is at least this long.
        case startingWithLetter(minimumLength: Int)
        /// Upper-case letters and `_` only (Mautic's `|URL|`, `|EMAIL|`).
        case upperCaseWords

        /// Whether a name (its UTF-8, trimmed) is one.
        package func accepts(_ name: UnsafeBufferPointer<UInt8>) -> Bool {
            guard let first = name.first else { return false }
            switch self {
            case .anything:
                return true
            case .startingWithLetter(let minimumLength):
                let isLetter = (first | 0x20) >= UInt8(ascii: "a") && (first | 0x20) <= UInt8(ascii: "z") || first == UInt8(ascii: "_")
                return isLetter && name.count >= minimumLength
            case .upperCaseWords:
                return name.allSatisfy { ($0 >= UInt8(ascii: "A") && $0 <= UInt8(ascii: "Z")) || $0 == UInt8(ascii: "_") }
            }
        }
    }

    /// A lower-case name for messages and tests.
    public let name: String
    public let delimiters: [(open: String, close: String)]
    /// When set, the inside is a name: letters, digits, `_`, `.`, `-` and these bytes; when nil, it
    /// runs to the closing delimiter.
    public let nameBytes: [UInt8]?
    public let names: Names

    package init(_ name: String, _ delimiters: [(open: String, close: String)], nameBytes: String? = nil, names: Names = .anything) {
        self.name = name
        self.delimiters = delimiters
        self.nameBytes = nameBytes.map { Array($0.utf8) }
        self.names = names
    }

    /// Whether the syntax is as often prose as a tag outside an attribute: `[Anzeige]`, `[1]`, `| a |`.
    public var isAlsoProse: Bool { self == .singleBracket || self == .pipe }

    public var description: String { name }
    public static func == (a: MergeTagDialect, b: MergeTagDialect) -> Bool { a.name == b.name }
    public func hash(into hasher: inout Hasher) { hasher.combine(name) }
}

extension MergeTagDialect {
    /// `*|FNAME|*`
    public static let mailchimp = MergeTagDialect("mailchimp", [("*|", "|*")])
    /// `{{name}}`, `{{{unsubscribe}}}`
    public static let handlebars = MergeTagDialect("handlebars", [("{{{", "}}}"), ("{{", "}}")])
    /// `{% unsubscribe %}`
    public static let liquidTag = MergeTagDialect("liquidTag", [("{%", "%}")])
    /// `{# a comment #}` (Jinja, Twig, Nunjucks, Django): in a template's attribute value, a tag
    /// that renders to nothing (elsewhere `TemplateComments` drops it before parsing)
    public static let jinjaComment = MergeTagDialect("jinjaComment", [("{#", "#}")])
    /// `%%unsub_center_url%%`, `%%=RedirectTo(@x)=%%`
    public static let salesforce = MergeTagDialect("salesforce", [("%%", "%%")])
    /// `<%asm_group_unsubscribe_raw_url%>`
    public static let sendgridLegacy = MergeTagDialect("sendgridLegacy", [("<%", "%>")])
    /// `[[UNSUB_LINK_EN]]`
    public static let doubleBracket = MergeTagDialect("doubleBracket", [("[[", "]]")])
    /// `$[LI:UNSUBSCRIBE]$`, `$[UD:FIRST_NAME||]$` (Zoho Campaigns: a kind, a name, a default after `||`)
    public static let dollarBracket = MergeTagDialect("dollarBracket", [("$[", "]$")])
    /// `${lead.FirstName}`
    public static let dollarBrace = MergeTagDialect("dollarBrace", [("${", "}")])
    /// `{$unsubscribe}`, `{$name}` (MailerLite)
    public static let braceDollar = MergeTagDialect("braceDollar", [("{$", "}")], nameBytes: "", names: .startingWithLetter(minimumLength: 1))
    /// `{unsubscribe_url}`, `{contactfield=firstname}`, `{UNSUBSCRIBE}`
    public static let singleBrace = MergeTagDialect("singleBrace", [("{", "}")], nameBytes: "=:", names: .startingWithLetter(minimumLength: 1))
    /// `%recipient.name%`, `%unsubscribe_url%`, `%UNSUBSCRIBELINK%`; `%E2%80%99` is percent-encoding,
    /// not a tag: tag names are at least three characters.
    public static let percent = MergeTagDialect("percent", [("%", "%")], nameBytes: "", names: .startingWithLetter(minimumLength: 3))
    /// `|URL|` (Mautic, inside its configured unsubscribe text)
    public static let pipe = MergeTagDialect("pipe", [("|", "|")], nameBytes: "", names: .upperCaseWords)
    /// `[Unsubscribe]`, `[Product Name]`
    public static let singleBracket = MergeTagDialect("singleBracket", [("[", "]")], nameBytes: " ", names: .startingWithLetter(minimumLength: 1))

    /// Every dialect the scanner knows. Among openers of one length, earlier entries are tried first.
    public static let all: [MergeTagDialect] = [
        .mailchimp, .handlebars, .liquidTag, .jinjaComment, .salesforce, .sendgridLegacy, .doubleBracket, .dollarBracket,
        .dollarBrace, .braceDollar, .singleBrace, .percent, .pipe, .singleBracket,
    ]
}
