import Crypto
import DevCenter
import DevCenterTestSupport
import Foundation
import Testing
import _CryptoExtras

@Suite("Certificates and the client assertions they sign")
struct ClientCertificateTests {
    let folder: URL

    init() throws { folder = try CredentialFixtures.temporaryFolder() }

    func configurationError(_ body: () throws -> Void) -> DevCenterError? {
        do {
            try body()
            return nil
        } catch let error as DevCenterError {
            return error
        } catch {
            return nil
        }
    }

    @Test("PEM, encrypted PEM and PKCS#12 forms of one certificate load with the same thumbprints")
    func forms() throws {
        let plain = try ClientCertificate.load(path: CredentialFixtures.copy("app.pem", to: folder), passphrase: nil)
        let encrypted = try ClientCertificate.load(
            path: CredentialFixtures.copy("app-encrypted.pem", to: folder), passphrase: Secret(CredentialFixtures.passphrase))
        let pkcs12 = try ClientCertificate.load(
            path: CredentialFixtures.copy("app.p12", to: folder), passphrase: Secret(CredentialFixtures.passphrase))
        for certificate in [plain, encrypted, pkcs12] {
            #expect(certificate.thumbprintSHA256 == CredentialFixtures.appSHA256)
            #expect(certificate.thumbprintSHA1 == CredentialFixtures.appSHA1)
            #expect(certificate.notValidAfter > Date().addingTimeInterval(86400 * 365))
        }
        #expect("\(plain)" == "certificate \(CredentialFixtures.appSHA256) from \(folder.path)/app.pem")
    }

    @Test("a key file others can read is refused, with the chmod to run")
    func readableByOthers() throws {
        let path = try CredentialFixtures.copy("app.pem", to: folder, mode: 0o644)
        let error = try #require(configurationError { _ = try ClientCertificate.load(path: path, passphrase: nil) })
        #expect(error.kind == .configuration)
        #expect(error.message == "The certificate file \(path) holds a private key but can be read by others (mode 644)")
        #expect(error.advice == "Make it readable only by you: chmod 600 \(path)")
    }

    @Test("an encrypted key needs its passphrase, and a wrong one is named as such (never shown)")
    func passphrases() throws {
        let pem = try CredentialFixtures.copy("app-encrypted.pem", to: folder)
        let missing = try #require(configurationError { _ = try ClientCertificate.load(path: pem, passphrase: nil) })
        #expect(missing.message == "The private key in \(pem) is encrypted, and no passphrase was given")
        #expect(missing.advice.contains("HDC_CERTIFICATE_PASSWORD"))
        let wrong = try #require(configurationError { _ = try ClientCertificate.load(path: pem, passphrase: Secret("not-the-passphrase")) })
        #expect(wrong.message == "The passphrase does not decrypt the private key in \(pem)")
        #expect(!"\(wrong)".contains("not-the-passphrase"))
        let p12 = try CredentialFixtures.copy("app.p12", to: folder)
        let wrong12 = try #require(configurationError { _ = try ClientCertificate.load(path: p12, passphrase: Secret("nope-nope")) })
        #expect(wrong12.message == "\(p12) cannot be read as PKCS#12 with the passphrase given")
    }

    @Test("a missing file, and a PEM without a key, say what is wrong")
    func unreadable() throws {
        let missing = try #require(configurationError { _ = try ClientCertificate.load(path: folder.path + "/nope.pem", passphrase: nil) })
        #expect(missing.message == "The certificate file \(folder.path)/nope.pem does not exist or cannot be read")
        let certificateOnly = try CredentialFixtures.copy("app-cert.pem", to: folder)
        let noKey = try #require(configurationError { _ = try ClientCertificate.load(path: certificateOnly, passphrase: nil) })
        #expect(noKey.message == "\(certificateOnly) holds no private key")
    }

