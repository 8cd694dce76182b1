/// What to do in a platform's own terms, for the customer answer: each completes "to fix it, ...".
/// Nil where nothing platform-specific is known; the answer then uses the rule's general wording.
public struct PlatformAdvice: Sendable {
    /// How to test tracking instead of a test send.
    public let testSend: String?
    /// How to get the open pixel into the mail.
    public let opens: String?
    /// How to get a link tracked.
    public let clicks: String?
    /// How to get a working unsubscribe link or header.
    public let unsubscribe: String?

    package init(testSend: String? = nil, opens: String? = nil, clicks: String? = nil, unsubscribe: String? = nil) {
        self.testSend = testSend
        self.opens = opens
        self.clicks = clicks
        self.unsubscribe = unsubscribe
    }
}
