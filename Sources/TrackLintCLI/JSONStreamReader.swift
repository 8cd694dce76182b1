#if canImport(Glibc)
import Glibc
#endif

/// Reads a JSON document from a file a chunk at a time, so that a file of any size is read in one
/// pass holding only what the caller keeps (a baseline of a million entries). Containers are
/// walked with callbacks; scalars come back as values.
final class JSONStreamReader {
    /// The file is not JSON (or could not be read part-way).
    struct Malformed: Error {}

    /// A scalar, or a container that was skipped.
    enum Value: Equatable {
        case string(String)
        /// The number's text as written.
        case number(String)
        case other
    }

    private let descriptor: Int32
    private var buffer = [UInt8](repeating: 0, count: 1 << 20)
    private var count = 0
    private var index = 0
    private var scratch: [UInt8] = []

    /// Opens the file; nil when it cannot be opened.
    init?(path: String) {
        descriptor = open(path, O_RDONLY)
        guard descriptor >= 0 else { return nil }
    }

    deinit { close(descriptor) }

    /// Reads the next chunk when the buffer is used up; false at the end of the file.
    private func fill() throws -> Bool {
        guard index == count else { return true }
        count = buffer.withUnsafeMutableBytes { read(descriptor, $0.baseAddress, $0.count) }
        index = 0
        if count < 0 { throw Malformed() }
        return count > 0
    }

    /// The next byte, consumed; nil at the end of the file.
    private func next() throws -> UInt8? {
        guard try fill() else { return nil }
        index += 1
        return buffer[index - 1]
    }

    /// Where in the buffer, from `index`, the first byte `stops` accepts is, or `count`. Scanning a
    /// run at a time keeps large files fast (a byte at a time, the runtime's access checks on
    /// this class's properties were most of the time).
    private func scan(_ stops: (UInt8) -> Bool) -> Int {
        let start = index, end = count
        return buffer.withUnsafeBufferPointer { bytes in
            var position = start
            while position < end && !stops(bytes[position]) { position += 1 }
            return position
        }
    }

    /// The next byte that is not white space, consumed.
    private func nextToken() throws -> UInt8? {
        while try fill() {
            index = scan { $0 != 0x20 && $0 != 0x0A && $0 != 0x0D && $0 != 0x09 }
            if index < count { return try next() }
        }
        return nil
    }

    /// Checks that nothing but white space follows the document.
    func finish() throws {
        if try nextToken() != nil { throw Malformed() }
    }

    /// Reads an object when one comes (true), calling `member` with each key, which must read
    /// the member's value; any other value is skipped (false).
    func object(_ member: (String) throws -> Void) throws -> Bool {
        guard try opens(UInt8(ascii: "{")) else { return false }
        try members(member)
        return true
    }

    /// Reads an array when one comes (true), calling `element` for each element, which must read it.
    func array(_ element: () throws -> Void) throws -> Bool {
        guard try opens(UInt8(ascii: "[")) else { return false }
        try elements(element)
        return true
    }

    /// Whether the next value starts with `bracket`; any other value is skipped.
    private func opens(_ bracket: UInt8) throws -> Bool {
        guard let first = try nextToken() else { throw Malformed() }
        if first == bracket { return true }
        try skip(startingWith: first)
        return false
    }

    /// Reads a scalar; an object or array is skipped and comes back as `.other`.
    func value() throws -> Value {
        guard let first = try nextToken() else { throw Malformed() }
        return try value(startingWith: first)
    }

    private func members(_ member: (String) throws -> Void) throws {
        var separator = try nextToken()
        if separator == UInt8(ascii: "}") { return }
        while true {
            guard separator == UInt8(ascii: "\"") else { throw Malformed() }
            let key = try string()
            guard try nextToken() == UInt8(ascii: ":") else { throw Malformed() }
            try member(key)
            switch try nextToken() {
            case UInt8(ascii: ","): separator = try nextToken()
            case UInt8(ascii: "}"): return
            default: throw Malformed()
            }
        }
    }

