import Foundation
import TrackLint
import TrackLintParsing
import TrackLintPlatforms
import TrackLintReporters

/// `--write-baseline FILE` and `--baseline FILE`: findings accepted as they are, so that tracklint
/// can gate new problems in a folder that already has old ones. A finding is matched on its path,
/// code, evidence and context (its element's place in the document), never the line number, with
/// counts: edits elsewhere keep it matched, and a second copy of an accepted problem is still new.
struct Baseline {
    static let formatVersion = 1

    /// How many findings of each key are still accepted.
    private var remaining: [String: Int] = [:]
    /// Each key's path, code, evidence and context, for writing (evidence is input text and may
    /// hold any character, so the key is never split apart again).
    private var fields: [String: [String]] = [:]

    init() {}

    /// Reads a baseline file's text; the error names what is wrong.
    init(json data: Data, path: String) throws {
        let object: Any
        do {
            object = try JSONSerialization.jsonObject(with: data)
        } catch {
            throw UsageError("baseline `\(path)` is not valid JSON")
        }
        guard let root = object as? [String: Any], root["baselineVersion"] as? Int == Self.formatVersion,
              let entries = root["findings"] as? [[String: Any]] else {
            throw UsageError("`\(path)` is not a tracklint baseline (version \(Self.formatVersion)); write one with --write-baseline")
        }
        for entry in entries {
            guard let path = entry["path"] as? String, let code = entry["code"] as? String,
                  let evidence = entry["evidence"] as? String, let context = entry["context"] as? String,
                  let count = entry["count"] as? Int, count > 0 else {
                throw UsageError("baseline `\(path)` has an entry without path, code, evidence, context and count")
            }
            remaining[Self.key([path, code, evidence, context]), default: 0] += count
        }
    }

    /// Whether the finding is accepted; each accepted finding uses up one count.
    mutating func accepts(_ finding: Finding) -> Bool {
        let key = Self.key(Self.fields(of: finding))
        guard let count = remaining[key], count > 0 else { return false }
        remaining[key] = count - 1
        return true
    }

    /// Accepted findings not matched yet: after a run, those that no longer occur; in a baseline
    /// being written, all of them.
    var unmatched: Int { remaining.values.reduce(0, +) }

    mutating func add(_ finding: Finding) {
        let fields = Self.fields(of: finding)
        let key = Self.key(fields)
        remaining[key, default: 0] += 1
        self.fields[key] = fields
    }

    /// The file: entries sorted, so that it diffs well when committed.
    func serialized() -> String {
        let rows = remaining.compactMap { key, count in fields[key].map { ($0, count) } }
            .sorted { $0.0.lexicographicallyPrecedes($1.0) }
        let entries = rows.map { fields, count -> JSONValue in
            .object([("path", .string(fields[0])), ("code", .string(fields[1])), ("evidence", .string(fields[2])),
                     ("context", .string(fields[3])), ("count", .int(count))])
        }
        return JSONValue.object([
            ("tool", .string(ToolInfo.name)),
            ("baselineVersion", .int(Self.formatVersion)),
            ("findings", .array(entries)),
        ]).serialized() + "\n"
    }

    /// Path, code, evidence and context: what a finding is matched on.
    private static func fields(of finding: Finding) -> [String] {
        [finding.location.path, finding.code, finding.evidence, context(of: finding)]
    }

    /// Each field prefixed with its length, so that no text in a field can make two keys equal.
    private static func key(_ fields: [String]) -> String {
        fields.map { "\($0.utf8.count):\($0)" }.joined()
    }

    /// A hash of where the finding is in the document's structure (the element's selector, or the
    /// header's name): unlike the line's text it survives edits on the same line, which matters in
    /// minified templates that are one long line.
    static func context(of finding: Finding) -> String {
        StableHash.hex(finding.location.selector ?? finding.location.header ?? "")
    }
}
