import Foundation
import TrackLintParsing

/// The fixes that make a URL absolute, shared by the link and image rules.
enum AbsoluteURLFixes {
    /// `https://` before a host written without a scheme, `https:` before `//`: safe, since that
    /// is the only reading a mail client could give the URL.
    static func schemePrefix(for kind: URLReference.Kind) -> ValueFix? {
        switch kind {
        case .missingScheme: ValueFix("Prefix `https://`", applicability: .safe, change: .insertBeforeValue("https://"))
        case .schemeRelative: ValueFix("Prefix `https:`", applicability: .safe, change: .insertBeforeValue("https:"))
        default: nil
        }
    }

    /// A relative reference resolved as a browser would against the input's base: `--base-url`
    /// (or config `baseUrl`), else the document's `<base href>`. Unsafe: mail clients resolve
    /// nothing, so the author must check that the page exists there.
    static func resolving(_ written: String, in input: LintInput) -> (url: String, fix: ValueFix)? {
        guard let base = input.resolutionBase, let resolved = URL(string: written, relativeTo: base)?.absoluteString else { return nil }
        return (resolved, ValueFix("Use the absolute URL `\(resolved)`", applicability: .unsafe, change: .replaceValue(resolved)))
    }
}
