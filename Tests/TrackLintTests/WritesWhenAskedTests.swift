import Foundation
import Testing
@testable import TrackLintCLI
import TrackLintReporters

/// Commands write files only when asked to (`rules --output-dir`, `init`), and the help names every
/// format of every command.
@Suite struct WritesWhenAskedTests {
    private func emptyFolder() throws -> URL {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("tracklint-writes-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        return folder
    }

    @Test func markdownRulesGoToStandardOutput() throws {
        let folder = try emptyFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let run = try TestSupport.run(["rules", "--format", "markdown"], directory: folder)
        #expect(run.status == 0)
        #expect(run.stdout == RuleDocs.markdownPages().dropFirst().map(\.text).joined(separator: "\n"))
        #expect(run.stdout.hasPrefix("# TL101 html-body-missing: "))
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path).isEmpty)
    }

    @Test func markdownRulesWithAFolderWriteThePages() throws {
        let folder = try emptyFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let run = try TestSupport.run(["rules", "--format", "markdown", "--output-dir", "pages"], directory: folder)
        let pages = RuleDocs.markdownPages()
        #expect(run.status == 0)
        #expect(run.stdout == "Wrote \(pages.count) pages to pages/\n")
        let written = try FileManager.default.contentsOfDirectory(atPath: folder.appendingPathComponent("pages").path).sorted()
        #expect(written == pages.map(\.name).sorted())
        let index = try String(contentsOf: folder.appendingPathComponent("pages/README.md"), encoding: .utf8)
        #expect(index == pages[0].text)
    }

    @Test func outputDirNeedsMarkdown() throws {
        let run = try TestSupport.run(["rules", "--output-dir", "pages"])
        #expect(run.status == 2)
        #expect(run.stderr == "tracklint: error: `tracklint rules --output-dir` writes Markdown pages: add --format markdown\n")
    }

    @Test func helpNamesEveryFormat() throws {
        let main = try TestSupport.run(["--help"]).stdout
        let formats = [("check", CheckCommand.Format.allCases.map(\.rawValue)), ("rules", TrackLintCommand.ruleFormats),
                       ("extract", ExtractCommand.formats)]
        for (command, names) in formats {
            let listed = "--format " + names.joined(separator: "|")
            #expect(main.contains(listed), "tracklint --help: \(command) \(listed)")
            #expect(try TestSupport.run(["help", command]).stdout.contains(listed), "tracklint help \(command)")
        }
        #expect(["check", "sarif", "markdown", "init"].allSatisfy(main.contains))
    }

    @Test func initWritesAStarterConfigOnce() throws {
        let folder = try emptyFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let first = try TestSupport.run(["init"], directory: folder)
        #expect(first.status == 0)
        #expect(first.stdout == "Wrote .tracklint.json: set trackingDomains and platform, then run `tracklint check .`\n")
        let path = folder.appendingPathComponent(".tracklint.json")
        let written = try String(contentsOf: path, encoding: .utf8)
        #expect(written == InitCommand.starter.serialized() + "\n")
        // The starter is a config tracklint reads without a warning.
        try #"<a href="/x">x</a>"#.write(to: folder.appendingPathComponent("a.html"), atomically: true, encoding: .utf8)
        let check = try TestSupport.run(["check", "a.html"], directory: folder)
        #expect(check.status == 1)
        #expect(check.stderr.isEmpty)

        try "{\"root\": true}\n".write(to: path, atomically: true, encoding: .utf8)
        let again = try TestSupport.run(["init"], directory: folder)
        #expect(again.status == 2)
        #expect(again.stdout.isEmpty)
        #expect(again.stderr == "tracklint: error: `.tracklint.json` already exists; tracklint init never overwrites it\n")
        #expect(try String(contentsOf: path, encoding: .utf8) == "{\"root\": true}\n")

        let extra = try TestSupport.run(["init", "x"], directory: folder)
        #expect(extra.status == 2)
    }

    @Test func initDoesNotWriteThroughADanglingLink() throws {
        let folder = try emptyFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        try FileManager.default.createSymbolicLink(atPath: folder.appendingPathComponent(".tracklint.json").path,
                                                   withDestinationPath: "elsewhere.json")
        let run = try TestSupport.run(["init"], directory: folder)
        #expect(run.status == 2)
        #expect(!FileManager.default.fileExists(atPath: folder.appendingPathComponent("elsewhere.json").path))
    }
}
