import Foundation
import Testing
@testable import TrackLint
@testable import TrackLintCLI
@testable import TrackLintParsing
@testable import TrackLintPlatforms
@testable import TrackLintReporters

/// `.tracklint.json` through the built binary, in folders of our own.
@Suite struct ConfigTests {
    /// One TL301 (`/a`, column 25) and one TL304 (`#`, column 44) warning; nothing else.
    static let mail = ##"<html><body><p><a href="/a">A</a> <a href="#">T</a></p><a href="https://x.example/unsubscribe">Unsubscribe</a></body></html>"##

    /// A project: `files` maps relative paths to contents.
    private func project(_ files: [String: String]) throws -> URL {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("tracklint-config-\(UUID().uuidString)")
        for (path, contents) in files {
            let url = root.appendingPathComponent(path)
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try contents.write(to: url, atomically: true, encoding: .utf8)
        }
        return root
    }

    /// `path:line:col: severity` and the code of every finding, in order.
    private func findings(_ output: String) -> [String] {
        output.split(separator: "\n").filter { $0.contains(": error: ") || $0.contains(": warning: ") || $0.contains(": info: ") }
            .map { line in
                let head = line.components(separatedBy: ": ").prefix(2).joined(separator: ": ")
                let code = line.split(separator: "[").last.map { String($0.prefix(5)) } ?? ""
                return "\(head) \(code)"
            }
    }

