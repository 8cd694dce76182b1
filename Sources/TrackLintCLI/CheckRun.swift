import Foundation
import TrackLint
import TrackLintParsing
import TrackLintReporters

/// One `tracklint check` run: inputs read, linted, reported and let go a window at a time (an mbox
/// a message at a time). Text goes out as it is made when the caller can take it (a terminal, a
/// pipe), so a huge mbox is never held in memory.
final class CheckRun {
    private let settings: CheckCommand.Settings
    private let environment: CommandEnvironment
    private let configs: ConfigResolver
    private let failOn: CheckCommand.FailOn
    private var reporter: any Reporter
    private var baseline: Baseline?
    /// The baseline `--write-baseline` is writing: it takes every finding, and nothing is reported.
    private var written: Baseline?
    private var linters: [LintOptions: Linter] = [:]
    private var summary = RunSummary()
    private var output: CommandOutput
    private var hadInputError = false
    private var meter: ProgressMeter?
    private let started = DispatchTime.now()

    init(settings: CheckCommand.Settings, environment: CommandEnvironment) throws {
        self.settings = settings
        self.environment = environment
        configs = try ConfigResolver(settings: settings)
        failOn = try configs.failOn()
        reporter = try Self.reporter(settings: settings, configs: configs, environment: environment)
        baseline = try settings.baseline.map(Baseline.init(path:))
        written = settings.writeBaseline.map(Baseline.init(writingTo:))
        output = CommandOutput(outputFile: settings.output)
    }

    private static func reporter(settings: CheckCommand.Settings, configs: ConfigResolver,
                                 environment: CommandEnvironment) throws -> any Reporter {
        switch settings.format {
        case .json: return JSONReporter()
        case .text where settings.statistics: return Statistics()
        case .text:
            let color = CheckCommand.useColor(settings.color, environment: environment, toFile: settings.output != nil)
            return TextReporter(color: color, quiet: settings.quiet)
        case .github: return GitHubReporter()
        case .gitlab: return GitLabReporter()
        case .sarif:
            let enabled = settings.options.enabledCodes
            let rules = RuleRegistry.all.map { $0.info }.filter { enabled?.contains($0.code) ?? true }
            return SARIFReporter(rules: rules, baseFolder: FileManager.default.currentDirectoryPath,
                                 category: settings.sarifCategory, docsURL: try configs.docsURL().map(RuleDocsURL.init))
        case .html: return HTMLReporter()
        }
    }

    private func emit(_ text: String) {
        guard !text.isEmpty else { return }
        if settings.output == nil, let stream = environment.writeOutput { stream(text) } else { output.stdout += text }
    }

    /// The linter and severity overrides for a source; nil when the config excludes it.
    private func setup(_ source: InputCollector.Source) throws -> (Linter, [String: Severity])? {
        let path: String? = switch source {
        case .file(let path), .missing(let path): path
        case .standardInput: settings.stdinFilename
        }
        let fileSettings = try configs.settings(for: path)
        if fileSettings.excluded { return nil }
        let linter = linters[fileSettings.options] ?? Linter(options: fileSettings.options, collectsReportDetails: settings.format == .html)
        linters[fileSettings.options] = linter
        return (linter, fileSettings.severities)
    }

    /// Reports a result with the config's severities, less what the baseline accepts.
    private func report(_ result: InputResult, severities: [String: Severity]) {
        let findings = result.findings.map { finding in
            var finding = finding
            finding.severity = severities[finding.code] ?? finding.severity
            return finding
        }
        if written != nil {
            findings.forEach { written!.add($0) }
            summary.add(result.replacingFindings([]))
            return
        }
        baseline?.noteLinted(result.path)
        let kept = result.replacingFindings(findings.filter { !(baseline?.accepts($0) ?? false) })
        emit(reporter.add(kept))
        summary.add(kept)
    }

    /// Counts work done for the progress line, and has it drawn when it is due.
    private func advance(inputs: Int = 0, messages: Int = 0, bytes: Int = 0) {
        guard meter != nil else { return }
        let elapsed = Double(DispatchTime.now().uptimeNanoseconds - started.uptimeNanoseconds) / 1e9
        if let update = meter!.advance(inputs: inputs, messages: messages, bytes: bytes, elapsed: elapsed) {
            environment.progress?(update)
        }
    }

