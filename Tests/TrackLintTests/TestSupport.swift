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

    /// The team's shared folder: `TRACKLINT_SHARED` when set (by `make test`; empty when there is none),
    /// else `../shared`; nil when absent.
    static var shared: URL? {
        let variable = ProcessInfo.processInfo.environment["TRACKLINT_SHARED"]
        return variable == "" ? nil : existing(variable ?? "../shared")
    }

    /// The corpus: `TRACKLINT_CORPUS`, or `corpus` in the shared folder; nil when absent.
    static var corpus: URL? {
        if let variable = ProcessInfo.processInfo.environment["TRACKLINT_CORPUS"], !variable.isEmpty { return existing(variable) }
        return shared.flatMap { existing($0.appendingPathComponent("corpus").path) }
    }

    /// Why a test that reads the shared folder was skipped.
    static let sharedFolderMissing: Comment = "needs the shared folder: make test SHARED=path"

    private static func existing(_ path: String) -> URL? {
        let url = URL(fileURLWithPath: path, relativeTo: packageRoot)
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
        /// Standard output as it came, for output that need not be UTF-8.
        let stdoutBytes: [UInt8]
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
                   status: process.terminationStatus, stdoutBytes: Array(outData))
    }
}
