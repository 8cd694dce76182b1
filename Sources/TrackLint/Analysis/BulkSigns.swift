import TrackLintParsing
import TrackLintPlatforms

/// Whether a message looks like bulk or platform mail, for the rules that only make sense there
/// (a missing pixel or unsubscribe link is no fault of a personal e-mail or a bounce).
public enum BulkSigns {
    /// Headers that only list and bulk mail carry.
    package static let listHeaders = ["List-Unsubscribe", "List-Id", "List-Post", "Feedback-ID", "X-Campaign", "X-CSA-Complaints"]

    /// True for mail a platform sent (by its headers or its tracking URLs), or that carries list
    /// headers or `Precedence: bulk|list`.
    public static func present(_ message: MailMessage, tracking: TrackingAnalysis? = nil) -> Bool {
        // Delivery reports (bounces) quote the bulk mail they are about; they are not bulk mail.
        if message.root.contentType.mimeType == "multipart/report" { return false }
        let headers = message.headers
        if message.platformFromHeaders != nil { return true }
        if listHeaders.contains(where: { headers[$0] != nil }) { return true }
        if let precedence = headers["Precedence"]?.value.lowercased(), precedence.contains("bulk") || precedence.contains("list") {
            return true
        }
        return tracking.map { $0.carriesPlatformTracking || !$0.trackingHosts.isEmpty } ?? false
    }
}
