import Crypto
import Foundation
import _CryptoExtras

/// An app registration's certificate and its private key, which sign client assertions
/// (``ClientAssertion``). Load one with ``load(path:passphrase:algorithm:sendChain:passphraseSetting:)``.
///
/// The private key stays inside this value: it is never written, logged or described.
public struct ClientCertificate: Sendable, CustomStringConvertible {
    /// The JWS algorithm of the assertions: both are RSA with SHA-256.
    public enum SigningAlgorithm: String, Sendable, Hashable, CaseIterable {
        /// RSASSA-PKCS1-v1_5, what most clients send.
        case rs256 = "RS256"
        /// RSASSA-PSS, which Entra ID also accepts.
        case ps256 = "PS256"
    }

    let privateKey: _RSA.Signing.PrivateKey
    /// The certificate and then the rest of the chain that came with it, DER-encoded.
    public let chain: [[UInt8]]
    /// The SHA-256 thumbprint of the certificate, in uppercase hex, as the Azure portal shows it.
    public let thumbprintSHA256: String
    /// The SHA-1 thumbprint (the portal's "Thumbprint" column), in uppercase hex.
    public let thumbprintSHA1: String
    /// When the certificate stops being valid.
    public let notValidAfter: Date
    /// The file it came from, for messages.
    public let path: String
    public var algorithm: SigningAlgorithm
    /// Whether assertions carry the certificate chain (`x5c`), which subject-name-and-issuer
    /// sign-in needs.
    public var sendChain: Bool

    init(
        privateKey: _RSA.Signing.PrivateKey, chain: [[UInt8]], notValidAfter: Date, path: String,
        algorithm: SigningAlgorithm, sendChain: Bool
    ) {
        self.privateKey = privateKey
        self.chain = chain
        self.notValidAfter = notValidAfter
        self.path = path
        self.algorithm = algorithm
        self.sendChain = sendChain
        let leaf = chain.first ?? []
        thumbprintSHA256 = SHA256.hash(data: leaf).map { String(format: "%02X", $0) }.joined()
        thumbprintSHA1 = Insecure.SHA1.hash(data: leaf).map { String(format: "%02X", $0) }.joined()
    }

    /// Signs `input` (a JWS signing input) with the private key.
    func sign(_ input: [UInt8]) throws -> [UInt8] {
        let padding: _RSA.Signing.Padding = algorithm == .ps256 ? .PSS : .insecurePKCS1v1_5
        return Array(try privateKey.signature(for: SHA256.hash(data: input), padding: padding).rawRepresentation)
    }

    public var description: String { "certificate \(thumbprintSHA256) from \(path)" }
}