    @Test("an assertion names the client and the token endpoint, lives ten minutes, has its own jti and verifies with the certificate's key", arguments: ClientCertificate.SigningAlgorithm.allCases)
    func assertion(_ algorithm: ClientCertificate.SigningAlgorithm) throws {
        var certificate = try ClientCertificate.load(path: CredentialFixtures.copy("app.pem", to: folder), passphrase: nil, algorithm: algorithm)
        let now = Date(timeIntervalSince1970: 1_800_000_000)
        let audience = "http://127.0.0.1:9/tenant/oauth2/token"
        let first = try ClientAssertion.make(certificate: certificate, clientID: "client-1", audience: audience, now: now).exposedValue
        let second = try ClientAssertion.make(certificate: certificate, clientID: "client-1", audience: audience, now: now).exposedValue
        let parts = first.split(separator: ".").map(String.init)
        #expect(parts.count == 3)
        let header = try JSONValue(parsing: try #require(Base64URL.decode(parts[0])))
        let payload = try JSONValue(parsing: try #require(Base64URL.decode(parts[1])))
        #expect(header["alg"]?.stringValue == algorithm.rawValue)
        let thumbprint = try #require(header["x5t#S256"]?.stringValue.flatMap { Base64URL.decode($0) })
        #expect(thumbprint.map { String(format: "%02X", $0) }.joined() == CredentialFixtures.appSHA256)
        #expect(header["x5c"] == nil)
        #expect(payload["aud"]?.stringValue == audience)
        #expect(payload["iss"]?.stringValue == "client-1" && payload["sub"]?.stringValue == "client-1")
        #expect(payload["nbf"]?.int64Value == 1_800_000_000 && payload["exp"]?.int64Value == 1_800_000_600)
        let secondPayload = try JSONValue(parsing: try #require(Base64URL.decode(second.split(separator: ".")[1])))
        #expect(payload["jti"]?.stringValue != nil && payload["jti"] != secondPayload["jti"])
        // The signature, checked with the certificate's public key as the service would.
        let pem = try String(contentsOf: CredentialFixtures.folder.appendingPathComponent("app.pem"), encoding: .utf8)
        let key = try _RSA.Signing.PrivateKey(pemRepresentation: String(pem[pem.range(of: "-----BEGIN PRIVATE KEY-----")!.lowerBound...]))
        let signature = _RSA.Signing.RSASignature(rawRepresentation: try #require(Base64URL.decode(parts[2])))
        let digest = SHA256.hash(data: Array("\(parts[0]).\(parts[1])".utf8))
        #expect(key.publicKey.isValidSignature(signature, for: digest, padding: algorithm == .ps256 ? .PSS : .insecurePKCS1v1_5))
        #expect(!key.publicKey.isValidSignature(signature, for: SHA256.hash(data: Array("tampered".utf8)), padding: .insecurePKCS1v1_5))
        certificate.sendChain = true
        let chained = try ClientAssertion.make(certificate: certificate, clientID: "client-1", audience: audience).exposedValue
        let chainedHeader = try JSONValue(parsing: try #require(Base64URL.decode(chained.split(separator: ".")[0])))
        #expect(chainedHeader["x5c"]?.arrayValue?.first?.stringValue == Data(certificate.chain[0]).base64EncodedString())
    }

    @Test("a certificate's token request sends the assertion, never a secret, and a refusal shows the AADSTS code, its meaning and the thumbprint")
    func tokenRequestAndRefusal() async throws {
        let certificate = try ClientCertificate.load(path: CredentialFixtures.copy("app.pem", to: folder), passphrase: nil)
        let credentials = ClientCredentials(
            tenantID: "tenant-1", clientID: "client-1", proof: .certificate(certificate), authorityHost: "http://127.0.0.1:9")
        let transport = InMemoryTransport { _ in
            .json(401, ["error": "invalid_client", "error_description": "AADSTS700027: Client assertion contains an invalid signature. [Reason - The key was not found.]"])
        }
        let provider = RefreshingTokenProvider(credentials: credentials, transport: transport)
        await #expect {
            _ = try await provider.token(logger: LogCapture().logger)
        } throws: { error in
            guard let error = error as? DevCenterError else { return false }
            return error.kind == .authentication
                && error.message.hasPrefix("The token endpoint refused the certificate of client client-1 in tenant tenant-1 (AADSTS700027: the client assertion's signature is invalid or its key is not registered)")
                && error.advice.contains(CredentialFixtures.appSHA256)
        }
        let form = transport.requests[0].bodyText
        #expect(form.contains("client_assertion_type=urn%3Aietf%3Aparams%3Aoauth%3Aclient-assertion-type%3Ajwt-bearer&client_assertion=eyJ"))
        #expect(!form.contains("client_secret"))
    }
}
