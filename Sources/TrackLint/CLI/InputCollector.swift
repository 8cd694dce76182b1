import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Turns the paths on the command line into inputs: files as named, folders recursively (only
/// files with a known extension), `-` as standard input.
enum InputCollector {
    static let extensions: Set<String> = ["html", "htm", "twig", "eml", "mbox"]
    static let compoundSuffixes = [".msg.txt"]

    static func collect(_ paths: [String], stdinFilename: String?,
                        environment: CommandEnvironment) -> [Result<(String, [UInt8]), InputError>] {
        var inputs: [Result<(String, [UInt8]), InputError>] = []
        var stdinRead = false
        for path in paths {
            if path == "-" {
                guard !stdinRead else { continue }
                stdinRead = true
                inputs.append(.success((stdinFilename ?? "<stdin>", environment.readStandardInput())))
                continue
            }
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
                inputs.append(.failure(InputError(path: path, message: "no such file or folder")))
                continue
            }
            let files = isDirectory.boolValue ? lintableFiles(under: path) : [path]
            for file in files { inputs.append(read(file)) }
        }
        return inputs
    }

    static func read(_ path: String) -> Result<(String, [UInt8]), InputError> {
        // FIFOs, sockets and devices could block forever or never end: only regular files are read.
        let type = (try? FileManager.default.attributesOfItem(atPath: path))?[.type] as? FileAttributeType
        guard type == .typeRegular else {
            return .failure(InputError(path: path, message: "is not a regular file"))
        }
        guard let bytes = readAll(path) else {
            return .failure(InputError(path: path, message: "cannot be read (permission denied)"))
        }
        return .success((path, bytes))
    }

    /// The whole file, read straight into a byte array sized from `fstat` (grown if the file grows).
    private static func readAll(_ path: String) -> [UInt8]? {
        let descriptor = open(path, O_RDONLY)
        guard descriptor >= 0 else { return nil }
        defer { close(descriptor) }
        var status = stat()
        guard fstat(descriptor, &status) == 0 else { return nil }
        var bytes = [UInt8](repeating: 0, count: max(Int(status.st_size), 0) + 1)
        var filled = 0
        while true {
            if filled == bytes.count { bytes += [UInt8](repeating: 0, count: max(bytes.count, 1 << 16)) }
            let count = bytes.withUnsafeMutableBytes { buffer in
                Glibc.read(descriptor, buffer.baseAddress! + filled, buffer.count - filled)
            }
            if count < 0 { return nil }
            if count == 0 { break }
            filled += count
        }
        bytes.removeSubrange(filled...)
        return bytes
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
