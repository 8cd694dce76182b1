import Foundation
import Testing
@testable import TrackLintPlatforms

/// The platform registry stays consistent as platforms are added.
@Suite struct PlatformRegistryTests {
    @Test(arguments: PlatformProfiles.ids)
    func everyProfileHasAFixture(_ id: String) {
        let folder = TestSupport.fixtures.appendingPathComponent("platforms")
        let files = ["\(id).eml", "\(id).html"].filter { FileManager.default.fileExists(atPath: folder.appendingPathComponent($0).path) }
        #expect(!files.isEmpty, "profile `\(id)` has neither Fixtures/platforms/\(id).eml nor \(id).html")
    }

    @Test func idsAreUniqueAndLowerCase() {
        #expect(Set(PlatformProfiles.ids).count == PlatformProfiles.ids.count)
        #expect(PlatformProfiles.ids.allSatisfy { $0 == $0.lowercased() && !$0.contains(" ") })
        #expect(Set(Gateways.all.map(\.name)).count == Gateways.all.count)
    }

    /// Several platforms may claim one host for one role only when one of them owns it and every
    /// other declares it in `overrides` (Klaviyo and Kit send over SendGrid's infrastructure).
    @Test func sharedHostsAreDeclared() {
        #expect(Self.undeclaredSharedHosts(PlatformProfiles.all).isEmpty, "\(Self.undeclaredSharedHosts(PlatformProfiles.all))")
    }

    @Test func anUndeclaredSharedHostIsCaught() {
        let copy = PlatformProfile("copy", "Copy", hosts: PlatformHosts(sending: ["mailgun.net"]))
        #expect(Self.undeclaredSharedHosts(PlatformProfiles.all + [copy]) == ["sending mailgun.net: mailgun, copy"])
        let declared = PlatformProfile("relayed", "Relayed", hosts: PlatformHosts(sending: ["mailgun.net"]), overrides: ["mailgun"])
        #expect(Self.undeclaredSharedHosts(PlatformProfiles.all + [declared]).isEmpty)
    }

    static func undeclaredSharedHosts(_ profiles: [PlatformProfile]) -> [String] {
        var problems: [String] = []
        for role in PlatformHosts.Role.allCases {
            var claimants: [String: [PlatformProfile]] = [:]
            for profile in profiles {
                for host in profile.hosts(for: role) { claimants[host, default: []].append(profile) }
            }
            for (host, claim) in claimants.sorted(by: { $0.key < $1.key }) where claim.count > 1 {
                let owned = claim.contains { owner in claim.allSatisfy { $0 === owner || $0.overrides.contains(owner.id) } }
                if !owned { problems.append("\(role.rawValue) \(host): \(claim.map(\.id).joined(separator: ", "))") }
            }
        }
        return problems
    }

    @Test func klaviyoSharesSendGridsSendingHostByDeclaration() throws {
        let klaviyo = try #require(PlatformProfiles.profile("klaviyo"))
        let sendgrid = try #require(PlatformProfiles.profile("sendgrid"))
        #expect(klaviyo.hosts(for: .sending).contains("sendgrid.net") && sendgrid.hosts(for: .sending).contains("sendgrid.net"))
        #expect(klaviyo.overrides == ["sendgrid"])
    }
}
