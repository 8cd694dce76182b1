import Foundation

/// A message's decoded text parts, kept once decoded: the HTML parse, the test-send and wording
/// checks and the MIME check each read the same parts, and undoing base64 or quoted-printable is
/// most of a message's cost. It lives as long as its message, so memory stays per message.
final class DecodedBodies: @unchecked Sendable {
    private let lock = NSLock()
    private var bodies: [ObjectIdentifier: (bytes: [UInt8], wellFormed: Bool)] = [:]

    func body(of part: MIMEPart, decode: () -> (bytes: [UInt8], wellFormed: Bool)) -> (bytes: [UInt8], wellFormed: Bool) {
        let key = ObjectIdentifier(part)
        if let known = lock.withLock({ bodies[key] }) { return known }
        let decoded = decode()
        lock.withLock { bodies[key] = decoded }
        return decoded
    }
}
