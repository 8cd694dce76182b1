import TrackLintParsing
import TrackLintPlatforms

/// Where a finding is.
public struct Location: Codable, Sendable, Hashable {
    /// The path of standard input when `--stdin-filename` does not name it.
    public static let standardInputPath = "<stdin>"

    /// The path as given, or `<stdin>` / the `--stdin-filename`.
    public var path: String
    /// For mbox input, the message index.
    public var message: Int?
    /// MIME part path (`1.2`) for findings inside a message.
    public var part: String?
    public var line: Int?
    public var column: Int?
    /// For findings inside a MIME part: the line and column in the decoded part, as
    /// `tracklint extract` prints it.
    public var partLine: Int?
    public var partColumn: Int?
    /// A header name, for header findings.
    public var header: String?
    /// A short selector for the element (`table > tr > td > a`).
    public var selector: String?

    public init(path: String, message: Int? = nil, part: String? = nil, line: Int? = nil, column: Int? = nil,
                header: String? = nil, selector: String? = nil) {
        self.path = path
        self.message = message
        self.part = part
        self.line = line
        self.column = column
        self.header = header
        self.selector = selector
    }
}

/// One text replacement in the file as written. Columns count Unicode scalars, 1-based;
/// `length` is in Unicode scalars too.
public struct Edit: Codable, Sendable, Hashable {
    public let line: Int
    public let column: Int
    public let length: Int
    public let text: String

    public init(line: Int, column: Int, length: Int, text: String) {
        self.line = line
        self.column = column
        self.length = length
        self.text = text
    }
}

/// A proposed correction.
public struct Fix: Codable, Sendable, Hashable {
    public enum Applicability: String, Codable, Sendable, Hashable {
        /// Keeps the meaning: apply without review.
        case safe
        /// Likely right but may change what the link does: review it.
        case unsafe
        /// Shown for information; not exact enough to apply.
        case display
    }

    public let description: String
    public let applicability: Applicability
    public let edits: [Edit]

    public init(description: String, applicability: Applicability, edits: [Edit]) {
        self.description = description
        self.applicability = applicability
        self.edits = edits
    }
}

/// A problem found in an input.
public struct Finding: Codable, Sendable, Hashable {
    public let code: String
    public let slug: String
    public var severity: Severity
    /// One line: the problem and the evidence.
    public var message: String
    /// What to do.
    public var help: String
    public var location: Location
    /// The exact value that triggered the finding.
    public let evidence: String
    public var fix: Fix?
    /// Byte offset in the parsed HTML (of the file, or of the decoded part), for ordering and for
    /// the report's source excerpt.
    public let offset: Int?
}
