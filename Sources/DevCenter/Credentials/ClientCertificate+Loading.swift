import Foundation
import NIOSSL
import _CryptoExtras

extension ClientCertificate {
    /// Reads a certificate and its RSA private key from `path`: PEM (the certificate, its chain
    /// and the private key in one file; the key may be encrypted) or PKCS#12 (`.pfx`, `.p12`).
    ///
    /// The file must be readable by its owner only. Every failure is a `configuration` error that
    /// names the file and says what to do; none shows the key or the passphrase.
    ///
    /// - Parameter passphraseSetting: where the passphrase is set, for advice
    ///   ("HDC_CERTIFICATE_PASSWORD").
    public static func load(
        path: String, passphrase: Secret?, algorithm: SigningAlgorithm = .rs256, sendChain: Bool = false,
        passphraseSetting: String = "HDC_CERTIFICATE_PASSWORD"
    ) throws -> ClientCertificate {
        let bytes = try readPrivateFile(path)
        let isPEM = String(decoding: bytes.prefix(4096), as: UTF8.self).contains("-----BEGIN ")
        let certificates: [NIOSSLCertificate]
        let keyDER: [UInt8]
        if isPEM {
            (certificates, keyDER) = try readPEM(bytes, path: path, passphrase: passphrase, passphraseSetting: passphraseSetting)
        } else {
            (certificates, keyDER) = try readPKCS12(bytes, path: path, passphrase: passphrase, passphraseSetting: passphraseSetting)
        }
        let key: _RSA.Signing.PrivateKey
        do {
            key = try _RSA.Signing.PrivateKey(derRepresentation: keyDER)
        } catch {
            throw DevCenterError.configuration(
                "The private key in \(path) is not an RSA key of 2048 bits or more",
                advice: "Entra ID certificate credentials use RSA keys; make one with `openssl req -x509 -newkey rsa:2048 …` and upload its certificate to the app registration.")
        }
        let publicKey = key.publicKey.derRepresentation
        guard let leafIndex = certificates.firstIndex(where: { (try? $0.extractPublicKey().toSPKIBytes()).map { Data($0) } == publicKey }) else {
            throw DevCenterError.configuration(
                certificates.isEmpty ? "\(path) holds a private key but no certificate" : "The private key in \(path) does not belong to any certificate in the file",
                advice: "Put the app registration's certificate and its own private key in the file (`cat cert.pem key.pem > \((path as NSString).lastPathComponent)`).")
        }
        var ordered = certificates
        ordered.insert(ordered.remove(at: leafIndex), at: 0)
        let notValidAfter = Date(timeIntervalSince1970: TimeInterval(ordered[0].notValidAfter))
        let chain = try ordered.map { try $0.toDERBytes() }
        let certificate = ClientCertificate(
            privateKey: key, chain: chain, notValidAfter: notValidAfter, path: path, algorithm: algorithm, sendChain: sendChain)
        guard notValidAfter > Date() else {
            throw DevCenterError.configuration(
                "The certificate in \(path) (thumbprint \(certificate.thumbprintSHA256)) expired on \(notValidAfter)",
                advice: "Make a new certificate, upload it to the app registration (Certificates & secrets), and point the setting at it.")
        }
        return certificate
    }

    /// The bytes of a file holding a private key, refused when others can read it.
    static func readPrivateFile(_ path: String) throws -> [UInt8] {
        let attributes: [FileAttributeKey: Any]
        do {
            attributes = try FileManager.default.attributesOfItem(atPath: path)
        } catch {
            throw DevCenterError.configuration(
                "The certificate file \(path) does not exist or cannot be read",
                advice: "Check the path (HDC_CERTIFICATE_PATH or the profile's certificate_path), and that the file is readable by you.")
        }
        if let mode = (attributes[.posixPermissions] as? NSNumber)?.intValue, mode & 0o077 != 0 {
            throw DevCenterError.configuration(
                "The certificate file \(path) holds a private key but can be read by others (mode \(String(mode & 0o777, radix: 8)))",
                advice: "Make it readable only by you: chmod 600 \(path)")
        }
        guard let data = FileManager.default.contents(atPath: path) else {
            throw DevCenterError.configuration(
                "The certificate file \(path) cannot be read",
                advice: "Check that the file is readable by you (chmod 600 \(path)).")
        }
        return Array(data)
    }

    private static func readPEM(
        _ bytes: [UInt8], path: String, passphrase: Secret?, passphraseSetting: String
    ) throws -> ([NIOSSLCertificate], [UInt8]) {
        let text = String(decoding: bytes, as: UTF8.self)
        guard text.contains("PRIVATE KEY-----") else {
            throw DevCenterError.configuration(
                "\(path) holds no private key",
                advice: "Put the certificate and its private key in one PEM file (`cat cert.pem key.pem > both.pem`, then chmod 600), or use a PKCS#12 file.")
        }
        let encrypted = text.contains("-----BEGIN ENCRYPTED PRIVATE KEY-----") || text.contains("Proc-Type: 4,ENCRYPTED")
        if encrypted && (passphrase?.isEmpty ?? true) {
            throw DevCenterError.configuration(
                "The private key in \(path) is encrypted, and no passphrase was given",
                advice: "Set \(passphraseSetting) to its passphrase (or name the variable that holds it with the profile's certificate_passphrase_env).")
        }
        let key: NIOSSLPrivateKey
        do {
            let phrase = Array((passphrase?.exposedValue ?? "").utf8)
            key = try NIOSSLPrivateKey(bytes: bytes, format: .pem) { (setter: NIOSSLPassphraseSetter<[UInt8]>) in setter(phrase) }
        } catch {
            throw DevCenterError.configuration(
                encrypted ? "The passphrase does not decrypt the private key in \(path)" : "The private key in \(path) cannot be read",
                advice: encrypted ? "Check \(passphraseSetting): it must hold the passphrase the key was encrypted with." : "Check that the file holds a PEM private key (`openssl pkey -in \(path) -noout` tells).")
        }
        let certificates = (try? NIOSSLCertificate.fromPEMBytes(bytes)) ?? []
        do {
            return (certificates, try key.derBytes)
        } catch {
            throw DevCenterError.configuration("The private key in \(path) cannot be read", advice: "Check that the file holds an RSA private key.")
        }
    }

    private static func readPKCS12(
        _ bytes: [UInt8], path: String, passphrase: Secret?, passphraseSetting: String
    ) throws -> ([NIOSSLCertificate], [UInt8]) {
        do {
            let bundle = try NIOSSLPKCS12Bundle(buffer: bytes, passphrase: Array((passphrase?.exposedValue ?? "").utf8))
            return (bundle.certificateChain, try bundle.privateKey.derBytes)
        } catch {
            let given = !(passphrase?.isEmpty ?? true)
            throw DevCenterError.configuration(
                "\(path) cannot be read as PKCS#12 " + (given ? "with the passphrase given" : "without a passphrase"),
                advice: given
                    ? "Check \(passphraseSetting): it must hold the file's passphrase. If the file is PEM, it must start with -----BEGIN."
                    : "Set \(passphraseSetting) to the file's passphrase, or give a PEM file.")
        }
    }
}
