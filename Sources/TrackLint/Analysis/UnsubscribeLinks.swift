import TrackLintParsing
import TrackLintPlatforms

/// Finds the links that read as unsubscribe links, in the languages newsletters are written in.
public enum UnsubscribeLinks {
    /// Lower-case words and phrases that name unsubscribing, in link text, URL or title.
    package static let phrases = [
        "unsubscribe", "unsub", "opt out", "opt-out", "optout", "remove me", "email preferences", "manage subscription",
        "abmelden", "abbestellen", "austragen", "abmeldung", "newsletter kündigen",
        "désabonner", "desabonner", "désinscri", "desinscri", "se désinscrire",
        "darse de baja", "dar de baja", "darme de baja", "cancelar suscripción", "cancelar inscrição", "descadastr",
        "afmelden", "uitschrijven", "disiscriviti", "cancella iscrizione", "annulla iscrizione", "wypisz", "rezygnuj",
        "отписаться", "отписка", "avregistrera", "avsluta prenumeration", "afmeld", "odhlásit", "leiratkoz",
        "配信停止", "退订", "取消订阅", "수신거부",
    ]

    private static let phraseBytes = phrases.map { Array($0.utf8) }
    /// The phrases written in ASCII: the only ones an ASCII text, URL and title can hold.
    private static let asciiPhraseBytes = phraseBytes.filter { $0.allSatisfy { $0 < 0x80 } }

    /// The first link, from the end (unsubscribe links live in the footer), whose text, URL or
    /// title reads as unsubscribe.
    public static func first(in input: LintInput) -> URLAttribute? {
        input.inventory.links.last { isUnsubscribe($0, texts: input.linkTexts) }
    }

    /// The element indexes of every link that reads as unsubscribe.
    public static func all(in input: LintInput) -> Set<Int> {
        Set(input.inventory.links.filter { isUnsubscribe($0, texts: input.linkTexts) }.map(\.element.index))
    }

    private static func isUnsubscribe(_ link: URLAttribute, texts: [Int: String]) -> Bool {
        var joined = Array((texts[link.element.index] ?? "").utf8)
        joined.append(0x20)
        joined += link.url.raw.utf8
        joined.append(0x20)
        joined += (link.element.attribute("title") ?? "").utf8
        // ASCII, nearly every link, is lower-cased byte by byte (the same result, much faster).
        let isASCII = joined.allSatisfy { $0 < 0x80 }
        let haystack = isASCII ? joined.map(asciiLower) : Array(String(decoding: joined, as: UTF8.self).lowercased().utf8)
        return (isASCII ? asciiPhraseBytes : phraseBytes).contains { haystack.firstOffset(of: $0, in: 0..<haystack.count) != nil }
    }

    /// True when the document has an unsubscribe link, or an unsubscribe placeholder of any platform.
    public static func present(in input: LintInput) -> Bool {
        if input.hasUnsubscribeLink { return true }
        if input.inventory.links.contains(where: { !UnsubscribePlaceholders.spans(in: $0.url.raw).isEmpty }) { return true }
        if input.document.elements.contains(where: { $0.name == "unsubscribe" }) { return true }
        return input.document.texts.contains { !$0.isHidden && !UnsubscribePlaceholders.spans(in: $0.text).isEmpty }
    }
}
