import Foundation

/// How far a long run has got, as values: what the progress line says and when it is shown. The
/// executable draws it on the terminal; nothing here prints.
public struct Progress: Sendable, Equatable {
    public var inputsDone = 0
    public var inputsTotal = 0
    public var messagesDone = 0
    public var bytesDone = 0
    /// Seconds since the run started.
    public var elapsed = 0.0

    public init(inputsDone: Int = 0, inputsTotal: Int = 0, messagesDone: Int = 0, bytesDone: Int = 0, elapsed: Double = 0) {
        self.inputsDone = inputsDone
        self.inputsTotal = inputsTotal
        self.messagesDone = messagesDone
        self.bytesDone = bytesDone
        self.elapsed = elapsed
    }

    public var megabytesPerSecond: Double { elapsed > 0 ? Double(bytesDone) / 1_000_000 / elapsed : 0 }

    /// One line: `tracklint: 3/40 inputs, 18,204 messages, 912.4 MB at 14.1 MB/s, 1:05`.
    public var line: String {
        var parts = ["\(inputsDone)/\(inputsTotal) input\(inputsTotal == 1 ? "" : "s")"]
        if messagesDone > 0 { parts.append("\(Self.grouped(messagesDone)) message\(messagesDone == 1 ? "" : "s")") }
        parts.append("\(Self.oneDecimal(Double(bytesDone) / 1_000_000)) MB at \(Self.oneDecimal(megabytesPerSecond)) MB/s")
        let seconds = Int(elapsed)
        parts.append("\(seconds / 60):\(seconds % 60 < 10 ? "0" : "")\(seconds % 60)")
        return "tracklint: " + parts.joined(separator: ", ")
    }

    static func grouped(_ number: Int) -> String {
        let digits = Array(String(number))
        return String(digits.enumerated().flatMap { index, digit in
            index > 0 && (digits.count - index) % 3 == 0 ? [",", digit] : [digit]
        })
    }

    static func oneDecimal(_ value: Double) -> String {
        let tenths = Int((value * 10).rounded())
        return "\(tenths / 10).\(tenths % 10)"
    }
}

/// What the terminal should do with the progress line.
public enum ProgressUpdate: Sendable, Equatable {
    /// Draw this line over the last one.
    case show(Progress)
    /// The run is over: erase the line.
    case erase
}

/// When the progress line is shown: only once a run has taken `delay` seconds (short runs stay
/// silent), then at most once every `interval` seconds; erased at the end if it was shown.
public struct ProgressMeter: Sendable {
    public static let delay = 2.0
    public static let interval = 0.25

    private var lastShown: Double?
    public private(set) var progress = Progress()

    public init(inputsTotal: Int) { progress.inputsTotal = inputsTotal }

    /// Whether a run shows progress at all: on a terminal (not in pipes or files), not in CI
    /// (`CI` set), not on a dumb terminal, not with `--quiet` or `--no-progress`.
    public static func isWanted(stderrIsTerminal: Bool, variables: [String: String], quiet: Bool, noProgress: Bool) -> Bool {
        stderrIsTerminal && variables["CI"] == nil && variables["TERM"] != "dumb" && !quiet && !noProgress
    }

    /// Counts what was done and says whether to draw the line now (`elapsed`: seconds since start).
    public mutating func advance(inputs: Int = 0, messages: Int = 0, bytes: Int = 0, elapsed: Double) -> ProgressUpdate? {
        progress.inputsDone += inputs
        progress.messagesDone += messages
        progress.bytesDone += bytes
        progress.elapsed = elapsed
        guard elapsed >= Self.delay, lastShown.map({ elapsed - $0 >= Self.interval }) ?? true else { return nil }
        lastShown = elapsed
        return .show(progress)
    }

    /// The end of the run: erase the line if it was drawn.
    public func finish() -> ProgressUpdate? { lastShown == nil ? nil : .erase }
}

/// The progress of one `check` run: its meter and clock, and the environment's drawing of it.
struct RunProgress {
    private var meter: ProgressMeter
    private let draw: (ProgressUpdate) -> Void
    private let started = DispatchTime.now()

    /// nil when the run shows no progress (see `ProgressMeter.isWanted`).
    init?(inputsTotal: Int, settings: CheckCommand.Settings, environment: CommandEnvironment) {
        guard let draw = environment.progress,
              ProgressMeter.isWanted(stderrIsTerminal: environment.stderrIsTerminal, variables: environment.variables,
                                     quiet: settings.quiet, noProgress: settings.noProgress) else { return nil }
        meter = ProgressMeter(inputsTotal: inputsTotal)
        self.draw = draw
    }

    /// Counts work done, and has the line drawn when it is due.
    mutating func advance(inputs: Int = 0, messages: Int = 0, bytes: Int = 0) {
        let elapsed = Double(DispatchTime.now().uptimeNanoseconds - started.uptimeNanoseconds) / 1e9
        if let update = meter.advance(inputs: inputs, messages: messages, bytes: bytes, elapsed: elapsed) { draw(update) }
    }

    /// The end of the run: the line erased if it was drawn.
    func finish() {
        if let update = meter.finish() { draw(update) }
    }
}
