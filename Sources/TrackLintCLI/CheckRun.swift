import Foundation
import TrackLint
import TrackLintParsing
import TrackLintReporters

/// One `tracklint check` after its options are read: lints the inputs a window at a time, reports
/// them, and chooses the exit code.
struct CheckRun {
    private let settings: CheckCommand.Settings
    private let environment: CommandEnvironment
    private let linters: ConfiguredLinter
    private let failOn: FailOn
    private var reporter: any Reporter
    private var output: CommandOutput
    private var summary = RunSummary()
    private var baseline: Baseline?
    /// The baseline being written (`--write-baseline`), which accepts every finding.
    private var written: Baseline?
    private var hadInputError = false
    private var progress: RunProgress?
    /// What `--fix` or `--diff` did so far.
    private var fixes: FixTally?
    /// The `--output` file, written as the report is made.
    private var streamedOutput: StreamedFile?
    /// Report bytes bound for a file or a pipe, written `outputChunkSize` at a time: a write per
    /// input was a system call per input. A terminal gets each input's findings as they come.
    private var pendingOutput: [UInt8] = []
    private static let outputChunkSize = 1 << 16

    init(settings: CheckCommand.Settings, environment: CommandEnvironment) throws {
        self.settings = settings
        self.environment = environment
        let resolver = try ConfigurationResolver(source: settings.noConfig ? .none : settings.config.map { .file($0) } ?? .discover,
                                                 options: settings.options, failOn: settings.failOn,
                                                 overriding: settings.overriding)
        linters = ConfiguredLinter(resolver: resolver, collectsReportDetails: settings.format == .html)
        failOn = try resolver.failOn()
        let docsURL = try resolver.docsURL(settings.docsURL).map(RuleDocsURL.init)
        reporter = Self.reporter(for: settings, docsURL: docsURL, environment: environment)
        output = CommandOutput(outputFile: settings.output)
        baseline = try settings.baseline.map(Baseline.init(path:))
        written = settings.writeBaseline.map(Baseline.init(writingTo:))
        fixes = settings.fixRequest.map(FixTally.init)
        // A process that can write as it goes (not a test) streams `--output` into its file, which
        // is opened last, so that a run refused for its options leaves an earlier report alone.
        if let path = settings.output, environment.writeOutput != nil {
            streamedOutput = try StreamedFile(path: path)
            output.outputFile = nil
        }
    }

    /// `--fix -` prints the fixed text on standard output, so the report goes to standard error.
    private var reportsToStandardError: Bool { settings.fixMode == .apply && settings.paths.contains("-") }

