import Foundation
import Testing

/// Every input under `Fixtures/` (HTML, messages, mbox files) is linted by the built binary (with the arguments in
/// `<file>.args`, if any) and its output compared with `<file>.expected`: stdout, then the exit code.
/// `UPDATE_FIXTURES=1 swift test` rewrites the expected files; review the diff before committing.
@Suite struct FixtureTests {
    static let cases: [String] = {
        let root = TestSupport.fixtures
        let files = FileManager.default.enumerator(atPath: root.path)?.compactMap { $0 as? String } ?? []
        let inputs = [".html", ".eml", ".mbox", ".msg.txt", ".mjml", ".hbs", ".liquid", ".njk", ".j2"]
        return files.filter { file in inputs.contains { file.hasSuffix($0) } }.sorted().map { "Fixtures/" + $0 }
    }()

    @Test func fixturesExist() {
        #expect(Self.cases.filter { $0.hasPrefix("Fixtures/cases/") || $0.hasPrefix("Fixtures/demo/") }.count >= 10)
        #expect(Self.cases.filter { $0.hasPrefix("Fixtures/messages/") }.count >= 25)
    }

    @Test(arguments: cases)
    func matchesExpectedOutput(_ path: String) throws {
        let root = TestSupport.packageRoot
        let argumentsFile = root.appendingPathComponent(path + ".args")
        let extra = (try? String(contentsOf: argumentsFile, encoding: .utf8))?
            .split(whereSeparator: { $0 == " " || $0 == "\n" }).map(String.init) ?? []
        let run = try TestSupport.run(["check", "--color", "never"] + extra + [path])
        let transcript = run.stdout + "[exit \(run.status)]\n"
        let expectedFile = root.appendingPathComponent(path + ".expected")
        if ProcessInfo.processInfo.environment["UPDATE_FIXTURES"] == "1" {
            try transcript.write(to: expectedFile, atomically: true, encoding: .utf8)
            return
        }
        let expected = try String(contentsOf: expectedFile, encoding: .utf8)
        #expect(transcript == expected, "\(path): output differs from \(path).expected")
        #expect(run.stderr.isEmpty, "\(path): \(run.stderr)")
    }

    /// The inputs with a `<file>.answer.expected`: their customer answer (`--format answer`).
    static let answerCases = cases.filter {
        FileManager.default.fileExists(atPath: TestSupport.packageRoot.appendingPathComponent($0 + ".answer.expected").path)
    }

    @Test func answerFixturesExist() { #expect(Self.answerCases.count >= 3) }

    @Test(arguments: answerCases)
    func answerMatchesExpected(_ path: String) throws {
        let root = TestSupport.packageRoot
        let extra = (try? String(contentsOf: root.appendingPathComponent(path + ".args"), encoding: .utf8))?
            .split(whereSeparator: { $0 == " " || $0 == "\n" }).map(String.init) ?? []
        let run = try TestSupport.run(["check", "--format", "answer"] + extra + [path])
        let expectedFile = root.appendingPathComponent(path + ".answer.expected")
        if ProcessInfo.processInfo.environment["UPDATE_FIXTURES"] == "1" {
            try run.stdout.write(to: expectedFile, atomically: true, encoding: .utf8)
            return
        }
        #expect(run.stdout == (try String(contentsOf: expectedFile, encoding: .utf8)), "\(path): answer differs from \(path).answer.expected")
        #expect(run.stdout.range(of: #"TL[0-9]{3}"#, options: .regularExpression) == nil, "\(path): the answer names a rule code")
    }
}
