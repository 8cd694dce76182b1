/// An attribute as libxml2 parsed it (entities decoded), name lower-cased.
public struct HTMLAttribute: Sendable, Hashable {
    public let name: String
    /// nil for a bare attribute such as `hidden`.
    public let value: String?
}

/// The attributes of one element, in source order: a view of the one list the whole document
/// keeps, so that an element holds no array of its own (newsletters have thousands of elements).
///
/// Iterating or subscripting copies each attribute out, which retains both its strings. Rules that
/// look at every element should ask by name instead: `contains(named:)` and `value(named:)`
/// compare the names in place.
public struct HTMLAttributes: RandomAccessCollection, Sendable {
    // Inlinable, so that a loop in another module reads the list itself rather than calling out
    // for a copy of each attribute.
    @usableFromInline let all: [HTMLAttribute]
    @usableFromInline let range: Range<Int>
    /// The `nameBit` of every name here: a name whose bit is clear is not among them, which answers
    /// most look-ups (rules ask `hidden` of every element) without comparing a name.
    @usableFromInline let nameBits: UInt64

    package init(_ all: [HTMLAttribute], range: Range<Int>, nameBits: UInt64 = .max) {
        self.all = all
        self.range = range
        self.nameBits = nameBits
    }

    @inlinable public var startIndex: Int { 0 }
    @inlinable public var endIndex: Int { range.count }

    @inlinable public subscript(position: Int) -> HTMLAttribute {
        precondition(position >= 0 && position < range.count, "HTMLAttributes index out of range")
        return all[range.lowerBound + position]
    }

    // Inlinable, so that the elements without attributes (a third in email HTML) are answered
    // without a call: rules ask these of every element.

    /// Whether an attribute of that name is present (bare or not).
    @inlinable public func contains(named name: String) -> Bool { !range.isEmpty && firstIndex(named: name) != nil }

    /// The value of the first attribute of that name ("" for a bare one).
    @inlinable public func value(named name: String) -> String? {
        range.isEmpty ? nil : firstIndex(named: name).map { all[$0].value ?? "" }
    }

    /// The names are compared in place, their lengths first.
    @usableFromInline func firstIndex(named name: String) -> Int? {
        guard name.withUTF8InPlace(Self.nameBit) & nameBits != 0 else { return nil }
        let length = name.utf8.count
        return all.withUnsafeBufferPointer { all in
            for index in range where all[index].name.utf8.count == length && all[index].name == name { return index }
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
