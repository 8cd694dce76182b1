import TrackLintParsing
import TrackLintPlatforms

/// Reported by the engine once the other rules have run (it needs their findings): see
/// `InlineSuppressions`.
struct SuppressionUnusedRule: Rule {
    static let info = RuleInfo(
        code: "TL901", slug: "suppression-unused", title: "Suppression comment that suppressed nothing",
        summary: "A `tracklint-disable...` comment that suppressed nothing",
        rationale: """
        A suppression outlives the problem it was written for: the link gets fixed or moves, and the \
        comment stays, ready to hide the next real problem in the same place without anyone noticing. \
        Only rules that ran are judged, since a rule switched off could not have fired.
        """,
        fix: "Remove the comment, or the codes in it that no longer fire",
        category: .suppressions, concerns: [], stages: [.template, .sent], defaultSeverity: .warning,
        triggering: [
            Example("↓<!-- tracklint-disable-next-line TL301 -->\n<a href=\"https://x.example/\">Shop</a>",
                    checksConditionalVariant: false),
            Example("↓<!-- tracklint-disable-file TL304 -- placeholder links are filled later -->\n<a href=\"/a\">A</a>",
                    checksConditionalVariant: false),
        ],
        clean: [
            Example("<!-- tracklint-disable-next-line TL301 -->\n<a href=\"/a\">A</a>"),
            Example("<!-- tracklint-disable TL301 -->\n<a href=\"/a\">A</a>\n<!-- tracklint-enable TL301 -->"),
        ])
}
