import Foundation
import TrackLint
import TrackLintParsing

/// An mbox read as a stream is linted a batch of messages at a time, `jobs` at once, and its
/// results are handed over in message order: the output is the same for any number of jobs, and
/// memory holds one batch, whatever the size of the archive.
struct MboxLinting {
    let linter: Linter
    let jobs: Int

    /// `report` takes each result and the size of its message.
    func lint(_ stream: MboxStream, path: String, report: (InputResult, Int) throws -> Void) rethrows {
        let batchSize = jobs == 1 ? 1 : jobs * 8
        var index = 0
        while true {
            var batch: [MboxStream.Member] = []
            while batch.count < batchSize, let member = stream.next() { batch.append(member) }
            guard !batch.isEmpty else { return }
            for (result, member) in zip(lint(batch, path: path, firstIndex: index), batch) { try report(result, member.bytes.count) }
            index += batch.count
        }
    }

    private func lint(_ batch: [MboxStream.Member], path: String, firstIndex: Int) -> [InputResult] {
        let linter = self.linter
        @Sendable func result(_ offset: Int) -> InputResult {
            let member = batch[offset]
            return linter.lintMboxMember(member.bytes, path: path, index: firstIndex + offset, lineOffset: member.lineOffset,
                                         cut: member.cut)
        }
        guard batch.count > 1 else { return batch.indices.map(result) }
        let slots = Slots<InputResult>(count: batch.count)
        DispatchQueue.concurrentPerform(iterations: batch.count) { offset in slots[offset] = result(offset) }
        return batch.indices.compactMap { slots[$0] }
    }

}

/// Values written by worker threads, each into its own slot.
final class Slots<Value>: @unchecked Sendable {
    private var slots: [Value?]
    private let lock = NSLock()

    init(count: Int) { slots = Array(repeating: nil, count: count) }

    subscript(index: Int) -> Value? {
        get { lock.withLock { slots[index] } }
        set { lock.withLock { slots[index] = newValue } }
    }
}
