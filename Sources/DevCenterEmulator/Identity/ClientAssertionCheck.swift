import Crypto
import DevCenter
import Foundation
import _CryptoExtras

/// Checks a client assertion the way Entra ID does, with its AADSTS codes: a certificate's
/// assertion (`iss` = `sub` = the client ID) by the registered certificate's key, the audience,
/// the lifetime and the `jti`; a federated token by the emulator's issuer's key and the app's
/// federated credentials (issuer, subject, audience).
struct ClientAssertionCheck {
    let registry: IdentityRegistry
    let issuer: OIDCIssuer
    /// The emulator's own issuer, `http://127.0.0.1:PORT/oidc`.
    let ownIssuer: String
    /// The token endpoint URLs an assertion's `aud` may name.
    let audiences: [String]
    let now: Date

    /// Assertions may be a little early or late: clocks differ.
    static let skew: TimeInterval = 300

    private struct Token {
        var header: JSONValue
        var payload: JSONValue
        var signature: Data
        var signingInput: String
    }

    func verify(_ assertion: String, app: IdentityRegistry.App) throws(HTTPFailure) {
        let clientID = app.setup.clientId
        let parts = assertion.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count == 3, let headerData = Base64URL.decode(parts[0]), let payloadData = Base64URL.decode(parts[1]),
            let header = try? JSONValue(parsing: headerData), let payload = try? JSONValue(parsing: payloadData),
            let signature = Base64URL.decode(parts[2])
        else {
            throw .aad(.badRequest, "invalid_request", "JWT token is invalid or malformed: the client_assertion is not a JWT (three base64url parts).", aadsts: 50027)
        }
        let token = Token(header: header, payload: payload, signature: signature, signingInput: "\(parts[0]).\(parts[1])")
        if payload["iss"]?.stringValue == clientID {
            try verifyCertificateAssertion(token, app: app)
        } else {
            try verifyFederatedToken(token, app: app)
        }
    }

    private func lifetime(_ payload: JSONValue, what: String) throws(HTTPFailure) -> Date {
        guard let exp = payload["exp"]?.doubleValue else {
            throw .aad(.badRequest, "invalid_request", "JWT token is invalid or malformed: the \(what) has no 'exp' claim.", aadsts: 50027)
        }
        let expires = Date(timeIntervalSince1970: exp)
        let notBefore = payload["nbf"]?.doubleValue.map { Date(timeIntervalSince1970: $0) }
        if expires.addingTimeInterval(Self.skew) <= now || (notBefore.map { $0.addingTimeInterval(-Self.skew) > now } ?? false) {
            throw .aad(.unauthorized, "invalid_client",
                       "Client assertion is not within its valid time range. Current time: \(ISOTime.string(now)), assertion valid from \(notBefore.map { ISOTime.string($0) } ?? "(no nbf)"), expiry time of assertion \(ISOTime.string(expires)).",
                       aadsts: 700024)
        }
        return expires
    }

