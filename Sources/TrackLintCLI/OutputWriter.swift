import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Writes what a command produced, checking every write, so that a report is never lost without a
/// word: a target that fails (closed, full, not writable) is an error naming it.
public enum OutputWriter {
    public struct Failure: Error, CustomStringConvertible {
        /// `standard output`, or the file's path in backquotes.
        public let target: String
        public let code: Int32

        /// The reader of a pipe has gone (`| head -1`): the caller stops quietly, as Unix filters do.
        public var isBrokenPipe: Bool { code == EPIPE }

        public var description: String { "cannot write \(target) (\(String(cString: strerror(code))))" }
    }

    /// Writes all of `text` to a descriptor, retrying after interruptions and short writes.
    public static func write(_ text: String, to descriptor: Int32, target: String) throws {
        var text = text
        try text.withUTF8 { try write($0, to: descriptor, target: target) }
    }

    public static func write(_ bytes: UnsafeBufferPointer<UInt8>, to descriptor: Int32, target: String) throws {
        var written = 0
        while written < bytes.count {
            let count = Glibc.write(descriptor, bytes.baseAddress! + written, bytes.count - written)
            if count < 0 && errno == EINTR { continue }
            guard count > 0 else { throw Failure(target: target, code: count < 0 ? errno : EIO) }
            written += count
        }
    }

    /// Writes a file whole, making its folder first; the file is closed and checked before this returns.
    public static func write(_ file: WrittenFile) throws {
        let streamed = try StreamedFile(path: file.path)
        try streamed.write(file.contents)
        try streamed.close()
    }

    /// Replaces the contents of an existing file (`--fix`): the file itself is rewritten, so its
    /// permissions, owner and links stay as they are. The file is closed and checked before this returns.
    static func replaceContents(of path: String, with bytes: [UInt8]) throws {
        let target = "`\(FileNames.shown(path))`"
        let descriptor = open(FileNames.systemPath(path), O_WRONLY | O_TRUNC | O_CLOEXEC)
        guard descriptor >= 0 else { throw Failure(target: target, code: errno) }
        do {
            try bytes.withUnsafeBufferPointer { try write($0, to: descriptor, target: target) }
        } catch {
            close(descriptor)
            throw error
        }
        guard close(descriptor) == 0 else { throw Failure(target: target, code: errno) }
    }
}
