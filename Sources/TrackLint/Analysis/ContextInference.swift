import TrackLintParsing
import TrackLintPlatforms

/// The context an input is judged in: the user's statement (`--context`, config), or what
/// tracklint inferred from the input and why (SPEC.md, "Inputs and stage").
public struct ResolvedContext: Sendable, Hashable, Codable {
    public let value: MailContext
    public let inferred: Bool
    public let evidence: [String]
    /// A delivery report (bounce) is never judged for pixel or unsubscribe.
    public let isDeliveryReport: Bool

    /// The rules whose subject the diagnosis always states ("no pixel", "no List-Unsubscribe"):
    /// with an inferred context they always run, so that a finding says what the diagnosis says.
    package static let statedByDiagnosis: Set<String> = [
        PixelMissingRule.info.code, UnsubscribeMissingRule.info.code, ListUnsubscribeMissingRule.info.code,
    ]

    /// Whether the context requires what the rule checks: an inferred context requires a pixel and
    /// unsubscribe paths of campaigns only.
    package func requires(_ code: String) -> Bool {
        !(inferred && value != .campaign && Self.statedByDiagnosis.contains(code))
    }

    /// A finding the context does not require stays, at info, and says why.
    package func adjusted(_ finding: Finding) -> Finding {
        guard !requires(finding.code) else { return finding }
        var finding = finding
        finding.severity = .info
        finding.help += " (needed in campaign mail only; judged \(value.rawValue): " + evidence.joined(separator: ", ")
            + "; pass `--context campaign` if it is one)"
        return finding
    }
}

/// Infers the context of an input when none is stated.
public enum ContextInference {
    /// The context for a message (with its `text/html` parts) or an HTML file (`message` nil).
    package static func resolve(options: LintOptions, message: MailMessage?, inputs: [LintInput]) -> ResolvedContext {
        if let stated = options.context {
            return ResolvedContext(value: stated, inferred: false, evidence: ["--context or config"], isDeliveryReport: false)
        }
        func inferred(_ value: MailContext, _ evidence: [String]) -> ResolvedContext {
            ResolvedContext(value: value, inferred: true, evidence: evidence, isDeliveryReport: false)
        }
        guard let message else { return resolveHTML(inputs) }
        if BulkSigns.isDeliveryReport(message) {
            return ResolvedContext(value: .transactional, inferred: true, evidence: ["delivery report (multipart/report)"],
                                   isDeliveryReport: true)
        }
        let listSigns = BulkSigns.listSigns(message)
        let platformSigns = BulkSigns.platformSigns(message, inputs: inputs)
        if listSigns.contains(where: BulkSigns.isListOnly) { return inferred(.campaign, listSigns + platformSigns) }
        if let wording = TransactionalWording.first(in: message.subject ?? "") {
            return inferred(.transactional, ["subject reads as transactional (`\(wording)`)"])
        }
        if !listSigns.isEmpty || !platformSigns.isEmpty { return inferred(.campaign, listSigns + platformSigns) }
        return inferred(.transactional, ["no bulk signs (platform, list headers, Precedence: bulk, tracked links)"])
    }

    private static func resolveHTML(_ inputs: [LintInput]) -> ResolvedContext {
        func inferred(_ value: MailContext, _ evidence: String) -> ResolvedContext {
            ResolvedContext(value: value, inferred: true, evidence: [evidence], isDeliveryReport: false)
        }
        guard let input = inputs.first else { return inferred(.campaign, "no HTML") }
        if input.hasUnsubscribeLinkOrPlaceholder { return inferred(.campaign, "an unsubscribe link or placeholder") }
        if let wording = TransactionalWording.first(in: TransactionalWording.headline(of: input.document)) {
            return inferred(.transactional, "wording reads as transactional (`\(wording)`)")
        }
        if let sign = BulkSigns.platformSigns(nil, inputs: inputs).first { return inferred(.campaign, sign) }
        return inferred(.campaign, "HTML without transactional wording (judged as a campaign)")
    }
}

