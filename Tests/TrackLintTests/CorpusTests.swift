import Foundation
import Testing

/// The real templates and messages in `../shared/corpus`, read in place: every file lints without a
/// crash (exit 0 or 1, never 2), with valid JSON, and the same output every run. Skipped, and said
/// so, without the shared folder.
@Suite(.enabled(if: TestSupport.corpus != nil, TestSupport.sharedFolderMissing))
struct CorpusTests {
    static let templates = files(in: "templates")
    static let messages = files(in: "messages")

    private static func files(in subfolder: String) -> [String] {
        guard let corpus = TestSupport.corpus else { return [] }
        let folder = corpus.appendingPathComponent(subfolder)
        let files = FileManager.default.enumerator(atPath: folder.path)?.compactMap { $0 as? String } ?? []
        return files.filter { !$0.hasPrefix(".") && !$0.hasSuffix("/") }
            .filter { var isFolder: ObjCBool = false
                let exists = FileManager.default.fileExists(atPath: folder.appendingPathComponent($0).path, isDirectory: &isFolder)
                return exists && !isFolder.boolValue }
            .sorted().map { folder.appendingPathComponent($0).path }
    }

    /// A corpus cut short would pass the parameterized tests with fewer cases.
    @Test func corpusIsWhole() {
        #expect(Self.templates.count >= 40)
        #expect(Self.messages.count >= 55)
    }

    @Test(arguments: templates + messages)
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
        let corpus = try #require(TestSupport.corpus)
        let folder = corpus.appendingPathComponent("templates").path
        let first = try TestSupport.run(["check", "--format", "json", folder])
        let second = try TestSupport.run(["check", "--format", "json", folder])
        #expect(first.status == 1)
        #expect(first.stdout == second.stdout)
        #expect(first.stdout.contains("\"inputs\": \(Self.templates.count)"))
    }

    /// The acceptance check of the foundation issue: every scheme-less social link is reported.
    @Test func sendgridSocialLinksWithoutScheme() throws {
        let corpus = try #require(TestSupport.corpus)
        let path = corpus.appendingPathComponent("templates/sendgrid-templates/dynamic-news_feed.html").path
        let run = try TestSupport.run(["check", "--select", "TL302", path])
        let evidence = run.stdout.split(separator: "\n").filter { $0.contains("[TL302") }
        #expect(evidence.count == 5)
        for site in ["facebook.com", "twitter.com", "instagram.com", "google.com", "pinterest.com"] {
            #expect(evidence.contains { $0.contains("Link `\(site)` has no scheme") }, "\(site)")
        }
    }

    /// Standard input gives the same findings as the file (the path named with --stdin-filename).
    @Test(arguments: messages)
    func standardInputMatchesTheFile(_ path: String) throws {
        let file = try TestSupport.run(["check", "--format", "json", path])
        let data = try Data(contentsOf: URL(fileURLWithPath: path))
        let piped = try TestSupport.run(["check", "--format", "json", "--stdin-filename", path, "-"], stdinData: data)
        #expect(file.stdout == piped.stdout, "\(path)")
    }

    /// TL101 on text-only messages, and never on a message that has an HTML part.
    @Test(arguments: messages)
    func htmlBodyMissingOnlyWithoutHTML(_ path: String) throws {
        let extracted = try TestSupport.run(["extract", "--format", "json", path])
        let hasHTML = extracted.status == 0
        let run = try TestSupport.run(["check", "--select", "TL101", "--format", "json", path])
        let json = try #require(try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any])
        let flagged = Set((json["findings"] as? [[String: Any]] ?? []).compactMap { ($0["location"] as? [String: Any])?["message"] as? Int })
        if !hasHTML { #expect(!flagged.isEmpty, "\(path) has no HTML part but no TL101") }
        if path.hasSuffix(".eml") && hasHTML { #expect(flagged.isEmpty, "\(path) has an HTML part but TL101") }
    }

    @Test func textOnlyMessageIsReported() throws {
        let corpus = try #require(TestSupport.corpus)
        let run = try TestSupport.run(["check", corpus.appendingPathComponent("messages/spamassassin-testdata/linuxplanet.eml").path])
        #expect(run.stdout.contains("[TL101 html-body-missing]"))
        #expect(run.status == 1)
    }

    @Test func contentLengthMboxReportsEachMessage() throws {
        let corpus = try #require(TestSupport.corpus)
        let path = corpus.appendingPathComponent("messages/mimekit-testdata/content-length.mbox").path
        let run = try TestSupport.run(["check", "--format", "json", path])
        let json = try #require(try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any])
        let input = try #require((json["inputs"] as? [[String: Any]])?.first)
        let messages = try #require(input["messages"] as? [[String: Any]])
        #expect(input["kind"] as? String == "mbox")
        #expect(messages.compactMap { $0["index"] as? Int } == Array(0..<29))
        #expect((json["summary"] as? [String: Any])?["messages"] as? Int == 29)
    }
}
