/// Where a certificate credential comes from, before it is loaded.
public struct CertificateSettings: Sendable, Hashable {
    /// A PEM file (certificate and private key) or a PKCS#12 file; `~` is expanded.
    public var path: String
    /// Where the passphrase of an encrypted key or PKCS#12 file comes from.
    public var passphrase: SecretSource?
    public var algorithm: ClientCertificate.SigningAlgorithm
    /// Send the certificate chain (`x5c`) with each assertion (subject name and issuer sign-in).
    public var sendChain: Bool

    public init(path: String, passphrase: SecretSource? = nil, algorithm: ClientCertificate.SigningAlgorithm = .rs256, sendChain: Bool = false) {
        self.path = path
        self.passphrase = passphrase
        self.algorithm = algorithm
        self.sendChain = sendChain
    }
}
