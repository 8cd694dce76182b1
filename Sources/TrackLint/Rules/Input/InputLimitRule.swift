import TrackLintParsing
import TrackLintPlatforms

struct InputLimitRule: MessageRule, DocumentRule {
    static let info = RuleInfo(
        code: "TL106", slug: "input-limit", title: "Input past a safety limit",
        summary: "The input went past a safety limit (size, MIME depth or parts, HTML nesting, elements, texts or attributes); says what was skipped. An error when bytes were left unread",
        rationale: """
        Email is hostile input: a message can nest MIME parts thousands deep, carry tens of \
        thousands of parts, or give one tag a million attributes to exhaust the programs that read it. tracklint stops at limits that real \
        mail never reaches and lints what it read; this finding says where it stopped, so a clean \
        result is never mistaken for a complete one. An input (or an mbox message) larger than \
        \(MailLimits().maximumInputBytes / 1024 / 1024) MiB is read only that far, and then the finding is an error: \
        what was not read was not checked, so the run must not pass.
        """,
        fix: "Check the message's source: real mail never reaches these limits",
        customer: CustomerWording(cause: "the email is larger or more deeply nested than tracklint reads, so part of it was not checked",
                                  remedy: "make the email smaller and simpler"),
        category: .input, concerns: Set(Concern.allCases), stages: [.template, .sent], defaultSeverity: .warning,
        triggering: [
            Example(deeplyNested, checksVariants: false),
            Example(String(repeating: "<div>", count: HTMLParser.maximumElementDepth + 5) + "⇣<a href=\"https://x.example/\">x</a>",
                    checksVariants: false),
        ],
        clean: [
            Example("From: a@x.example\nSubject: Shallow\nContent-Type: text/html\n\n<p>Hi</p>\n", checksVariants: false),
        ])

    /// Multiparts nested one deeper than `MailLimits().maximumDepth`; the marker sits on the
    /// Content-Type line of the part at the limit.
    static let deeplyNested: String = {
        let limit = MailLimits().maximumDepth
        var lines = ["From: a@x.example", "Subject: Deep", "Content-Type: multipart/mixed; boundary=\"b0\"", ""]
        for level in 0...limit {
            let marker = level + 1 == limit ? "⇣" : ""
            lines += ["--b\(level)", "\(marker)Content-Type: multipart/mixed; boundary=\"b\(level + 1)\"", ""]
        }
        return lines.joined(separator: "\n") + "\n"
    }()

    func check(_ context: inout MessageRuleContext) {
        for problem in context.message.problems {
            switch problem.kind {
            case .limit: context.report(problem)
            case .unread: context.report(problem, severity: .error)
            case .malformed, .charset: break
            }
        }
    }

    func check(_ context: inout RuleContext) {
        if let cut = context.input.cut {
            context.reportInput(cut.message("Input"), evidence: cut.evidence, severity: .error)
        }
        for limit in HTMLLimit.allCases where context.document.limitsReached.contains(limit) {
            let (message, evidence) = limit.description
            context.reportDocument(message, evidence: evidence)
        }
    }
}
