/// Removes access tokens, client secrets and SAS signatures from text before anyone sees it.
///
/// What it finds:
/// - the exact values it was given (a configured client secret or static token), raw and
///   percent-encoded, wherever they appear;
/// - `Bearer` credentials (`Authorization: Bearer …`);
/// - JWT-looking strings (`eyJ…` with at least two dots), which is what Entra ID tokens are;
/// - the values of `access_token`, `refresh_token`, `id_token`, `client_secret` and `sig`
///   in a query or form (`sig=…`, also percent-encoded as `sig%3D…`, and after an `&` written
///   as `%26`, `\u0026` or `&amp;`) and as JSON members (`"access_token": "…"`).
///
/// The hwsubmit interpreter, the transfer engine and the emulator's request log use the same
/// redactor, so one fix here covers every place text leaves the process.
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

    /// Adds an exact value to remove (and its percent-encoded form, as it appears in form bodies).
    public mutating func add(_ secret: String) {
        guard secret.utf8.count >= Self.minimumSecretLength else { return }
        for value in [secret, Self.percentEncoded(secret)] where !secrets.contains(value) {
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
        var bytes = Array(text.utf8)
        var changed = false
        for secret in secrets where replaceAll(Array(secret.utf8), in: &bytes) { changed = true }
        var scanner = RedactionScanner(bytes)
        if let scanned = scanner.scan() {
            bytes = scanned
            changed = true
        }
        return changed ? String(decoding: bytes, as: UTF8.self) : text
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
