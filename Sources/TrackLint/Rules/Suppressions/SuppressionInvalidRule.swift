import TrackLintParsing
import TrackLintPlatforms

/// Reported by the engine while it reads suppression comments: see `InlineSuppressions`.
struct SuppressionInvalidRule: Rule {
    static let info = RuleInfo(
        code: "TL902", slug: "suppression-invalid", title: "Suppression comment that cannot be read",
        summary: "A `tracklint-disable...` comment with an unknown code or bad syntax",
        rationale: """
        A suppression with a typo in its directive or its code suppresses nothing, so the finding it was \
        meant for still fires, or the author believes a problem is handled when it is not. Header and \
        MIME findings of raw messages have no place in the HTML to put a comment, so only the config or \
        a baseline can suppress them. A document's first 1,000 suppression comments are read; the one \
        after them is reported and the rest are ignored.
        """,
        fix: "Write `tracklint-disable-next-line`, `tracklint-disable-line`, `tracklint-disable`, `tracklint-enable` or `tracklint-disable-file` followed by rule codes or slugs",
        category: .suppressions, concerns: [], stages: [.template, .sent], defaultSeverity: .warning,
        triggering: [
            Example("↓<!-- tracklint-disabel-next-line TL301 -->\n<a href=\"https://x.example/\">Shop</a>",
                    checksConditionalVariant: false),
            Example("↓<!-- tracklint-disable-next-line TL999 -->\n<a href=\"https://x.example/\">Shop</a>",
                    checksConditionalVariant: false),
            Example("↓<!-- tracklint-disable-file list-unsubscribe-missing -->\n<a href=\"https://x.example/\">Shop</a>",
                    checksConditionalVariant: false),
        ],
        clean: [
            Example("<!-- tracklint-disable-next-line href-relative -- reason -->\n<a href=\"/a\">A</a>"),
            Example("<!-- an ordinary comment about tracklint -->\n<p>x</p>"),
        ])
}
