#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Why an input could not be read: the system's reason.
public struct ReadFailure: Error, Sendable, Equatable {
    public let reason: String
}

/// An input's bytes, read a chunk at a time: from a file descriptor (a file, standard input, a
/// pipe), or from memory. Nothing is read that was not asked for, so an endless input costs only
/// what is read of it.
public final class ByteReader {
    private enum Source {
        case descriptor(Int32, closesIt: Bool)
        case memory([UInt8])
    }

    package static let chunkSize = 1 << 16
    private let source: Source
    /// How far `memory` has been read.
    private var position = 0

    /// Reads a descriptor; `closesIt` when this reader owns it.
    public init(descriptor: Int32, closesIt: Bool) { source = .descriptor(descriptor, closesIt: closesIt) }

    public init(bytes: [UInt8]) { source = .memory(bytes) }

    deinit {
        if case .descriptor(let descriptor, true) = source { close(descriptor) }
    }

    /// Appends up to `count` bytes to `bytes`, fewer only at the end of the input; returns how many.
    @discardableResult
    package func read(appendingTo bytes: inout [UInt8], upTo count: Int) throws(ReadFailure) -> Int {
        // A chunk into nothing yet (the start of a file) is read into the array itself.
        if bytes.isEmpty, count > 0, count <= Self.chunkSize, case .descriptor(let descriptor, _) = source {
            try readDirectly(appendingTo: &bytes, from: descriptor, upTo: count)
            return bytes.count
        }
        var total = 0
        while total < count {
            let read = try readChunk(appendingTo: &bytes, upTo: min(Self.chunkSize, count - total))
            if read == 0 { break }
            total += read
        }
        return total
    }

    /// Reads a whole input into `bytes`, up to `limit` bytes in all; `size` is its size when known
    /// (a file's). Past the limit nothing more is read, and the cut says so.
    package func readWhole(appendingTo bytes: inout [UInt8], limit: Int, size: Int?) throws(ReadFailure) -> InputCut? {
        let expected = min(size ?? limit, limit)
        if size != nil, case .descriptor(let descriptor, _) = source, expected > bytes.count {
            try readDirectly(appendingTo: &bytes, from: descriptor, upTo: expected)
        } else {
            bytes.reserveCapacity(expected)
        }
        try read(appendingTo: &bytes, upTo: limit - bytes.count)
        guard bytes.count >= limit else { return nil }
        var probe: [UInt8] = []
        guard try readChunk(appendingTo: &probe, upTo: 1) > 0 else { return nil }
        return InputCut(readBytes: limit, totalBytes: size.flatMap { $0 > limit ? $0 : nil })
    }

    /// Reads a descriptor until `bytes` holds `count` bytes or it ends, straight into an array of
    /// that capacity: read in chunks and appended, every byte was copied once more.
    private func readDirectly(appendingTo bytes: inout [UInt8], from descriptor: Int32, upTo count: Int) throws(ReadFailure) {
        let start = bytes
        var failure: ReadFailure?
        bytes = [UInt8](unsafeUninitializedCapacity: count) { buffer, initialized in
            initialized = buffer.initialize(fromContentsOf: start)
            while initialized < count {
                do throws(ReadFailure) {
                    let read = try readOnce(descriptor, into: buffer.baseAddress! + initialized, upTo: count - initialized)
                    if read == 0 { break }
                    initialized += read
                } catch {
                    failure = error
                    break
                }
            }
        }
        if let failure { throw failure }
    }

    /// One read: up to `count` bytes, 0 at the end.
    private func readChunk(appendingTo bytes: inout [UInt8], upTo count: Int) throws(ReadFailure) -> Int {
        switch source {
        case .memory(let memory):
            let end = min(memory.count, position + count)
            bytes.append(contentsOf: memory[position..<end])
            defer { position = end }
            return end - position
        case .descriptor(let descriptor, _):
            let read: Result<Int, ReadFailure> = withUnsafeTemporaryAllocation(of: UInt8.self, capacity: count) { chunk in
                do throws(ReadFailure) {
                    let read = try readOnce(descriptor, into: chunk.baseAddress, upTo: count)
                    bytes.append(contentsOf: UnsafeBufferPointer(rebasing: chunk[..<read]))
                    return .success(read)
                } catch {
                    return .failure(error)
                }
            }
            return try read.get()
        }
    }

    /// One read of a descriptor into memory that holds `count` bytes: how many it read, 0 at the end.
    private func readOnce(_ descriptor: Int32, into memory: UnsafeMutablePointer<UInt8>?, upTo count: Int) throws(ReadFailure) -> Int {
        while true {
            let read = Glibc.read(descriptor, memory, count)
            if read >= 0 { return read }
            switch errno {
            case EINTR: continue
            case EAGAIN, EWOULDBLOCK: waitUntilReadable(descriptor)   // a non-blocking descriptor we were given
            default: throw ReadFailure(reason: String(cString: strerror(errno)))
            }
        }
    }

    private func waitUntilReadable(_ descriptor: Int32) {
        var request = pollfd(fd: descriptor, events: Int16(POLLIN), revents: 0)
        _ = poll(&request, 1, -1)
    }
}
