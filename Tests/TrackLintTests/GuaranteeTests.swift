import Foundation
import Testing
@testable import TrackLint
@testable import TrackLintCLI
@testable import TrackLintParsing
@testable import TrackLintPlatforms
@testable import TrackLintReporters

/// The guarantees SECURITY.md states, each shown by running the built binary. The time and memory
/// budgets on hostile input are `Tests/Adversarial/adversarial.py`'s (run by `make test`).
@Suite struct GuaranteeTests {
    /// Every file under a folder with its size, modification time and content.
    static func snapshot(_ folder: URL) throws -> [String: (Int, Date, Data)] {
        var files: [String: (Int, Date, Data)] = [:]
        let keys: [URLResourceKey] = [.fileSizeKey, .contentModificationDateKey, .isRegularFileKey]
        for case let url as URL in FileManager.default.enumerator(at: folder, includingPropertiesForKeys: keys)! {
            let values = try url.resourceValues(forKeys: Set(keys))
            let content = values.isRegularFile == true ? try Data(contentsOf: url) : Data()
            files[url.path] = (values.fileSize ?? 0, values.contentModificationDate ?? .distantPast, content)
        }
        return files
    }

    @Test func checkWritesNoFile() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("tracklint-writes-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        for fixture in ["demo/broken-template.html", "messages/mautic-test-send.eml", "messages/three-messages.mbox",
                        "report/hostile.html"] {
            try FileManager.default.copyItem(at: TestSupport.fixtures.appendingPathComponent(fixture),
                                             to: folder.appendingPathComponent(URL(fileURLWithPath: fixture).lastPathComponent))
        }
        try Data(#"{"root": true, "rules": {"TL402": "off"}}"#.utf8).write(to: folder.appendingPathComponent(".tracklint.json"))
        try Data(#"{"baselineVersion": 1, "findings": []}"#.utf8).write(to: folder.appendingPathComponent("baseline.json"))
        let before = try Self.snapshot(folder)
        for arguments in [["--format", "text"], ["--format", "json"], ["--format", "sarif"], ["--format", "github"],
                          ["--format", "gitlab"], ["--format", "html"], ["--statistics"], ["--baseline", "baseline.json"],
                          ["--jobs", "2"]] {
            let run = try TestSupport.run(["check"] + arguments + ["."], directory: folder)
            #expect(run.status == 1, "\(arguments): exit \(run.status) \(run.stderr)")
        }
        let after = try Self.snapshot(folder)
        #expect(Set(after.keys) == Set(before.keys), "check created or removed files")
        for (path, file) in before {
            let now = try #require(after[path])
            #expect(now.0 == file.0 && now.1 == file.1 && now.2 == file.2, "check changed \(path)")
        }
    }

    /// Runs the binary in a network namespace of its own, whose only interface is a loopback that
    /// is down: a lookup or a connection would fail, and the output would differ, as it does with
    /// `--online`. (Tests/Online/check_online.py also records that a run without it sends no DNS
    /// query and opens no connection.)
    @Test func lintsTheSameWithTheNetworkUnreachable() throws {
        let inputs = ["Fixtures/demo/broken-sent.html", "Fixtures/messages/mautic-test-send.eml", "Fixtures/report/hostile.eml",
                      "Fixtures/platforms"]
        let normal = try TestSupport.run(["check", "--format", "json"] + inputs)
        // Root can make a network namespace directly; anyone else through a user namespace.
        let isolate = getuid() == 0 ? ["-n"] : ["-r", "-n"]
        let probe = try TestSupport.runTool("/usr/bin/unshare", isolate + ["/bin/cat", "/proc/net/dev"])
        try #require(probe.status == 0, "this machine cannot make a network namespace: \(probe.stderr)")
        let interfaces = probe.stdout.split(separator: "\n").dropFirst(2).map { $0.split(separator: ":")[0].trimmingCharacters(in: .whitespaces) }
        #expect(interfaces == ["lo"], "the namespace has a network: \(probe.stdout)")
        let isolated = try TestSupport.runTool("/usr/bin/unshare",
                                               isolate + [TestSupport.binary.path, "check", "--format", "json"] + inputs)
        #expect(isolated.status == normal.status)
        #expect(isolated.stderr.isEmpty)
        #expect(isolated.stdout == normal.stdout)
        #expect(normal.stdout.contains("\"code\": \"TL307\""))
        // The one way to make tracklint use the network shows in the output there: the lookups fail.
        let online = try TestSupport.runTool("/usr/bin/unshare", isolate + [TestSupport.binary.path, "check", "--format", "json", "--online",
                                                                            "--dns-server", "127.0.0.1", inputs[0]])
        #expect(online.stdout.contains("\"server\": \"127.0.0.1:53\""), "\(online.stdout.prefix(2000))")
        #expect(online.stdout.contains("\"status\": \"failed\""))
    }

    /// Control, escape, bidirectional and invisible characters from a message never reach a
    /// terminal raw, in the text format or in GitHub's annotations.
    @Test(arguments: [["--format", "text"], ["--format", "github"], ["--statistics"]])
    func terminalOutputCarriesNoRawControlCharacter(_ arguments: [String]) throws {
        let nasty = "\u{1B}]0;owned\u{07}\u{1B}[2J\u{1B}[31mred\u{08}\u{202E}\u{200B}"
        let subject = "=?UTF-8?B?" + Data(nasty.utf8).base64EncodedString() + "?="
        let message = "From: a@x.example\nSubject: \(subject)\nContent-Type: text/html\n\n"
            + "<a href=\"https://x.example/\(nasty)\">\(nasty)</a><a href=\"/\u{1B}[1m\">x</a>\n"
        let run = try TestSupport.run(["check", "--stdin-filename", "m\u{1B}[31m.eml"] + arguments + ["-"], stdin: message)
        #expect(run.status == 1)
        let raw = run.stdout.unicodeScalars.filter { TerminalText.needsEscape($0) && $0 != "\n" }
        #expect(raw.isEmpty, "raw characters: \(raw.map { String($0.value, radix: 16) })")
        if arguments != ["--statistics"] { #expect(run.stdout.contains("\\u{1B}")) }
    }

    /// Whatever the bytes, an input is linted: exit 0 or 1, never 2 (which is for usage, config
    /// and unreadable inputs), never a crash.
    @Test func junkIsLintedNeverAnError() throws {
        var generator = SplitMix64(seed: 20261122)
        let alphabet = Array("<>/=\"' \n\r\t-:;abcdefghijkmnopqrstuvwxyz0123456789&#%|{}[]@.".utf8) + [0, 0xFF, 0xC3, 0xE2, 0x80]
        let prefixes = ["", "<a href=\"", "From: a@x.example\nContent-Type: multipart/mixed; boundary=b\n\n--b\n",
                        "From x Sat Jan  1 00:00:00 2000\nContent-Type: text/html\n\n", "Content-Type: text/html\n\n<p>"]
        for round in 0..<60 {
            var bytes = Array(prefixes[round % prefixes.count].utf8)
            for _ in 0..<Int(generator.next() % 4000) { bytes.append(alphabet[Int(generator.next() % UInt64(alphabet.count))]) }
            let run = try TestSupport.run(["check", "--format", "json", "-"], stdinData: Data(bytes))
            #expect(run.status == 0 || run.status == 1, "round \(round): exit \(run.status) \(run.stderr.prefix(300))")
            #expect(run.stderr.isEmpty, "round \(round): \(run.stderr.prefix(300))")
        }
    }
}

/// A small seeded generator, so that a failing round can be run again.
struct SplitMix64: RandomNumberGenerator {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var value = state
        value = (value ^ (value >> 30)) &* 0xBF58_476D_1CE4_E5B9
        value = (value ^ (value >> 27)) &* 0x94D0_49BB_1331_11EB
        return value ^ (value >> 31)
    }
}
