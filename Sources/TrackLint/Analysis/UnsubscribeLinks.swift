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

    private static let phraseSet = PhraseSet(phrases)

    /// The first link, from the end (unsubscribe links live in the footer), whose text, URL or
    /// title reads as unsubscribe.
    public static func first(in input: LintInput) -> URLAttribute? {
        let texts = input.linkTexts
        return input.inventory.links.last { isUnsubscribe($0, texts: texts) }
    }

    /// The element indexes of every link that reads as unsubscribe.
    public static func all(in input: LintInput) -> Set<Int> {
        // Whether any link reads as unsubscribe is kept per input: without one, no link is read again.
        guard input.hasUnsubscribeLink else { return [] }
        let texts = input.linkTexts
        var indexes = Set<Int>()
        for link in input.inventory.links where isUnsubscribe(link, texts: texts) { indexes.insert(link.element.index) }
        return indexes
    }

    private static func isUnsubscribe(_ link: URLAttribute, texts: [Int: String]) -> Bool {
        // One text, as a phrase may run from the link's text into its URL.
        phraseSet.occurs(inIgnoringCase: texts[link.element.index] ?? "", link.url.raw, link.element.attribute("title") ?? "")
    }

    /// True when the document has a platform's unsubscribe placeholder: in a link's address, as
    /// the platform's own element (`<unsubscribe>`), or in the text where the platform writes the
    /// whole link (`{% unsubscribe %}`, `{unsubscribe_text}`).
    public static func hasPlaceholder(in input: LintInput) -> Bool {
        if input.inventory.links.contains(where: { UnsubscribePlaceholders.isIn($0.url) }) { return true }
        let elements = input.document.elements
        // By index: `contains(where:)` copied every element to look at it.
        if elements.indices.contains(where: { elements[$0].name.isName("unsubscribe") }) { return true }
        return input.document.texts.contains { !$0.isHidden && UnsubscribePlaceholders.isIn($0.text) }
    }
}