    private static func reporter(for settings: CheckCommand.Settings, docsURL: RuleDocsURL?,
                                 environment: CommandEnvironment) -> any Reporter {
        switch settings.format {
        case .json: return JSONReporter()
        case .jsonl: return JSONLinesReporter()
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
                                 category: settings.sarifCategory, docsURL: docsURL)
        case .html: return HTMLReporter()
        case .answer: return AnswerReporter()
        }
    }

    /// Lints every input and returns what the command prints and writes.
    mutating func execute() throws -> CommandOutput {
        let extensions = settings.extensions + (try linters.resolver.extensions())
        let sources = InputCollector.sources(settings.paths, extraExtensions: extensions)
        if sources.isEmpty {
            let extra = extensions.map { " ." + $0 }.joined()
            output.stderr += "tracklint: warning: no lintable files (\(InputCollector.listed)\(extra)) found\n"
        }
        progress = RunProgress(inputsTotal: sources.count, settings: settings, environment: environment)
        // What was reported before a failure still goes out, as it did unbuffered.
        do { try lint(sources) } catch {
            try? flushPendingOutput()
            throw error
        }
        progress?.finish()
        let finished = try finish()
        try flushPendingOutput()
        try streamedOutput?.close()
        return finished
    }

    /// Files are read and linted `jobs` at a time, a window of them, and reported in the order
    /// given, so the output is the same with any number of jobs.
    private mutating func lint(_ sources: [InputCollector.Source]) throws {
        let windowSize = settings.jobs == 1 ? 1 : settings.jobs * 8
        var windowStart = 0
        while windowStart < sources.count {
            var window: [(source: InputCollector.Source, linter: Linter)] = []
            while window.count < windowSize && windowStart < sources.count {
                let source = sources[windowStart]
                windowStart += 1
                let configured = Self.path(of: source, stdinFilename: settings.stdinFilename)
                if let linter = try linters.linter(for: configured) { window.append((source, linter)) } else { progress?.advance(inputs: 1) }
            }
            let prepared = Self.prepare(window, jobs: settings.jobs, stdinFilename: settings.stdinFilename,
                                        fixing: settings.fixRequest.map { ($0, baseline) }, environment: environment)
            for (item, input) in zip(prepared, window) { try report(item, linter: input.linter) }
        }
    }

    /// The path configurations are looked up for: the file's, or `--stdin-filename` for standard input.
    /// Static: a method of the run, called in the loop, copied the whole run at each input.
    private static func path(of source: InputCollector.Source, stdinFilename: String?) -> String? {
        switch source {
        case .file(let path): FileNames.shown(path)
        case .failed(let error): error.path
        case .standardInput: stdinFilename
        }
    }

    /// Inputs are reported and let go as they come (an mbox a message at a time). Text goes out as
    /// it is made when the caller can take it (a terminal, a pipe), so a huge mbox is never held in memory.
    private mutating func report(_ item: Prepared, linter: Linter) throws {
        switch item {
        case .results(let results, let bytes):
            for result in results { try report(result) }
            progress?.advance(inputs: 1, messages: results.filter { $0.kind != .html }.count, bytes: bytes)
        case .mbox(let path, let stream):
            if fixes != nil { output.stderr += "tracklint: note: \(TerminalText.escaped(path)) is an mbox: --fix never changes it\n" }
            try MboxLinting(linter: linter, jobs: settings.jobs).lint(stream, path: path) { result, bytes in
                try report(result)
                progress?.advance(messages: 1, bytes: bytes)
            }
            if let failure = stream.failure { inputFailed(InputError(path: path, message: "cannot be read (\(failure.reason))")) }
            progress?.advance(inputs: 1)
        case .fixed(let file, let bytes):
            let printed: (stdout: [UInt8], note: String?)
            do {
                printed = try fixes!.finish(file)
            } catch let failure as OutputWriter.Failure {
                // Its findings would be those of text that is not in the file: the error alone is reported.
                progress?.advance(inputs: 1)
                return inputFailed(InputError(path: file.path, message: "cannot be fixed: \(failure)"))
            }
            try printed.stdout.withUnsafeBufferPointer { try emit($0, isReport: false) }
            output.stderr += printed.note ?? ""
            for result in file.fixed.results { try report(result) }
            progress?.advance(inputs: 1, messages: file.fixed.results.filter { $0.kind != .html }.count, bytes: bytes)
        case .failure(let error):
            inputFailed(error)
            progress?.advance(inputs: 1)
        }
    }

    private mutating func inputFailed(_ error: InputError) {
        output.stderr += "tracklint: error: \(TerminalText.escaped(error.path)): \(error.message)\n"
        hadInputError = true
    }

    /// Reports a result less what the baseline accepts; a baseline being written takes every
    /// finding, and nothing is reported.
    private mutating func report(_ result: InputResult) throws {
        if written != nil {
            result.findings.forEach { written!.add($0) }
            summary.add(result.replacingFindings([]))
            return
        }
        baseline?.noteLinted(result.path)
        let shown = baseline == nil ? result : result.replacingFindings(result.findings.filter { !baseline!.accepts($0) })
        fixes?.countRemaining(shown.findings)
        if settings.fixMode != .diff {
            // Taken out while it writes: what it writes goes through `emit`, which changes `self`.
            // Swapped out, not copied: a copy would be copied again at its first change (the HTML
            // report's rows, at every input).
            var reporter: any Reporter = AnswerReporter()
            swap(&reporter, &self.reporter)
            defer { swap(&reporter, &self.reporter) }
            try reporter.add(shown, writingBytes: { try emit($0) })
        }
        summary.add(shown)
    }

    private mutating func emit(_ text: String, isReport: Bool = true) throws {
        guard !text.isEmpty else { return }
        if isReport && reportsToStandardError { return output.stderr += text }
        if isBuffered {
            var text = text
            try text.withUTF8 { try emit($0, isReport: isReport) }
        } else if settings.output == nil, let stream = environment.writeOutput {
            try stream(text)
        } else {
            output.stdout += text
        }
    }

    /// Bytes, to the `--output` file or standard output when those take bytes: the report's, or
    /// (`isReport: false`) the diff or the fixed text of `--fix -`, which may not be UTF-8.
    private mutating func emit(_ bytes: UnsafeBufferPointer<UInt8>, isReport: Bool = true) throws {
        guard !bytes.isEmpty else { return }
        let toOutput = !isReport || !reportsToStandardError
        if toOutput, isBuffered {
            pendingOutput.append(contentsOf: bytes)
            if pendingOutput.count >= Self.outputChunkSize { try flushPendingOutput() }
            return
        }
        if toOutput, settings.output == nil, let stream = environment.writeOutputBytes { return try stream(bytes) }
        try emit(String(decoding: bytes, as: UTF8.self), isReport: isReport)
    }

    /// Whether output goes out in chunks: to the `--output` file, or to standard output that is not
    /// a terminal.
    private var isBuffered: Bool {
        streamedOutput != nil || (settings.output == nil && environment.writeOutputBytes != nil && !environment.stdoutIsTerminal)
    }

    private mutating func flushPendingOutput() throws {
        guard !pendingOutput.isEmpty else { return }
        defer { pendingOutput.removeAll(keepingCapacity: true) }
        try pendingOutput.withUnsafeBufferPointer { bytes in
            if let streamedOutput { try streamedOutput.write(bytes) } else { try environment.writeOutputBytes!(bytes) }
        }
    }

    /// The report's end (or the baseline written), warnings and notes, and the exit code.
    private mutating func finish() throws -> CommandOutput {
        output.stderr = linters.resolver.warnings.map { "tracklint: warning: \($0)\n" }.joined() + output.stderr
        if let path = settings.writeBaseline, let written {
            output.files.append(WrittenFile(path: path, contents: written.serialized()))
            let line = "Wrote \(CheckCommand.counted(written.count, "finding")) of "
                + "\(CheckCommand.counted(summary.inputs, "input")) to \(path)\n"
            // Standard output of a machine format carries that format or nothing: no report is made here.
            if [.text, .answer].contains(settings.format) { try emit(line) } else { output.stderr += line }
        } else if settings.fixMode != .diff {
            let reporter = self.reporter
            try reporter.finish(writingBytes: { try emit($0) })
        }
        if let baseline, baseline.stale > 0 {
            let one = baseline.stale == 1
            output.stderr += "tracklint: note: \(CheckCommand.counted(baseline.stale, "baselined finding")) no longer "
                + "\(one ? "occurs" : "occur") in the files linted; rewrite the baseline with --write-baseline to drop \(one ? "it" : "them")\n"
        }
        if let fixes { output.stderr += fixes.summary }
        if hadInputError {
            output.exitCode = 2
        } else if settings.fixMode == .diff {
            output.exitCode = fixes!.changedFiles > 0 ? 1 : 0
        } else if !settings.exitZero, let threshold = failOn.severity,
                  let highest = summary.highestSeverity, highest >= threshold {
            output.exitCode = 1
        }
        return output
    }

    /// An input made ready to report: linted (with its size), an mbox to stream in order, or unreadable.
    enum Prepared {
        case results([InputResult], bytes: Int)
        case mbox(String, MboxStream)
        /// A template linted and fixed (`--fix`, `--diff`), or another input that was not.
        case fixed(FixedFile, bytes: Int)
        case failure(InputError)
    }

    /// Reads and lints a window of inputs, files on `jobs` threads; standard input is read here.
    private static func prepare(_ window: [(source: InputCollector.Source, linter: Linter)], jobs: Int, stdinFilename: String?,
                                fixing: (request: FixRequest, baseline: Baseline?)?, environment: CommandEnvironment) -> [Prepared] {
        @Sendable func prepared(_ opened: Result<InputCollector.Opened, InputError>, _ linter: Linter,
                                _ source: InputCollector.Source) -> Prepared {
            switch opened.flatMap(InputCollector.load) {
            case .success(let (path, .whole(bytes, cut))):
                guard let fixing else { return .results(linter.lint(bytes, path: path, cut: cut), bytes: bytes.count) }
                // The fixes of findings a baseline accepts are left alone, as their findings are.
                let fixed = linter.fix(bytes, path: path, cut: cut, applicabilities: fixing.request.applicabilities) { findings in
                    findings.filter { !(fixing.baseline?.covers($0) ?? false) }
                }
                let systemPath: String? = if case .file(let given) = source { given } else { nil }
                return .fixed(FixedFile(path: path, original: bytes, fixed: fixed, isStandardInput: systemPath == nil,
                                        systemPath: systemPath), bytes: bytes.count)
            case .success(let (path, .mbox(stream))): return .mbox(path, stream)
            case .failure(let error): return .failure(error)
            }
        }
        let slots = Slots<Prepared>(count: window.count)
        DispatchQueue.concurrentPerform(iterations: jobs == 1 ? 0 : window.count) { index in
            if case .file(let path) = window[index].0 {
                slots[index] = prepared(InputCollector.openFile(path), window[index].1, window[index].0)
            }
        }
        return window.indices.map { index in
            slots[index] ?? prepared(InputCollector.open(window[index].0, stdinFilename: stdinFilename, environment: environment),
                                     window[index].1, window[index].0)
        }
    }
}
