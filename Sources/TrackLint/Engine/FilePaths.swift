import Foundation

/// Path arithmetic on text, without touching the file system (Foundation's `standardizingPath`
/// resolves symbolic links, a system call per path that showed up in profiles).
package enum FilePaths {
    /// `path` made absolute against the working folder, with `.`, `..` and repeated `/` removed.
    package static func absolute(_ path: String) -> String {
        let full = path.hasPrefix("/") ? path : FileManager.default.currentDirectoryPath + "/" + path
        // Split on the byte `/` (never part of another character's UTF-8): a split into characters
        // cost 28,000 instructions a path.
        let parts = full.utf8.split(separator: UInt8(ascii: "/"), omittingEmptySubsequences: false).dropFirst()
        // Most paths have nothing to remove: no `.`, no `..`, no empty part (a repeated or final `/`).
        guard parts.contains(where: { $0.isEmpty || isDot($0) || isDotDot($0) }) else { return full }
        var kept: [Substring] = []
        for part in parts where !part.isEmpty && !isDot(part) {
            if isDotDot(part) { _ = kept.popLast() } else { kept.append(Substring(part)) }
        }
        return "/" + kept.joined(separator: "/")
    }

    private static func isDot(_ part: Substring.UTF8View) -> Bool { part.elementsEqual(".".utf8) }
    private static func isDotDot(_ part: Substring.UTF8View) -> Bool { part.elementsEqual("..".utf8) }

    /// The folder holding `path` (absolute), `/` for the root.
    package static func folder(of path: String) -> String {
        guard let slash = path.lastIndex(of: "/"), slash != path.startIndex else { return "/" }
        return String(path[..<slash])
    }

    /// `path` (absolute) relative to `folder` (absolute), with `..` where it is not below it.
    package static func relative(_ path: String, to folder: String) -> String {
        let target = path.split(separator: "/")
        let base = folder.split(separator: "/")
        var shared = 0
        while shared < min(target.count, base.count) && target[shared] == base[shared] { shared += 1 }
        let parts = Array(repeating: Substring(".."), count: base.count - shared) + target[shared...]
        return parts.isEmpty ? "." : parts.joined(separator: "/")
    }
}
