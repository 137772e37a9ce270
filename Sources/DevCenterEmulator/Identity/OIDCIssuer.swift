import Crypto
import DevCenter
import Foundation
import _CryptoExtras

/// A fake OpenID Connect issuer under `/oidc`: it hands out RS256-signed tokens the way GitHub
/// Actions and Kubernetes do (a GitHub-style request endpoint, and tokens minted through the admin
/// API for a token file), publishes its discovery document and JWKS, and checks the signature of
/// the tokens that come back as federated client assertions.
final class OIDCIssuer: Sendable {
    /// The signing key, made when first needed (an RSA key takes a moment to make).
    private let key = LockedValue<_RSA.Signing.PrivateKey?>(nil)
    let keyID = UUID().uuidString.lowercased()

    static let path = "/oidc"

    private var signingKey: _RSA.Signing.PrivateKey {
        key.withLock { key in
            if let key { return key }
            // A 2048-bit key cannot fail to be made.
            let made = try! _RSA.Signing.PrivateKey(keySize: .bits2048)
            key = made
            return made
        }
    }

    /// The issuer (`iss`) at `origin`.
    static func issuer(origin: String) -> String { origin + path }

    /// A signed token.
    func mint(issuer: String, subject: String, audience: String, lifetime: TimeInterval, now: Date, extra: [String: JSONValue] = [:]) -> String {
        let header: JSONValue = ["alg": "RS256", "typ": "JWT", "kid": .string(keyID)]
        var payload: [String: JSONValue] = [
            "iss": .string(issuer), "sub": .string(subject), "aud": .string(audience),
            "iat": .integer(Int64(now.timeIntervalSince1970)), "nbf": .integer(Int64(now.timeIntervalSince1970)),
            "exp": .integer(Int64(now.timeIntervalSince1970 + lifetime)), "jti": .string(UUID().uuidString.lowercased()),
        ]
        payload.merge(extra) { a, _ in a }
        let input = Base64URL.encode(header.serialized()) + "." + Base64URL.encode(JSONValue.object(payload).serialized())
        let signature = try! signingKey.signature(for: SHA256.hash(data: Array(input.utf8)), padding: .insecurePKCS1v1_5)
        return input + "." + Base64URL.encode(signature.rawRepresentation)
    }

    /// Whether `signature` over `input` is this issuer's.
    func isValidSignature(_ signature: Data, input: String) -> Bool {
        signingKey.publicKey.isValidSignature(
            _RSA.Signing.RSASignature(rawRepresentation: signature), for: SHA256.hash(data: Array(input.utf8)), padding: .insecurePKCS1v1_5)
    }

    /// `/.well-known/openid-configuration` at `origin`.
    func discovery(origin: String) -> JSONValue {
        let issuer = Self.issuer(origin: origin)
        return [
            "issuer": .string(issuer), "jwks_uri": .string(issuer + "/keys"),
            "subject_types_supported": ["public", "pairwise"], "response_types_supported": ["id_token"],
            "id_token_signing_alg_values_supported": ["RS256"], "claims_supported": ["sub", "aud", "exp", "iat", "iss", "jti", "nbf"],
        ]
    }

    /// The JWKS with the signing key's public half.
    func jwks() -> JSONValue {
        let primitives = try? signingKey.publicKey.getKeyPrimitives()
        return ["keys": [[
            "kty": "RSA", "use": "sig", "alg": "RS256", "kid": .string(keyID),
            "n": .string(Base64URL.encode(primitives?.modulus ?? Data())), "e": .string(Base64URL.encode(primitives?.publicExponent ?? Data())),
        ]]]
    }
}
