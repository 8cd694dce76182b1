import Foundation
import Testing
@testable import TrackLintPlatforms

/// The built `tracklint` binary, run as users and CI run it: exit codes, stdin, errors, formats.
@Suite struct CLITests {
    @Test func relativeLinkOnStandardInput() throws {
        let run = try TestSupport.run(["check", "-"], stdin: #"<a href="/x">x</a>"#)
        #expect(run.status == 1)
        #expect(run.stdout.hasPrefix("<stdin>:1:10: error: Link `/x` is relative"))
        #expect(run.stdout.contains("[TL301 href-relative]"))
        #expect(run.stderr.isEmpty)
    }

    @Test func stdinFilenameNamesTheInput() throws {
        let run = try TestSupport.run(["--stdin-filename", "mail/welcome.html", "-"], stdin: #"<a href="/x">x</a>"#)
        #expect(run.stdout.hasPrefix("mail/welcome.html:1:10: error:"))
    }

    @Test func shorthandWithoutCheck() throws {
        let run = try TestSupport.run(["Fixtures/demo/clean-template.html"])
        #expect(run.status == 0)
        #expect(run.stdout == "No problems found in 1 input.\n")
    }

    @Test(arguments: [
        (["check", "--bogus", "x.html"], "tracklint: error: unknown option `--bogus` (see `tracklint check --help`)\n"),
        (["check", "--format"], "tracklint: error: option `--format` needs a value\n"),
        (["check", "--format", "xml", "-"], "tracklint: error: option `--format` takes one of text, json, jsonl, sarif, github, gitlab, html, answer, not `xml`\n"),
        (["check", "--select", "TL999", "-"], "tracklint: error: unknown rule `TL999` (see `tracklint rules`)\n"),
        (["check", "--base-url", "/relative", "-"], "tracklint: error: --base-url takes an absolute http(s) URL such as `https://example.com/`, not `/relative`\n"),
        (["check"], "tracklint: error: no input given: name files, folders, or `-` for standard input\n"),
        (["explain", "TL999"], "tracklint: error: unknown rule `TL999` (see `tracklint rules`)\n"),
        (["check", "--jobs", "0", "-"], "tracklint: error: option `--jobs` takes a number of threads from 1 to 512, not `0`\n"),
        (["check", "--config", "missing.json", "-"], "tracklint: error: cannot read config `missing.json`\n"),
        (["check", "--platform", "mailchimpp", "-"],
         "tracklint: error: option `--platform` takes one of auto, \(PlatformProfiles.ids.joined(separator: ", ")), not `mailchimpp`\n"),
    ])
    func usageErrorsAreOneLineAndExitTwo(_ arguments: [String], _ message: String) throws {
        let run = try TestSupport.run(arguments, stdin: "")
        #expect(run.status == 2)
        #expect(run.stderr == message)
        #expect(run.stdout.isEmpty)
    }

    @Test func missingFileIsReportedAndOtherInputsAreStillLinted() throws {
        let run = try TestSupport.run(["check", "no/such/file.html", "Fixtures/cases/select-and-ignore.html"])
        #expect(run.status == 2)
        #expect(run.stderr == "tracklint: error: no/such/file.html: no such file or folder\n")
        #expect(run.stdout.contains("Fixtures/cases/select-and-ignore.html:1:41: error:"))
    }

    @Test func specialFilesAreRefusedNotRead() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("tracklint-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let fifo = folder.appendingPathComponent("pipe.html")
        #expect(mkfifo(fifo.path, 0o600) == 0)
        let run = try TestSupport.run(["check", fifo.path])
        #expect(run.status == 2)
        #expect(run.stderr == "tracklint: error: \(fifo.path): is not a regular file\n")
    }

    @Test func unreadableFileExitsTwo() throws {
        guard getuid() != 0 else { return }  // root reads every file; the FIFO test covers the path
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("tracklint-\(UUID().uuidString).html")
        try "<p>x</p>".write(to: file, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(at: file) }
        chmod(file.path, 0)
        let run = try TestSupport.run(["check", file.path])
        #expect(run.status == 2)
        #expect(run.stderr.contains("cannot be read"))
    }

    @Test func foldersAreLintedRecursivelyInSortedOrder() throws {
        let run = try TestSupport.run(["check", "--quiet", "--format", "text", "Fixtures/demo"])
        #expect(run.status == 1)
        let paths = run.stdout.split(separator: "\n").filter { !$0.hasPrefix(" ") }.map { String($0.split(separator: ":")[0]) }
        #expect(Array(Set(paths)).sorted() == [
            "Fixtures/demo/broken-sent.html", "Fixtures/demo/broken-template.html", "Fixtures/demo/inky-source.html",
        ])
        #expect(paths == paths.sorted())
        #expect(!run.stdout.contains("Found"))
    }

