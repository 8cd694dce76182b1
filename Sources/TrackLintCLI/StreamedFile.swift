#if canImport(Glibc)
import Glibc
#endif
import Foundation

/// The `--output` file, opened before linting and written as the report is made, so that a report
/// of any size passes through memory a piece at a time; a failure names the file.
final class StreamedFile {
    private let target: String
    private var descriptor: Int32

    init(path: String) throws {
        target = "`\(FileNames.shown(path))`"
        let folder = URL(fileURLWithPath: path).deletingLastPathComponent()
        try? FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        descriptor = open(FileNames.systemPath(path), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else { throw OutputWriter.Failure(target: target, code: errno) }
    }

    deinit { if descriptor >= 0 { Glibc.close(descriptor) } }

    func write(_ text: String) throws { try OutputWriter.write(text, to: descriptor, target: target) }

    func write(_ bytes: UnsafeBufferPointer<UInt8>) throws { try OutputWriter.write(bytes, to: descriptor, target: target) }

    /// Closes the file, checking that the last writes reached it.
    func close() throws {
        let result = Glibc.close(descriptor)
        descriptor = -1
        guard result == 0 else { throw OutputWriter.Failure(target: target, code: errno) }
    }
}
