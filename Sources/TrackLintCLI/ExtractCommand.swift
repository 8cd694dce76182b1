import TrackLint
import TrackLintParsing
import TrackLintPlatforms
import TrackLintReporters

/// `tracklint extract PATH [--message N] [--part P] [--format text|json]`: the decoded HTML that was
/// sent, as tracklint reads it (transfer encoding and charset undone, UTF-8 out).
enum ExtractCommand {
    static let formats = ["text", "json"]

    struct ExtractedPart {
        let message: Int
        let part: String
        let charset: String
        let html: [UInt8]
    }

    static func run(_ arguments: [String], environment: CommandEnvironment) throws -> CommandOutput {
        var reader = ArgumentReader(arguments)
        var path: String?
        var partPath: String?
        var messageIndex: Int?
        var format = "text"
        while let token = reader.next() {
            switch token {
            case .positional(let value):
                guard path == nil else { throw UsageError("`tracklint extract` takes one input") }
                path = value
            case .option("--part", let inline):
                partPath = try reader.value(for: "--part", inline: inline)
            case .option("--message", let inline):
                let value = try reader.value(for: "--message", inline: inline)
                guard let number = Int(value), number >= 0 else { throw UsageError("--message takes a message index (0, 1, ...)") }
                messageIndex = number
            case .option("--format", let inline):
                format = try reader.value(for: "--format", inline: inline)
                guard formats.contains(format) else { throw UsageError("`tracklint extract --format` takes text or json") }
            case .option("-h", _), .option("--help", _):
                return CommandOutput(stdout: HelpText.extract)
            case .option(let name, _):
                throw UsageError("unknown option `\(name)` for `tracklint extract`")
            }
        }
        guard let path else { throw UsageError("`tracklint extract` needs an input: a file or `-`") }
        let source: InputCollector.Source = path == "-" ? .standardInput : .file(path)
        let bytes: [UInt8]
        var warning = ""
        switch InputCollector.open(source, stdinFilename: nil, environment: environment).flatMap(InputCollector.readWhole) {
        case .success(let (read, cut)):
            bytes = read
            if let cut { warning = "tracklint: warning: \(TerminalText.escaped(FileNames.shown(path))): \(cut.message("input"))\n" }
        case .failure(let error): throw UsageError("\(TerminalText.escaped(error.path)): \(error.message)")
        }
        var parts = htmlParts(of: bytes)
        if let messageIndex { parts = parts.filter { $0.message == messageIndex } }
        if let partPath { parts = parts.filter { $0.part == partPath } }
        if parts.isEmpty {
            let what = partPath.map { "no text/html part \($0)" } ?? "no text/html part"
            return CommandOutput(stderr: warning + "tracklint: error: \(TerminalText.escaped(FileNames.shown(path))) has \(what)\n",
                                 exitCode: 2)
        }
        return CommandOutput(stdout: rendered(parts, format: format), stderr: warning)
    }

    private static func rendered(_ parts: [ExtractedPart], format: String) -> String {
        if format == "json" {
            return JSONValue.array(parts.map { part in
                .object([("message", .int(part.message)), ("part", .string(part.part)), ("charset", .string(part.charset)),
                         ("html", .string(String(decoding: part.html, as: UTF8.self)))])
            }).serialized() + "\n"
        }
        if parts.count == 1 { return String(decoding: parts[0].html, as: UTF8.self) }
        return parts.map { part in
            "<!-- tracklint extract: message \(part.message), part \(part.part) -->\n" + String(decoding: part.html, as: UTF8.self)
        }.joined(separator: "\n")
    }

    /// Every `text/html` part of every message in the input (an HTML file is one part, `1`).
    static func htmlParts(of bytes: [UInt8]) -> [ExtractedPart] {
        let messages: [MailMessage]
        switch InputSniffer.kind(of: bytes) {
        case .html:
            let document = HTMLParser.parse(bytes)
            return [ExtractedPart(message: 0, part: "1", charset: document.charset, html: document.source.bytes)]
        case .message:
            messages = [MIMEParser.parse(SourceText(bytes: bytes))]
        case .mbox:
            let source = SourceText(bytes: bytes)
            messages = Mbox.messages(in: bytes, range: 0..<bytes.count).map {
                MIMEParser.parse(source, range: $0, isMboxMember: true)
            }
        }
        return messages.enumerated().flatMap { index, message in
            ([message] + message.enclosedMessages).flatMap { current in
                current.htmlParts.map { part in
                    let document = Linter.document(of: part, in: current)
                    return ExtractedPart(message: index, part: part.path, charset: document.charset, html: document.source.bytes)
                }
            }
        }
    }
}
