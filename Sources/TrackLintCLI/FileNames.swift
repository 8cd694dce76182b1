/// File names as the file system holds them: any bytes but NUL and `/`, not always UTF-8. A name
/// is carried as text without loss: each byte that is not part of valid UTF-8 becomes one scalar
/// of U+10FF80...U+10FFFF (the end of a private-use plane no file name uses), and turns back into
/// that byte when the file is opened. People see such a byte as `\xFF`.
public enum FileNames {
    private static let firstByteScalar: UInt32 = 0x10FF00

    /// Text for a name or path given as bytes (a command-line argument, a folder entry).
    public static func text(_ bytes: some Collection<UInt8>) -> String {
        if let valid = String(validating: bytes, as: UTF8.self) { return valid }
        let bytes = Array(bytes)
        var scalars = String.UnicodeScalarView()
        var index = 0
        while index < bytes.count {
            // The shortest prefix that is one valid scalar; a byte that starts none stands alone.
            let valid = (1...min(4, bytes.count - index)).lazy
                .compactMap { length in String(validating: bytes[index..<(index + length)], as: UTF8.self) }.first
            if let valid {
                scalars.append(contentsOf: valid.unicodeScalars)
                index += valid.utf8.count
            } else {
                scalars.append(Unicode.Scalar(firstByteScalar + UInt32(bytes[index]))!)
                index += 1
            }
        }
        return String(scalars)
    }

    /// The bytes `text` stands for, NUL-terminated, for the system calls that take a path.
    static func systemPath(_ text: String) -> [CChar] {
        guard mayHoldRawBytes(text) else { return Array(text.utf8CString) }
        var bytes: [CChar] = []
        for scalar in text.unicodeScalars {
            if let byte = rawByte(scalar) {
                bytes.append(CChar(bitPattern: byte))
            } else {
                bytes += String(scalar).utf8.map { CChar(bitPattern: $0) }
            }
        }
        return bytes + [0]
    }

    /// The path as people see it: bytes that are not UTF-8 as `\xFF`.
    public static func shown(_ text: String) -> String {
        guard mayHoldRawBytes(text), text.unicodeScalars.contains(where: { rawByte($0) != nil }) else { return text }
        return text.unicodeScalars.map { scalar in
            rawByte(scalar).map { "\\x" + String($0, radix: 16, uppercase: true) } ?? String(scalar)
        }.joined()
    }

    /// Whether the text may hold a byte that is not UTF-8: the scalars that stand for them are
    /// written F4 8F BE/BF xx in UTF-8, and nearly every path has no F4 byte at all.
    private static func mayHoldRawBytes(_ text: String) -> Bool {
        var text = text
        return text.withUTF8 { $0.contains(0xF4) }
    }

    private static func rawByte(_ scalar: Unicode.Scalar) -> UInt8? {
        scalar.value >= firstByteScalar + 0x80 && scalar.value <= firstByteScalar + 0xFF
            ? UInt8(scalar.value - firstByteScalar) : nil
    }
}
