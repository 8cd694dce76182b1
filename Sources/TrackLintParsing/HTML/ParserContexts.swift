import CLibXML2
import Foundation

/// libxml2 parser contexts, one per depth of conditional comment, each reset and given new input
/// for the next parse at its depth: a new context (its dictionary, stacks and handler) cost more
/// than parsing a typical conditional comment. The names a context hands out stay valid, and
/// unchanged, until it is freed, so each keeps its cache of names from parse to parse.
package struct ParserContexts {
    /// Contexts of finished documents, for the next ones (one set per parse running at a time).
    package static let pool = Pool()

    /// A context's dictionary holds every name it has read; past this many it is not kept.
    private static let maximumNamesKept: Int32 = 20_000

    private var contexts: [htmlParserCtxtPtr] = []
    private var names: [NameCache] = []

    /// A context reading `count` bytes at `start`, for a parse at `depth` (the parses of shallower
    /// depths, still running, keep theirs).
    package mutating func context(reading start: UnsafePointer<CChar>, count: Int32, depth: Int) -> htmlParserCtxtPtr? {
        guard depth < contexts.count else {
            guard let context = htmlCreateMemoryParserCtxt(start, count) else { return nil }
            contexts.append(context)
            names.append(NameCache())
            return context
        }
        let context = contexts[depth]
        htmlCtxtReset(context)
        guard let buffer = xmlParserInputBufferCreateMem(start, count, XML_CHAR_ENCODING_NONE) else { return nil }
        guard let input = xmlNewIOInputStream(context, buffer, XML_CHAR_ENCODING_NONE) else {
            xmlFreeParserInputBuffer(buffer)
            return nil
        }
        inputPush(context, input)
        return context
    }

    /// The model's name for one of libxml2's, read by the context of that depth.
    @inline(__always)
    mutating func name(_ pointer: UnsafePointer<xmlChar>, depth: Int) -> ElementName {
        names[depth].known(pointer) ?? names[depth].name(pointer)
    }

    private var isWorthKeeping: Bool {
        contexts.allSatisfy { xmlDictSize($0.pointee.dict) <= Self.maximumNamesKept }
    }

    /// Lets go of the last input (a copy of the document) while the contexts wait for the next.
    private func releaseInputs() {
        for context in contexts { htmlCtxtReset(context) }
    }

    private mutating func free() {
        for context in contexts { htmlFreeParserCtxt(context) }
        contexts = []
        names = []
    }

    /// Contexts handed from one document's parse to the next, across threads (`--jobs`).
    package final class Pool: @unchecked Sendable {
        private let lock = NSLock()
        /// Guarded by `lock`; a context is used by one parse at a time.
        private var idle: [ParserContexts] = []

        package func take() -> ParserContexts {
            lock.lock()
            defer { lock.unlock() }
            return idle.popLast() ?? ParserContexts()
        }

        package func give(_ contexts: ParserContexts) {
            guard contexts.isWorthKeeping else {
                var contexts = contexts
                contexts.free()
                return
            }
            contexts.releaseInputs()
            lock.lock()
            defer { lock.unlock() }
            idle.append(contexts)
        }
    }
}
