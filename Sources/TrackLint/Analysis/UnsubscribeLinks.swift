/// Finds the links that read as unsubscribe links, in the languages newsletters are written in.
public enum UnsubscribeLinks {
    /// Lower-case words and phrases that name unsubscribing, in link text, URL or title.
    static let phrases = [
        "unsubscribe", "unsub", "opt out", "opt-out", "optout", "remove me", "email preferences", "manage subscription",
        "abmelden", "abbestellen", "austragen", "abmeldung", "newsletter kündigen",
        "désabonner", "desabonner", "désinscri", "desinscri", "se désinscrire",
        "darse de baja", "dar de baja", "darme de baja", "cancelar suscripción", "cancelar inscrição", "descadastr",
        "afmelden", "uitschrijven", "disiscriviti", "cancella iscrizione", "annulla iscrizione", "wypisz", "rezygnuj",
        "отписаться", "отписка", "avregistrera", "avsluta prenumeration", "afmeld", "odhlásit", "leiratkoz",
        "配信停止", "退订", "取消订阅", "수신거부",
    ]

    /// The text of every link, by element index: all text inside the `<a>`.
    static func linkTexts(_ document: HTMLDocument, links: [URLAttribute]) -> [Int: String] {
        var texts: [Int: String] = [:]
        let linkIndexes = Set(links.map(\.element.index))
        for text in document.texts where !text.isHidden {
            var current = document.element(text.parent)
            while let element = current {
                if linkIndexes.contains(element.index) {
                    texts[element.index, default: ""] += text.text
                    break
                }
                current = document.element(element.parent)
            }
        }
        return texts
    }

    /// Links whose text, URL or title reads as unsubscribe.
    public static func find(in input: LintInput) -> [URLAttribute] {
        let links = input.inventory.links
        let texts = linkTexts(input.document, links: links)
        return links.filter { link in
            let haystack = [texts[link.element.index] ?? "", link.url.raw, link.element.attribute("title") ?? ""]
                .joined(separator: " ").lowercased()
            return phrases.contains { haystack.contains($0) }
        }
    }

    /// True when the document has an unsubscribe link, or an unsubscribe placeholder of any platform.
    public static func present(in input: LintInput) -> Bool {
        if !find(in: input).isEmpty { return true }
        if input.inventory.links.contains(where: { !UnsubscribePlaceholders.spans(in: $0.url.raw).isEmpty }) { return true }
        if input.document.elements.contains(where: { $0.name == "unsubscribe" }) { return true }
        return input.document.texts.contains { !$0.isHidden && !UnsubscribePlaceholders.spans(in: $0.text).isEmpty }
    }
}
