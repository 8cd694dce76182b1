#if canImport(Glibc)
import Glibc
#endif

/// Finds the lintable files below a folder, names as bytes (any name the file system holds), and
/// skips nothing silently: a folder or link that cannot be read is an input error naming it.
/// Links are followed, each folder once, so a link back up the tree ends there; hidden files and
/// folders are skipped.
struct FolderWalker {
    /// Folders nested deeper than this below the one named are not read (an input error).
    static let maximumDepth = 100

    private struct FileIdentity: Hashable {
        let device: UInt64
        let inode: UInt64
    }

    /// What the walk found, keyed by path bytes for a sorted, deterministic order.
    private var found: [(key: [CChar], source: InputCollector.Source)] = []
    private var visited: Set<FileIdentity> = []
    /// Extensions lintable besides the built-in ones (`--extension`, config `extensions`).
    private let extraExtensions: [String]

    /// The lintable files and the failures below `folder`, sorted by path.
    static func sources(under folder: String, extraExtensions: [String] = []) -> [InputCollector.Source] {
        var walker = FolderWalker(extraExtensions: extraExtensions)
        walker.walk(folder, depth: 0)
        return walker.found.sorted { $0.key.lexicographicallyPrecedes($1.key) }.map(\.source)
    }

    private mutating func walk(_ folder: String, depth: Int) {
        var status = stat()
        guard stat(FileNames.systemPath(folder), &status) == 0 else { return fail(folder) }
        guard visited.insert(FileIdentity(device: UInt64(status.st_dev), inode: UInt64(status.st_ino))).inserted else { return }
        guard depth <= Self.maximumDepth else {
            return fail(folder, "is more than \(Self.maximumDepth) folders deep; not read")
        }
        let prefix = folder.hasSuffix("/") ? folder : folder + "/"
        var folders: [String] = []
        guard let directory = opendir(FileNames.systemPath(folder)) else { return fail(folder) }
        while true {
            errno = 0
            guard let entry = readdir(directory) else {
                if errno != 0 { fail(folder) }
                break
            }
            let name = withUnsafeBytes(of: entry.pointee.d_name) { Array($0.prefix { $0 != 0 }) }
            guard name.first != UInt8(ascii: ".") else { continue }
            let path = prefix + FileNames.text(name)
            switch kind(of: path, type: entry.pointee.d_type) {
            case .folder: folders.append(path)
            case .file where InputCollector.isLintable(name: name, extraExtensions: extraExtensions): add(.file(path), at: path)
            case .file, .other: break
            }
        }
        closedir(directory)
        for child in folders { walk(child, depth: depth + 1) }
    }

    private enum Kind { case folder, file, other }

    /// What an entry is, following a link; a link that leads nowhere counts as a file, so that
    /// reading it names the problem.
    private func kind(of path: String, type: UInt8) -> Kind {
        switch Int32(type) {
        case Int32(DT_DIR): return .folder
        case Int32(DT_REG): return .file
        case Int32(DT_LNK), Int32(DT_UNKNOWN):
            var status = stat()
            guard stat(FileNames.systemPath(path), &status) == 0 else { return .file }
            switch status.st_mode & S_IFMT {
            case S_IFDIR: return .folder
            case S_IFREG: return .file
            default: return .other
            }
        default: return .other
        }
    }

    private mutating func add(_ source: InputCollector.Source, at path: String) {
        found.append((FileNames.systemPath(path), source))
    }

    private mutating func fail(_ path: String, _ message: String? = nil) {
        let message = message ?? "cannot be read (\(String(cString: strerror(errno))))"
        add(.failed(InputError(path: FileNames.shown(path), message: message)), at: path)
    }
}
