import Foundation
import Glibc

/// An HTTP CONNECT tunnel on loopback, for one host, to the address `--online` resolved for it.
/// Foundation's networking on Linux resolves names itself (through the system resolver) and has
/// no way to be told an address, but it honours `https_proxy`: pointed at this relay, its TLS
/// handshake (made by Foundation, with the host's name for SNI and for the certificate check)
/// reaches the address the DNS step found. The relay only carries bytes, and only to that
/// address's port 443, for that host.
final class TunnelRelay: @unchecked Sendable {
    static let idleMilliseconds: Int32 = 5000

    let port: UInt16
    private let host: String
    private let target: SocketAddress
    private let listener: Socket
    private let stopped = NSCondition()
    private var isStopped = false
    private var isFinished = false

    init?(host: String, target: SocketAddress) {
        guard let listener = Socket(family: AF_INET, type: Int32(SOCK_STREAM.rawValue)),
              let loopback = SocketAddress("127.0.0.1", port: 0),
              loopback.withPointer({ bind(listener.descriptor, $0, $1) }) == 0, listen(listener.descriptor, 4) == 0 else { return nil }
        var bound = sockaddr_in()
        var size = socklen_t(MemoryLayout<sockaddr_in>.size)
        _ = withUnsafeMutablePointer(to: &bound) { $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(listener.descriptor, $0, &size) } }
        port = UInt16(bigEndian: bound.sin_port)
        self.host = host.lowercased()
        self.target = target
        self.listener = listener
        Thread.detachNewThread { [self] in serve() }
    }

    /// Stops accepting, and waits until the relay thread has let go of its sockets.
    func stop() {
        stopped.lock()
        isStopped = true
        while !isFinished { stopped.wait() }
        stopped.unlock()
    }

    private var shouldStop: Bool {
        stopped.lock()
        defer { stopped.unlock() }
        return isStopped
    }

    private func serve() {
        while !shouldStop {
            guard listener.wait(for: Int16(POLLIN), milliseconds: 100) else { continue }
            let descriptor = accept(listener.descriptor, nil, nil)
            if descriptor >= 0 { tunnel(Socket(adopting: descriptor)) }
        }
        stopped.lock()
        isFinished = true
        stopped.broadcast()
        stopped.unlock()
    }

    /// Reads `CONNECT host:443 HTTP/1.1`, connects to the target, and carries bytes both ways.
    private func tunnel(_ client: Socket) {
        var request: [UInt8] = []
        while request.count < 8192, !request.ends(with: Array("\r\n\r\n".utf8)) {
            guard client.wait(for: Int16(POLLIN), milliseconds: Self.idleMilliseconds) else { return }
            let bytes = client.receive(limit: 8192 - request.count)
            if bytes.isEmpty { return }
            request += bytes
        }
        let words = String(decoding: request, as: UTF8.self).split(separator: "\r\n").first?.split(separator: " ") ?? []
        guard words.count == 3, words[0] == "CONNECT", words[1].lowercased() == host + ":443",
              let upstreamAddress = SocketAddress(target.text, port: 443),
              let upstream = Socket(family: upstreamAddress.family, type: Int32(SOCK_STREAM.rawValue)) else {
            _ = client.send(Array("HTTP/1.1 403 Forbidden\r\nContent-Length: 0\r\n\r\n".utf8))
            return
        }
        guard upstream.connect(to: upstreamAddress, milliseconds: Self.idleMilliseconds) else {
            _ = client.send(Array("HTTP/1.1 502 Bad Gateway\r\nContent-Length: 0\r\n\r\n".utf8))
            return
        }
        guard client.send(Array("HTTP/1.1 200 Connection established\r\n\r\n".utf8)) else { return }
        pump(client, upstream)
    }

    private func pump(_ a: Socket, _ b: Socket) {
        var entries = [pollfd(fd: a.descriptor, events: Int16(POLLIN), revents: 0), pollfd(fd: b.descriptor, events: Int16(POLLIN), revents: 0)]
        while !shouldStop, poll(&entries, 2, Self.idleMilliseconds) > 0 {
            for (index, entry) in entries.enumerated() where entry.revents != 0 {
                let (from, to) = index == 0 ? (a, b) : (b, a)
                let bytes = from.receive()
                if bytes.isEmpty || !to.send(bytes) { return }
            }
        }
    }
}

extension Array where Element == UInt8 {
    func ends(with suffix: [UInt8]) -> Bool { count >= suffix.count && Array(self[(count - suffix.count)...]) == suffix }
}
