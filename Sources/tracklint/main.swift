#if canImport(Glibc)
import CMalloc
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Foundation
import TrackLintCLI

// The executable only connects the library's command to the process: arguments in, text out, exit
// code, and the progress line drawn on the terminal.

// A closed standard stream is held by /dev/null opened the wrong way round (the lowest free number
// is the closed one), so that no file opened later takes its number, and reading or writing it
// fails as it would have (EBADF) and is reported.
for (descriptor, flags) in [(STDIN_FILENO, O_WRONLY), (STDOUT_FILENO, O_RDONLY), (STDERR_FILENO, O_RDONLY)]
where fcntl(descriptor, F_GETFD) == -1 {
    _ = open("/dev/null", flags)
}
// Writes report a closed pipe as EPIPE instead of killing the process, so that every other
// failing target can be named; a closed standard output is handled below.
signal(SIGPIPE, SIG_IGN)
#if canImport(Glibc)
// Memory freed after one input is kept for the next, not handed back to the kernel (nor mapped
// for each input of a few hundred KB) and faulted in again page by page: over the corpus, 40% fewer
// page faults. Blocks of 4 MB and more are still mapped and unmapped, so that a huge input's
// buffers leave no heap behind (larger settings added 30 MB to the peaks of 32 MB inputs).
_ = mallopt(M_MMAP_THRESHOLD, 4 << 20)
_ = mallopt(M_TRIM_THRESHOLD, 16 << 20)
_ = mallopt(M_TOP_PAD, 1 << 20)
#endif

/// The reader of standard output has gone (`| head -1`): end at once and quietly, as Unix filters
/// do, by the signal a filter dies of (status 141 in a shell).
func endAsFilterWithoutReader() -> Never {
    signal(SIGPIPE, SIG_DFL)
    raise(SIGPIPE)
    exit(128 + SIGPIPE)  // only if SIGPIPE is blocked
}

let stdoutIsTerminal = isatty(STDOUT_FILENO) != 0
// Drawn from the one thread that runs the command.
nonisolated(unsafe) let progressLine = ProgressLine()

func writeStandardOutput(_ text: String) throws {
    var text = text
    try text.withUTF8(writeStandardOutputBytes)
}

func writeStandardOutputBytes(_ bytes: UnsafeBufferPointer<UInt8>) throws {
    if stdoutIsTerminal { progressLine.clear() }
    do {
        try OutputWriter.write(bytes, to: STDOUT_FILENO, target: "to standard output")
    } catch let error as OutputWriter.Failure where error.isBrokenPipe {
        endAsFilterWithoutReader()
    }
}

// Arguments as bytes: a file name that is not UTF-8 reaches the file system unchanged. Read
// whole, not mapped a byte at a time: a closure here checks per call that it runs on the main actor.
let arguments = (1..<Int(CommandLine.argc)).map { index in
    let argument = CommandLine.unsafeArgv[index]!
    return FileNames.text(UnsafeRawBufferPointer(start: argument, count: strlen(argument)))
}
let environment = CommandEnvironment(
    variables: CommandEnvironment.processVariables(),
    stdoutIsTerminal: stdoutIsTerminal,
    writeOutput: writeStandardOutput,
    writeOutputBytes: writeStandardOutputBytes,
    stderrIsTerminal: isatty(STDERR_FILENO) != 0,
    progress: progressLine.update)
var output = TrackLintCommand.run(arguments, environment: environment)

do {
    if let path = output.outputFile {
        try OutputWriter.write(WrittenFile(path: path, contents: output.stdout))
    } else {
        try writeStandardOutput(output.stdout)
    }
    for file in output.files { try OutputWriter.write(file) }
} catch {
    output.stderr += "tracklint: error: \(error)\n"
    output.exitCode = 2
}
try? OutputWriter.write(output.stderr, to: STDERR_FILENO, target: "to standard error")
exit(output.exitCode)
