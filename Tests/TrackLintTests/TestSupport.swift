import Foundation
import Testing
@testable import TrackLint
@testable import TrackLintCLI
@testable import TrackLintParsing
@testable import TrackLintPlatforms
@testable import TrackLintReporters

/// Paths and helpers shared by the tests.
enum TestSupport {
    /// The package root, found from this file's location.
    static let packageRoot: URL = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    static let fixtures = packageRoot.appendingPathComponent("Fixtures")

    /// The team's shared folder: `TRACKLINT_SHARED` (set by `make test`), or `../shared`; nil when absent.
    static var shared: URL? { existing(ProcessInfo.processInfo.environment["TRACKLINT_SHARED"], or: "../shared") }

    /// The corpus: `TRACKLINT_CORPUS`, or `corpus` in the shared folder; nil when absent.
    static var corpus: URL? {
        existing(ProcessInfo.processInfo.environment["TRACKLINT_CORPUS"], or: shared?.appendingPathComponent("corpus").path ?? "../shared/corpus")
    }

    /// The corpus for a test that reads it; nil when absent, which fails the test where the corpus
    /// must be there (`make test` names it in TRACKLINT_CORPUS, and CI), so it never passes unseen.
    static func corpusForTest() -> URL? {
        let environment = ProcessInfo.processInfo.environment
        if corpus == nil && (environment["TRACKLINT_CORPUS"] != nil || environment["CI"] != nil) {
            Issue.record("no corpus at \(environment["TRACKLINT_CORPUS"] ?? "../shared/corpus")")
        }
        return corpus
    }

    private static func existing(_ path: String?, or fallback: String) -> URL? {
        let url = URL(fileURLWithPath: path ?? fallback, relativeTo: packageRoot)
        return FileManager.default.fileExists(atPath: url.path) ? url.standardizedFileURL : nil
    }

    /// The built executable: `TRACKLINT_BIN`, or the debug build.
    static var binary: URL {
        if let path = ProcessInfo.processInfo.environment["TRACKLINT_BIN"] { return URL(fileURLWithPath: path) }
        return packageRoot.appendingPathComponent(".build/debug/tracklint")
    }

    /// Lints an input (HTML, a message or an mbox) in memory and returns all its findings.
    static func lint(_ text: String, options: LintOptions = LintOptions(), path: String = "test.html") -> [Finding] {
        Linter(options: options).lint(Array(text.utf8), path: path).flatMap(\.findings)
    }

    struct Run {
        let stdout: String
        let stderr: String
        let status: Int32
    }

    /// Runs the built binary with arguments and optional standard input.
    static func run(_ arguments: [String], stdin: String? = nil, stdinData: Data? = nil, directory: URL = packageRoot,
                    environment: [String: String] = [:]) throws -> Run {
        try runTool(binary.path, arguments, stdin: stdin, stdinData: stdinData, directory: directory, environment: environment)
    }

    /// Runs any program the same way (the binary under `unshare`, say).
    static func runTool(_ path: String, _ arguments: [String], stdin: String? = nil, stdinData: Data? = nil,
                        directory: URL = packageRoot, environment: [String: String] = [:]) throws -> Run {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: path)
        process.arguments = arguments
        process.currentDirectoryURL = directory
        var variables = ProcessInfo.processInfo.environment
        variables["NO_COLOR"] = "1"
        for (key, value) in environment { variables[key] = value }
        process.environment = variables
        let output = Pipe(), errors = Pipe(), input = Pipe()
        process.standardOutput = output
        process.standardError = errors
        process.standardInput = input
        try process.run()
        // Standard input is written from another thread, and both output pipes are read before
        // waiting, so that no pipe can fill up and stall the child or this test.
        let writer = input.fileHandleForWriting
        let data = stdinData ?? Data((stdin ?? "").utf8)
        signal(SIGPIPE, SIG_IGN)  // a child that exits without reading must not kill the tests
        let thread = Thread {
            try? writer.write(contentsOf: data)
            try? writer.close()
        }
        thread.start()
        let outData = output.fileHandleForReading.readDataToEndOfFile()
        let errData = errors.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return Run(stdout: String(decoding: outData, as: UTF8.self), stderr: String(decoding: errData, as: UTF8.self),
                   status: process.terminationStatus)
    }
}
