import Crypto
import DevCenter
import Foundation

/// Issues and checks Shared Access Signatures for the blob endpoint.
///
/// The signature is Azure's: HMAC-SHA256, keyed with a per-instance secret, over the service SAS
/// string-to-sign (permissions, start, expiry, canonical resource, …, version, resource type).
/// A URL whose fields were changed, or that is used past its expiry or for an operation its
/// permissions do not allow, is refused with `403` as Azure refuses it.
final class SASSigner: Sendable {
    static let serviceVersion = "2021-08-06"
    static let maxRemembered = 200_000

    private let key: SymmetricKey
    private let account: String
    private let clock: EmulatorClock
    /// Serial number of each signature issued, so early expiry can apply to "everything issued so far".
    private let issued = LockedValue<(next: Int, bySignature: [String: Int], cutoffs: [(serial: Int, expiresAt: Date)])>(
        (1, [:], []))

    init(account: String, clock: EmulatorClock) {
        self.key = SymmetricKey(size: .bits256)
        self.account = account
        self.clock = clock
    }

    /// The permissions a SAS grants, in Azure's letters.
    struct Permissions: OptionSet, Sendable {
        let rawValue: Int
        static let read = Permissions(rawValue: 1)
        static let write = Permissions(rawValue: 2)
        static let create = Permissions(rawValue: 4)
        static let list = Permissions(rawValue: 8)

        init(rawValue: Int) { self.rawValue = rawValue }

        init(letters: String) {
            var p: Permissions = []
            for c in letters {
                switch c {
                case "r": p.insert(.read)
                case "w": p.insert(.write)
                case "c": p.insert(.create)
                case "l": p.insert(.list)
                default: break
                }
            }
            self = p
        }
    }

    /// A SAS URL for one blob: `base/account/container/blob?sv=…&st=…&se=…&sr=b&sp=…&sig=…`.
    func url(base: String, container: String, blob: String, permissions: String, lifetime: Duration) -> String {
        let now = clock.now
        let start = ISOTime.string(now)
        let expiry = ISOTime.string(now.addingTimeInterval(lifetime.seconds))
        let signature = sign(permissions: permissions, start: start, expiry: expiry, container: container, blob: blob)
        issued.withLock { state in
            state.bySignature[signature] = state.next
            state.next += 1
            // Bounded: forgetting old signatures only makes them count as the oldest, which early
            // expiry treats as "issued before", exactly what they were.
            if state.bySignature.count > Self.maxRemembered {
                let keep = state.next - Self.maxRemembered / 2
                state.bySignature = state.bySignature.filter { $0.value >= keep }
            }
        }
        let query = [
            ("sv", Self.serviceVersion), ("st", start), ("se", expiry), ("sr", "b"), ("sp", permissions),
            ("sig", signature),
        ].map { "\($0.0)=\(Self.percentEncode($0.1))" }.joined(separator: "&")
        return "\(base)/\(account)/\(container)/\(Self.percentEncode(blob))?\(query)"
    }

    /// Makes every SAS issued so far expire `seconds` from now (0: at once); later ones are untouched.
    func expireIssued(inSeconds seconds: Double) {
        let at = clock.now.addingTimeInterval(max(0, seconds))
        issued.withLock { state in state.cutoffs.append((state.next - 1, at)) }
    }

    func reset() {
        issued.withLock { state in state.cutoffs = [] }
    }

    /// Checks the SAS in `query` for `container`/`blob` and an operation needing `required`.
    func verify(query: [String: String], container: String, blob: String, required: Permissions) throws(HTTPFailure) {
        guard let sig = query["sig"], let se = query["se"], let sp = query["sp"], let sv = query["sv"] else {
            throw .blob(.unauthorized, "NoAuthenticationInformation",
                        "Server failed to authenticate the request: the URL carries no Shared Access Signature (sv, se, sp, sig). Use the SAS URL the submission gave you, whole.")
        }
        let st = query["st"] ?? ""
        let sr = query["sr"] ?? ""
        let expected = sign(permissions: sp, start: st, expiry: se, container: container, blob: blob,
                            version: sv, resource: sr)
        guard sr == "b", Self.constantTimeEqual(expected, sig) else {
            throw .blob(.forbidden, "AuthenticationFailed",
                        "Server failed to authenticate the request. Make sure the value of Authorization header is formed correctly including the signature.",
                        detail: "Signature did not match: the SAS URL was altered or belongs to another blob. Ask the service for a fresh URL.")
        }
        let now = clock.now
        guard let expiry = ISOTime.parse(se) else {
            throw .blob(.forbidden, "AuthenticationFailed", "Server failed to authenticate the request.",
                        detail: "se (signed expiry) is not a valid ISO 8601 time.")
        }
        let serial = issued.withLock { $0.bySignature[sig] ?? 0 }
        let early = issued.withLock { state in state.cutoffs.filter { serial <= $0.serial }.map(\.expiresAt).min() }
        let effectiveExpiry = min(expiry, early ?? expiry)
        if let start = ISOTime.parse(st), now < start.addingTimeInterval(-300) {
            throw .blob(.forbidden, "AuthenticationFailed", "Server failed to authenticate the request.",
                        detail: "Signed start time [\(st)] is in the future.")
        }
        guard now < effectiveExpiry else {
            throw .blob(.forbidden, "AuthenticationFailed",
                        "Server failed to authenticate the request. Make sure the value of Authorization header is formed correctly including the signature.",
                        detail: "Signed expiry time [\(ISOTime.string(effectiveExpiry))] must be after signed start time / current time [\(ISOTime.string(now))]: the SAS URL has expired. GET the submission again for a fresh URL.")
        }
        guard Permissions(letters: sp).isSuperset(of: required) || (required == .write && Permissions(letters: sp).contains(.create)) else {
            throw .blob(.forbidden, "AuthorizationPermissionMismatch",
                        "This request is not authorized to perform this operation using this permission. The SAS grants '\(sp)'; this operation needs '\(required.contains(.write) ? "w" : "r")'.")
        }
    }

    private func sign(permissions: String, start: String, expiry: String, container: String, blob: String,
                      version: String = serviceVersion, resource: String = "b") -> String {
        let canonical = "/blob/\(account)/\(container)/\(blob)"
        let fields = [permissions, start, expiry, canonical, "", "", "", version, resource, "", "", "", "", "", "", ""]
        let mac = HMAC<SHA256>.authenticationCode(for: Data(fields.joined(separator: "\n").utf8), using: key)
        return Data(mac).base64EncodedString()
    }

    private static func constantTimeEqual(_ a: String, _ b: String) -> Bool {
        let x = Array(a.utf8), y = Array(b.utf8)
        guard x.count == y.count else { return false }
        var diff: UInt8 = 0
        for i in x.indices { diff |= x[i] ^ y[i] }
        return diff == 0
    }

    static func percentEncode(_ s: String) -> String {
        var allowed = CharacterSet.alphanumerics
        allowed.insert(charactersIn: "-._~")
        return s.addingPercentEncoding(withAllowedCharacters: allowed) ?? s
    }
}
