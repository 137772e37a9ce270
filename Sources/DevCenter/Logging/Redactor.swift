/// Removes access tokens, client secrets and SAS signatures from text before anyone sees it.
///
/// What it finds:
/// - the exact values it was given (a configured client secret or static token), raw,
///   percent-encoded and JSON-escaped, wherever they appear;
/// - `Bearer` credentials (`Authorization: Bearer …`);
/// - JWT-looking strings (`eyJ…` with at least two dots), which is what Entra ID tokens are;
/// - the values of `access_token`, `refresh_token`, `id_token`, `client_secret` and `sig`
///   in a query or form (`sig=…`, also percent-encoded as `sig%3D…` or twice as `sig%253D…`,
///   and after an `&` or `?` written as `%26`, `%2526`, `%3F`, `\u0026` or `&amp;`), in any
///   case, and as JSON members (`"access_token": "…"`);
/// - with ``redact(_:field:)``, the whole value of a field named like one of them.
///
/// The hwsubmit interpreter, the transfer engine, the emulator's request log and Lua code (as
/// `hdc.redact`, which `pretty`, `cli` and `report` use) share this redactor, so one fix here
/// covers every place text leaves the process.
public struct Redactor: Sendable, Hashable {
    /// What every removed value is replaced with.
    public static let placeholder = "<redacted>"

    /// Names whose values are secret in a query string, a form body or a JSON object.
    public static let secretKeys = ["access_token", "refresh_token", "id_token", "client_secret", "sig"]

    /// Exact values to remove, longest first so a secret containing another is removed whole.
    public private(set) var secrets: [String]

    /// Values shorter than this are not redacted by exact match: removing every "a" from a log
    /// would hide more than it protects. Pattern rules still apply to them.
    public static let minimumSecretLength = 4

    public init(secrets: [String] = []) {
        self.secrets = []
        for secret in secrets { add(secret) }
    }

    /// The redactor that knows only the patterns, no particular values.
    public static let standard = Redactor()

    /// Adds an exact value to remove, and the forms it takes in other text: percent-encoded (as
    /// in form bodies and queries, with upper- or lower-case hex digits, once or twice) and
    /// escaped in a JSON string.
    public mutating func add(_ secret: String) {
        guard secret.utf8.count >= Self.minimumSecretLength else { return }
        let encoded = Self.percentEncoded(secret)
        let forms = [secret, encoded, Self.lowercasingHexDigits(encoded), Self.percentEncoded(encoded), Self.jsonEscaped(secret)]
        for value in forms where !secrets.contains(value) {
            secrets.append(value)
        }
        secrets.sort { $0.utf8.count > $1.utf8.count }
    }

    /// This redactor plus `secret`.
    public func adding(_ secret: Secret) -> Redactor {
        var copy = self
        copy.add(secret.exposedValue)
        return copy
    }

    /// `text` with every secret replaced by ``placeholder``.
    public func redact(_ text: String) -> String {
        redact(bytes: Array(text.utf8)).map { String(decoding: $0, as: UTF8.self) } ?? text
    }

    /// `bytes` (text in UTF-8, or not text at all) with every secret replaced by
    /// ``placeholder``, or `nil` when there was none: bytes that are not UTF-8 are kept as they
    /// are, so binary data passes through unchanged.
    public func redact(bytes text: [UInt8]) -> [UInt8]? {
        var bytes = text
        var changed = false
        for secret in secrets where replaceAll(Array(secret.utf8), in: &bytes) { changed = true }
        var scanner = RedactionScanner(bytes)
        if let scanned = scanner.scan() {
            bytes = scanned
            changed = true
        }
        return changed ? bytes : nil
    }

    /// `bytes` as the value of a field named `field`: see ``redact(_:field:)``.
    public func redact(bytes text: [UInt8], field: String?) -> [UInt8]? {
        if let field, !text.isEmpty, Self.secretFields.contains(field.lowercased()) { return Array(Self.placeholder.utf8) }
        return redact(bytes: text)
    }

    /// Names of fields whose whole value is secret: ``secretKeys`` and `authorization`.
    public static let secretFields = secretKeys + ["authorization"]

    /// `text` as the value of a field named `field` (a member of a table or an object): the
    /// placeholder when the field's name says the value is secret (``secretFields``, any case),
    /// otherwise ``redact(_:)`` of it. Text shows such a value only after its name (`sig=…`,
    /// `"sig": "…"`); a table holds it bare, so its field's name is what gives it away.
    public func redact(_ text: String, field: String?) -> String {
        if let field, !text.isEmpty, Self.secretFields.contains(field.lowercased()) { return Self.placeholder }
        return redact(text)
    }

    /// This redactor with the exact values of `other` added.
    public func merging(_ other: Redactor) -> Redactor {
        var copy = self
        for secret in other.secrets { copy.add(secret) }
        return copy
    }

    /// Whether `text` holds anything this redactor would remove.
    public func findsSecret(in text: String) -> Bool { redact(text) != text }

    private func replaceAll(_ needle: [UInt8], in bytes: inout [UInt8]) -> Bool {
        guard !needle.isEmpty, bytes.count >= needle.count else { return false }
        var out: [UInt8] = []
        var i = 0
        var found = false
        while i < bytes.count {
            if bytes[i] == needle[0], i + needle.count <= bytes.count, bytes[i..<(i + needle.count)].elementsEqual(needle) {
                out.append(contentsOf: Self.placeholder.utf8)
                i += needle.count
                found = true
            } else {
                out.append(bytes[i])
                i += 1
            }
        }
        if found { bytes = out }
        return found
    }

    /// `%2B` as `%2b`: some encoders write lower-case hex digits.
    static func lowercasingHexDigits(_ encoded: String) -> String {
        var out = ""
        var afterPercent = 0
        for scalar in encoded.unicodeScalars {
            if scalar == "%" {
                afterPercent = 2
                out.unicodeScalars.append(scalar)
            } else if afterPercent > 0 {
                afterPercent -= 1
                out += String(scalar).lowercased()
            } else {
                out.unicodeScalars.append(scalar)
            }
        }
        return out
    }

    /// `text` as it appears inside a JSON string: `"`, `\\`, `/` and control characters escaped.
    static func jsonEscaped(_ text: String) -> String {
        var out = ""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "/": out += "\\/"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            case _ where scalar.value < 0x20:
                let hex = String(scalar.value, radix: 16)
                out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out
    }

    static func percentEncoded(_ text: String) -> String {
        var out = ""
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"),
                UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "-"), UInt8(ascii: "."), UInt8(ascii: "_"),
                UInt8(ascii: "~"):
                out.unicodeScalars.append(Unicode.Scalar(byte))
            default:
                let hex = Array("0123456789ABCDEF".utf8)
                out += "%" + String(decoding: [hex[Int(byte >> 4)], hex[Int(byte & 0xF)]], as: UTF8.self)
            }
        }
        return out
    }
}