    private func verifyCertificateAssertion(_ token: Token, app: IdentityRegistry.App) throws(HTTPFailure) {
        let clientID = app.setup.clientId
        guard token.payload["sub"]?.stringValue == clientID else {
            throw .aad(.badRequest, "invalid_request", "JWT token is invalid or malformed: the client assertion's 'sub' must be the client ID '\(clientID)', as its 'iss' is.", aadsts: 50027)
        }
        let alg = token.header["alg"]?.stringValue ?? ""
        guard alg == "RS256" || alg == "PS256" else {
            throw .aad(.badRequest, "invalid_request", "JWT token is invalid or malformed: the client assertion's algorithm '\(alg)' is not supported; sign with RS256 or PS256.", aadsts: 50027)
        }
        let s256 = token.header["x5t#S256"]?.stringValue.flatMap { Base64URL.decode($0) }.map(Array.init)
        let sha1 = token.header["x5t"]?.stringValue.flatMap { Base64URL.decode($0) }.map(Array.init)
        guard s256 != nil || sha1 != nil else {
            throw .aad(.unauthorized, "invalid_client", "Client assertion contains an invalid signature. [Reason - The key was not found., Thumbprint of key used by client: '(none: the header has neither x5t#S256 nor x5t)'.]", aadsts: 700027)
        }
        let used = (s256 ?? sha1!).map { String(format: "%02X", $0) }.joined()
        guard let certificate = app.certificates.first(where: { ($0.sha256 == s256) || ($0.sha1 == sha1 && s256 == nil) }) else {
            throw .aad(.unauthorized, "invalid_client",
                       "Client assertion contains an invalid signature. [Reason - The key was not found., Thumbprint of key used by client: '\(used)'. Please visit the Azure Portal to verify that the certificate is registered on application '\(clientID)'.]",
                       aadsts: 700027)
        }
        if let chain = token.header["x5c"]?.arrayValue, let first = chain.first?.stringValue,
            Data(base64Encoded: first, options: .ignoreUnknownCharacters).map(Array.init) != certificate.der {
            throw .aad(.unauthorized, "invalid_client", "Client assertion contains an invalid signature. [Reason - The certificate in x5c is not the one the thumbprint names.]", aadsts: 700027)
        }
        let padding: _RSA.Signing.Padding = alg == "PS256" ? .PSS : .insecurePKCS1v1_5
        guard certificate.publicKey.isValidSignature(
            _RSA.Signing.RSASignature(rawRepresentation: token.signature), for: SHA256.hash(data: Array(token.signingInput.utf8)), padding: padding)
        else {
            throw .aad(.unauthorized, "invalid_client",
                       "Client assertion contains an invalid signature. [Reason - The signature does not match the key of the certificate with thumbprint '\(certificate.thumbprint)'.]",
                       aadsts: 700027)
        }
        if certificate.notValidAfter <= now {
            throw .aad(.unauthorized, "invalid_client",
                       "Client assertion contains an invalid signature. [Reason - The key used is expired. Thumbprint of key used by client: '\(certificate.thumbprint)'.]", aadsts: 700027)
        }
        let audience = token.payload["aud"]?.stringValue ?? ""
        guard audiences.contains(where: { $0.lowercased() == audience.lowercased().trimmingSuffix("/") }) else {
            throw .aad(.badRequest, "invalid_client",
                       "The client assertion's audience claim '\(audience)' does not match the token endpoint. Use the token endpoint's URL: \(audiences.first ?? "").",
                       aadsts: 50013)
        }
        let expires = try lifetime(token.payload, what: "client assertion")
        guard let jti = token.payload["jti"]?.stringValue, !jti.isEmpty else {
            throw .aad(.badRequest, "invalid_request", "JWT token is invalid or malformed: the client assertion has no 'jti' claim.", aadsts: 50027)
        }
        guard registry.use(assertion: clientID + "/" + jti, expiring: expires.addingTimeInterval(Self.skew), now: now) else {
            throw .aad(.badRequest, "invalid_client",
                       "The client assertion with jti '\(jti)' was already used. Make a new assertion (with a new jti) for each token request.", aadsts: 50013)
        }
    }

    private func verifyFederatedToken(_ token: Token, app: IdentityRegistry.App) throws(HTTPFailure) {
        let clientID = app.setup.clientId
        let tokenIssuer = token.payload["iss"]?.stringValue ?? ""
        let credentials = (app.setup.federated ?? []).filter { ($0.issuer ?? ownIssuer) == tokenIssuer }
        guard !credentials.isEmpty else {
            throw .aad(.badRequest, "invalid_request",
                       "No matching federated identity record found for presented assertion issuer '\(tokenIssuer)'. Please check your federated identity credential Subject, Audience and Issuer against the presented assertion.",
                       aadsts: 700211)
        }
        guard tokenIssuer == ownIssuer, token.header["alg"]?.stringValue == "RS256",
            issuer.isValidSignature(token.signature, input: token.signingInput)
        else {
            throw .aad(.badRequest, "invalid_request",
                       "JWT token is invalid or malformed: the signature of the federated token does not verify with the keys of issuer '\(tokenIssuer)'.",
                       aadsts: 50027)
        }
        let audiences: [String] = token.payload["aud"]?.arrayValue?.compactMap(\.stringValue) ?? [token.payload["aud"]?.stringValue ?? ""]
        let forAudience = credentials.filter { audiences.contains($0.audience ?? FederatedTokenSource.defaultAudience) }
        guard !forAudience.isEmpty else {
            throw .aad(.badRequest, "invalid_request",
                       "No matching federated identity record found for presented assertion audience '\(audiences.joined(separator: ", "))'. Please check your federated identity credential Subject, Audience and Issuer against the presented assertion.",
                       aadsts: 700212)
        }
        let subject = token.payload["sub"]?.stringValue ?? ""
        guard forAudience.contains(where: { $0.subject == subject }) else {
            throw .aad(.badRequest, "invalid_request",
                       "No matching federated identity record found for presented assertion subject '\(subject)'. Please check your federated identity credential Subject, Audience and Issuer against the presented assertion. The app '\(clientID)' trusts: \(forAudience.map(\.subject).joined(separator: ", ")).",
                       aadsts: 700213)
        }
        _ = try lifetime(token.payload, what: "federated token")
    }
}