    @Test func discoveryOverridesExcludeAndSeverities() throws {
        let root = try project([
            ".tracklint.json": #"{"rules": {"href-empty": "error"}, "exclude": ["mails/legacy/**"], "overrides": [{"files": ["mails/new/*.html"], "rules": {"TL301": "off"}}]}"#,
            "mails/new/a.html": Self.mail,
            "mails/old/b.html": Self.mail,
            "mails/legacy/c.html": Self.mail,
        ])
        defer { try? FileManager.default.removeItem(at: root) }
        let run = try TestSupport.run(["check", "mails"], directory: root)
        #expect(findings(run.stdout) == [
            "mails/new/a.html:1:44: error TL304",
            "mails/old/b.html:1:25: error TL301",
            "mails/old/b.html:1:44: error TL304",
        ])
        #expect(run.stderr.isEmpty)
        // The config is found from the file's folder, not the working folder.
        let inside = try TestSupport.run(["check", "a.html"], directory: root.appendingPathComponent("mails/new"))
        #expect(findings(inside.stdout) == ["a.html:1:44: error TL304"])
        let ignored = try TestSupport.run(["check", "--no-config", "mails/new/a.html"], directory: root)
        #expect(findings(ignored.stdout) == ["mails/new/a.html:1:25: error TL301", "mails/new/a.html:1:44: warning TL304"])
    }

    @Test func nearerConfigsWinAndRootStopsTheSearch() throws {
        let root = try project([
            ".tracklint.json": #"{"rules": {"TL304": "off"}, "failOn": "never"}"#,
            "a/.tracklint.json": #"{"rules": {"TL301": "info"}}"#,
            "a/m.html": Self.mail,
            "b/.tracklint.json": #"{"root": true}"#,
            "b/m.html": Self.mail,
        ])
        defer { try? FileManager.default.removeItem(at: root) }
        let run = try TestSupport.run(["check", "a", "b"], directory: root)
        #expect(findings(run.stdout) == ["a/m.html:1:25: info TL301", "b/m.html:1:25: error TL301", "b/m.html:1:44: warning TL304"])
        #expect(run.status == 0)  // failOn never, from the working folder's config
        let strict = try TestSupport.run(["check", "--fail-on", "error", "a", "b"], directory: root)
        #expect(strict.status == 1)  // the command line wins
    }

    @Test func explicitConfigAndCommandLineOptionsWin() throws {
        let root = try project([
            "ci.json": #"{"context": "transactional", "rules": {"TL301": "warning"}, "speed": 3}"#,
            "m.html": Self.mail,
        ])
        defer { try? FileManager.default.removeItem(at: root) }
        let run = try TestSupport.run(["check", "--config", "ci.json", "m.html"], directory: root)
        #expect(findings(run.stdout) == ["m.html:1:25: warning TL301", "m.html:1:44: warning TL304"])
        #expect(run.stderr == "tracklint: warning: config `ci.json`: unknown key `speed` ignored\n")
    }

    @Test func overridesStateTheContextOfTheirFiles() throws {
        let campaign = "From: news@x.example\nSubject: Sale\nContent-Type: text/html\n\n<html><body><p>Sale</p></body></html>\n"
        let root = try project([
            ".tracklint.json": #"{"context": "campaign", "overrides": [{"files": ["receipts/*.eml"], "context": "transactional"}]}"#,
            "news/a.eml": campaign,
            "receipts/b.eml": campaign,
        ])
        defer { try? FileManager.default.removeItem(at: root) }
        let run = try TestSupport.run(["check", "news", "receipts"], directory: root)
        #expect(findings(run.stdout) == ["news/a.eml:1: warning TL403", "news/a.eml:5: error TL201", "news/a.eml:5: warning TL402",
                                         "receipts/b.eml:5: error TL201"])
        let auto = try TestSupport.run(["check", "--context", "auto", "news/a.eml"], directory: root)
        #expect(findings(auto.stdout) == ["news/a.eml:1: info TL403", "news/a.eml:5: info TL201", "news/a.eml:5: info TL402"])
    }

    /// Folders yield the template languages' files, and those of the extensions `--extension` and
    /// the configs in the working folder add (all of them, compared case-insensitively).
    @Test func foldersYieldTemplateSourcesAndAddedExtensions() throws {
        let link = #"<a href="/x">x</a>"#
        let names = ["a.mjml", "b.hbs", "c.handlebars", "d.liquid", "e.njk", "f.jinja", "g.J2", "h.tpl", "i.email.txt", "j.txt", "k.md"]
        let root = try project(Dictionary(uniqueKeysWithValues: names.map { ("mail/" + $0, link) }))
        defer { try? FileManager.default.removeItem(at: root) }
        func linted(_ arguments: [String]) throws -> [String] {
            let run = try TestSupport.run(["check", "--quiet"] + arguments + ["mail"], directory: root)
            #expect(run.stderr.isEmpty, "\(run.stderr)")
            return findings(run.stdout).map { String($0.prefix { $0 != ":" }) }
        }
        let builtIn = ["mail/a.mjml", "mail/b.hbs", "mail/c.handlebars", "mail/d.liquid", "mail/e.njk", "mail/f.jinja", "mail/g.J2"]
        #expect(try linted([]) == builtIn)
        #expect(try linted(["--extension", ".TPL", "--extension=email.txt"]) == builtIn + ["mail/h.tpl", "mail/i.email.txt"])
        try #"{"extensions": ["tpl"]}"#.write(to: root.appendingPathComponent(".tracklint.json"), atomically: true, encoding: .utf8)
        #expect(try linted(["--extension", "md"]) == builtIn + ["mail/h.tpl", "mail/k.md"])
        let bad = try TestSupport.run(["check", "--extension", "a b", "mail"], directory: root)
        #expect(bad.status == 2)
        #expect(bad.stderr == "tracklint: error: option `--extension` takes a file extension such as `tpl`, not `a b`\n")
    }

    @Test(arguments: [
        ("{\n  \"rules\": {\"TL301\": }\n}\n", " is not valid JSON (line 2, column 22)"),
        (#"{"rules": {"TL999": "off"}}"#, ": unknown rule `TL999` in `rules` (see `tracklint rules`)"),
        (#"{"rules": {"TL301": "of"}}"#, ": rule `TL301` must be off, info, warning or error"),
        (#"{"stage": "later"}"#, ": `stage` must be auto, template or sent"),
        (#"{"platform": "mailchimpp"}"#, ": `platform` must be auto or one of " + PlatformProfiles.ids.joined(separator: ", ")),
        (#"{"overrides": [{"files": ["*"], "context": "bulk"}]}"#, ": `overrides[].context` must be auto, campaign, transactional, test"),
        (#"[1]"#, " must hold a JSON object"),
        (#"{"extensions": ["tpl", "a/b"]}"#, #": `extensions` must be a list of file extensions such as "tpl", not `a/b`"#),
        (#"{"extensions": "tpl"}"#, #": `extensions` must be a list of file extensions such as "tpl""#),
    ])
    func badConfigsExitTwo(_ contents: String, _ problem: String) throws {
        let root = try project([".tracklint.json": contents, "m.html": Self.mail])
        defer { try? FileManager.default.removeItem(at: root) }
        let run = try TestSupport.run(["check", "m.html"], directory: root)
        #expect(run.status == 2)
        let path = root.appendingPathComponent(".tracklint.json").standardizedFileURL.path
        #expect(run.stderr == "tracklint: error: config `\(path)`\(problem)\n")
    }

    /// Standard output is written in chunks: a bad configuration met in the middle of a run still
    /// leaves the report of the inputs before it on standard output, as it did written an input at a time.
    @Test func reportBeforeABadConfigIsWritten() throws {
        let root = try project(["a/m.html": Self.mail, "b/.tracklint.json": #"{"rules": {"TL301": }}"#, "b/m.html": Self.mail])
        defer { try? FileManager.default.removeItem(at: root) }
        let run = try TestSupport.run(["check", "--jobs", "1", "--format", "jsonl", "a", "b"], directory: root)
        #expect(run.status == 2)
        let lines = run.stdout.split(separator: "\n").map(String.init)
        #expect(lines.count == 3)
        #expect(lines.allSatisfy { $0.contains(#""path":"a/m.html""#) })
        #expect(lines.last?.hasPrefix(#"{"type":"input","path":"a/m.html""#) == true)
        let path = root.appendingPathComponent("b/.tracklint.json").standardizedFileURL.path
        #expect(run.stderr == "tracklint: error: config `\(path)` is not valid JSON (line 1, column 21)\n")
    }

    @Test(arguments: [
        ("*.html", "a.html", true), ("*.html", "x/a.html", false), ("**/*.html", "x/y/a.html", true),
        ("**/*.html", "a.html", true), ("legacy/**", "legacy/a/b.html", true), ("legacy/**", "new/a.html", false),
        ("a?.html", "ab.html", true), ("a?.html", "a/.html", false), ("x/**/z.html", "x/z.html", true),
    ])
    func globs(_ pattern: String, _ path: String, _ expected: Bool) {
        #expect(Glob.matches(pattern, path) == expected)
    }

    @Test func pathsAreNormalisedAsText() {
        #expect(FilePaths.absolute("/a/./b//c/../d.html") == "/a/b/d.html")
        #expect(FilePaths.absolute("/../x") == "/x")
        // Paths with nothing to remove come back as they are; a final `/` is removed.
        #expect(FilePaths.absolute("/mails/né/a.html") == "/mails/né/a.html")
        #expect(FilePaths.absolute("/mails/") == "/mails")
        #expect(FilePaths.absolute("/") == "/")
        #expect(FilePaths.absolute("x.html") == FileManager.default.currentDirectoryPath + "/x.html")
        #expect(FilePaths.folder(of: "/a/b.html") == "/a")
        #expect(FilePaths.folder(of: "/b.html") == "/")
    }
}
