import Foundation
import TrackLint
import TrackLintParsing
import TrackLintPlatforms
import TrackLintReporters

/// What a command produced; the executable writes it and exits with `exitCode`.
public struct CommandOutput: Sendable, Equatable {
    public var stdout = ""
    public var stderr = ""
    public var exitCode: Int32 = 0
    /// With `--output FILE`: write `stdout` there instead.
    public var outputFile: String?
    /// Other files to write (a baseline), as path and contents.
    public var files: [WrittenFile] = []
}

/// A file the command asks the process to write.
public struct WrittenFile: Sendable, Equatable {
    public let path: String
    public let contents: String

    public init(path: String, contents: String) {
        self.path = path
        self.contents = contents
    }
}

/// What the command needs from the process, so that tests can supply it.
public struct CommandEnvironment {
    public var standardInput: ByteReader
    public var variables: [String: String]
    public var stdoutIsTerminal: Bool
    /// Where output may be written as it is made; nil collects it all in `CommandOutput.stdout`.
    /// A write that fails throws, which ends the command (exit code 2, the error on stderr).
    public var writeOutput: ((String) throws -> Void)?
    /// The same writer for UTF-8 bytes, which output kept as bytes goes to; nil sends it through
    /// `writeOutput`.
    public var writeOutputBytes: ((UnsafeBufferPointer<UInt8>) throws -> Void)?
    public var stderrIsTerminal: Bool
    /// Draws or erases the progress line of a long run on stderr; nil shows none.
    public var progress: ((ProgressUpdate) -> Void)?

    /// The environment variables the commands read (colour and progress choices).
    public static let variableNames = ["NO_COLOR", "FORCE_COLOR", "CLICOLOR_FORCE", "TERM", "CI"]

    /// Those of `variableNames` the process has: looked up one by one, which is much cheaper at
    /// start-up than `ProcessInfo.environment`, a dictionary of the whole environment.
    public static func processVariables() -> [String: String] {
        var variables: [String: String] = [:]
        for name in variableNames {
            if let value = getenv(name) { variables[name] = String(cString: value) }
        }
        return variables
    }

    /// `standardInput` is the process's own unless a test gives another.
    public init(standardInput: ByteReader = ByteReader(descriptor: STDIN_FILENO, closesIt: false),
                variables: [String: String], stdoutIsTerminal: Bool,
                writeOutput: ((String) throws -> Void)? = nil, writeOutputBytes: ((UnsafeBufferPointer<UInt8>) throws -> Void)? = nil,
                stderrIsTerminal: Bool = false, progress: ((ProgressUpdate) -> Void)? = nil) {
        self.standardInput = standardInput
        self.variables = variables
        self.stdoutIsTerminal = stdoutIsTerminal
        self.writeOutput = writeOutput
        self.writeOutputBytes = writeOutputBytes
        self.stderrIsTerminal = stderrIsTerminal
        self.progress = progress
    }
}

/// The `tracklint` command line.
public enum TrackLintCommand {
    public static func run(_ arguments: [String], environment: CommandEnvironment) -> CommandOutput {
        do {
            guard let first = arguments.first else {
                return CommandOutput(stdout: HelpText.main)
            }
            switch first {
            case "-h", "--help": return CommandOutput(stdout: HelpText.main)
            case "-V", "--version": return CommandOutput(stdout: "\(ToolInfo.name) \(ToolInfo.version)\n")
            case "help": return try help(Array(arguments.dropFirst()))
            case "rules": return try rules(Array(arguments.dropFirst()))
            case "explain": return try explain(Array(arguments.dropFirst()))
            case "init": return try InitCommand.run(Array(arguments.dropFirst()))
            case "check": return try CheckCommand.run(Array(arguments.dropFirst()), environment: environment)
            case "extract": return try ExtractCommand.run(Array(arguments.dropFirst()), environment: environment)
            case "server": return try ServerCommand.run(Array(arguments.dropFirst()), environment: environment)
            default: return try CheckCommand.run(arguments, environment: environment)
            }
        } catch is CheckCommand.HelpRequested {
            return CommandOutput(stdout: HelpText.check)
        } catch let error as UsageError {
            return CommandOutput(stderr: "tracklint: error: \(error.message)\n", exitCode: 2)
        } catch {
            return CommandOutput(stderr: "tracklint: error: \(error)\n", exitCode: 2)
        }
    }

    static func help(_ arguments: [String]) throws -> CommandOutput {
        switch arguments.first {
        case nil: return CommandOutput(stdout: HelpText.main)
        case "check": return CommandOutput(stdout: HelpText.check)
        case "rules": return CommandOutput(stdout: HelpText.rules)
        case "explain": return CommandOutput(stdout: HelpText.explain)
        case "extract": return CommandOutput(stdout: HelpText.extract)
        case "init": return CommandOutput(stdout: HelpText.initCommand)
        case "server": return CommandOutput(stdout: HelpText.server)
        case let other?: throw UsageError("no help for unknown command `\(other)`")
        }
    }

    static let ruleFormats = ["text", "json", "markdown"]

    static func rules(_ arguments: [String]) throws -> CommandOutput {
        var reader = ArgumentReader(arguments)
        var format = "text"
        var folder: String?
        while let token = reader.next() {
            switch token {
            case .option("--format", let inline):
                format = try reader.value(for: "--format", inline: inline)
                guard ruleFormats.contains(format) else {
                    throw UsageError("`tracklint rules --format` takes text, json or markdown, not `\(format)`")
                }
            case .option("--output-dir", let inline):
                folder = try reader.value(for: "--output-dir", inline: inline)
            case .option("-h", _), .option("--help", _): return CommandOutput(stdout: HelpText.rules)
            case .option(let name, _): throw UsageError("unknown option `\(name)` for `tracklint rules`")
            case .positional(let value): throw UsageError("unexpected argument `\(value)` for `tracklint rules`")
            }
        }
        guard format == "markdown" else {
            if folder != nil { throw UsageError("`tracklint rules --output-dir` writes Markdown pages: add --format markdown") }
            return CommandOutput(stdout: RuleDocs.listing(format: format))
        }
        let pages = RuleDocs.markdownPages()
        // Without a folder, the rules' pages go to stdout as one document (the index's links
        // would point at files that are not there).
        guard let folder else { return CommandOutput(stdout: pages.dropFirst().map(\.text).joined(separator: "\n")) }
        var output = CommandOutput(stdout: "Wrote \(pages.count) pages to \(folder)/\n")
        output.files = pages.map { name, text in WrittenFile(path: folder + "/" + name, contents: text) }
        return output
    }

    static func explain(_ arguments: [String]) throws -> CommandOutput {
        guard arguments.count == 1, let name = arguments.first, !name.hasPrefix("-") else {
            if arguments.first == "-h" || arguments.first == "--help" { return CommandOutput(stdout: HelpText.explain) }
            throw UsageError("`tracklint explain` takes one rule code or slug, e.g. `tracklint explain TL301`")
        }
        guard let rule = RuleRegistry.rule(named: name) else {
            throw UsageError("unknown rule `\(name)` (see `tracklint rules`)")
        }
        return CommandOutput(stdout: RuleDocs.explain(rule.info))
    }
}
