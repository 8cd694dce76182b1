import Foundation
import Testing
@testable import TrackLintParsing
@testable import TrackLintPlatforms

/// The template-signal scan (pairs at even offsets, eight bytes at a time, then the tail) and the
/// gateway header scan give what a plain search of every offset gives.
@Suite struct PlatformScanTests {
    /// Every signal's first occurrence, offset by offset: what `TemplateSignals` must find.
    private func plainSearch(_ bytes: [UInt8]) -> [String] {
        let signals = TemplateSignals.all.signals
        let isSpace: (UInt8) -> Bool = { $0 == 0x20 || $0 == 0x09 || $0 == 0x0A || $0 == 0x0D }
        func occurs(_ text: [UInt8], at start: Int) -> Bool {
            var position = start
            for byte in text {
                if byte == 0x20 {
                    while position < bytes.count && isSpace(bytes[position]) { position += 1 }
                } else {
                    guard position < bytes.count, bytes[position] == byte else { return false }
                    position += 1
                }
            }
            return true
        }
        let firsts = signals.indices.compactMap { index -> (Int, Int)? in
            let text = Array(signals[index].text.utf8)
            // A tag inside a longer run of its brackets is not this one (`{{{x}}}` is not `{{x}}`).
            let nested = { (start: Int) in start > 0 && (text[0] == UInt8(ascii: "{") || text[0] == UInt8(ascii: "[")) && bytes[start - 1] == text[0] }
            return bytes.indices.first { bytes[$0] == text[0] && !nested($0) && occurs(text, at: $0) }.map { ($0, index) }
        }
        return firsts.sorted { $0 < $1 }.map { signals[$0.1].text }
    }

    @Test(arguments: 0..<17)
    func signalsAreFoundAtEveryOffset(_ shift: Int) {
        let padding = String(repeating: "x", count: shift)
        for sample in ["mc:edit", "{{ unsubscribe }}", "{{unsubscribe}}", "{%\n unsubscribe\t%}", "%%=", "*|UNSUB|*"] {
            for document in [padding + sample, padding + sample + " tail of some length", "<p>" + padding + sample + "</p>" + sample] {
                let bytes = Array(document.utf8)
                #expect(TemplateSignals.all.matches(in: bytes).map(\.text) == plainSearch(bytes), "\(document)")
            }
        }
    }

    /// Each signal is anchored on its own bytes (or, with two bytes before a space, on its first
    /// byte after any other): every one is found at either parity and near either end.
    @Test(arguments: 0..<4)
    func everySignalIsFoundAtEveryOffset(_ shift: Int) {
        for signal in TemplateSignals.all.signals {
            for padding in ["x", "{", "%"].map({ String(repeating: $0, count: shift) }) {
                let bytes = Array((padding + signal.text + (shift % 2 == 0 ? "" : " " + signal.text + " and more")).utf8)
                #expect(TemplateSignals.all.matches(in: bytes).map(\.text) == plainSearch(bytes), "\(padding)\(signal.text)")
            }
        }
    }

    /// Signals anchored at different distances from their starts are met out of order, and a
    /// signal is met again (`{{{` anchors `{{{ pm:` twice): the result is still by first start.
    @Test func signalsMetOutOfOrderComeInTheOrderOfTheirStarts() {
        for document in ["data-msys-clicktrack mc:edit", "mc:edit data-msys-clicktrack {{{{ pm:unsubscribe }}} {{{pm:unsubscribe}}}",
                         "%%=v(@x)=%% %%[ set ]%% *|UNSUB|* {{ person.name }}{{person.name}}"] {
            let bytes = Array(document.utf8)
            #expect(TemplateSignals.all.matches(in: bytes).map(\.text) == plainSearch(bytes), "\(document)")
        }
    }

    @Test func severalSignalsComeInTheOrderOfTheirStarts() {
        let document = "a{% unsubscribe %}<p mc:edit=\"x\">*|UNSUB|* %%[x]%% {{ contact.name }} mc:edit data-msys-clicktrack"
        for shift in 0..<3 {
            let bytes = Array((String(repeating: " ", count: shift) + document).utf8)
            let found = TemplateSignals.all.matches(in: bytes).map(\.text)
            #expect(found == plainSearch(bytes))
            #expect(found.count >= 5)
        }
    }

    @Test func gatewaysAreSeenInTheirFirstHeaderWithoutCase() {
        let headers = HeaderFields([
            HeaderField(name: "Received", value: "from a", line: 1),
            HeaderField(name: "X-MS-Exchange-Organization-Network", value: "1", line: 2),
            HeaderField(name: "x-microsoft-antispam", value: "BCL:0", line: 3),
            HeaderField(name: "X-Proofpoint-Virus-Version", value: "v", line: 4),
            HeaderField(name: "X-PROOFPOINT-Spam", value: "s", line: 5),
            HeaderField(name: "IronPort-SDR", value: "x", line: 6),
            HeaderField(name: "X-Mimecas", value: "too short", line: 7),
        ])
        let seen = Gateways.seen(in: headers)
        #expect(seen.map(\.gateway) == ["Proofpoint", "Microsoft Defender / Exchange Online Protection", "Cisco Secure Email (IronPort)"])
        // The most telling prefix wins over an earlier field with a weaker one.
        #expect(seen.map(\.field.line) == [4, 3, 6])
        #expect(Gateways.seen(in: HeaderFields([])).isEmpty)
    }

    /// The placeholder filter turns a text down only when its key is none of the keys: every key
    /// passes in any case and spacing, and text outside ASCII is left to the full comparison.
    @Test func spacelessKeyFilterPassesEveryKey() {
        let keys = ["{{unsubscribe}}", "*|unsub|*", "%%profile_center_url%%"]
        let filter = SpacelessKeyFilter(keys)
        for text in keys + ["{{ Unsubscribe }}", "*|\tUNSUB |*", "%% PROFILE_center_url\n%%", "{{ désabonner }}"] {
            #expect(filter.mayHold(text), "\(text)")
        }
        #expect(!filter.mayHold("{{ first_name }}"))
        #expect(SpacelessKeyFilter(["{{désabonner}}"]).mayHold("{{ first_name }}"))
        for key in PlatformProfiles.all.flatMap(\.unsubscribePlaceholders) {
            #expect(PlatformProfiles.platforms(usingUnsubscribePlaceholder: key.uppercased()).isEmpty == false, "\(key)")
        }
    }
}