    private func elements(_ element: () throws -> Void) throws {
        // An empty array: look at the next token without losing it.
        guard let first = try nextToken() else { throw Malformed() }
        if first == UInt8(ascii: "]") { return }
        index -= 1
        while true {
            try element()
            switch try nextToken() {
            case UInt8(ascii: ","): continue
            case UInt8(ascii: "]"): return
            default: throw Malformed()
            }
        }
    }

    private func value(startingWith first: UInt8) throws -> Value {
        switch first {
        case UInt8(ascii: "\""): return .string(try string())
        case UInt8(ascii: "{"): try members { _ in _ = try value() }
        case UInt8(ascii: "["): try elements { _ = try value() }
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"): return .number(try number(startingWith: first))
        default: try literal(startingWith: first)
        }
        return .other
    }

    private func skip(startingWith first: UInt8) throws { _ = try value(startingWith: first) }

    private func literal(startingWith first: UInt8) throws {
        let rest: [UInt8] = switch first {
        case UInt8(ascii: "t"): Array("rue".utf8)
        case UInt8(ascii: "f"): Array("alse".utf8)
        case UInt8(ascii: "n"): Array("ull".utf8)
        default: throw Malformed()
        }
        for expected in rest where try next() != expected { throw Malformed() }
    }

    private func number(startingWith first: UInt8) throws -> String {
        var text = [first]
        while let byte = try next() {
            guard (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) || "+-.eE".utf8.contains(byte) else {
                index -= 1  // the byte after the number stays for the caller
                break
            }
            text.append(byte)
        }
        guard text.last.map({ (UInt8(ascii: "0")...UInt8(ascii: "9")).contains($0) }) == true else { throw Malformed() }
        return String(decoding: text, as: UTF8.self)
    }

    /// The rest of a string whose opening quote was read, escapes undone.
    private func string() throws -> String {
        scratch.removeAll(keepingCapacity: true)
        while true {
            guard try fill() else { throw Malformed() }
            let end = scan { $0 == UInt8(ascii: "\"") || $0 == UInt8(ascii: "\\") || $0 < 0x20 }
            scratch.append(contentsOf: buffer[index..<end])
            index = end
            guard index < count, let byte = try next() else { continue }
            switch byte {
            case UInt8(ascii: "\""): return String(decoding: scratch, as: UTF8.self)
            case UInt8(ascii: "\\"): try escape()
            case 0..<0x20: throw Malformed()
            default: scratch.append(byte)
            }
        }
    }

    private func escape() throws {
        guard let byte = try next() else { throw Malformed() }
        switch byte {
        case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"): scratch.append(byte)
        case UInt8(ascii: "b"): scratch.append(0x08)
        case UInt8(ascii: "f"): scratch.append(0x0C)
        case UInt8(ascii: "n"): scratch.append(0x0A)
        case UInt8(ascii: "r"): scratch.append(0x0D)
        case UInt8(ascii: "t"): scratch.append(0x09)
        case UInt8(ascii: "u"):
            var scalar = try hexQuad()
            if (0xD800..<0xDC00).contains(scalar) {
                // A surrogate pair: the low half must follow as another \u escape.
                guard try next() == UInt8(ascii: "\\"), try next() == UInt8(ascii: "u") else { throw Malformed() }
                let low = try hexQuad()
                guard (0xDC00..<0xE000).contains(low) else { throw Malformed() }
                scalar = 0x10000 + ((scalar - 0xD800) << 10) + (low - 0xDC00)
            }
            guard let unicode = Unicode.Scalar(scalar) else { throw Malformed() }
            scratch.append(contentsOf: String(Character(unicode)).utf8)
        default: throw Malformed()
        }
    }

    private func hexQuad() throws -> UInt32 {
        var value: UInt32 = 0
        for _ in 0..<4 {
            guard let byte = try next(), let digit = Character(Unicode.Scalar(byte)).hexDigitValue else { throw Malformed() }
            value = value << 4 | UInt32(digit)
        }
        return value
    }
}
