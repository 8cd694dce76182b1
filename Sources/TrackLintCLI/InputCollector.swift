#if canImport(Glibc)
import Glibc
import TrackLint
import TrackLintParsing
import TrackLintPlatforms
import TrackLintReporters
#endif

/// Turns the paths on the command line into inputs: files as named, folders recursively (only
/// files with a known extension, or one `--extension` and config `extensions` add), `-` as standard input. Paths are text from `FileNames`, so any
/// name the file system holds can be given or found.
enum InputCollector {
    /// HTML, messages, and the template languages emails are written in, in the order people read them.
    static let builtInExtensions = ["html", "htm", "twig", "eml", "mbox", "msg.txt",
                                    "mjml", "hbs", "handlebars", "liquid", "njk", "jinja", "j2"]
    static let extensions = Set(builtInExtensions.filter { !$0.contains(".") })
    static let compoundSuffixes = builtInExtensions.filter { $0.contains(".") }.map { "." + $0 }
    /// `.html .htm ...`, for the warning about a scan that found nothing.
    static let listed = builtInExtensions.map { "." + $0 }.joined(separator: " ")

    /// Where an input comes from.
    enum Source {
        case standardInput
        case file(String)
        /// A path that cannot be linted: missing, or a folder that cannot be read.
        case failed(InputError)
    }

    /// The inputs named on the command line, folders expanded; nothing is read yet.
    static func sources(_ paths: [String], extraExtensions: [String] = []) -> [Source] {
        var sources: [Source] = []
        var stdinSeen = false
        for path in paths {
            if path == "-" {
                if !stdinSeen { sources.append(.standardInput) }
                stdinSeen = true
                continue
            }
            var status = stat()
            guard stat(FileNames.systemPath(path), &status) == 0 else {
                sources.append(.failed(InputError(path: FileNames.shown(path), message: "no such file or folder")))
                continue
            }
            let isDirectory = status.st_mode & S_IFMT == S_IFDIR
            sources += isDirectory ? FolderWalker.sources(under: path, extraExtensions: extraExtensions) : [.file(path)]
        }
        return sources
    }

    /// Whether a file name has a lintable extension (compared as ASCII, case-insensitively); the
    /// extra ones are lower case, without the dot, and may be compound (`email.txt`).
    static func isLintable(name: [UInt8], extraExtensions: [String] = []) -> Bool {
        let lower = String(decoding: name.map(asciiLower), as: UTF8.self)
        guard let dot = lower.lastIndex(of: ".") else { return false }
        return extensions.contains(String(lower[lower.index(after: dot)...])) || compoundSuffixes.contains(where: lower.hasSuffix)
            || extraExtensions.contains { lower.hasSuffix("." + $0) && lower.count > $0.count + 1 }
    }

    /// What was read from an input: all of it (up to the size limit), or a stream of an mbox's
    /// messages.
    enum Content {
        case whole([UInt8], cut: InputCut?)
        case mbox(MboxStream)
    }

    /// Bytes read from an input before deciding what it is.
    static let sniffBytes = 64 * 1024
    static let limit = MailLimits().maximumInputBytes

    /// An input ready to read: its reader, the name it is shown by, and its size when known.
    struct Opened {
        let reader: ByteReader
        let name: String
        let size: Int?
    }

    static func open(_ source: Source, stdinFilename: String?, environment: CommandEnvironment) -> Result<Opened, InputError> {
        switch source {
        case .standardInput: .success(Opened(reader: environment.standardInput, name: stdinFilename ?? Location.standardInputPath, size: nil))
        case .failed(let error): .failure(error)
        case .file(let path): openFile(path)
        }
    }

    /// Opens a regular file. FIFOs, sockets and devices could block or never end, so they are
    /// refused; the file is opened non-blocking so that even opening a FIFO cannot hang.
    static func openFile(_ path: String) -> Result<Opened, InputError> {
        let name = FileNames.shown(path)
        let descriptor = Glibc.open(FileNames.systemPath(path), O_RDONLY | O_NONBLOCK)
        guard descriptor >= 0 else { return .failure(unreadable(name, reason: String(cString: strerror(errno)))) }
        let reader = ByteReader(descriptor: descriptor, closesIt: true)
        var status = stat()
        guard fstat(descriptor, &status) == 0, status.st_mode & S_IFMT == S_IFREG else {
            return .failure(InputError(path: name, message: "is not a regular file"))
        }
        return .success(Opened(reader: reader, name: name, size: Int(status.st_size)))
    }

    /// Reads an opened input, files and standard input alike: in chunks up to the size limit, or
    /// for an mbox as a stream of its messages (each up to the limit).
    static func load(_ input: Opened) -> Result<(String, Content), InputError> {
        var bytes: [UInt8] = []
        do {
            try input.reader.read(appendingTo: &bytes, upTo: sniffBytes)
            if InputSniffer.kind(of: bytes) == .mbox {
                return .success((input.name, .mbox(MboxStream(reader: input.reader, initial: bytes, limit: limit))))
            }
            let cut = try input.reader.readWhole(appendingTo: &bytes, limit: limit, size: input.size)
            return .success((input.name, .whole(bytes, cut: cut)))
        } catch {
            return .failure(unreadable(input.name, reason: error.reason))
        }
    }

    /// An opened input read whole, up to the size limit (for `extract`).
    static func readWhole(_ input: Opened) -> Result<([UInt8], InputCut?), InputError> {
        var bytes: [UInt8] = []
        do {
            let cut = try input.reader.readWhole(appendingTo: &bytes, limit: limit, size: input.size)
            return .success((bytes, cut))
        } catch {
            return .failure(unreadable(input.name, reason: error.reason))
        }
    }

    private static func unreadable(_ name: String, reason: String) -> InputError {
        InputError(path: name, message: "cannot be read (\(reason))")
    }
}

/// Why an input could not be linted (reported on stderr; exit code 2).
struct InputError: Error, Sendable, Equatable {
    let path: String
    let message: String
}
