import TrackLint
import TrackLintParsing
import TrackLintPlatforms
import TrackLintReporters

/// A small command-line reader: `--name value`, `--name=value`, flags, and positional arguments.
struct ArgumentReader {
    /// Read by index: taking the first of the rest moved every later argument, which made a
    /// command line of many files (`xargs`) quadratic.
    private let arguments: [String]
    private var nextIndex = 0
    private var optionsEnded = false

    init(_ arguments: [String]) { self.arguments = arguments }

    enum Token: Equatable {
        case option(String, inlineValue: String?)
        case positional(String)
    }

    mutating func next() -> Token? {
        guard nextIndex < arguments.count else { return nil }
        let argument = arguments[nextIndex]
        nextIndex += 1
        if optionsEnded || argument == "-" || !argument.hasPrefix("-") { return .positional(argument) }
        if argument == "--" {
            optionsEnded = true
            return next()
        }
        if let equals = argument.firstIndex(of: "=") {
            return .option(String(argument[..<equals]), inlineValue: String(argument[argument.index(after: equals)...]))
        }
        return .option(argument, inlineValue: nil)
    }

    /// The value of an option: inline (`--x=v`) or the next argument.
    mutating func value(for name: String, inline: String?) throws -> String {
        if let inline { return inline }
        guard nextIndex < arguments.count, case let value = arguments[nextIndex], !(value.hasPrefix("--") && value.count > 2) else {
            throw UsageError("option `\(name)` needs a value")
        }
        nextIndex += 1
        return value
    }
}

/// A mistake in how tracklint was called: one line on stderr, exit code 2.
public struct UsageError: Error, Equatable {
    public let message: String
    init(_ message: String) { self.message = message }
}
