import Foundation

/// A JSON-RPC error answer (JSON-RPC 2.0 and LSP's codes).
package struct RPCError: Error, Equatable {
    package let code: Int
    package let message: String

    package static let parseError = -32700
    package static let invalidRequest = -32600
    package static let methodNotFound = -32601
    package static let invalidParams = -32602
    package static let internalError = -32603
    package static let serverNotInitialized = -32002

    package init(_ code: Int, _ message: String) {
        self.code = code
        self.message = message
    }

    package static func invalidParams(_ message: String) -> RPCError { RPCError(invalidParams, message) }
}

/// One decoded message from the client.
package enum IncomingMessage {
    /// `id` is the request's own (a number or a string), echoed in the answer.
    case request(id: Any, method: String, params: JSONObject)
    case notification(method: String, params: JSONObject)
    /// An answer to a request of ours; nothing waits for one.
    case response
    /// Not a JSON-RPC message: answered with `error`, under the message's id where it has a valid one.
    case invalid(id: Any, error: RPCError)

    /// Decodes a frame's body.
    package static func decode(_ body: [UInt8]) -> IncomingMessage {
        guard let value = try? JSONSerialization.jsonObject(with: Data(body), options: [.fragmentsAllowed]) else {
            return .invalid(id: NSNull(), error: RPCError(RPCError.parseError, "the message is not valid JSON"))
        }
        guard let object = value as? [String: Any] else {
            return .invalid(id: NSNull(), error: RPCError(RPCError.invalidRequest, "a message must be a JSON object"))
        }
        let id = object["id"]
        let validID = id.map { $0 is String || ($0 is NSNumber && !Self.isBoolean($0)) } ?? true
        guard validID else {
            return .invalid(id: NSNull(), error: RPCError(RPCError.invalidRequest, "`id` must be a number or a string"))
        }
        guard let method = object["method"] else {
            if id != nil, object["result"] != nil || object["error"] != nil { return .response }
            return .invalid(id: id ?? NSNull(), error: RPCError(RPCError.invalidRequest, "the message has no `method`"))
        }
        guard let name = method as? String else {
            return .invalid(id: id ?? NSNull(), error: RPCError(RPCError.invalidRequest, "`method` must be a string"))
        }
        let params = JSONObject(object["params"] as? [String: Any] ?? [:])
        if let id { return .request(id: id, method: name, params: params) }
        return .notification(method: name, params: params)
    }

    private static func isBoolean(_ value: Any) -> Bool {
        // JSON gives booleans as NSNumbers of type `c` (char); its numbers are never chars.
        (value as? NSNumber).map { String(cString: $0.objCType) == "c" } ?? false
    }
}

/// A JSON object from the client, read with errors that name what is missing.
package struct JSONObject {
    package let value: [String: Any]

    package init(_ value: [String: Any]) { self.value = value }

    package subscript(_ key: String) -> Any? { value[key] }

    package func object(_ key: String) throws(RPCError) -> JSONObject {
        guard let object = value[key] as? [String: Any] else { throw .invalidParams("`\(key)` must be an object") }
        return JSONObject(object)
    }

    package func optionalObject(_ key: String) -> JSONObject? { (value[key] as? [String: Any]).map(JSONObject.init) }

    package func string(_ key: String) throws(RPCError) -> String {
        guard let string = value[key] as? String else { throw .invalidParams("`\(key)` must be a string") }
        return string
    }

    package func integer(_ key: String) throws(RPCError) -> Int {
        guard let number = value[key] as? NSNumber, let integer = Int(exactly: number.doubleValue) else {
            throw .invalidParams("`\(key)` must be an integer")
        }
        return integer
    }

    package func objects(_ key: String) throws(RPCError) -> [JSONObject] {
        guard let array = value[key] as? [Any] else { throw .invalidParams("`\(key)` must be an array") }
        return try array.map { element throws(RPCError) in
            guard let object = element as? [String: Any] else { throw .invalidParams("`\(key)` must hold objects") }
            return JSONObject(object)
        }
    }

    /// An LSP `Position`.
    package func position(_ key: String) throws(RPCError) -> Position {
        let object = try object(key)
        let position = Position(line: try object.integer("line"), character: try object.integer("character"))
        guard position.line >= 0, position.character >= 0 else { throw .invalidParams("`\(key)` must not be negative") }
        return position
    }
}

/// JSON-RPC messages as text.
package enum RPCMessage {
    package static func response(id: Any, result: Any) -> String {
        serialized(["jsonrpc": "2.0", "id": id, "result": result])
    }

    package static func error(id: Any, _ error: RPCError) -> String {
        serialized(["jsonrpc": "2.0", "id": id, "error": ["code": error.code, "message": error.message]])
    }

    package static func notification(_ method: String, _ params: Any) -> String {
        serialized(["jsonrpc": "2.0", "method": method, "params": params])
    }

    package static func request(id: Int, _ method: String, _ params: Any) -> String {
        serialized(["jsonrpc": "2.0", "id": id, "method": method, "params": params])
    }

    /// The messages are built from strings, numbers, booleans, arrays, dictionaries and NSNull only.
    private static func serialized(_ object: [String: Any]) -> String {
        guard let data = try? JSONSerialization.data(withJSONObject: object, options: [.sortedKeys, .withoutEscapingSlashes]) else {
            return #"{"jsonrpc":"2.0","id":null,"error":{"code":-32603,"message":"a message could not be serialized"}}"#
        }
        return String(decoding: data, as: UTF8.self)
    }
}
