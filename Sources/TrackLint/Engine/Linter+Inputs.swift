import Foundation
import TrackLintParsing
import TrackLintPlatforms

extension Linter {
    /// Lints HTML, a message or an mbox given as text. `path` names the input in locations.
    public func lint(_ text: String, path: String = "<string>") -> [InputResult] {
        lint(Array(text.utf8), path: path)
    }

    /// Lints a file, read whole (an mbox gives one result per message).
    public func lint(fileAt path: String) throws -> [InputResult] {
        guard let data = FileManager.default.contents(atPath: path) else { throw LintError("cannot read `\(path)`") }
        return lint([UInt8](data), path: path)
    }
}
