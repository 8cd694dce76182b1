/// JSON written straight into bytes, laid out as `JSONValue.serialized(indent:)` and `compact()`
/// lay it out: reports write their objects through it without building a `JSONValue` first.
/// A value is written after `key(_:)` (in an object) or `element()` (in an array).
/// It writes into memory of its own (not an `Array`, whose every append checks uniqueness and
/// capacity apart: that was most of a report's cost), so it cannot be copied.
package struct JSONWriter: ~Copyable {
    private var start: UnsafeMutablePointer<UInt8>
    private var count = 0
    private var capacity: Int
    /// The indentation depth of what is written next; unused when compact.
    private var depth: Int
    /// The depth it was made at, which `removeAll()` returns to.
    private let startDepth: Int
    private let isCompact: Bool
    /// Whether the open object or array has no member yet (its first takes no comma).
    private var isEmpty = true

    /// Pretty-printed from `indent` (what `serialized(indent:)` is given), or compact when nil.
    package init(indent: Int?, capacity: Int = 1024) {
        depth = indent ?? 0
        startDepth = depth
        isCompact = indent == nil
        self.capacity = max(capacity, 16)
        start = .allocate(capacity: self.capacity)
    }

    deinit { start.deallocate() }

    /// The rest of an object at `indent` whose opening and first members were written already.
    package init(insideObjectAt indent: Int) {
        self.init(indent: indent + 1)
        isEmpty = false
    }

    /// What `write` writes, pretty-printed from `indent`.
    package static func text(indent: Int?, _ write: (inout JSONWriter) -> Void) -> String {
        var writer = JSONWriter(indent: indent)
        write(&writer)
        return writer.text
    }

    package var text: String { String(decoding: written, as: UTF8.self) }

    /// What was written so far.
    package var written: UnsafeBufferPointer<UInt8> { UnsafeBufferPointer(start: start, count: count) }

    /// Forgets what was written, keeping the memory: a new writer, without making one (a spool's
    /// text once it is in its file, a report's next entry).
    package mutating func removeAll() {
        count = 0
        depth = startDepth
        isEmpty = true
    }

    /// Text written as it is (the pieces of a streamed report around what this writes).
    package mutating func raw(_ text: String) {
        var text = text
        text.withUTF8 { append($0) }
    }

    package mutating func raw(_ bytes: UnsafeBufferPointer<UInt8>) { append(bytes) }

    /// `literal` and `spaces` spaces, as they are (what comes before a streamed array's element).
    package mutating func raw(_ literal: StaticString, thenSpaces spaces: Int) {
        append(literal)
        reserve(spaces)
        (start + count).update(repeating: UInt8(ascii: " "), count: spaces)
        count += spaces
    }

    package mutating func openObject() { open(UInt8(ascii: "{")) }
    package mutating func closeObject() { close(UInt8(ascii: "}")) }
    package mutating func openArray() { open(UInt8(ascii: "[")) }
    package mutating func closeArray() { close(UInt8(ascii: "]")) }

    /// A member's key, in an object; its value comes next. Keys are the reports' own literals.
    /// Room for it all is made once and the bytes around the name stored one by one: a report
    /// writes a key per value, and a copy call per piece cost more than the bytes.
    package mutating func key(_ name: StaticString) {
        let length = name.utf8CodeUnitCount
        reserve(separatorRoom &+ length &+ 4)
        separateInRoom()
        let written = start + count
        written[0] = UInt8(ascii: "\"")
        Self.copyShort(name, to: written + 1)
        written[length &+ 1] = UInt8(ascii: "\"")
        written[length &+ 2] = UInt8(ascii: ":")
        written[length &+ 3] = UInt8(ascii: " ")
        count &+= isCompact ? length &+ 3 : length &+ 4
    }

    /// Copies a short literal as two word loads and stores that overlap when it is not a word
    /// long: the reports' keys are 3 to 16 bytes, and a call to memcpy per key cost more.
    @inline(__always)
    private static func copyShort(_ literal: StaticString, to target: UnsafeMutablePointer<UInt8>) {
        let length = literal.utf8CodeUnitCount
        let source = UnsafeRawPointer(literal.utf8Start)
        let destination = UnsafeMutableRawPointer(target)
        switch length {
        case 8...16:
            destination.storeBytes(of: source.loadUnaligned(as: UInt64.self), as: UInt64.self)
            destination.storeBytes(of: source.loadUnaligned(fromByteOffset: length - 8, as: UInt64.self),
                                   toByteOffset: length - 8, as: UInt64.self)
        case 4..<8:
            destination.storeBytes(of: source.loadUnaligned(as: UInt32.self), as: UInt32.self)
            destination.storeBytes(of: source.loadUnaligned(fromByteOffset: length - 4, as: UInt32.self),
                                   toByteOffset: length - 4, as: UInt32.self)
        default:
            target.update(from: literal.utf8Start, count: length)
        }
    }

    /// A key that is data (a `JSONValue` object's), escaped.
    package mutating func escapedKey(_ name: String) {
        separate()
        string(name)
        append(isCompact ? ":" : ": ")
    }

    /// Before an element of an array.
    package mutating func element() { separate() }

    package mutating func null() { append("null") }
    package mutating func bool(_ value: Bool) { append(value ? "true" : "false") }

    package mutating func int(_ value: Int) {
        if value < 0 { append(UInt8(ascii: "-")) }
        var magnitude = value.magnitude
        // Digits from the last (20 at most).
        withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 20) { buffer in
            var first = buffer.count
            repeat {
                first -= 1
                buffer[first] = UInt8(ascii: "0") + UInt8(magnitude % 10)
                magnitude /= 10
            } while magnitude > 0
            append(UnsafeBufferPointer(rebasing: buffer[first...]))
        }
    }

    /// RFC 8259 string escaping; controls, C1 controls and line/paragraph separators are written as
    /// `\u` escapes so that no reader (or terminal) sees them raw.
    package mutating func string(_ value: String) {
        append(UInt8(ascii: "\""))
        // Lent in place (native and literal strings hold their UTF-8 so): `withUTF8` is mutating,
        // and calling it on a copy retained the string. Not `withUTF8InPlace`, which is generic
        // across modules and was looked up at run time per call.
        if value.utf8.withContiguousStorageIfAvailable({ appendEscaped($0) }) == nil {
            var text = value
            text.withUTF8 { appendEscaped($0) }
        }
        append(UInt8(ascii: "\""))
    }

    package mutating func string(_ value: String?) { if let value { string(value) } else { null() } }
    package mutating func int(_ value: Int?) { if let value { int(value) } else { null() } }
    package mutating func bool(_ value: Bool?) { if let value { bool(value) } else { null() } }

    /// An array of strings.
    package mutating func strings(_ values: [String]) {
        openArray()
        for value in values {
            element()
            string(value)
        }
        closeArray()
    }

    /// Members whose value is a string, a number, a boolean or null.
    package mutating func member(_ name: StaticString, _ value: String) { key(name); string(value) }
    package mutating func member(_ name: StaticString, _ value: String?) { key(name); string(value) }
    package mutating func member(_ name: StaticString, _ value: Int?) { key(name); int(value) }
    package mutating func member(_ name: StaticString, _ value: Bool?) { key(name); bool(value) }

    /// A member whose value is an object, its members written by `members`.
    package mutating func object(_ name: StaticString, _ members: (inout JSONWriter) -> Void) {
        key(name)
        openObject()
        members(&self)
        closeObject()
    }

    private mutating func open(_ bracket: UInt8) {
        append(bracket)
        depth += 1
        isEmpty = true
    }

    /// `{}` or `[]` when nothing was written inside, else the closing bracket on its own line.
    private mutating func close(_ bracket: UInt8) {
        depth -= 1
        reserve(separatorRoom)
        if !isEmpty && !isCompact { lineInRoom() }
        start[count] = bracket
        count &+= 1
        isEmpty = false
    }

    @inline(__always)
    private mutating func separate() {
        reserve(separatorRoom)
        separateInRoom()
    }

    /// Room for a byte and a line break with the indentation (sixteen spaces stored even when
    /// fewer are kept): what `separateInRoom()` writes, or a closing bracket on its line.
    private var separatorRoom: Int { 18 &+ 2 &* depth }

    /// The comma before a member or element but the first, then its line, where room for them was
    /// made: the key of every value checks for room once.
    @inline(__always)
    private mutating func separateInRoom() {
        if !isEmpty {
            start[count] = UInt8(ascii: ",")
            count &+= 1
        }
        isEmpty = false
        if !isCompact { lineInRoom() }
    }

    @inline(__always)
    private mutating func append(_ literal: StaticString) {
        append(UnsafeBufferPointer(start: literal.utf8Start, count: literal.utf8CodeUnitCount))
    }

    @inline(__always)
    private mutating func append(_ byte: UInt8) {
        reserve(1)
        start[count] = byte
        count += 1
    }

    @inline(__always)
    private mutating func append(_ source: UnsafeBufferPointer<UInt8>) {
        guard let base = source.baseAddress, !source.isEmpty else { return }
        reserve(source.count)
        (start + count).update(from: base, count: source.count)
        count += source.count
    }

    @inline(__always)
    private mutating func reserve(_ extra: Int) {
        if count + extra > capacity { grow(toHold: count + extra) }
    }

    private mutating func grow(toHold needed: Int) {
        capacity = max(2 * capacity, needed)
        let larger = UnsafeMutablePointer<UInt8>.allocate(capacity: capacity)
        larger.update(from: start, count: count)
        start.deallocate()
        start = larger
    }

    /// A line break and the indentation, where room for them was made. Reports nest no deeper
    /// than eight levels, whose sixteen spaces are one vector store (room for them is made even
    /// when fewer are kept): a call to memset per line cost more than the spaces, and the
    /// compiler made two word stores one.
    @inline(__always)
    private mutating func lineInRoom() {
        let width = 2 &* depth
        let line = UnsafeMutableRawPointer(start + count)
        line.storeBytes(of: 0x0A, as: UInt8.self)
        if width <= 16 {
            line.storeBytes(of: SIMD16<UInt8>(repeating: 0x20), toByteOffset: 1, as: SIMD16<UInt8>.self)
        } else {
            (start + count + 1).update(repeating: 0x20, count: width)
        }
        count &+= 1 &+ width
    }

    /// Copies runs of bytes that need no escape in one piece, looking at sixteen bytes, then eight,
    /// at a time while they are printable ASCII, and at the last few as one word.
    private mutating func appendEscaped(_ source: UnsafeBufferPointer<UInt8>) {
        guard let base = source.baseAddress else { return }
        let raw = UnsafeRawPointer(base)
        var runStart = 0
        var index = 0
        while index < source.count {
            if index + 16 <= source.count, Self.unplainBits(raw.loadUnaligned(fromByteOffset: index, as: UInt64.self))
                | Self.unplainBits(raw.loadUnaligned(fromByteOffset: index + 8, as: UInt64.self)) == 0 {
                index += 16
                continue
            }
            if index + 8 <= source.count, Self.unplainBits(raw.loadUnaligned(fromByteOffset: index, as: UInt64.self)) == 0 {
                index += 8
                continue
            }
            // The last few bytes, as the end of the word that ends with them (its bytes before them
            // were looked at already): not one at a time when they are plain.
            if index + 8 > source.count, source.count >= 8,
               Self.unplainBits(raw.loadUnaligned(fromByteOffset: source.count - 8, as: UInt64.self)) == 0 {
                index = source.count
                continue
            }
            let byte = source[index]
            // Bytes of other characters than the ones escaped need no escape either.
            if byte >= 0x20 && byte != 0x22 && byte != 0x5C && byte != 0x7F && byte != 0xC2 && byte != 0xE2 {
                index += 1
                continue
            }
            append(UnsafeBufferPointer(rebasing: source[runStart..<index]))
            index += appendEscape(at: index, in: source)
            runStart = index
        }
        append(UnsafeBufferPointer(rebasing: source[runStart..<index]))
    }

    /// Zero when eight bytes are all printable ASCII but `"` and `\\`: tested at once, without a branch.
    @inline(__always)
    private static func unplainBits(_ word: UInt64) -> UInt64 {
        ByteWords.unprintableBits(word) | ByteWords.matchBits(0x22, in: word) | ByteWords.matchBits(0x5C, in: word)
    }

    /// Writes the character at `index` escaped (or as it is, for a C2 or E2 lead byte of a character
    /// that needs none); returns how many bytes it took.
    private mutating func appendEscape(at index: Int, in source: UnsafeBufferPointer<UInt8>) -> Int {
        let byte = source[index]
        switch byte {
        case UInt8(ascii: "\""): append("\\\"")
        case UInt8(ascii: "\\"): append("\\\\")
        case 0x0A: append("\\n")
        case 0x0D: append("\\r")
        case 0x09: append("\\t")
        case 0xC2:
            // C1 controls: C2 80–9F.
            guard index + 1 < source.count, (0x80...0x9F).contains(source[index + 1]) else { append(byte); return 1 }
            appendUnicodeEscape(UInt32(source[index + 1]))
            return 2
        case 0xE2:
            // U+2028 and U+2029: E2 80 A8/A9.
            guard index + 2 < source.count, source[index + 1] == 0x80, source[index + 2] == 0xA8 || source[index + 2] == 0xA9 else {
                append(byte)
                return 1
            }
            appendUnicodeEscape(source[index + 2] == 0xA8 ? 0x2028 : 0x2029)
            return 3
        default: appendUnicodeEscape(UInt32(byte))
        }
        return 1
    }

    private mutating func appendUnicodeEscape(_ value: UInt32) {
        append("\\u")
        for shift in stride(from: 12, through: 0, by: -4) {
            let digit = UInt8((value >> UInt32(shift)) & 0xF)
            append(digit < 10 ? UInt8(ascii: "0") + digit : UInt8(ascii: "a") + digit - 10)
        }
    }
}

extension JSONWriter {
    /// Any `JSONValue`, as `serialized` writes it.
    package mutating func value(_ value: JSONValue) {
        switch value {
        case .null: null()
        case .bool(let value): bool(value)
        case .int(let value): int(value)
        case .string(let value): string(value)
        case .array(let values):
            openArray()
            for value in values {
                element()
                self.value(value)
            }
            closeArray()
        case .object(let members):
            openObject()
            for (key, value) in members {
                escapedKey(key)
                self.value(value)
            }
            closeObject()
        }
    }
}
