import Foundation
#if canImport(Glibc)
import Glibc
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

    static func read(_ source: Source, stdinFilename: String?,
                     environment: CommandEnvironment) -> Result<(String, [UInt8]), InputError> {
        switch source {
        case .standardInput: return .success((stdinFilename ?? "<stdin>", environment.readStandardInput()))
        case .file(let path): return read(path)
        case .missing(let path): return .failure(InputError(path: path, message: "no such file or folder"))
        }
    }

    /// Reads a whole regular file. FIFOs, sockets and devices could block or never end, so they are
    /// refused; the file is opened non-blocking so that even opening a FIFO cannot hang.
    static func read(_ path: String) -> Result<(String, [UInt8]), InputError> {
        let descriptor = open(path, O_RDONLY | O_NONBLOCK)
        guard descriptor >= 0 else {
            return .failure(InputError(path: path, message: "cannot be read (\(String(cString: strerror(errno))))"))
        }
        defer { close(descriptor) }
        var status = stat()
        guard fstat(descriptor, &status) == 0, status.st_mode & S_IFMT == S_IFREG else {
            return .failure(InputError(path: path, message: "is not a regular file"))
        }
        var bytes = [UInt8](repeating: 0, count: max(Int(status.st_size), 0) + 1)
        var filled = 0
        while true {
            if filled == bytes.count { bytes += [UInt8](repeating: 0, count: max(bytes.count, 1 << 16)) }
            let count = bytes.withUnsafeMutableBytes { buffer in
                Glibc.read(descriptor, buffer.baseAddress! + filled, buffer.count - filled)
            }
            if count < 0 {
                return .failure(InputError(path: path, message: "cannot be read (\(String(cString: strerror(errno))))"))
            }
            if count == 0 { break }
            filled += count
        }
        bytes.removeSubrange(filled...)
        return .success((path, bytes))
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
