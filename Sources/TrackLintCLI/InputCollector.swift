import Foundation
#if canImport(Glibc)
import Glibc
import TrackLint
import TrackLintParsing
import TrackLintPlatforms
import TrackLintReporters
#endif

/// Turns the paths on the command line into inputs: files as named, folders recursively (only
/// files with a known extension), `-` as standard input.
enum InputCollector {
    static let extensions: Set<String> = ["html", "htm", "twig", "eml", "mbox"]
    static let compoundSuffixes = [".msg.txt"]

    /// Where an input comes from.
    enum Source {
        case standardInput
        case file(String)
        case missing(String)
    }

    /// The inputs named on the command line, folders expanded; nothing is read yet.
    static func sources(_ paths: [String]) -> [Source] {
        var sources: [Source] = []
        var stdinSeen = false
        for path in paths {
            if path == "-" {
                if !stdinSeen { sources.append(.standardInput) }
                stdinSeen = true
                continue
            }
            var status = stat()
            guard stat(path, &status) == 0 else {
                sources.append(.missing(path))
                continue
            }
            let isDirectory = status.st_mode & S_IFMT == S_IFDIR
            sources += isDirectory ? lintableFiles(under: path).map(Source.file) : [.file(path)]
        }
        return sources
    }

    /// What was read from an input: all of it, or for an mbox file a stream of its messages.
    enum Content {
        case whole([UInt8])
        case mbox(MboxStream)
    }

    /// Bytes read from a file before deciding what it is.
    static let sniffBytes = 64 * 1024

    /// Opens an input: standard input is read whole; a file is read whole unless it is an mbox,
    /// which is streamed a message at a time.
    static func load(_ source: Source, stdinFilename: String?,
                     environment: CommandEnvironment) -> Result<(String, Content), InputError> {
        switch source {
        case .standardInput: return .success((stdinFilename ?? Location.standardInputPath, .whole(environment.readStandardInput())))
        case .missing(let path): return .failure(InputError(path: path, message: "no such file or folder"))
        case .file(let path):
            return loadFile(path)
        }
    }

    /// Opens a file: read whole, or for an mbox a stream of its messages.
    static func loadFile(_ path: String) -> Result<(String, Content), InputError> {
        let descriptor: Int32
        switch openRegularFile(path) {
        case .success(let opened): descriptor = opened
        case .failure(let error): return .failure(error)
        }
        var bytes: [UInt8] = []
        guard readBytes(descriptor, into: &bytes, upTo: sniffBytes) else {
            close(descriptor)
            return .failure(unreadable(path))
        }
        if InputSniffer.kind(of: bytes) == .mbox {
            return .success((path, .mbox(MboxStream(descriptor: descriptor, initial: bytes))))
        }
        defer { close(descriptor) }
        guard readBytes(descriptor, into: &bytes, upTo: nil) else { return .failure(unreadable(path)) }
        return .success((path, .whole(bytes)))
    }

    /// A whole input read into memory (for `extract`).
    static func read(_ source: Source, stdinFilename: String?,
                     environment: CommandEnvironment) -> Result<(String, [UInt8]), InputError> {
        load(source, stdinFilename: stdinFilename, environment: environment).map { path, content in
            switch content {
            case .whole(let bytes): return (path, bytes)
            case .mbox(let stream): return (path, stream.readAll())
            }
        }
    }

    /// Opens a regular file for reading. FIFOs, sockets and devices could block or never end, so
    /// they are refused; the file is opened non-blocking so that even opening a FIFO cannot hang.
    private static func openRegularFile(_ path: String) -> Result<Int32, InputError> {
        let descriptor = open(path, O_RDONLY | O_NONBLOCK)
        guard descriptor >= 0 else { return .failure(unreadable(path)) }
        var status = stat()
        guard fstat(descriptor, &status) == 0, status.st_mode & S_IFMT == S_IFREG else {
            close(descriptor)
            return .failure(InputError(path: path, message: "is not a regular file"))
        }
        return .success(descriptor)
    }

    /// Appends up to `limit` more bytes (to the end when nil) to `bytes`; false on a read error.
    static func readBytes(_ descriptor: Int32, into bytes: inout [UInt8], upTo limit: Int?) -> Bool {
        var remaining = limit ?? Int.max
        while remaining > 0 {
            let wanted = min(1 << 16, remaining)
            let count = withUnsafeTemporaryAllocation(of: UInt8.self, capacity: wanted) { chunk in
                let count = Glibc.read(descriptor, chunk.baseAddress, wanted)
                if count > 0 { bytes.append(contentsOf: UnsafeBufferPointer(rebasing: chunk[..<count])) }
                return count
            }
            if count < 0 { return false }
            if count == 0 { break }
            remaining -= count
        }
        return true
    }

    private static func unreadable(_ path: String) -> InputError {
        InputError(path: path, message: "cannot be read (\(String(cString: strerror(errno))))")
    }

    /// Lintable files below a folder, sorted, skipping hidden files and folders.
    static func lintableFiles(under folder: String) -> [String] {
        let root = URL(fileURLWithPath: folder)
        guard let enumerator = FileManager.default.enumerator(
            at: root, includingPropertiesForKeys: [.isRegularFileKey], options: [.skipsHiddenFiles]) else { return [] }
        var files: [String] = []
        let prefix = folder.hasSuffix("/") ? folder : folder + "/"
        let rootPath = root.standardizedFileURL.path
        for case let url as URL in enumerator {
            guard (try? url.resourceValues(forKeys: [.isRegularFileKey]))?.isRegularFile == true else { continue }
            let name = url.lastPathComponent.lowercased()
            guard extensions.contains(url.pathExtension.lowercased()) || compoundSuffixes.contains(where: name.hasSuffix)
            else { continue }
            let full = url.standardizedFileURL.path
            let relative = full.hasPrefix(rootPath + "/") ? String(full.dropFirst(rootPath.count + 1)) : url.lastPathComponent
            files.append(prefix + relative)
        }
        return files.sorted()
    }
}

/// Why an input could not be linted (reported on stderr; exit code 2).
struct InputError: Error, Sendable, Equatable {
    let path: String
    let message: String
}
