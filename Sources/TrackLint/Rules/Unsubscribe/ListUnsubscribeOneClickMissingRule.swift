import TrackLintParsing
import TrackLintPlatforms

struct ListUnsubscribeOneClickMissingRule: MessageRule {
    static let info = RuleInfo(
        code: "TL404", slug: "list-unsubscribe-one-click-missing", title: "List-Unsubscribe without one-click",
        summary: "`List-Unsubscribe` has an https URI but no `List-Unsubscribe-Post: List-Unsubscribe=One-Click`, or DKIM does not sign both",
        rationale: """
        RFC 8058 one-click unsubscribe needs both headers: an https URI in `List-Unsubscribe` and \
        `List-Unsubscribe-Post: List-Unsubscribe=One-Click` exactly, and the DKIM signature must cover \
        both (`h=` lists them), or a forwarder could add them. Gmail and Yahoo require one-click of \
        bulk senders; without it the unsubscribe button either is missing or opens a web page.
        """,
        fix: "Add `List-Unsubscribe-Post: List-Unsubscribe=One-Click` and sign both headers with DKIM",
        customer: CustomerWording(cause: "the List-Unsubscribe header lacks one-click unsubscribing, which Gmail and Yahoo require",
                                  remedy: "turn one-click unsubscribe (List-Unsubscribe-Post) on in the sending platform"),
        category: .unsubscribe, concerns: [.unsubscribe], stages: [.sent], defaultSeverity: .warning,
        triggering: [
            Example("From: a@x.example\nSubject: s\n⇣List-Unsubscribe: <https://x.example/u/1>\nContent-Type: text/html\n\n<p>x</p>\n", checksVariants: false),
            Example("From: a@x.example\nSubject: s\nList-Unsubscribe: <https://x.example/u/1>\n⇣List-Unsubscribe-Post: ListUnsubscribe=One-Click\nContent-Type: text/html\n\n<p>x</p>\n",
                    checksVariants: false),
            Example("⇣DKIM-Signature: v=1; d=x.example; s=k; h=from:subject; bh=x; b=y\nFrom: a@x.example\nSubject: s\nList-Unsubscribe: <https://x.example/u/1>\nList-Unsubscribe-Post: List-Unsubscribe=One-Click\nContent-Type: text/html\n\n<p>x</p>\n",
                    checksVariants: false),
        ],
        clean: [
            Example("DKIM-Signature: v=1; d=x.example; s=k; h=from:subject:list-unsubscribe:list-unsubscribe-post; bh=x; b=y\nFrom: a@x.example\nSubject: s\nList-Unsubscribe: <https://x.example/u/1>\nList-Unsubscribe-Post: List-Unsubscribe=One-Click\nContent-Type: text/html\n\n<p>x</p>\n",
                    checksVariants: false),
            Example("From: a@x.example\nSubject: s\nList-Unsubscribe: <mailto:u@x.example>\nContent-Type: text/html\n\n<p>x</p>\n", checksVariants: false),
        ])

    func check(_ context: inout MessageRuleContext) {
        let headers = context.message.headers
        guard let field = headers["List-Unsubscribe"],
              HeaderAnalysis.listUnsubscribeURIs(field.decodedValue).uris.contains(where: { $0.lowercased().hasPrefix("https://") })
        else { return }
        guard HeaderAnalysis.hasOneClickPost(headers) else {
            let post = headers["List-Unsubscribe-Post"]
            context.report(post.map { "List-Unsubscribe-Post is `\($0.value)`, not `List-Unsubscribe=One-Click`" }
                               ?? "List-Unsubscribe has an https URI but there is no List-Unsubscribe-Post header",
                           evidence: post.map { "\($0.name): \($0.value)" } ?? "\(field.name): \(field.value)", header: post ?? field)
            return
        }
        let signatures = headers.all("DKIM-Signature")
        guard !signatures.isEmpty,
              !signatures.contains(where: { HeaderAnalysis.signedHeaders($0).isSuperset(of: ["list-unsubscribe", "list-unsubscribe-post"]) }),
              let signature = signatures.first else { return }
        context.report("No DKIM signature covers both List-Unsubscribe and List-Unsubscribe-Post (`h=` lacks them)",
                       evidence: "h=\(HeaderAnalysis.signedHeaders(signature).sorted().joined(separator: ":"))", header: signature)
    }
}
