import Foundation
import TrackLint
import TrackLintParsing
import TrackLintReporters

/// `tracklint server`: the Language Server Protocol over a byte stream. One message is handled at a
/// time, in the order received; diagnostics are published as soon as a change is applied. It reads
/// only its input and the configuration files, and writes only through `write`.
package final class LanguageServer {
    /// How a run ended.
    package struct Ending: Equatable {
        /// 0 after `shutdown` then `exit` (or the end of the input), 1 otherwise (LSP's rule).
        package let exitCode: Int32
        /// Why the stream could not be read or written, when it could not.
        package let problem: String?
    }

    private enum State { case starting, running, shutDown }

    private let reader: MessageFraming.Reader
    private let write: (String) throws -> Void
    let configurationSource: ConfigurationResolver.Source
    private var state = State.starting
    package private(set) var encoding = PositionEncoding.utf16
    var documents: [String: OpenDocument] = [:]
    var linters: ConfiguredLinter?
    /// How many of the resolver's warnings the client has been sent.
    var warningsSent = 0
    private var clientWatchesFiles = false
    private var nextRequestID = 1
    private var writeFailure: String?

    /// `write` takes each framed message; a failure ends the run.
    package init(input: ByteReader, write: @escaping (String) throws -> Void,
                 configuration: ConfigurationResolver.Source = .discover) {
        reader = MessageFraming.Reader(input)
        self.write = write
        configurationSource = configuration
    }

    /// Serves until `exit`, the end of the input, or a stream failure.
    package func run() -> Ending {
        while writeFailure == nil {
            switch reader.next() {
            case .end(let problem):
                return Ending(exitCode: state == .shutDown && problem == nil ? 0 : 1, problem: problem)
            case .malformed(let problem):
                send(RPCMessage.error(id: NSNull(), RPCError(RPCError.parseError, problem)))
            case .body(let body):
                if let exitCode = handle(body) { return Ending(exitCode: exitCode, problem: writeFailure) }
            }
        }
        return Ending(exitCode: 1, problem: writeFailure)
    }

    /// Handles one message; returns the exit code once `exit` arrives.
    private func handle(_ body: [UInt8]) -> Int32? {
        switch IncomingMessage.decode(body) {
        case .invalid(let id, let error):
            send(RPCMessage.error(id: id, error))
        case .response:
            break
        case .request(let id, let method, let params):
            do {
                send(RPCMessage.response(id: id, result: try answer(method, params)))
            } catch {
                send(RPCMessage.error(id: id, error))
            }
        case .notification("exit", _):
            return state == .shutDown ? 0 : 1
        case .notification(let method, let params):
            do {
                try notice(method, params)
            } catch {
                log("\(method): \(error.message)", type: 1)
            }
        }
        return nil
    }

    private func answer(_ method: String, _ params: JSONObject) throws(RPCError) -> Any {
        switch (state, method) {
        case (.starting, "initialize"): return initialize(params)
        case (_, "initialize"): throw RPCError(RPCError.invalidRequest, "the server is already initialized")
        case (.starting, _): throw RPCError(RPCError.serverNotInitialized, "`initialize` must come first")
        case (.shutDown, _): throw RPCError(RPCError.invalidRequest, "the server is shut down; only `exit` is expected")
        case (.running, "shutdown"):
            state = .shutDown
            return NSNull()
        case (.running, "textDocument/codeAction"): return try codeActions(params)
        case (.running, "textDocument/hover"): return try hover(params)
        default: throw RPCError(RPCError.methodNotFound, "unknown method `\(method)`")
        }
    }

    private func notice(_ method: String, _ params: JSONObject) throws(RPCError) {
        guard state == .running else { return }
        switch method {
        case "initialized": registerConfigurationWatcher()
        case "textDocument/didOpen": try didOpen(params)
        case "textDocument/didChange": try didChange(params)
        case "textDocument/didSave": try didSave(params)
        case "textDocument/didClose": try didClose(params)
        case "workspace/didChangeWatchedFiles": reloadConfiguration()
        default: break  // `$/cancelRequest`, `$/setTrace`, settings: nothing to do
        }
    }

    private func initialize(_ params: JSONObject) -> Any {
        let capabilities = params.optionalObject("capabilities")
        let offered = capabilities?.optionalObject("general")?["positionEncodings"] as? [String]
        encoding = PositionEncoding.negotiated(offered: offered)
        clientWatchesFiles = capabilities?.optionalObject("workspace")?.optionalObject("didChangeWatchedFiles")?["dynamicRegistration"]
            as? Bool ?? false
        state = .running
        return [
            "capabilities": [
                "positionEncoding": encoding.rawValue,
                "textDocumentSync": ["openClose": true, "change": 2, "save": ["includeText": true]],
                "codeActionProvider": ["codeActionKinds": ["quickfix", "source.fixAll.tracklint"]],
                "hoverProvider": true,
            ],
            "serverInfo": ["name": ToolInfo.name, "version": ToolInfo.version],
        ]
    }

    /// Asks the client to report changes of configuration files, where it takes registrations.
    private func registerConfigurationWatcher() {
        guard clientWatchesFiles else { return }
        let watcher: [String: Any] = ["globPattern": "**/" + Configuration.fileName]
        send(RPCMessage.request(id: nextRequestID, "client/registerCapability", [
            "registrations": [["id": "tracklint-configuration", "method": "workspace/didChangeWatchedFiles",
                               "registerOptions": ["watchers": [watcher]]]],
        ]))
        nextRequestID += 1
    }

    private func codeActions(_ params: JSONObject) throws(RPCError) -> Any {
        let document = try openDocument(params)
        let range = try params.object("range")
        let start = document.text.offset(of: try range.position("start"), encoding: encoding)
        let end = document.text.offset(of: try range.position("end"), encoding: encoding)
        let only = params.optionalObject("context")?["only"] as? [String]
        return document.codeActions(in: start..<max(start, end), only: only, encoding)
    }

    private func hover(_ params: JSONObject) throws(RPCError) -> Any {
        let document = try openDocument(params)
        return document.hover(at: document.text.offset(of: try params.position("position"), encoding: encoding), encoding) ?? NSNull()
    }

    /// The open document `textDocument.uri` names.
    func openDocument(_ params: JSONObject) throws(RPCError) -> OpenDocument {
        let uri = try params.object("textDocument").string("uri")
        guard let document = documents[uri] else { throw .invalidParams("`\(uri)` is not open") }
        return document
    }

    func send(_ message: String) {
        guard writeFailure == nil else { return }
        do {
            try write(MessageFraming.frame(message))
        } catch {
            writeFailure = "\(error)"
        }
    }

    /// `window/logMessage`; `type` 1 error, 2 warning, 3 info.
    func log(_ message: String, type: Int) {
        send(RPCMessage.notification("window/logMessage", ["type": type, "message": "tracklint: " + message]))
    }
}
