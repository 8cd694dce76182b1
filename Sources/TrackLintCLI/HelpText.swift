import TrackLint
import TrackLintParsing
import TrackLintPlatforms
import TrackLintReporters

/// The text of `--help` and `tracklint help COMMAND`.
enum HelpText {
    static let main = """
    tracklint \(ToolInfo.version): finds why email open tracking, click tracking and unsubscribe links break.

    Usage:
      tracklint check [OPTIONS] PATH... | -     lint HTML files, folders, or standard input
                      [--format \(checkFormats)]
      tracklint PATH...                         the same as `tracklint check PATH...`
      tracklint rules [--format \(TrackLintCommand.ruleFormats.joined(separator: "|"))] [--output-dir DIR]
                                                every rule (markdown: the rule pages)
      tracklint explain CODE|SLUG               a rule's documentation, examples and fix
      tracklint extract PATH [--part P] [--format \(ExtractCommand.formats.joined(separator: "|"))]
                                                the decoded HTML of a message, as it was sent
      tracklint init                            write a starter .tracklint.json here (never overwrites)
      tracklint server                          the language server for editors (LSP over stdio)
      tracklint help COMMAND                    help for one command
      tracklint --version

    Exit codes: 0 no findings at or above --fail-on, 1 findings, 2 usage error or unreadable input.
    Run `tracklint help check` for the options of check.

    """

    private static let checkFormats = CheckCommand.Format.allCases.map(\.rawValue).joined(separator: "|")

    static let check = """
    Usage: tracklint check [OPTIONS] PATH... | -

    Lints HTML files, template sources (MJML, Handlebars, Liquid, Nunjucks, Jinja), raw messages (.eml,
    pasted "show original" source) and mbox files: files named directly, folders (recursively: .html
    .htm .twig .eml .mbox .msg.txt .mjml .hbs .handlebars .liquid .njk .jinja .j2) and `-` (standard input).

    Options:
      --stage auto|template|sent       what the input is (default auto: HTML with platform tracking is sent)
      --context auto|campaign|transactional|test
                                       what kind of mail it is (default auto: inferred per input)
      --platform auto|NAME             the sending platform (mautic, mailchimp, sendgrid, ...)
      --tracking-domain HOST           a host tracked links go through (repeatable)
      --base-url URL                   the public URL relative links were meant for (fixes use it)
      --format \(checkFormats)
                                       output format (default text); jsonl is one JSON object a
                                       line, for pipelines; html is a self-contained report for
                                       people, safe to open (it loads nothing); answer is a plain
                                       explanation to send to a customer
      --output FILE                    write the report to FILE
      --fail-on error|warning|info|never
                                       lowest severity that makes the exit code 1 (default error)
      --exit-zero                      exit 0 even when there are findings
      --select CODES                   only these rules (codes, slugs or prefixes such as TL3; comma-separated)
      --ignore CODES                   skip these rules
      --stdin-filename NAME            the name to report for standard input
      --sarif-category ID              SARIF automationDetails.id, to upload several runs to one repository
      --docs-url URL                   where the rule pages are (SARIF helpUri; {code} and {slug} are replaced)
      --fix                            apply the safe fixes to template files (never to messages);
                                       `--fix -` prints the fixed text and reports on stderr
      --unsafe-fixes                   with --fix or --diff, the unsafe fixes too (check them)
      --diff                           print the unified diff --fix would make, write nothing
                                       (exit 1 when there is one)
      --extension EXT                  also scan folders for *.EXT files (repeatable)
      --write-baseline FILE            accept every current finding: write them to FILE, report none
      --baseline FILE                  report only findings that FILE does not accept
      --config FILE                    use only this config file (no .tracklint.json search)
      --no-config                      ignore config files
      -j, --jobs N                     files linted at once (default: the number of cores); same output
      --color auto|always|never        colour in text output (auto: on a terminal, unless NO_COLOR is set)
      --statistics                     print how often each rule fired instead of the findings
      -q, --quiet                      print findings only, no summary (and no progress line)
      --no-progress                    no progress line (shown on a terminal after 2 s, not when CI is set)
      --online                         also look up the tracking hosts (DNS, a TLS handshake, HSTS),
                                       never a tracked link or a pixel (rules TL507-TL510)
      --dns-server HOST[:PORT]         with --online: the DNS server to ask (default: /etc/resolv.conf's)
      --ca-file FILE                   with --online: a private CA (PEM) to trust beside the system's

    """

    static let rules = """
    Usage: tracklint rules [--format \(TrackLintCommand.ruleFormats.joined(separator: "|"))] [--output-dir DIR]

    Lists every rule: code, slug, stages (T template, S sent), default severity and summary.
    With --format markdown, prints every rule's page; with --output-dir DIR too, writes one page per
    rule and an index (README.md) to DIR instead, as docs/rules is made.

    """

    static let explain = """
    Usage: tracklint explain CODE|SLUG

    Shows a rule's documentation: why it breaks tracking, a triggering and a clean example, and the fix.

    """

    static let extract = """
    Usage: tracklint extract PATH|- [--message N] [--part P] [--format \(ExtractCommand.formats.joined(separator: "|"))]

    Prints the decoded HTML of a message's text/html parts as UTF-8: transfer encoding and charset
    undone, as tracklint lints it. --part takes a part path as findings show it (1.2); --message an
    mbox member's index. Several parts are separated by a comment naming each.

    """

    static let initCommand = """
    Usage: tracklint init

    Writes a starter .tracklint.json in the current folder: every setting a project usually changes,
    at its default. Refuses (exit 2) when the file exists.

    """

    static let server = """
    Usage: tracklint server [--config FILE | --no-config]

    Speaks the Language Server Protocol on standard input and output, for editors: diagnostics for
    open documents as they change, code actions with each finding's fix and a comment disabling it
    for its line, hover with the rule's explanation. Configurations are found from each document's
    path as `tracklint check` finds them, and read again when a `.tracklint.json` changes.

    """
}
