import Foundation

/// What a message's text parts decode to, kept once computed: the HTML parse, the test-send and
/// wording checks and the MIME check each read the same parts, and undoing base64,
/// quoted-printable or a charset is most of a message's cost. It lives as long as its message, so
/// memory stays per message.
final class PartCache<Value>: @unchecked Sendable {
    private let lock = NSLock()
    private var values: [ObjectIdentifier: Value] = [:]

    func value(of part: MIMEPart, compute: () -> Value) -> Value {
        let key = ObjectIdentifier(part)
        if let known = lock.withLock({ values[key] }) { return known }
        let computed = compute()
        lock.withLock { values[key] = computed }
        return computed
    }
}
