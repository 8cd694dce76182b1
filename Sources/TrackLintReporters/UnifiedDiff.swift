/// The unified diff of a file and its fixed text (`--diff`), as `diff -u` and ruff print it: the
/// lines as written (line endings included), three lines of context, and `\ No newline at end of
/// file` where the last line has none.
public enum UnifiedDiff {
    public static let contextLines = 3
    /// Above this many changed lines the changed region is shown replaced whole, which keeps the
    /// search cheap on pathological input; fixes change a few lines.
    static let maximumEditDistance = 2000

    private enum Step: Equatable { case same, removed, added }

    /// `--- path`, `+++ path` and the hunks; empty when the texts are equal.
    public static func diff(_ old: [UInt8], _ new: [UInt8], path: String) -> String {
        guard old != new else { return "" }
        let a = lines(old), b = lines(new)
        var prefix = 0
        while prefix < a.count, prefix < b.count, a[prefix] == b[prefix] { prefix += 1 }
        var suffix = 0
        while suffix < a.count - prefix, suffix < b.count - prefix, a[a.count - 1 - suffix] == b[b.count - 1 - suffix] { suffix += 1 }
        let middle = steps(Array(a[prefix..<(a.count - suffix)]), Array(b[prefix..<(b.count - suffix)]))
        let script = Array(repeating: Step.same, count: prefix) + middle + Array(repeating: Step.same, count: suffix)
        return "--- \(path)\n+++ \(path)\n" + hunks(script, a, b).joined()
    }

    /// Lines with their terminators.
    private static func lines(_ bytes: [UInt8]) -> [ArraySlice<UInt8>] {
        var result: [ArraySlice<UInt8>] = []
        var start = 0
        for (index, byte) in bytes.enumerated() where byte == UInt8(ascii: "\n") {
            result.append(bytes[start...index])
            start = index + 1
        }
        if start < bytes.count { result.append(bytes[start...]) }
        return result
    }

    /// The shortest edit script (Myers' greedy algorithm), kept removals before additions.
    private static func steps(_ a: [ArraySlice<UInt8>], _ b: [ArraySlice<UInt8>]) -> [Step] {
        let n = a.count, m = b.count
        let limit = min(n + m, maximumEditDistance)
        let offset = limit + 1
        var v = [Int](repeating: 0, count: 2 * limit + 3)
        var trace: [[Int]] = []
        var found = false
        search: for d in 0...limit {
            trace.append(v)
            for k in stride(from: -d, through: d, by: 2) {
                var x = k == -d || (k != d && v[offset + k - 1] < v[offset + k + 1]) ? v[offset + k + 1] : v[offset + k - 1] + 1
                var y = x - k
                while x < n, y < m, a[x] == b[y] { x += 1; y += 1 }
                v[offset + k] = x
                if x >= n && y >= m { found = true; break search }
            }
        }
        guard found else { return Array(repeating: .removed, count: n) + Array(repeating: .added, count: m) }
        var script: [Step] = []
        var x = n, y = m
        for d in stride(from: trace.count - 1, to: 0, by: -1) {
            let v = trace[d], k = x - y
            let previousK = k == -d || (k != d && v[offset + k - 1] < v[offset + k + 1]) ? k + 1 : k - 1
            let previousX = v[offset + previousK], previousY = previousX - previousK
            while x > previousX && y > previousY { script.append(.same); x -= 1; y -= 1 }
            if x == previousX { script.append(.added); y -= 1 } else { script.append(.removed); x -= 1 }
        }
        script += Array(repeating: .same, count: x)
        return script.reversed()
    }

    /// The script as hunks: each change with up to three lines of context, close changes joined.
    private static func hunks(_ script: [Step], _ a: [ArraySlice<UInt8>], _ b: [ArraySlice<UInt8>]) -> [String] {
        let changed = script.indices.filter { script[$0] != .same }
        var groups: [ClosedRange<Int>] = []
        for index in changed {
            if let last = groups.last, index - last.upperBound <= 2 * contextLines {
                groups[groups.count - 1] = last.lowerBound...index
            } else {
                groups.append(index...index)
            }
        }
        // Line numbers in both files before each step.
        var oldLine = [Int](), newLine = [Int]()
        var i = 0, j = 0
        for step in script {
            oldLine.append(i); newLine.append(j)
            if step != .added { i += 1 }
            if step != .removed { j += 1 }
        }
        return groups.map { group in
            let range = max(0, group.lowerBound - contextLines)...min(script.count - 1, group.upperBound + contextLines)
            var body = ""
            var oldCount = 0, newCount = 0
            for index in range {
                switch script[index] {
                case .same: body += line(" ", a[oldLine[index]]); oldCount += 1; newCount += 1
                case .removed: body += line("-", a[oldLine[index]]); oldCount += 1
                case .added: body += line("+", b[newLine[index]]); newCount += 1
                }
            }
            let start = range.lowerBound
            return "@@ -\(span(oldLine[start], oldCount)) +\(span(newLine[start], newCount)) @@\n" + body
        }
    }

    private static func line(_ mark: String, _ bytes: ArraySlice<UInt8>) -> String {
        let text = mark + String(decoding: bytes, as: UTF8.self)
        return bytes.last == UInt8(ascii: "\n") ? text : text + "\n\\ No newline at end of file\n"
    }

    /// `start,count` as `diff -u` writes it: 1-based, `,count` left out for one line, and the line
    /// before for none.
    private static func span(_ before: Int, _ count: Int) -> String {
        switch count {
        case 0: "\(before),0"
        case 1: "\(before + 1)"
        default: "\(before + 1),\(count)"
        }
    }
}
