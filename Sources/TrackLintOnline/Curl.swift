import Glibc

/// The system's libcurl, loaded when the first `--online` TLS check needs it. Foundation's
/// URLSession on Linux is libcurl underneath, but linking FoundationNetworking would make the
/// static release binary need libcurl and its dozen libraries at start (the tarball promises
/// libxml2 and the C runtime only), and URLSession there can neither trust another CA nor connect
/// to an address it did not resolve itself. Through `dlopen`, only `--online` needs libcurl, and
/// `CURLOPT_RESOLVE` and `CURLOPT_CAINFO` do both.
///
/// `curl_easy_setopt` and `curl_easy_getinfo` are variadic; they are called through non-variadic
/// types with one argument, which the x86-64 and AArch64 Linux calling conventions pass alike.
final class Curl: @unchecked Sendable {
    typealias Handle = OpaquePointer
    typealias Callback = @convention(c) (UnsafeMutablePointer<CChar>?, Int, Int, UnsafeMutableRawPointer?) -> Int

    enum Option: Int32 {
        case timeout = 13, connectTimeout = 78, noSignal = 99, protocols = 181
        case url = 10002, errorBuffer = 10010, userAgent = 10018, headerData = 10029, writeData = 10001
        case caInfo = 10065, caPath = 10097, noProxy = 10177, resolve = 10203
        case writeFunction = 20011, headerFunction = 20079
    }

    static let responseCodeInfo: Int32 = 0x200000 + 2
    static let writeError: Int32 = 23
    static let httpsProtocol = 2

    let easyInit: @convention(c) () -> Handle?
    let cleanup: @convention(c) (Handle?) -> Void
    let perform: @convention(c) (Handle?) -> Int32
    let setPointer: @convention(c) (Handle?, Int32, UnsafeRawPointer?) -> Int32
    let setLong: @convention(c) (Handle?, Int32, Int) -> Int32
    let setCallback: @convention(c) (Handle?, Int32, Callback) -> Int32
    let getLong: @convention(c) (Handle?, Int32, UnsafeMutablePointer<Int>) -> Int32
    let errorText: @convention(c) (Int32) -> UnsafePointer<CChar>?
    let listAppend: @convention(c) (OpaquePointer?, UnsafePointer<CChar>?) -> OpaquePointer?
    let listFree: @convention(c) (OpaquePointer?) -> Void

    /// The library, or why it cannot be had.
    static let shared: Result<Curl, CurlMissing> = {
        for name in ["libcurl.so.4", "libcurl-gnutls.so.4", "libcurl.so"] {
            if let library = dlopen(name, RTLD_NOW | RTLD_LOCAL), let curl = Curl(library) { return .success(curl) }
        }
        return .failure(CurlMissing())
    }()

    struct CurlMissing: Error {
        let reason = "libcurl.so.4 is not installed (Debian and Ubuntu: the libcurl4 package), so no TLS handshake was made"
    }

    private init?(_ library: UnsafeMutableRawPointer) {
        func symbol<T>(_ name: String, as type: T.Type) -> T? {
            dlsym(library, name).map { unsafeBitCast($0, to: type) }
        }
        guard let easyInit = symbol("curl_easy_init", as: (@convention(c) () -> Handle?).self),
              let cleanup = symbol("curl_easy_cleanup", as: (@convention(c) (Handle?) -> Void).self),
              let perform = symbol("curl_easy_perform", as: (@convention(c) (Handle?) -> Int32).self),
              let setPointer = symbol("curl_easy_setopt", as: (@convention(c) (Handle?, Int32, UnsafeRawPointer?) -> Int32).self),
              let setLong = symbol("curl_easy_setopt", as: (@convention(c) (Handle?, Int32, Int) -> Int32).self),
              let setCallback = symbol("curl_easy_setopt", as: (@convention(c) (Handle?, Int32, Callback) -> Int32).self),
              let getLong = symbol("curl_easy_getinfo", as: (@convention(c) (Handle?, Int32, UnsafeMutablePointer<Int>) -> Int32).self),
              let errorText = symbol("curl_easy_strerror", as: (@convention(c) (Int32) -> UnsafePointer<CChar>?).self),
              let listAppend = symbol("curl_slist_append", as: (@convention(c) (OpaquePointer?, UnsafePointer<CChar>?) -> OpaquePointer?).self),
              let listFree = symbol("curl_slist_free_all", as: (@convention(c) (OpaquePointer?) -> Void).self) else { return nil }
        self.easyInit = easyInit
        self.cleanup = cleanup
        self.perform = perform
        self.setPointer = setPointer
        self.setLong = setLong
        self.setCallback = setCallback
        self.getLong = getLong
        self.errorText = errorText
        self.listAppend = listAppend
        self.listFree = listFree
    }
}
