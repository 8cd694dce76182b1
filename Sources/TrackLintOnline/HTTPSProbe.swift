import Foundation
import Glibc
import TrackLint

/// One `GET https://host/` through libcurl (`Curl`), connected to the address the DNS step
/// resolved (`CURLOPT_RESOLVE`), with the host's name for SNI and the certificate check: the
/// handshake says whether the certificate is valid for the host, the answer's headers whether it
/// asks for HSTS. No redirect is followed, no proxy used, and no other path ever requested.
enum HTTPSProbe {
    static let timeoutSeconds = 5
    /// Enough of the root's body to see its headers through; the rest is not read.
    static let bodyLimit = 65536

    /// `caFile` is a private CA trusted beside the system's (`--ca-file`).
    static func probe(host: String, address: String, caFile: String?) -> (tls: HostCheck.TLS, hsts: HostCheck.HSTS) {
        switch Curl.shared {
        case .failure(let missing): return failed(missing.reason, host: host)
        case .success(let curl):
            guard let handle = curl.easyInit() else { return failed("libcurl could not start a transfer", host: host) }
            defer { curl.cleanup(handle) }
            return exchange(curl, handle, host: host, address: address, caFile: caFile)
        }
    }

    private static func failed(_ message: String, host: String) -> (tls: HostCheck.TLS, hsts: HostCheck.HSTS) {
        (HostCheck.TLS(status: status(ofFailure: message), detail: message),
         HostCheck.HSTS(header: nil, detail: "https://\(host)/ did not answer: \(message)"))
    }

    private static func exchange(_ curl: Curl, _ handle: Curl.Handle, host: String, address: String,
                                 caFile: String?) -> (tls: HostCheck.TLS, hsts: HostCheck.HSTS) {
        var texts: [UnsafeMutablePointer<CChar>] = []
        let errorBuffer = UnsafeMutablePointer<CChar>.allocate(capacity: 256)
        errorBuffer.initialize(repeating: 0, count: 256)
        let resolve = curl.listAppend(nil, "\(host):443:" + (address.contains(":") ? "[\(address)]" : address))
        let received = Received()
        defer {
            texts.forEach { free($0) }
            errorBuffer.deallocate()
            curl.listFree(resolve)
        }
        func set(_ option: Curl.Option, _ text: String) {
            let copy = strdup(text)!
            texts.append(copy)
            _ = curl.setPointer(handle, option.rawValue, copy)
        }
        set(.url, "https://\(host)/")
        set(.noProxy, "*")
        set(.userAgent, "tracklint (--online check of the tracking host)")
        if let caFile {
            set(.caInfo, caFile)
            set(.caPath, "/etc/ssl/certs")
        }
        _ = curl.setPointer(handle, Curl.Option.resolve.rawValue, UnsafeRawPointer(resolve))
        _ = curl.setPointer(handle, Curl.Option.errorBuffer.rawValue, errorBuffer)
        _ = curl.setLong(handle, Curl.Option.protocols.rawValue, Curl.httpsProtocol)
        _ = curl.setLong(handle, Curl.Option.noSignal.rawValue, 1)
        _ = curl.setLong(handle, Curl.Option.timeout.rawValue, timeoutSeconds * 2)
        _ = curl.setLong(handle, Curl.Option.connectTimeout.rawValue, timeoutSeconds)
        let context = Unmanaged.passUnretained(received).toOpaque()
        _ = curl.setPointer(handle, Curl.Option.headerData.rawValue, context)
        _ = curl.setPointer(handle, Curl.Option.writeData.rawValue, context)
        _ = curl.setCallback(handle, Curl.Option.headerFunction.rawValue, { data, size, count, context in
            let received = Unmanaged<Received>.fromOpaque(context!).takeUnretainedValue()
            received.headerLines.append(String(decoding: UnsafeRawBufferPointer(start: data, count: size * count), as: UTF8.self))
            return size * count
        })
        _ = curl.setCallback(handle, Curl.Option.writeFunction.rawValue, { _, size, count, context in
            let received = Unmanaged<Received>.fromOpaque(context!).takeUnretainedValue()
            received.bodyBytes += size * count
            return received.bodyBytes > HTTPSProbe.bodyLimit ? 0 : size * count
        })
        let code = curl.perform(handle)
        var responseCode = 0
        _ = curl.getLong(handle, Curl.responseCodeInfo, &responseCode)
        guard code == 0 || (code == Curl.writeError && responseCode > 0) else {
            let detail = String(cString: errorBuffer)
            return failed(detail.isEmpty ? curl.errorText(code).map { String(cString: $0) } ?? "error \(code)" : detail, host: host)
        }
        return (HostCheck.TLS(status: .valid), HostCheck.HSTS(header: received.header("Strict-Transport-Security")))
    }

    /// What the root answered: its header lines, and how much body came.
    private final class Received {
        var headerLines: [String] = []
        var bodyBytes = 0

        func header(_ name: String) -> String? {
            let prefix = name.lowercased() + ":"
            return headerLines.last { $0.lowercased().hasPrefix(prefix) }
                .map { String($0.dropFirst(prefix.count)).trimmingCharacters(in: .whitespacesAndNewlines) }
        }
    }

    /// libcurl's message (OpenSSL's words, or GnuTLS's) read as a status.
    static func status(ofFailure message: String) -> HostCheck.TLS.Status {
        let text = message.lowercased()
        if text.contains("expired") { return .expired }
        if text.contains("subject name") || text.contains("does not match target host") || text.contains("no alternative certificate") {
            return .wrongName
        }
        if text.contains("local issuer") || text.contains("self-signed") || text.contains("self signed")
            || text.contains("unable to verify") || text.contains("unknown ca") || text.contains("certificate verify failed")
            || text.contains("not trusted") {
            return .untrusted
        }
        return .failed
    }
}