    /// Lints and reports the sources. Files are read and linted `jobs` at a time, a window of
    /// them, and reported in the order given, so the output is the same with any number of jobs.
    func lint(_ sources: [InputCollector.Source]) throws {
        if sources.isEmpty {
            output.stderr += "tracklint: warning: no lintable files (.html .htm .twig .eml .mbox .msg.txt) found\n"
        }
        if environment.progress != nil && ProgressMeter.isWanted(stderrIsTerminal: environment.stderrIsTerminal,
                                                                  variables: environment.variables, quiet: settings.quiet,
                                                                  noProgress: settings.noProgress) {
            meter = ProgressMeter(inputsTotal: sources.count)
        }
        let windowSize = settings.jobs == 1 ? 1 : settings.jobs * 8
        var windowStart = 0
        while windowStart < sources.count {
            var window: [(source: InputCollector.Source, linter: Linter, severities: [String: Severity])] = []
            while window.count < windowSize && windowStart < sources.count {
                let source = sources[windowStart]
                windowStart += 1
                if let (linter, severities) = try setup(source) { window.append((source, linter, severities)) } else { advance(inputs: 1) }
            }
            let prepared = Self.prepare(window.map { ($0.source, $0.linter) }, jobs: settings.jobs,
                                        stdinFilename: settings.stdinFilename, environment: environment)
            for (item, input) in zip(prepared, window) {
                switch item {
                case .results(let results, let bytes):
                    for result in results { report(result, severities: input.severities) }
                    advance(inputs: 1, messages: results.filter { $0.kind != .html }.count, bytes: bytes)
                case .mbox(let path, let stream):
                    var index = 0
                    while let member = stream.next() {
                        report(input.linter.lintMboxMember(member.bytes, path: path, index: index, lineOffset: member.lineOffset),
                               severities: input.severities)
                        index += 1
                        advance(messages: 1, bytes: member.bytes.count)
                    }
                    advance(inputs: 1)
                case .failure(let error):
                    output.stderr += "tracklint: error: \(TerminalText.escaped(error.path)): \(error.message)\n"
                    hadInputError = true
                    advance(inputs: 1)
                }
            }
        }
        if let update = meter?.finish() { environment.progress?(update) }
    }

    /// The end of the run: the report's end (or the baseline written), notes, and the exit code.
    func finish() -> CommandOutput {
        output.stderr = configs.warnings.joined() + output.stderr
        if let path = settings.writeBaseline, let written {
            output.files.append(WrittenFile(path: path, contents: written.serialized()))
            emit("Wrote \(CheckCommand.counted(written.count, "finding")) of \(CheckCommand.counted(summary.inputs, "input")) to \(path)\n")
        } else {
            emit(reporter.finish())
        }
        if let baseline, baseline.stale > 0 {
            let one = baseline.stale == 1
            output.stderr += "tracklint: note: \(CheckCommand.counted(baseline.stale, "baselined finding")) no longer "
                + "\(one ? "occurs" : "occur") in the files linted; rewrite the baseline with --write-baseline to drop \(one ? "it" : "them")\n"
        }
        if hadInputError {
            output.exitCode = 2
        } else if !settings.exitZero, let threshold = failOn.severity,
                  let highest = summary.highestSeverity, highest >= threshold {
            output.exitCode = 1
        }
        return output
    }

    /// An input made ready to report: linted (with its size), an mbox to stream in order, or unreadable.
    private enum Prepared {
        case results([InputResult], bytes: Int)
        case mbox(String, MboxStream)
        case failure(InputError)
    }

    /// Reads and lints a window of inputs, files on `jobs` threads; standard input is read here.
    private static func prepare(_ window: [(InputCollector.Source, Linter)], jobs: Int, stdinFilename: String?,
                                environment: CommandEnvironment) -> [Prepared] {
        @Sendable func prepared(_ loaded: Result<(String, InputCollector.Content), InputError>, _ linter: Linter) -> Prepared {
            switch loaded {
            case .success(let (path, .whole(bytes))): .results(linter.lint(bytes, path: path), bytes: bytes.count)
            case .success(let (path, .mbox(stream))): .mbox(path, stream)
            case .failure(let error): .failure(error)
            }
        }
        let slots = PreparedSlots(count: window.count)
        DispatchQueue.concurrentPerform(iterations: jobs == 1 ? 0 : window.count) { index in
            if case .file(let path) = window[index].0 { slots[index] = prepared(InputCollector.loadFile(path), window[index].1) }
        }
        return window.indices.map { index in
            slots[index] ?? prepared(InputCollector.load(window[index].0, stdinFilename: stdinFilename, environment: environment),
                                     window[index].1)
        }
    }

    /// Results written by the worker threads, each into its own slot.
    private final class PreparedSlots: @unchecked Sendable {
        private var slots: [Prepared?]
        private let lock = NSLock()

        init(count: Int) { slots = Array(repeating: nil, count: count) }

        subscript(index: Int) -> Prepared? {
            get { lock.withLock { slots[index] } }
            set { lock.withLock { slots[index] = newValue } }
        }
    }
}
