import TrackLint
import TrackLintServer

/// `tracklint server [--config FILE | --no-config]`: the language server on standard input and output.
enum ServerCommand {
    static func run(_ arguments: [String], environment: CommandEnvironment) throws -> CommandOutput {
        var reader = ArgumentReader(arguments)
        var source = ConfigurationResolver.Source.discover
        while let token = reader.next() {
            switch token {
            case .option("--config", let inline): source = .file(try reader.value(for: "--config", inline: inline))
            case .option("--no-config", nil): source = .none
            case .option("-h", _), .option("--help", _): return CommandOutput(stdout: HelpText.server)
            case .option(let name, _): throw UsageError("unknown option `\(name)` for `tracklint server`")
            case .positional(let value): throw UsageError("unexpected argument `\(value)` for `tracklint server`")
            }
        }
        var output = CommandOutput()
        let write = environment.writeOutput ?? { output.stdout += $0 }
        let ending = LanguageServer(input: environment.standardInput, write: write, configuration: source).run()
        output.exitCode = ending.exitCode
        if let problem = ending.problem { output.stderr = "tracklint server: error: \(problem)\n" }
        return output
    }
}
