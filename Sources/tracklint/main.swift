#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Foundation
import TrackLintCLI

// The executable only connects the library's command to the process: arguments in, text out, exit
// code, and the progress line drawn on the terminal.
let stdoutIsTerminal = isatty(STDOUT_FILENO) != 0
let progressLine = ProgressLine()
let environment = CommandEnvironment(
    readStandardInput: { [UInt8](FileHandle.standardInput.readDataToEndOfFile()) },
    variables: ProcessInfo.processInfo.environment,
    stdoutIsTerminal: stdoutIsTerminal,
    writeOutput: { text in
        if stdoutIsTerminal { progressLine.clear() }
        FileHandle.standardOutput.write(Data(text.utf8))
    },
    stderrIsTerminal: isatty(STDERR_FILENO) != 0,
    progress: progressLine.update)
let output = TrackLintCommand.run(Array(CommandLine.arguments.dropFirst()), environment: environment)

var exitCode = output.exitCode
var files = output.files
if let path = output.outputFile {
    files.insert(WrittenFile(path: path, contents: output.stdout), at: 0)
} else {
    FileHandle.standardOutput.write(Data(output.stdout.utf8))
}
for file in files {
    let folder = URL(fileURLWithPath: file.path).deletingLastPathComponent()
    try? FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    guard !FileManager.default.createFile(atPath: file.path, contents: Data(file.contents.utf8)) else { continue }
    FileHandle.standardError.write(Data("tracklint: error: cannot write `\(file.path)`\n".utf8))
    exitCode = 2
    break  // the rest would fail the same way
}
FileHandle.standardError.write(Data(output.stderr.utf8))
exit(exitCode)