    @Test(arguments: [
        (["--fail-on", "warning"], Int32(1)), (["--fail-on", "never"], Int32(0)), (["--exit-zero"], Int32(0)),
        ([String](), Int32(1)),
    ] as [([String], Int32)])
    func failThreshold(_ options: [String], _ status: Int32) throws {
        let run = try TestSupport.run(["check"] + options + ["Fixtures/cases/select-and-ignore.html"])
        #expect(run.status == status)
    }

    @Test func warningsAloneDoNotFailByDefault() throws {
        let run = try TestSupport.run(["check", "-"], stdin: ##"<a href="#">x</a>"##)
        #expect(run.status == 0)
        #expect(run.stdout.contains("warning: Link `href=\"#\"` goes nowhere"))
        let strict = try TestSupport.run(["check", "--fail-on", "warning", "-"], stdin: ##"<a href="#">x</a>"##)
        #expect(strict.status == 1)
    }

    @Test func jsonOutputHasTheSpecShape() throws {
        let run = try TestSupport.run(["check", "--format", "json", "-"], stdin: #"<a href="/pricing">x</a>"#)
        #expect(run.status == 1)
        let json = try #require(try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any])
        #expect((json["tool"] as? [String: Any])?["name"] as? String == "tracklint")
        #expect(json["schemaVersion"] as? Int == 1)
        let finding = try #require((json["findings"] as? [[String: Any]])?.first)
        #expect(finding["code"] as? String == "TL301")
        #expect(finding["slug"] as? String == "href-relative")
        #expect(finding["severity"] as? String == "error")
        #expect(finding["evidence"] as? String == "/pricing")
        let location = try #require(finding["location"] as? [String: Any])
        #expect(location["path"] as? String == "<stdin>")
        #expect(location["line"] as? Int == 1)
        #expect(location["column"] as? Int == 10)
        #expect(Set(location.keys) == ["path", "message", "part", "line", "column", "partLine", "partColumn", "header", "selector"])
        #expect((json["summary"] as? [String: Any])?["errors"] as? Int == 1)
    }

    @Test func outputFileReceivesTheReport() throws {
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("tracklint-\(UUID().uuidString).json")
        defer { try? FileManager.default.removeItem(at: file) }
        let run = try TestSupport.run(["check", "--format", "json", "--output", file.path, "-"], stdin: "<p>x</p>")
        #expect(run.status == 0)
        #expect(run.stdout.isEmpty)
        #expect(try String(contentsOf: file, encoding: .utf8).contains("\"schemaVersion\": 1"))
    }

    @Test func controlCharactersFromInputsAreEscaped() throws {
        let run = try TestSupport.run(["check", "-"], stdin: "<a href=\"https://x.example/\u{1B}[31mred\u{7}\">x</a>")
        #expect(!run.stdout.contains("\u{1B}"))
        #expect(!run.stdout.contains("\u{7}"))
        #expect(run.stdout.contains("\\u{1B}[31mred\\u{7}"))
    }

    @Test func colorIsOffForPipesAndOnWhenForced() throws {
        let plain = try TestSupport.run(["check", "-"], stdin: #"<a href="/x">x</a>"#)
        #expect(!plain.stdout.contains("\u{1B}["))
        let forced = try TestSupport.run(["check", "--color", "always", "-"], stdin: #"<a href="/x">x</a>"#)
        #expect(forced.stdout.contains("\u{1B}[1;31merror\u{1B}[0m"))
        for (name, value) in [("FORCE_COLOR", "1"), ("CLICOLOR_FORCE", "1")] {
            let byEnvironment = try TestSupport.run(["check", "-"], stdin: #"<a href="/x">x</a>"#, environment: [name: value, "NO_COLOR": ""])
            #expect(byEnvironment.stdout.contains("\u{1B}[1;31merror\u{1B}[0m"), "\(name)")
        }
        let noColor = try TestSupport.run(["check", "-"], stdin: #"<a href="/x">x</a>"#,
                                          environment: ["FORCE_COLOR": "1", "NO_COLOR": "1"])
        #expect(!noColor.stdout.contains("\u{1B}["))
    }

    @Test func statisticsCountFindingsPerRule() throws {
        let run = try TestSupport.run(["check", "--statistics", "Fixtures/demo/broken-template.html"])
        #expect(run.stdout.contains("    2  TL302  href-missing-scheme"))
        #expect(run.status == 1)
    }

    @Test func rulesAndExplain() throws {
        let rules = try TestSupport.run(["rules"])
        #expect(rules.status == 0)
        #expect(rules.stdout.contains("TL301  href-relative"))
        let json = try TestSupport.run(["rules", "--format", "json"])
        let list = try #require(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [[String: Any]])
        #expect(list.count >= 12)
        let explain = try TestSupport.run(["explain", "href-malformed"])
        #expect(explain.status == 0)
        #expect(explain.stdout.hasPrefix("TL303 href-malformed: Malformed link URL"))
        #expect(explain.stdout.contains("Why it matters"))
        #expect(explain.stdout.contains("Triggers on\n    <a href=\"htp://x.example\">"))
        #expect(explain.stdout.contains("\\u{200B}"))
        #expect(explain.stdout.contains("How to fix"))
    }

    @Test func versionAndHelp() throws {
        #expect(try TestSupport.run(["--version"]).stdout == "tracklint 0.2.0\n")
        let help = try TestSupport.run(["--help"])
        #expect(help.status == 0 && help.stdout.contains("tracklint check [OPTIONS] PATH..."))
        let checkHelp = try TestSupport.run(["help", "check"])
        #expect(checkHelp.stdout.contains("--tracking-domain HOST"))
    }

    @Test func binaryJunkIsLintedNotFatal() throws {
        var bytes = [UInt8](repeating: 0, count: 4096)
        for index in bytes.indices { bytes[index] = UInt8(truncatingIfNeeded: index &* 7919 &+ 13) }
        let run = try TestSupport.run(["check", "-"], stdin: String(decoding: bytes, as: UTF8.self))
        #expect(run.status == 0 || run.status == 1)
        #expect(run.stderr.isEmpty)
    }

    @Test func parallelRunsReportInTheSameOrder() throws {
        let single = try TestSupport.run(["check", "--jobs", "1", "--format", "json", "Fixtures", "-"], stdin: "<a href=\"/x\">x</a>")
        let parallel = try TestSupport.run(["check", "--jobs", "4", "--format", "json", "Fixtures", "-"], stdin: "<a href=\"/x\">x</a>")
        #expect(single.status == 1)
        #expect(parallel.status == single.status)
        #expect(parallel.stdout == single.stdout)
        #expect(parallel.stderr == single.stderr)
        #expect(single.stdout.contains("\"path\": \"<stdin>\""))
    }
}
