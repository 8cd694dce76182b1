import Foundation
import Testing
@testable import TrackLint
@testable import TrackLintCLI
@testable import TrackLintParsing
@testable import TrackLintPlatforms
@testable import TrackLintReporters

/// The rules' metadata is documentation: it must be complete, consistent and match the catalogue.
@Suite struct RuleMetadataTests {
    let infos = RuleRegistry.all.map { $0.info }

    @Test func codesAndSlugsAreUniqueAndSorted() {
        let codes = infos.map(\.code)
        #expect(Set(codes).count == codes.count)
        #expect(Set(infos.map(\.slug)).count == infos.count)
        #expect(codes == codes.sorted(), "RuleRegistry.all must stay sorted by code")
        let documentCodes = RuleRegistry.documentRules.map { $0.info.code }
        let messageCodes = RuleRegistry.messageRules.map { $0.info.code }
        #expect(documentCodes == documentCodes.sorted() && messageCodes == messageCodes.sorted(),
                "the registry's typed lists must stay sorted by code")
    }

    @Test func codesFitTheirCategory() {
        let prefixes: [RuleCategory: String] = [
            .input: "TL1", .openTracking: "TL2", .links: "TL3", .unsubscribe: "TL4", .hosts: "TL5", .suppressions: "TL9",
        ]
        for info in infos {
            #expect(info.code.hasPrefix(prefixes[info.category]!), "\(info.code) is in \(info.category)")
            #expect(info.code.count == 5 && info.code.dropFirst(2).allSatisfy(\.isNumber))
            #expect(info.slug.allSatisfy { $0.isLowercase || $0 == "-" } && !info.slug.hasPrefix("-"), "\(info.slug)")
        }
    }

    @Test func documentationIsComplete() {
        for info in infos {
            #expect(info.rationale.split(separator: ".").count >= 2, "\(info.code): rationale of a few sentences")
            #expect(!info.title.isEmpty && !info.summary.isEmpty && !info.fix.isEmpty, "\(info.code)")
            #expect(!info.summary.hasSuffix("."), "\(info.code): summaries are one line without a period")
            #expect(!info.stages.isEmpty)
        }
    }

    /// The typed lists hold every rule of their kind (a rule can be both, as TL106 is).
    @Test func typedListsHoldEveryRuleOfTheirKind() {
        let documentCodes = Set(RuleRegistry.documentRules.map { $0.info.code })
        let messageCodes = Set(RuleRegistry.messageRules.map { $0.info.code })
        for rule in RuleRegistry.all {
            #expect((rule is any DocumentRule.Type) == documentCodes.contains(rule.info.code), "\(rule.info.code)")
            #expect((rule is any MessageRule.Type) == messageCodes.contains(rule.info.code), "\(rule.info.code)")
        }
        #expect(documentCodes.contains("TL106") && messageCodes.contains("TL106"))
    }

    /// Every rule file under Sources/TrackLint/Rules is registered, and nothing else is.
    @Test func registryListsEveryRuleFile() throws {
        let rulesFolder = TestSupport.packageRoot.appendingPathComponent("Sources/TrackLint/Rules")
        let enumerator = try #require(FileManager.default.enumerator(atPath: rulesFolder.path))
        let files = enumerator.compactMap { $0 as? String }.filter { $0.hasSuffix("Rule.swift") }
            .map { ($0 as NSString).lastPathComponent.replacingOccurrences(of: ".swift", with: "") }
        let registered = RuleRegistry.all.map { String(describing: $0) }
        #expect(Set(files) == Set(registered))
    }

    /// Codes and slugs are the catalogue's (`../shared/CATALOGUE.md`), which never change, or rows
    /// proposed for it in `docs/catalogue-additions.md` with codes the catalogue does not use.
    @Test(.enabled(if: TestSupport.shared != nil, TestSupport.sharedFolderMissing))
    func matchesTheCatalogue() throws {
        let catalogue = try #require(TestSupport.shared).appendingPathComponent("CATALOGUE.md")
        let text = try String(contentsOf: catalogue, encoding: .utf8)
        let additions = try String(contentsOf: TestSupport.packageRoot.appendingPathComponent("docs/catalogue-additions.md"), encoding: .utf8)
        for info in infos {
            let row = "| \(info.code) | \(info.slug) |"
            #expect(text.contains(row) || additions.contains(row), "\(info.code) \(info.slug) is not in the catalogue")
            #expect(text.contains(row) || !text.contains("| \(info.code) |"), "\(info.code) is the catalogue's code of another rule")
        }
    }

    /// Lowerings name registered rules; a test send (TL406) is the one rule that lowers others.
    @Test func loweringsNameRegisteredRules() {
        let lowering = infos.compactMap { info in info.lowers.map { (info.code, $0) } }
        #expect(lowering.map(\.0) == ["TL406"])
        #expect(lowering.first?.1.codes == ["TL201", "TL307", "TL401"])
        #expect(lowering.allSatisfy { $0.1.codes.allSatisfy { RuleRegistry.infoByCode[$0] != nil } })
    }

    @Test(arguments: [("Spring sale", Severity.error), ("[TEST] Spring sale", Severity.info)])
    func loweringAppliesOnlyWhenItsRuleReported(_ subject: String, _ pixelSeverity: Severity) throws {
        let message = "From: a@x.example\nSubject: \(subject)\nList-Unsubscribe: <https://x.example/u>\nContent-Type: text/html\n\n<p>x</p>\n"
        let pixel = try #require(TestSupport.lint(message, path: "m.eml").first { $0.code == "TL201" })
        #expect(pixel.severity == pixelSeverity)
        #expect(pixel.help.hasSuffix(" (this is a test send, which platforms do not track: see TL406)") == (pixelSeverity == .info))
    }

    /// The README's rule table lists every registered rule.
    @Test func readmeListsEveryRule() throws {
        let readme = try String(contentsOf: TestSupport.packageRoot.appendingPathComponent("README.md"), encoding: .utf8)
        for info in infos {
            #expect(readme.contains("| \(info.code) | \(info.slug) | \(info.stageLabel) |"), "README lacks \(info.code)")
        }
    }

    @Test func lookupByCodeSlugAndPrefix() {
        #expect(RuleRegistry.rule(named: "tl301")?.info.slug == "href-relative")
        #expect(RuleRegistry.rule(named: "href-relative")?.info.code == "TL301")
        #expect(RuleRegistry.rule(named: "TL999") == nil)
        let selection = RuleRegistry.codes(matching: ["TL30", "host-local", "nope"])
        #expect(selection.codes == ["TL301", "TL302", "TL303", "TL304", "TL305", "TL306", "TL307", "TL308", "TL309", "TL501"])
        #expect(selection.unknown == ["nope"])
    }

    @Test func explainRendersEverything() {
        let text = RuleDocs.explain(HrefEmptyRule.info)
        #expect(text.hasPrefix("TL304 href-empty: Empty link\n"))
        #expect(text.contains("warning in templates, error in sent messages"))
        #expect(text.contains("Why it matters\n  `href=\"\"` reloads nothing"))
        #expect(text.contains("Triggers on\n    <a href=\"#\">Read more</a>"))
        #expect(text.contains("Does not trigger on\n    <a href=\"#section-2\">Jump</a>"))
        #expect(text.contains("How to fix\n  Set the link's destination, or remove the link"))
    }

    /// docs/rules is generated from the rules' metadata; regenerate it when a rule changes.
    @Test func committedRuleDocsAreCurrent() throws {
        let folder = TestSupport.packageRoot.appendingPathComponent("docs/rules")
        let pages = RuleDocs.markdownPages()
        for (name, text) in pages {
            let committed = try? String(contentsOf: folder.appendingPathComponent(name), encoding: .utf8)
            #expect(committed == text, "docs/rules/\(name) is stale: run `tracklint rules --format markdown --output-dir docs/rules`")
        }
        let files = try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted()
        #expect(files == pages.map(\.name).sorted(), "files in docs/rules that no rule makes")
    }

    @Test func markdownPageOfARule() {
        let page = RuleDocs.markdown(HrefEmptyRule.info)
        #expect(page.hasPrefix("# TL304 href-empty: Empty link\n\nA link's href is empty or `#`"))
        #expect(page.contains("Default severity: warning in templates, error in sent messages."))
        #expect(page.contains("## Triggers on\n\n```html\n<a href=\"#\">Read more</a>\n```"))
        #expect(page.hasSuffix("## How to fix\n\nSet the link's destination, or remove the link.\n"))
    }
}
