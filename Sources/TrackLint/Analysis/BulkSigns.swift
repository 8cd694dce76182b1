import TrackLintParsing
import TrackLintPlatforms

/// What shows that a message is bulk or platform mail, for the inferred context (SPEC.md, "Inputs
/// and stage"): a missing pixel or unsubscribe link is no fault of a personal e-mail or a bounce.
public enum BulkSigns {
    /// Headers that only list and bulk mail carry.
    package static let listHeaders = ["List-Unsubscribe", "List-Id", "List-Post", "Feedback-ID", "X-Campaign", "X-CSA-Complaints"]
    /// Of those, the ones platforms add to all their mail, receipts too (Amazon SES gives every
    /// message a Feedback-ID): like a platform's headers, transactional wording outweighs them.
    package static let platformWideHeaders: Set<String> = ["Feedback-ID"]

    /// Whether the message is a delivery report (a bounce), which quotes the bulk mail it is about
    /// and is not bulk mail itself.
    public static func isDeliveryReport(_ message: MailMessage) -> Bool {
        message.root.contentType.mimeType == "multipart/report"
    }

    /// Signs only lists send: list headers and `Precedence: bulk|list`. They outweigh wording, but
    /// for those of `platformWideHeaders` (`isListOnly`).
    public static func listSigns(_ message: MailMessage) -> [String] {
        let headers = message.headers
        var signs = listHeaders.filter { headers[$0] != nil }.map { "header \($0)" }
        if let precedence = headers["Precedence"]?.value.trimmingASCIISpaces(),
           precedence.lowercased().contains("bulk") || precedence.lowercased().contains("list") {
            signs.append("header Precedence: \(precedence)")
        }
        return signs
    }

    /// Whether a sign of `listSigns` is one that only lists send.
    package static func isListOnly(_ sign: String) -> Bool {
        !platformWideHeaders.contains { sign == "header \($0)" }
    }

    /// Signs that a platform sent it, by its headers or its tracking URLs: transactional mail goes
    /// through platforms too, so wording can outweigh these.
    public static func platformSigns(_ message: MailMessage?, inputs: [LintInput]) -> [String] {
        var signs: [String] = []
        if let (name, evidence) = message?.platformFromHeaders {
            signs.append("platform \(name) (\(evidence.first ?? "headers"))")
        }
        for input in inputs {
            let tracking = input.tracking
            if let link = input.inventory.webLinks.first(where: tracking.isTracked), let host = link.url.host {
                signs.append("links tracked through \(host)")
                break
            }
            if let detected = tracking.detectedPlatform {
                signs.append(detected.evidence)
                break
            }
        }
        return signs
    }
}
