import Testing
@testable import TrackLintCLI

/// The progress model: what the line says, when it is drawn, and when a run wants one at all.
@Suite struct ProgressTests {
    @Test func lineNamesInputsMessagesSizeRateAndTime() {
        let progress = Progress(inputsDone: 3, inputsTotal: 40, messagesDone: 18_204, bytesDone: 912_400_000, elapsed: 65.4)
        #expect(progress.line == "tracklint: 3/40 inputs, 18,204 messages, 912.4 MB at 14.0 MB/s, 1:05")
        #expect(Progress(inputsDone: 0, inputsTotal: 1, bytesDone: 50_000, elapsed: 2.5).line
                == "tracklint: 0/1 input, 0.1 MB at 0.0 MB/s, 0:02")
        #expect(Progress(inputsTotal: 1, messagesDone: 1, elapsed: 0).megabytesPerSecond == 0)
        #expect(Progress.grouped(1_234_567) == "1,234,567" && Progress.grouped(999) == "999")
    }

    @Test func shownAfterTwoSecondsAtMostFourTimesASecondAndErased() {
        var meter = ProgressMeter(inputsTotal: 2)
        #expect(meter.advance(messages: 1, bytes: 100, elapsed: 1.9) == nil)
        #expect(meter.finish() == nil, "a short run draws nothing, so erases nothing")
        let first = meter.advance(messages: 1, bytes: 100, elapsed: 2.0)
        #expect(first == .show(Progress(inputsDone: 0, inputsTotal: 2, messagesDone: 2, bytesDone: 200, elapsed: 2.0)))
        #expect(meter.advance(messages: 1, elapsed: 2.2) == nil)
        #expect(meter.advance(inputs: 1, elapsed: 2.25) != nil)
        #expect(meter.progress.inputsDone == 1 && meter.progress.messagesDone == 3)
        #expect(meter.finish() == .erase)
    }

    @Test func wantedOnlyOnATerminalOutsideCIUnlessTurnedOff() {
        func wanted(_ terminal: Bool = true, _ variables: [String: String] = ["TERM": "xterm"], quiet: Bool = false,
                    off: Bool = false) -> Bool {
            ProgressMeter.isWanted(stderrIsTerminal: terminal, variables: variables, quiet: quiet, noProgress: off)
        }
        #expect(wanted())
        #expect(!wanted(false))
        #expect(!wanted(true, ["TERM": "xterm", "CI": "true"]))
        #expect(!wanted(true, ["TERM": "dumb"]))
        #expect(!wanted(quiet: true))
        #expect(!wanted(off: true))
    }
}
