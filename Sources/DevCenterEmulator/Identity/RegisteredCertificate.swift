import Crypto
import Foundation
import NIOSSL
import _CryptoExtras

/// A certificate registered on an app: what a client assertion's header names (`x5t#S256`,
/// `x5t`) and the key its signature is checked with.
struct RegisteredCertificate: Sendable {
    let der: [UInt8]
    let sha256: [UInt8]
    let sha1: [UInt8]
    let publicKey: _RSA.Signing.PublicKey
    let notValidAfter: Date

    init?(pem: String) {
        guard let certificate = try? NIOSSLCertificate.fromPEMBytes(Array(pem.utf8)).first,
            let der = try? certificate.toDERBytes(),
            let spki = try? certificate.extractPublicKey().toSPKIBytes(),
            let key = try? _RSA.Signing.PublicKey(derRepresentation: spki)
        else { return nil }
        self.der = der
        sha256 = Array(SHA256.hash(data: der))
        sha1 = Array(Insecure.SHA1.hash(data: der))
        publicKey = key
        notValidAfter = Date(timeIntervalSince1970: TimeInterval(certificate.notValidAfter))
    }

    /// The SHA-256 thumbprint in uppercase hex, as messages show it.
    var thumbprint: String { sha256.map { String(format: "%02X", $0) }.joined() }
}
