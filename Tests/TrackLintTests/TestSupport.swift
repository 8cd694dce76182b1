import Foundation
@testable import TrackLint

/// Paths and helpers shared by the tests.
enum TestSupport {
    /// The package root, found from this file's location.
    static let packageRoot: URL = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    static let fixtures = packageRoot.appendingPathComponent("Fixtures")

    /// `../shared/corpus`, or `TRACKLINT_CORPUS`; nil when absent.
    static var corpus: URL? {
        let path = ProcessInfo.processInfo.environment["TRACKLINT_CORPUS"]
            .map { URL(fileURLWithPath: $0, relativeTo: packageRoot) }
            ?? packageRoot.appendingPathComponent("../shared/corpus")
        return FileManager.default.fileExists(atPath: path.path) ? path.standardizedFileURL : nil
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
    static func run(_ arguments: [String], stdin: String? = nil, directory: URL = packageRoot,
                    environment: [String: String] = [:]) throws -> Run {
        let process = Process()
        process.executableURL = binary
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
        if let stdin { input.fileHandleForWriting.write(Data(stdin.utf8)) }
        try input.fileHandleForWriting.close()
        // Read both pipes before waiting, so a large output cannot fill a pipe and stall the child.
        let outData = output.fileHandleForReading.readDataToEndOfFile()
        let errData = errors.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return Run(stdout: String(decoding: outData, as: UTF8.self), stderr: String(decoding: errData, as: UTF8.self),
                   status: process.terminationStatus)
    }
}
