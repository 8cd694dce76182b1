import Foundation
import Testing

/// The real templates in `../shared/corpus/templates`, read in place: every file lints without a
/// crash (exit 0 or 1, never 2), with valid JSON, and the same output every run.
@Suite struct CorpusTests {
    static let templates: [String] = {
        guard let corpus = TestSupport.corpus else { return [] }
        let folder = corpus.appendingPathComponent("templates")
        let files = FileManager.default.enumerator(atPath: folder.path)?.compactMap { $0 as? String } ?? []
        return files.filter { !$0.hasPrefix(".") && !$0.hasSuffix("/") }
            .filter { var isFolder: ObjCBool = false
                FileManager.default.fileExists(atPath: folder.appendingPathComponent($0).path, isDirectory: &isFolder)
                return !isFolder.boolValue }
            .sorted().map { folder.appendingPathComponent($0).path }
    }()

    @Test func corpusIsPresent() {
        // CI always has ../shared beside the project; a missing corpus must not pass silently there.
        if ProcessInfo.processInfo.environment["CI"] != nil { #expect(Self.templates.count >= 40) }
    }

    @Test(arguments: templates)
    func lintsWithValidJSON(_ path: String) throws {
        let run = try TestSupport.run(["check", "--format", "json", path])
        #expect(run.status == 0 || run.status == 1, "\(path): exit \(run.status) \(run.stderr)")
        let json = try #require(try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any])
        let findings = try #require(json["findings"] as? [[String: Any]])
        for finding in findings {
            for key in ["code", "slug", "severity", "message", "help", "evidence"] {
                #expect(finding[key] is String, "\(path): finding without \(key)")
            }
            let location = try #require(finding["location"] as? [String: Any])
            #expect(location["path"] as? String == path)
            #expect(location["line"] is Int, "\(path): finding without a line")
        }
    }

    @Test func wholeFolderIsDeterministic() throws {
        guard let corpus = TestSupport.corpus else { return }
        let folder = corpus.appendingPathComponent("templates").path
        let first = try TestSupport.run(["check", "--format", "json", folder])
        let second = try TestSupport.run(["check", "--format", "json", folder])
        #expect(first.status == 1)
        #expect(first.stdout == second.stdout)
        #expect(first.stdout.contains("\"inputs\": \(Self.templates.count)"))
    }

    /// The acceptance check of the foundation issue: every scheme-less social link is reported.
    @Test func sendgridSocialLinksWithoutScheme() throws {
        guard let corpus = TestSupport.corpus else { return }
        let path = corpus.appendingPathComponent("templates/sendgrid-templates/dynamic-news_feed.html").path
        let run = try TestSupport.run(["check", "--select", "TL302", path])
        let evidence = run.stdout.split(separator: "\n").filter { $0.contains("[TL302") }
        #expect(evidence.count == 5)
        for site in ["facebook.com", "twitter.com", "instagram.com", "google.com", "pinterest.com"] {
            #expect(evidence.contains { $0.contains("Link `\(site)` has no scheme") }, "\(site)")
        }
    }
}
