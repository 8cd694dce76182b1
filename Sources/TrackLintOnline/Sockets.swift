import Glibc

/// A numeric IPv4 or IPv6 address with a port, as Glibc's socket calls take it. Never a name:
/// names are what `--online` resolves itself.
struct SocketAddress: CustomStringConvertible {
    private var storage = sockaddr_storage()
    let family: Int32
    let text: String
    let port: UInt16

    init?(_ address: String, port: UInt16) {
        text = address
        self.port = port
        var v4 = sockaddr_in()
        var v6 = sockaddr_in6()
        if inet_pton(AF_INET, address, &v4.sin_addr) == 1 {
            family = AF_INET
            v4.sin_family = sa_family_t(AF_INET)
            v4.sin_port = port.bigEndian
            withUnsafeBytes(of: v4) { source in withUnsafeMutableBytes(of: &storage) { $0.copyMemory(from: source) } }
        } else if inet_pton(AF_INET6, address, &v6.sin6_addr) == 1 {
            family = AF_INET6
            v6.sin6_family = sa_family_t(AF_INET6)
            v6.sin6_port = port.bigEndian
            withUnsafeBytes(of: v6) { source in withUnsafeMutableBytes(of: &storage) { $0.copyMemory(from: source) } }
        } else {
            return nil
        }
    }

    /// `HOST[:PORT]`, `[V6]:PORT` or a bare IPv6 address.
    init?(parsing value: String, defaultPort: UInt16) {
        var host = value
        var port = defaultPort
        if value.hasPrefix("["), let close = value.firstIndex(of: "]") {
            host = String(value[value.index(after: value.startIndex)..<close])
            let rest = value[value.index(after: close)...]
            if !rest.isEmpty {
                guard rest.hasPrefix(":"), let number = UInt16(rest.dropFirst()) else { return nil }
                port = number
            }
        } else if value.filter({ $0 == ":" }).count == 1, let colon = value.firstIndex(of: ":") {
            host = String(value[..<colon])
            guard let number = UInt16(value[value.index(after: colon)...]) else { return nil }
            port = number
        }
        self.init(host, port: port)
    }

    var description: String { family == AF_INET6 ? "[\(text)]:\(port)" : "\(text):\(port)" }

    var length: socklen_t { socklen_t(family == AF_INET ? MemoryLayout<sockaddr_in>.size : MemoryLayout<sockaddr_in6>.size) }

    func withPointer<T>(_ body: (UnsafePointer<sockaddr>, socklen_t) -> T) -> T {
        withUnsafeBytes(of: storage) { body($0.baseAddress!.assumingMemoryBound(to: sockaddr.self), length) }
    }
}

/// A socket descriptor that closes itself.
final class Socket {
    let descriptor: Int32

    init?(family: Int32, type: Int32) {
        descriptor = Glibc.socket(family, type | Int32(SOCK_CLOEXEC.rawValue), 0)
        if descriptor < 0 { return nil }
    }

    init(adopting descriptor: Int32) { self.descriptor = descriptor }

    deinit { close(descriptor) }

    /// Connects within `milliseconds`; for UDP this only fixes the peer.
    func connect(to address: SocketAddress, milliseconds: Int32) -> Bool {
        let flags = fcntl(descriptor, F_GETFL)
        _ = fcntl(descriptor, F_SETFL, flags | O_NONBLOCK)
        defer { _ = fcntl(descriptor, F_SETFL, flags) }
        let result = address.withPointer { Glibc.connect(descriptor, $0, $1) }
        if result == 0 { return true }
        guard errno == EINPROGRESS, wait(for: Int16(POLLOUT), milliseconds: milliseconds) else { return false }
        var failure: Int32 = 0
        var size = socklen_t(MemoryLayout<Int32>.size)
        return getsockopt(descriptor, SOL_SOCKET, SO_ERROR, &failure, &size) == 0 && failure == 0
    }

    /// Whether the socket is ready for `events` within `milliseconds`.
    func wait(for events: Int16, milliseconds: Int32) -> Bool {
        var entry = pollfd(fd: descriptor, events: events, revents: 0)
        return poll(&entry, 1, milliseconds) == 1
    }

    func send(_ bytes: [UInt8]) -> Bool {
        var sent = 0
        while sent < bytes.count {
            let count = bytes[sent...].withUnsafeBytes { Glibc.send(descriptor, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }
            if count <= 0 { return false }
            sent += count
        }
        return true
    }

    /// Up to `limit` bytes, empty at the end of the stream or on an error.
    func receive(limit: Int = 65536) -> [UInt8] {
        var buffer = [UInt8](repeating: 0, count: limit)
        let count = buffer.withUnsafeMutableBytes { recv(descriptor, $0.baseAddress, limit, 0) }
        return count > 0 ? Array(buffer[..<count]) : []
    }
}