/// The wording of receipts, password resets, invoices and verification mail, in the languages
/// mail is written in.
package enum TransactionalWording {
    package static let phrases = [
        "password reset", "reset your password", "reset password", "forgot your password", "receipt", "invoice",
        "verify your email", "verify your e-mail", "verify your account", "verification code", "confirm your email",
        "confirm your e-mail", "confirm your account", "confirm your subscription", "email confirmation",
        "order confirmation", "shipping confirmation", "one-time password", "security code", "login code", "sign-in code",
        "thank you for your order", "thanks for your order", "order number", "order #", "has been shipped", "has shipped",
        "tracking number", "your booking", "booking confirmation", "your reservation", "payment received",
        "payment confirmation", "payment has been received", "payment was received", "billing statement",
        "statement is available", "your password", "your account has", "your trial", "sign-in attempt", "sign in attempt",
        "login attempt", "security alert", "new sign-in", "activate your account", "magic link", "sign-in link",
        "login link", "two-factor", "passwort zurücksetzen", "rechnung", "quittung", "bestellbestätigung",
        "bestätigen sie ihre", "danke für ihre bestellung", "bestellnummer", "versandbestätigung",
        "réinitialiser votre mot de passe", "réinitialisation du mot de passe", "facture", "confirmez votre",
        "merci pour votre commande", "numéro de commande", "restablecer tu contraseña", "restablecer su contraseña",
        "factura", "recibo", "verifica tu", "gracias por tu pedido", "gracias por su pedido", "número de pedido",
        "redefinir sua senha", "fatura", "obrigado pelo seu pedido", "wachtwoord opnieuw instellen", "factuur",
        "bedankt voor je bestelling", "reimposta la password", "fattura", "ricevuta", "grazie per il tuo ordine",
    ]

    /// How much of the visible text, from the start, counts as the headline of an HTML file.
    package static let headlineLength = 300

    private static let phraseSet = PhraseSet(phrases)

    /// The first phrase the text contains, as written in the list.
    package static func first(in text: String) -> String? {
        // Searched in one pass over the bytes (`PhraseSet`).
        phraseSet.first(inIgnoringCase: text)
    }

    /// What says what an HTML file is: its title, its headings and the start of its visible text.
    package static func headline(of document: HTMLDocument) -> String {
        // The parent's name is read in place and compared with four short strings: a copy of each
        // text's parent and a hashed look-up cost more than the rest of the inference.
        var parts = document.texts.filter { text in
            guard let parent = text.parent, document.elements.indices.contains(parent) else { return false }
            let name = document.elements[parent].name
            // Compared only at the lengths of the four: most parents are `td`, `p`, `a` or `span`.
            guard name.utf8.count == 2 || name.utf8.count == 5 else { return false }
            switch name {
            case "title", "h1", "h2", "h3": return true
            default: return false
            }
        }.map(\.text)
        let start = visibleStart(of: document)
        if let bytes = asciiPrefix(of: start, characters: headlineLength) {
            parts.append(String(start[..<start.utf8.index(start.startIndex, offsetBy: bytes)]))
        } else {
            parts.append(String(start.prefix(headlineLength)))
        }
        return joinedWithSpaces(parts)
    }

    /// The visible texts joined with spaces, as far as the headline can reach: joining all of them
    /// made a copy of the whole text of every document. A text joined merges at most with the last
    /// character before it, so once the join surely has two characters more than the headline, what
    /// follows cannot change the headline: the last text is cut there (a long paragraph was copied whole).
    private static func visibleStart(of document: HTMLDocument) -> String {
        var joined: [String] = []
        var leastCharacters = 0
        for text in document.texts where !text.isHidden {
            let (counted, end) = charactersAtLeast(in: text.text, upTo: headlineLength + 2)
            leastCharacters += joined.isEmpty ? counted : counted - 1
            guard leastCharacters >= headlineLength + 2 else {
                joined.append(text.text)
                continue
            }
            joined.append(end.map { String(decoding: text.text.utf8.prefix($0), as: UTF8.self) } ?? text.text)
            break
        }
        return joinedWithSpaces(joined)
    }

    /// The texts joined with spaces, their bytes copied once into a string of the joined length:
    /// the generic `joined(separator:)` grew its result text by text.
    private static func joinedWithSpaces(_ texts: [String]) -> String {
        let count = texts.reduce(texts.count - 1) { $0 + $1.utf8.count }
        guard count > 0 else { return "" }
        return String(unsafeUninitializedCapacity: count) { buffer in
            var offset = 0
            for (index, text) in texts.enumerated() {
                if index > 0 {
                    buffer[offset] = UInt8(ascii: " ")
                    offset += 1
                }
                offset += text.withUTF8InPlace { UnsafeMutableBufferPointer(rebasing: buffer[offset...]).initialize(fromContentsOf: $0) }
            }
            return offset
        }
    }

    /// At most `limit`, and no more than the characters of `text`: its ASCII bytes followed by
    /// ASCII or nothing (but CR before LF) each end a character. Counting characters the general
    /// way cost more than the rest of the inference, on the white space between the tags of every
    /// document (`&nbsp;` is outside ASCII). With the count, where the bytes that make `limit`
    /// end when it was reached on them: a character ends there, so the text may be cut there.
    private static func charactersAtLeast(in text: String, upTo limit: Int) -> (count: Int, end: Int?) {
        let counted = text.utf8.withContiguousStorageIfAvailable { bytes -> (count: Int, end: Int?) in
            var characters = 0
            var offset = 0
            while offset < bytes.count && characters < limit {
                // Eight ASCII bytes but CR, with ASCII after them, end eight characters: most text
                // is counted a word at a time.
                if offset + 9 <= bytes.count && characters + 8 <= limit {
                    let eight = UnsafeRawPointer(bytes.baseAddress! + offset).loadUnaligned(as: UInt64.self)
                    let carriageReturns = eight ^ 0x0D0D_0D0D_0D0D_0D0D
                    if eight & 0x8080_8080_8080_8080 == 0 && bytes[offset + 8] < 0x80
                        && (carriageReturns &- 0x0101_0101_0101_0101) & ~carriageReturns & 0x8080_8080_8080_8080 == 0 {
                        characters += 8
                        offset += 8
                        continue
                    }
                }
                let next = offset + 1 < bytes.count ? bytes[offset + 1] : 0
                if bytes[offset] < 0x80 && next < 0x80 && !(bytes[offset] == 0x0D && next == 0x0A) { characters += 1 }
                offset += 1
            }
            return (characters, characters == limit ? offset : nil)
        }
        return counted ?? (min(text.prefix(limit).count, limit), nil)
    }

    /// The UTF-8 length of the first `limit` characters of `text`, counted on its bytes, where
    /// ASCII's only character of two is CR LF: nil when a byte outside ASCII comes first or right
    /// after them (a mark that may join the last).
    private static func asciiPrefix(of text: String, characters limit: Int) -> Int? {
        let length = text.utf8.withContiguousStorageIfAvailable { bytes -> Int? in
            var offset = 0
            var characters = 0
            while offset < bytes.count && characters < limit {
                guard bytes[offset] < 0x80 else { return nil }
                offset += bytes[offset] == 0x0D && offset + 1 < bytes.count && bytes[offset + 1] == 0x0A ? 2 : 1
                characters += 1
            }
            return offset < bytes.count && bytes[offset] >= 0x80 ? nil : offset
        }
        return length ?? nil
    }
}
