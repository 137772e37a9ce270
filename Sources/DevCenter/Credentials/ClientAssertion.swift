import Crypto
import Foundation

/// The JWT an app registration signs with its certificate to prove itself at the token endpoint
/// (RFC 7523), as Entra ID wants it: `iss` and `sub` the client ID, `aud` the token endpoint's
/// URL, a lifetime of minutes, a fresh `jti`, and the certificate's SHA-256 thumbprint in the
/// header (`x5t#S256`, with the chain in `x5c` when asked).
public enum ClientAssertion {
    /// How long an assertion is good for: enough for one token request.
    public static let lifetime: TimeInterval = 600

    /// A signed assertion for `clientID` at `audience`.
    public static func make(
        certificate: ClientCertificate, clientID: String, audience: String, now: Date = Date(),
        id: String = UUID().uuidString.lowercased()
    ) throws -> Secret {
        var header: [String: JSONValue] = [
            "alg": .string(certificate.algorithm.rawValue), "typ": "JWT",
            "x5t#S256": .string(Base64URL.encode(SHA256.hash(data: certificate.chain.first ?? []))),
        ]
        if certificate.sendChain {
            header["x5c"] = .array(certificate.chain.map { .string(Data($0).base64EncodedString()) })
        }
        let issued = Int64(now.timeIntervalSince1970)
        let payload: JSONValue = [
            "aud": .string(audience), "iss": .string(clientID), "sub": .string(clientID), "jti": .string(id),
            "nbf": .integer(issued), "iat": .integer(issued), "exp": .integer(issued + Int64(lifetime)),
        ]
        let input = Base64URL.encode(JSONValue.object(header).serialized()) + "." + Base64URL.encode(payload.serialized())
        do {
            let signature = try certificate.sign(Array(input.utf8))
            return Secret(input + "." + Base64URL.encode(signature))
        } catch {
            throw DevCenterError.configuration(
                "Signing a client assertion with \(certificate) failed",
                advice: "Check that the file holds a usable RSA private key (`openssl pkey -in FILE -noout -check`).")
        }
    }
}
