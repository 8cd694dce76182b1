import TrackLint
import TrackLintParsing
import TrackLintPlatforms
import TrackLintReporters

/// `--write-baseline FILE` and `--baseline FILE`: findings accepted as they are, so that tracklint
/// can gate new problems in a folder that already has old ones. A finding is matched on its path,
/// code, evidence and context (its element's place in the document), never the line number, with
/// counts: edits elsewhere keep it matched, and a second copy of an accepted problem is still new.
/// Paths are stored relative to the baseline file's folder, so `a.html`, `./a.html` and the
/// absolute path are one file, from any working folder.
struct Baseline {
    static let formatVersion = 1

    /// An entry: its path's number and a 128-bit hash of its code, evidence and context. A million
    /// entries take tens of megabytes this way, whatever their evidence holds.
    private struct Key: Hashable {
        let path: Int32
        let low: UInt64
        let high: UInt64
    }

    /// The baseline file's folder, absolute: where stored paths start.
    private let folder: String
    private var pathNumbers: [String: Int32] = [:]
    /// By path number: whether this run linted the file, so that entries of files it did not lint
    /// are not called stale.
    private var linted: [Bool] = []
    /// How many findings of each key are still accepted.
    private var remaining: [Key: Int32] = [:]
    /// For a baseline being written: each key's stored path, code, evidence and context.
    private var fields: [Key: [String]] = [:]
    /// The last path looked up: findings of one input come together.
    private var lastPath: (given: String, number: Int32?)?
    /// The last entry path read from the file.
    private var lastEntryPath: (written: String, number: Int32)?

    /// An empty baseline, to be written to `path`.
    init(writingTo path: String) {
        folder = FilePaths.folder(of: FilePaths.absolute(path))
    }

    /// Reads a baseline file in one pass; the error names what is wrong.
    init(path: String) throws {
        self.init(writingTo: path)
        guard let reader = JSONStreamReader(path: path) else { throw UsageError("cannot read baseline `\(path)`") }
        let notBaseline = UsageError("`\(path)` is not a tracklint baseline (version \(Self.formatVersion)); write one with --write-baseline")
        var version: JSONStreamReader.Value?
        var sawFindings = false
        do {
            let isObject = try reader.object { key in
                switch key {
                case "baselineVersion": version = try reader.value()
                case "findings": sawFindings = try reader.array { try self.readEntry(reader, path: path) }
                default: _ = try reader.value()
                }
            }
            try reader.finish()
            guard isObject, sawFindings, version == .number(String(Self.formatVersion)) else { throw notBaseline }
        } catch is JSONStreamReader.Malformed {
            throw UsageError("baseline `\(path)` is not valid JSON")
        }
    }

    private mutating func readEntry(_ reader: JSONStreamReader, path: String) throws {
        var file: String?, code: String?, evidence: String?, context: String?, count: Int32?
        let isObject = try reader.object { key in
            let value = try reader.value()
            switch (key, value) {
            case ("path", .string(let text)): file = text
            case ("code", .string(let text)): code = text
            case ("evidence", .string(let text)): evidence = text
            case ("context", .string(let text)): context = text
            case ("count", .number(let text)): count = Int32(text)
            default: break
            }
        }
        guard isObject, let file, let code, let evidence, let context, let count, count > 0 else {
            throw UsageError("baseline `\(path)` has an entry without path, code, evidence, context and count")
        }
        let key = Self.key(pathNumber: number(ofEntryPath: file), code: code, evidence: evidence, context: context)
        remaining[key, default: 0] += count
    }

    /// The number of a path as written in the file (relative to its folder, normalised or not);
    /// entries are sorted by path, so one path is normalised once.
    private mutating func number(ofEntryPath file: String) -> Int32 {
        if let lastEntryPath, lastEntryPath.written == file { return lastEntryPath.number }
        let full = file.hasPrefix("/") || file == Location.standardInputPath ? file : folder + "/" + file
        let number = number(ofStored: storedPath(full))
        lastEntryPath = (file, number)
        return number
    }

