import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif
import TrackLint

/// One `GET https://host/` through Foundation's networking (URLSession), to the address the DNS
/// step resolved (through `TunnelRelay`): the handshake says whether the certificate is valid for
/// the host, the answer's headers whether it asks for HSTS. Redirects are not followed, and no
/// other path is ever requested. One probe at a time: `https_proxy` is the process's.
enum HTTPSProbe {
    static let timeoutSeconds: TimeInterval = 5
    private static let exclusive = NSLock()

    static func probe(host: String, address: String) -> (tls: HostCheck.TLS, hsts: HostCheck.HSTS) {
        guard let target = SocketAddress(address, port: 443), let url = URL(string: "https://\(host)/"),
              let relay = TunnelRelay(host: host, target: target) else {
            let failed = "cannot open a connection to \(address)"
            return (HostCheck.TLS(status: .failed, detail: failed), HostCheck.HSTS(header: nil, detail: failed))
        }
        defer { relay.stop() }
        exclusive.lock()
        defer { exclusive.unlock() }
        let names = ["https_proxy", "HTTPS_PROXY", "no_proxy", "NO_PROXY"]
        let saved = names.map { name in (name, getenv(name).map { String(cString: $0) }) }
        setenv("https_proxy", "http://127.0.0.1:\(relay.port)", 1)
        for name in ["HTTPS_PROXY", "no_proxy", "NO_PROXY"] { unsetenv(name) }
        defer {
            for (name, value) in saved {
                if let value { setenv(name, value, 1) } else { unsetenv(name) }
            }
        }
        let outcome = fetch(url)
        switch outcome {
        case .success(let response):
            let header = response.value(forHTTPHeaderField: "Strict-Transport-Security")
            return (HostCheck.TLS(status: .valid), HostCheck.HSTS(header: header))
        case .failure(let failure):
            return (HostCheck.TLS(status: status(ofFailure: failure.message), detail: failure.message),
                    HostCheck.HSTS(header: nil, detail: "https://\(host)/ did not answer: \(failure.message)"))
        }
    }

    private struct Failure: Error {
        let message: String
    }

    private static func fetch(_ url: URL) -> Result<HTTPURLResponse, Failure> {
        let configuration = URLSessionConfiguration.ephemeral
        configuration.timeoutIntervalForRequest = timeoutSeconds
        configuration.timeoutIntervalForResource = timeoutSeconds * 2
        configuration.requestCachePolicy = .reloadIgnoringLocalCacheData
        configuration.urlCache = nil
        configuration.httpCookieStorage = nil
        let session = URLSession(configuration: configuration, delegate: NoRedirects(), delegateQueue: nil)
        defer { session.invalidateAndCancel() }
        let done = DispatchSemaphore(value: 0)
        let result = ResultBox()
        session.dataTask(with: URLRequest(url: url)) { _, response, error in
            if let response = response as? HTTPURLResponse {
                result.value = .success(response)
            } else {
                let underlying = (error as NSError?)?.userInfo[NSUnderlyingErrorKey] as? NSError
                let text = underlying?.localizedDescription ?? error?.localizedDescription ?? "no answer"
                result.value = .failure(Failure(message: text))
            }
            done.signal()
        }.resume()
        _ = done.wait(timeout: .now() + timeoutSeconds * 3)
        return result.value ?? .failure(Failure(message: "no answer within \(Int(timeoutSeconds * 3)) s"))
    }

    /// The TLS library's message (libcurl with OpenSSL under Foundation) read as a status.
    static func status(ofFailure message: String) -> HostCheck.TLS.Status {
        let text = message.lowercased()
        if text.contains("expired") { return .expired }
        if text.contains("subject name") || text.contains("does not match target host") || text.contains("no alternative certificate") {
            return .wrongName
        }
        if text.contains("local issuer") || text.contains("self-signed") || text.contains("self signed")
            || text.contains("unable to verify") || text.contains("unknown ca") || text.contains("certificate verify failed") {
            return .untrusted
        }
        return .failed
    }

    private final class ResultBox: @unchecked Sendable {
        var value: Result<HTTPURLResponse, Failure>?
    }

    /// The root's answer is what counts: a redirect elsewhere is not followed.
    private final class NoRedirects: NSObject, URLSessionTaskDelegate {
        func urlSession(_ session: URLSession, task: URLSessionTask, willPerformHTTPRedirection response: HTTPURLResponse,
                        newRequest request: URLRequest, completionHandler: @escaping @Sendable (URLRequest?) -> Void) {
            completionHandler(nil)
        }
    }
}
