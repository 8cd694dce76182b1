import Testing
@testable import TrackLint
@testable import TrackLintParsing

/// The byte-level searches and normalisations links are read with give what the Unicode-aware
/// standard library calls they replace would give, on both their ASCII and non-ASCII paths.
@Suite struct LinkTextSearchTests {
    static let words = PhraseSet(["opt out", "désabonner", "unsub", "配信停止"])

    @Test func phrasesAreFoundIgnoringASCIICaseInOnePass() {
        #expect(Self.words.occurs(inIgnoringCase: "Click to OPT OUT here"))
        #expect(Self.words.occurs(inIgnoringCase: "https://x.example/UnSub?id=1"))
        #expect(!Self.words.occurs(inIgnoringCase: "opt  out"))
        #expect(!Self.words.occurs(inIgnoringCase: ""))
        // A phrase at the very end, and one cut off by the end.
        #expect(Self.words.occurs(inIgnoringCase: "x unsub"))
        #expect(!Self.words.occurs(inIgnoringCase: "x uns"))
    }

    @Test func textsOutsideASCIIAreLowerCasedOnlyWhenThatChangesThem() {
        // Nothing outside ASCII changes: searched as written.
        #expect(Self.words.occurs(inIgnoringCase: "Vous pouvez vous désabonner"))
        #expect(Self.words.occurs(inIgnoringCase: "メール配信停止"))
        #expect(!Self.lowercasingChangesMoreThanASCII("désabonner 配信停止"))
        // `É` lower-cases to `é`: searched in the lower-cased copy.
        #expect(Self.lowercasingChangesMoreThanASCII("DÉSABONNER"))
        #expect(Self.words.occurs(inIgnoringCase: "Se DÉSABONNER"))
        // The Kelvin sign lower-cases to ASCII `k`.
        #expect(PhraseSet(["kündigen"]).occurs(inIgnoringCase: "\u{212A}ÜNDIGEN"))
        // Only ASCII letters are folded when asked so.
        #expect(!Self.words.occurs(inIgnoringASCIICase: "Se DÉSABONNER"))
        #expect(Self.words.occurs(inIgnoringASCIICase: "UNSUB"))
    }

    @Test func theFirstPhraseIsTheFirstInListOrder() {
        let phrases = PhraseSet(["receipt", "invoice", "rechnung"])
        #expect(phrases.first(inIgnoringCase: "Your INVOICE and receipt") == "receipt")
        #expect(phrases.first(inIgnoringCase: "Ihre RECHNUNG") == "rechnung")
        #expect(phrases.first(inIgnoringCase: "Hello") == nil)
        #expect(TransactionalWording.first(in: "Ihre Bestellbestätigung und RECHNUNG") == "rechnung")
        #expect(TransactionalWording.first(in: "BESTELLBESTÄTIGUNG") == "bestellbestätigung")
    }

    /// What the byte search relies on: a scalar outside ASCII that `changesWhenLowercased` says
    /// does not change is left as it is by `lowercased()`.
    @Test func scalarsThatDoNotChangeWhenLowercasedAreLeftAlone() {
        var changed: [UInt32] = []
        for value in UInt32(0x80)...0x10FFFF {
            guard let scalar = Unicode.Scalar(value), !scalar.properties.changesWhenLowercased,
                  scalar.properties.generalCategory != .unassigned else { continue }
            if Array(String(scalar).lowercased().unicodeScalars) != [scalar] { changed.append(value) }
        }
        #expect(changed.isEmpty)
    }

    @Test func linkWordsAreJoinedAsSplittingIntoCharactersJoinsThem() {
        var samples = ["", " ", "Shop now", "  Shop \t\n now \r\n", "\u{0B}a\u{0C}b\u{1C}c\u{1F}d", "One\r\nTwo",
                       "Grüße  aus\u{A0}Köln ", "e\u{301} x", " \u{301}"]
        // With a space at the end, and without: texts that are one line already are kept as they are.
        for byte in UInt8(0)..<128 {
            let character = String(UnicodeScalar(byte))
            samples += ["a" + character + "b ", "a " + character + "b"]
        }
        for sample in samples {
            #expect(LinkRow.words(of: sample) == sample.split(whereSeparator: \.isWhitespace).joined(separator: " "), "\(Array(sample.utf8))")
        }
    }

    @Test func aURLsPlaceholdersAreThoseOfItsRawValue() {
        let plain = URLReference("https://x.example/u?e={{email}}")
        #expect(plain.rawMergeTags == MergeTags.spans(in: plain.raw))
        let padded = URLReference("  {{unsubscribe_url}} ")
        #expect(padded.rawMergeTags == MergeTags.spans(in: padded.raw))
        #expect(padded.rawMergeTags.first?.range == 2..<21)
        #expect(UnsubscribePlaceholders.isIn(padded))
        #expect(!UnsubscribePlaceholders.isIn(plain))
    }

    @Test func aURLWrittenTwiceIsReadOnceAndKeepsItsGateway() {
        let wrapped = "https://eur01.safelinks.protection.outlook.com/?url=https%3A%2F%2Fshop.example%2Fsale&amp;data=05"
        let html = "<a href=\"\(wrapped)\">A</a><a href=\"\(wrapped)\">B</a><img src=\"https://x.example/l.png\"><img src=\"https://x.example/l.png\">"
        let inventory = LinkInventory(document: HTMLParser.parse(Array(html.utf8)))
        #expect(inventory.links.count == 2 && inventory.images.count == 2)
        #expect(inventory.links.allSatisfy { $0.url.host == "shop.example" && $0.gateway?.written.host == "eur01.safelinks.protection.outlook.com" })
        #expect(inventory.links[0].element.index != inventory.links[1].element.index)
        #expect(inventory.images[0].url == inventory.images[1].url)
    }

    @Test func aQuerysParametersAreSortedAsStringsOnBothPaths() {
        #expect(LinkDuplicateVariantsRule.normalized(URLReference("https://X.example/s/?b=2&a=1&&c")) == "x.example/s?a=1&b=2&c")
        #expect(LinkDuplicateVariantsRule.normalized(URLReference("https://x.example/s?\u{E9}=1&a=2")) == "x.example/s?a=2&\u{E9}=1")
    }

    @Test func aLongURLIsReadEachTimeItIsWritten() {
        let long = "https://x.example/i.png?" + String(repeating: "a", count: 3_000)
        let html = "<img src=\"\(long)\"><img src=\"\(long)\">"
        let images = LinkInventory(document: HTMLParser.parse(Array(html.utf8))).images
        #expect(images.count == 2 && images.allSatisfy { $0.url.raw == long && $0.url.host == "x.example" })
    }

    private static func lowercasingChangesMoreThanASCII(_ text: String) -> Bool {
        var text = text
        return text.withUTF8 { CaseFolding.lowercasingChangesMoreThanASCII($0) }
    }
}
