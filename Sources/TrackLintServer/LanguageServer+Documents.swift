import Foundation
import TrackLint
import TrackLintReporters

/// Text synchronisation, linting and configuration.
extension LanguageServer {
    func didOpen(_ params: JSONObject) throws(RPCError) {
        let item = try params.object("textDocument")
        let uri = try item.string("uri")
        var document = OpenDocument(uri: uri, version: item["version"] as? Int, text: try item.string("text"))
        lint(&document)
        documents[uri] = document
    }

    /// Applies the changes in order: a change without a range is the whole text, one with a range
    /// replaces that range of the text as the previous change left it.
    func didChange(_ params: JSONObject) throws(RPCError) {
        var document = try openDocument(params)
        for change in try params.objects("contentChanges") {
            let text = try change.string("text")
            if let range = change.optionalObject("range") {
                let start = document.text.offset(of: try range.position("start"), encoding: encoding)
                let end = document.text.offset(of: try range.position("end"), encoding: encoding)
                document.text.replace(start..<max(start, end), with: text)
            } else {
                document.text = DocumentText(text)
            }
        }
        document.version = try params.object("textDocument")["version"] as? Int
        lint(&document)
        documents[document.uri] = document
    }

    /// Reads the configurations again and lints every document: they may have changed too, for
    /// clients that do not report watched files.
    func didSave(_ params: JSONObject) throws(RPCError) {
        var document = try openDocument(params)
        if let text = params["text"] as? String { document.text = DocumentText(text) }
        documents[document.uri] = document
        reloadConfiguration()
    }

    func didClose(_ params: JSONObject) throws(RPCError) {
        let document = try openDocument(params)
        documents[document.uri] = nil
        send(RPCMessage.notification("textDocument/publishDiagnostics", ["uri": document.uri, "diagnostics": [Any]()]))
    }

    /// A configuration file changed: read them all again and lint every open document.
    func reloadConfiguration() {
        linters = nil
        for uri in documents.keys.sorted() {
            guard var document = documents[uri] else { continue }
            lint(&document)
            documents[uri] = document
        }
    }

    /// Lints a document with the configurations that apply to its path, and publishes the result.
    func lint(_ document: inout OpenDocument) {
        do {
            if linters == nil {
                linters = try ConfiguredLinter(source: configurationSource)
                warningsSent = 0
            }
            let docsURL = try linters?.resolver.docsURL(nil).map(RuleDocsURL.init)
            document.lint(with: try linters?.linter(for: document.path), docsURL: docsURL)
        } catch {
            document.published = []
            document.configurationProblem = "tracklint cannot use its configuration: \(error)"
            linters = nil
        }
        if let warnings = linters?.resolver.warnings, warnings.count > warningsSent {
            for warning in warnings[warningsSent...] { log(warning, type: 2) }
            warningsSent = warnings.count
        }
        var params: [String: Any] = ["uri": document.uri, "diagnostics": document.diagnostics(encoding)]
        if let version = document.version { params["version"] = version }
        send(RPCMessage.notification("textDocument/publishDiagnostics", params))
    }
}
