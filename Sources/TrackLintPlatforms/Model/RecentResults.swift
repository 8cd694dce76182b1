import Foundation

/// The results of the last few inputs of a pure function, for inputs that come back: one
/// message's headers are scored by the attribution of each of its bodies, by the bulk signs, the
/// tracking analysis and two rules. A handful are kept, so memory stays flat; the lock lets the
/// `--jobs` threads share them.
final class RecentResults<Input: Equatable, Result>: @unchecked Sendable {
    private let capacity: Int
    private let lock = NSLock()
    /// The newest last.
    private var entries: [(input: Input, result: Result)] = []

    init(capacity: Int) { self.capacity = capacity }

    /// The result for `input`, computed by `compute` unless it is one of the recent ones.
    /// (Arrays holding the same storage compare equal at once: a kept input keeps its storage alive.)
    func result(for input: Input, _ compute: () -> Result) -> Result {
        if let known = lock.withLock({ entries.last { $0.input == input }?.result }) { return known }
        let result = compute()
        lock.withLock {
            if entries.count == capacity { entries.removeFirst() }
            entries.append((input, result))
        }
        return result
    }
}