    /// Whether the finding is accepted; each accepted finding uses up one count.
    mutating func accepts(_ finding: Finding) -> Bool {
        guard let number = lookUp(finding.location.path) else { return false }
        let key = Self.key(pathNumber: number, code: finding.code, evidence: finding.evidence, context: Self.context(of: finding))
        guard let count = remaining[key], count > 0 else { return false }
        remaining[key] = count - 1
        return true
    }

    /// Whether the baseline has an entry for the finding, without using up its count: `--fix`
    /// leaves the fixes of such findings alone.
    func covers(_ finding: Finding) -> Bool {
        guard let number = pathNumbers[storedPath(finding.location.path)] else { return false }
        let key = Self.key(pathNumber: number, code: finding.code, evidence: finding.evidence, context: Self.context(of: finding))
        return remaining[key].map { $0 > 0 } ?? false
    }

    /// Notes that this run linted the input at `path`: its entries left unmatched are stale.
    mutating func noteLinted(_ path: String) {
        if let number = lookUp(path) { linted[Int(number)] = true }
    }

    /// Accepted findings of the files this run linted that were not matched: those that no
    /// longer occur.
    var stale: Int {
        remaining.reduce(0) { total, entry in linted[Int(entry.key.path)] ? total + Int(entry.value) : total }
    }

    /// How many findings the baseline accepts.
    var count: Int { remaining.values.reduce(0) { $0 + Int($1) } }

    mutating func add(_ finding: Finding) {
        let path = storedPath(finding.location.path)
        let context = Self.context(of: finding)
        let key = Self.key(pathNumber: number(ofStored: path), code: finding.code, evidence: finding.evidence, context: context)
        remaining[key, default: 0] += 1
        if fields[key] == nil { fields[key] = [path, finding.code, finding.evidence, context] }
    }

    /// The file: entries sorted, so that it diffs well when committed.
    func serialized() -> String {
        let rows = remaining.compactMap { key, count in fields[key].map { ($0, count) } }
            .sorted { $0.0.lexicographicallyPrecedes($1.0) }
        let entries = rows.map { fields, count -> JSONValue in
            .object([("path", .string(fields[0])), ("code", .string(fields[1])), ("evidence", .string(fields[2])),
                     ("context", .string(fields[3])), ("count", .int(Int(count)))])
        }
        return JSONValue.object([
            ("tool", .string(ToolInfo.name)),
            ("baselineVersion", .int(Self.formatVersion)),
            ("findings", .array(entries)),
        ]).serialized() + "\n"
    }

    /// A path as the baseline stores it: relative to its folder (with `..` where needed); standard
    /// input by its name.
    private func storedPath(_ path: String) -> String {
        path == Location.standardInputPath ? path : FilePaths.relative(FilePaths.absolute(path), to: folder)
    }

    /// The number of a finding's or input's path, nil when the baseline has no entry for it.
    private mutating func lookUp(_ path: String) -> Int32? {
        if let lastPath, lastPath.given == path { return lastPath.number }
        let number = pathNumbers[storedPath(path)]
        lastPath = (path, number)
        return number
    }

    private mutating func number(ofStored path: String) -> Int32 {
        if let number = pathNumbers[path] { return number }
        let number = Int32(linted.count)
        pathNumbers[path] = number
        linted.append(false)
        lastPath = nil
        return number
    }

    private static func key(pathNumber: Int32, code: String, evidence: String, context: String) -> Key {
        // Two unrelated hashes, the standard library's and FNV-1a of the bytes, make 128 bits.
        var low = Hasher()
        low.combine(code)
        low.combine(evidence)
        low.combine(context)
        var high: UInt64 = 0xCBF2_9CE4_8422_2325
        for field in [code, evidence, context] {
            for byte in field.utf8 { high = (high ^ UInt64(byte)) &* 0x100_0000_01B3 }
            high = (high ^ 0xFF) &* 0x100_0000_01B3  // 0xFF never occurs in UTF-8: ends the field
        }
        return Key(path: pathNumber, low: UInt64(bitPattern: Int64(low.finalize())), high: high)
    }

    /// A hash of where the finding is in the document's structure (the element's selector, or the
    /// header's name): unlike the line's text it survives edits on the same line, which matters in
    /// minified templates that are one long line.
    static func context(of finding: Finding) -> String {
        StableHash.hex(finding.location.selector ?? finding.location.header ?? "")
    }
}
