#if canImport(Glibc)
import Glibc
#endif

extension JSONValue {
    /// An object written in pieces: its opening, these members, and the key of the member whose
    /// value comes next (written by the caller), as `serialized(indent:)` would write them.
    package static func objectHead(_ members: [(String, JSONValue)], openKey: String, indent: Int) -> String {
        var text = "{\n"
        for (key, value) in members {
            text += pad(indent + 1) + JSONValue.string(key).serialized() + ": " + value.serialized(indent: indent + 1) + ",\n"
        }
        return text + pad(indent + 1) + JSONValue.string(openKey).serialized() + ": "
    }

    /// The rest of an object written in pieces: the members after the one the caller wrote, and the end.
    package static func objectTail(_ members: [(String, JSONValue)], indent: Int) -> String {
        var text = ""
        for (key, value) in members {
            text += ",\n" + pad(indent + 1) + JSONValue.string(key).serialized() + ": " + value.serialized(indent: indent + 1)
        }
        return text + "\n" + pad(indent) + "}"
    }

    package static func pad(_ depth: Int) -> String { TerminalText.repeated(" ", count: 2 * depth) }
}

/// A pretty-printed JSON array written one element at a time, with the same bytes as
/// `JSONValue.array(...).serialized(indent: depth)`: reports stream their arrays this way.
package struct JSONArrayStream {
    /// The indentation depth of the array itself.
    package let depth: Int
    package private(set) var count = 0

    package init(depth: Int) { self.depth = depth }

    /// What comes before the next element: the opening bracket, or the comma after the last one,
    /// and the element's indentation. The element itself is written at `depth + 1`.
    package mutating func next() -> String {
        count += 1
        return (count == 1 ? "[\n" : ",\n") + JSONValue.pad(depth + 1)
    }

    /// What `next()` returns, written into `json` without making it text.
    package mutating func next(to json: inout JSONWriter) {
        count += 1
        json.raw(count == 1 ? "[\n" : ",\n", thenSpaces: 2 * (depth + 1))
    }

    package mutating func element(_ value: JSONValue) -> String { next() + value.serialized(indent: depth + 1) }

    /// The end of the array: `[]` when nothing was written.
    package func close() -> String { count == 0 ? "[]" : "\n" + JSONValue.pad(depth) + "]" }
}

/// Text kept for the end of a report (JSON's findings, which come after its inputs): in memory up
/// to `memoryLimit` bytes, then in a temporary file that is unlinked as soon as it is made, so it
/// is gone when the process ends, whatever way it ends. What is kept is written into its memory in
/// place, not made elsewhere and copied in.
package final class Spool {
    /// 1 MB. Kept in memory longer, findings cost as much in page faults as the file's writes and
    /// reads (measured at 8 MB: a thousand more faults for three fewer writes).
    package static let defaultMemoryLimit = 1 << 20
    package let memoryLimit: Int
    /// Pretty-printed at the depth of the report's top-level arrays' elements. Room for the limit
    /// and an input's text past it is made at once (untouched pages cost nothing): growing copied it all.
    private var memory: JSONWriter
    private var descriptor: Int32 = -1
    private var fileLength: off_t = 0
    /// Set when the temporary file could not be made or written: the text stays in memory then.
    private var fileFailed = false

    package init(memoryLimit: Int = Spool.defaultMemoryLimit) {
        self.memoryLimit = memoryLimit
        memory = JSONWriter(indent: 2, capacity: memoryLimit + memoryLimit / 4)
    }

    deinit { if descriptor >= 0 { close(descriptor) } }

    package func append(_ text: String) {
        write { $0.raw(text) }
    }

    /// Appends what `body` writes.
    package func write(_ body: (inout JSONWriter) -> Void) {
        body(&memory)
        if memory.written.count >= memoryLimit && !fileFailed { spill() }
    }

    /// Everything appended, in order, a piece at a time, each ending on a character boundary.
    package func replay(_ write: (UnsafeBufferPointer<UInt8>) throws -> Void) throws {
        var offset: off_t = 0
        // Cleared only when something went to the file.
        var chunk = [UInt8](repeating: 0, count: fileLength > 0 ? memoryLimit : 0)
        while offset < fileLength {
            let count = chunk.withUnsafeMutableBytes { pread(descriptor, $0.baseAddress, $0.count, offset) }
            guard count > 0 else { break }
            // A piece ends before the last character it may have cut; the next read starts there.
            var end = count
            if offset + off_t(count) < fileLength {
                while end > 0 && chunk[end - 1] & 0xC0 == 0x80 { end -= 1 }
                if end > 0 && chunk[end - 1] >= 0xC0 { end -= 1 }
                if end == 0 { end = count }
            }
            offset += off_t(end)
            try chunk.withUnsafeBufferPointer { try write(UnsafeBufferPointer(rebasing: $0[0..<end])) }
        }
        if !memory.written.isEmpty { try write(memory.written) }
    }

    /// Moves the memory's text to the end of the temporary file (made on the first call).
    private func spill() {
        if descriptor < 0 {
            var template = Array((ProcessEnvironment.temporaryFolder + "/tracklint-spool-XXXXXX").utf8CString)
            descriptor = template.withUnsafeMutableBufferPointer { mkstemp($0.baseAddress!) }
            guard descriptor >= 0 else { fileFailed = true; return }
            _ = template.withUnsafeBufferPointer { unlink($0.baseAddress!) }
        }
        // A failed write (a full disk) leaves the file as it was and the text in memory.
        if appendToFile(UnsafeRawBufferPointer(memory.written)) { memory.removeAll() } else { fileFailed = true }
    }

    /// Writes the bytes at the temporary file's end; false when the system could not.
    private func appendToFile(_ bytes: UnsafeRawBufferPointer) -> Bool {
        var done = 0
        while done < bytes.count {
            let count = pwrite(descriptor, bytes.baseAddress! + done, bytes.count - done, fileLength + off_t(done))
            if count < 0 && errno == EINTR { continue }
            guard count > 0 else { return false }
            done += count
        }
        fileLength += off_t(bytes.count)
        return true
    }
}

enum ProcessEnvironment {
    /// `TMPDIR`, else /tmp.
    static var temporaryFolder: String {
        guard let value = getenv("TMPDIR"), value.pointee != 0 else { return "/tmp" }
        return String(cString: value)
    }
}
