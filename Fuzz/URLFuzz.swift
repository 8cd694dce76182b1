@testable import TrackLint
@testable import TrackLintParsing
@testable import TrackLintPlatforms

/// libFuzzer target: the URL analysis of an href as written. Kinds, hosts in every form, merge
/// tags, problems, the cleaned URL, gateway unwrapping and platform targets.
@_cdecl("LLVMFuzzerTestOneInput")
public func analyseOneURL(_ data: UnsafePointer<UInt8>, _ size: Int) -> Int32 {
    let text = String(decoding: UnsafeBufferPointer(start: data, count: size), as: UTF8.self)
    let url = URLReference(text)
    _ = url.problems.map(\.description)
    _ = URLCleaner.cleaned(url)
    _ = Gateways.unwrap(url)
    _ = PlatformProfiles.destination(of: url)
    _ = PlatformProfiles.clickShape(of: url)
    _ = PlatformProfiles.pixelShape(of: url)
    _ = PlatformProfiles.ownLinkShape(of: url)
    _ = UnsubscribePlaceholders.spans(in: text)
    _ = LinkExemptions.isPlatformOwnLink(url)
    if let host = url.host, let kind = HostAnalysis.kind(of: host) { _ = HostAnalysis.unreachable(kind) }
    return 0
}
