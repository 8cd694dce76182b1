/// An attribute as libxml2 parsed it (entities decoded), name lower-cased.
public struct HTMLAttribute: Sendable, Hashable {
    public let name: String
    /// nil for a bare attribute such as `hidden`.
    public let value: String?
}

/// Every attribute of a document, one after the other (each element's are a range of them): the
/// names interned, the values as ranges of one byte buffer. A value becomes a `String` only when
/// asked for: most are never read (`cellpadding`, `valign`, a `class` no rule looks at), and the
/// most common one, `style`, is read as bytes (`withValue(named:_:)`).
@usableFromInline package final class AttributeStore: @unchecked Sendable {
    @usableFromInline package struct Entry: Sendable {
        @usableFromInline let name: String
        /// Where the value's bytes stand in `values`; `count` is -1 for a bare attribute.
        @usableFromInline let start: Int
        @usableFromInline let count: Int
    }

    @usableFromInline let entries: [Entry]
    /// Owned, and never written after `init` (hence Sendable): the buffer `DocumentStorage` filled.
    @usableFromInline let values: UnsafeMutableBufferPointer<UInt8>

    /// Takes `values`, which it deallocates.
    package init(entries: [Entry], taking values: UnsafeMutableBufferPointer<UInt8>) {
        self.entries = entries
        self.values = values
    }

    deinit { values.deallocate() }

    /// What `body` makes of the value's bytes, or nil for a bare attribute.
    @inlinable @inline(__always)
    func withValue<Result>(at index: Int, _ body: (UnsafeBufferPointer<UInt8>) throws -> Result) rethrows -> Result? {
        let entry = entries[index]
        guard entry.count >= 0 else { return nil }
        return try body(UnsafeBufferPointer(rebasing: values[entry.start..<(entry.start + entry.count)]))
    }

    /// The value as a string (invalid UTF-8 repaired as `String(cString:)` repairs it), or nil for a bare attribute.
    @usableFromInline func value(at index: Int) -> String? {
        withValue(at: index) { String(decoding: $0, as: UTF8.self) }
    }
}

/// The attributes of one element, in source order: a view of the document's `AttributeStore`, so
/// that an element holds no array of its own (newsletters have thousands of elements).
///
/// Iterating or subscripting makes each attribute's value a string. Rules that look at every
/// element should ask by name instead: `contains(named:)`, `value(named:)` and
/// `withValue(named:_:)` compare the names in place.
public struct HTMLAttributes: RandomAccessCollection, Sendable {
    /// nil for an element without attributes (a third of email HTML's), whose copies then retain nothing.
    @usableFromInline let store: AttributeStore?
    @usableFromInline let range: Range<Int>
    /// The `nameBit` of every name here: a name whose bit is clear is not among them, which answers
    /// most look-ups (rules ask `hidden` of every element) without comparing a name.
    @usableFromInline let nameBits: UInt64

    package init(_ store: AttributeStore?, range: Range<Int>, nameBits: UInt64 = .max) {
        self.store = store
        self.range = range
        self.nameBits = nameBits
    }

    /// An element's place in the document's attributes, before the store is complete.
    package init(placeholder range: Range<Int>, nameBits: UInt64) {
        self.init(nil, range: range, nameBits: nameBits)
    }

    @inlinable public var startIndex: Int { 0 }
    @inlinable public var endIndex: Int { range.count }

    public subscript(position: Int) -> HTMLAttribute {
        precondition(position >= 0 && position < range.count, "HTMLAttributes index out of range")
        let index = range.lowerBound + position
        return HTMLAttribute(name: store!.entries[index].name, value: store!.value(at: index))
    }

    /// The name of the attribute at `position`, its value left as bytes.
    package func name(at position: Int) -> String {
        precondition(position >= 0 && position < range.count, "HTMLAttributes index out of range")
        return store!.entries[range.lowerBound + position].name
    }

    // Inlinable, so that the elements without attributes (a third in email HTML) are answered
    // without a call: rules ask these of every element.

    /// Whether an attribute of that name is present (bare or not).
    @inlinable public func contains(named name: String) -> Bool { !range.isEmpty && firstIndex(named: name) != nil }

    /// The value of the first attribute of that name ("" for a bare one).
    @inlinable public func value(named name: String) -> String? {
        range.isEmpty ? nil : firstIndex(named: name).map { store!.value(at: $0) ?? "" }
    }

    /// What `body` makes of the bytes of the first attribute of that name (none for a bare one),
    /// or nil when there is none: no string is made.
    @inlinable @discardableResult
    public func withValue<Result>(named name: String, _ body: (UnsafeBufferPointer<UInt8>) throws -> Result) rethrows -> Result? {
        guard !range.isEmpty, let index = firstIndex(named: name) else { return nil }
        return try store!.withValue(at: index, body) ?? body(UnsafeBufferPointer(start: nil, count: 0))
    }

    /// The names are compared in place, their lengths first.
    @usableFromInline func firstIndex(named name: String) -> Int? {
        guard let store, name.withUTF8InPlace(Self.nameBit) & nameBits != 0 else { return nil }
        let length = name.utf8.count
        return store.entries.withUnsafeBufferPointer { entries in
            for index in range where entries[index].name.utf8.count == length && entries[index].name == name { return index }
            return nil
        }
    }

    /// One of 64 bits for a name, from its length and its first and last bytes. A name that is
    /// not ASCII is given every bit (`DocumentBuilder`): `==` may find it equal to other bytes of
    /// the same length (canonical equivalence). An ASCII name equals no other bytes of its length.
    package static func nameBit(_ name: UnsafeBufferPointer<UInt8>) -> UInt64 {
        guard let first = name.first, let last = name.last else { return .max }
        return 1 << ((UInt64(first) &+ 3 &* (UInt64(last) &+ UInt64(name.count))) & 63)
    }
}
