import Foundation
import TrackLint
import TrackLintReporters

/// `tracklint init`: a starter `.tracklint.json` in the current folder, never over an existing one.
enum InitCommand {
    /// Every setting a project usually changes, at its default, so that the file shows what there is.
    static let starter: JSONValue = .object([
        ("root", .bool(true)),
        ("stage", .string("auto")),
        ("platform", .string("auto")),
        ("trackingDomains", .array([])),
        ("failOn", .string("error")),
        ("rules", .object([])),
        ("exclude", .array([])),
    ])

    static func run(_ arguments: [String]) throws -> CommandOutput {
        if let first = arguments.first {
            if first == "-h" || first == "--help" { return CommandOutput(stdout: HelpText.initCommand) }
            throw UsageError("`tracklint init` takes no arguments; it writes \(Configuration.fileName) in the current folder")
        }
        let path = Configuration.fileName
        // A dangling symbolic link is there too: writing through it would create its target.
        if FileManager.default.fileExists(atPath: path) || (try? FileManager.default.destinationOfSymbolicLink(atPath: path)) != nil {
            throw UsageError("`\(path)` already exists; tracklint init never overwrites it")
        }
        var output = CommandOutput(stdout: "Wrote \(path): set trackingDomains and platform, then run `tracklint check .`\n")
        output.files = [WrittenFile(path: path, contents: starter.serialized() + "\n")]
        return output
    }
}
