import DevCenter
import DevCenterTestSupport
import Foundation
import Testing

/// Pre-production signing and partner submissions in the client, against answers given in
/// memory: the PUT's body is the file as octet-stream, an ambiguous failure is not repeated,
/// the assets list is read bare or in an envelope, a download answered with the content is
/// written, and the relationships path is spelled as the service spells it.
@Suite struct PreprodAndPartnerClientTests {
    static let package: JSONValue = ["id": "7c9e6679-7425-40de-944b-e07fc1f90ae7", "signingStatus": "NotStarted", "error": ["message": ""]]

    /// A file holding `text` in a scratch folder of its own; remove the folder when done.
    static func file(_ text: String) throws -> (URL, String) {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("hwsubmit-preprod-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let path = directory.appendingPathComponent("package.cab").path
        try Data(text.utf8).write(to: URL(fileURLWithPath: path))
        return (directory, path)
    }

    @Test func thePackageGoesAsTheWholeBodyAsOctetStream() async throws {
        let (file, path) = try Self.file("PK package bytes")
        defer { try? FileManager.default.removeItem(at: file) }
        let transport = InMemoryTransport { _ in .json(Self.package) }
        let package = try await ClientFixtures.client(transport).submitPreprodPackage(from: path)
        #expect(package.id == "7c9e6679-7425-40de-944b-e07fc1f90ae7")
        #expect(package.signingStatus == .notStarted)
        let request = try #require(transport.requests.first)
        #expect(request.method == "PUT")
        #expect(request.path.hasSuffix("/v2.0/my/hardware/preprod/packages/"))
        #expect(request.headers["Content-Type"] == "application/octet-stream")
        #expect(request.bodyText == "PK package bytes")
    }

    @Test func anAmbiguousFailureIsNotSentAgain() async throws {
        let (file, path) = try Self.file("PK")
        defer { try? FileManager.default.removeItem(at: file) }
        let transport = InMemoryTransport { _ in .json(503, ["error": ["code": "serviceUnavailable", "message": "busy"]]) }
        let error = await #expect(throws: DevCenterError.self) { try await ClientFixtures.client(transport).submitPreprodPackage(from: path) }
        #expect(error?.kind == .uncertainOutcome)
        #expect(error?.advice.contains("Partner Center") == true)
        #expect(transport.requests.count == 1, "a second PUT could make a second package")
    }

    @Test func aRefusalBeforeAnythingHappenedIsSentAgain() async throws {
        let (file, path) = try Self.file("PK")
        defer { try? FileManager.default.removeItem(at: file) }
        let calls = Counter()
        let transport = InMemoryTransport { _ in
            calls.next() == 1 ? .json(429, ["error": ["code": "rateLimited", "message": "slow down"]], headers: ["Retry-After": "0"]) : .json(Self.package)
        }
        _ = try await ClientFixtures.client(transport).submitPreprodPackage(from: path)
        #expect(transport.requests.count == 2)
        #expect(transport.requests.allSatisfy { $0.bodyText == "PK" }, "the file is read again for the second attempt")
    }

    @Test func aMissingPackageIsALocalFileError() async throws {
        let transport = InMemoryTransport { _ in .json(Self.package) }
        let error = await #expect(throws: DevCenterError.self) {
            try await ClientFixtures.client(transport).submitPreprodPackage(from: "/nonexistent/package.cab")
        }
        #expect(error?.kind == .localFile)
        #expect(transport.requests.isEmpty)
    }

    @Test func theAssetsAreReadBareOrInAnEnvelope() async throws {
        let asset: JSONValue = ["id": "a1", "packageId": "p1", "assetType": "SignedFilesZip", "contentHash": "00"]
        for answer: JSONValue in [.array([asset]), ["value": .array([asset])]] {
            let transport = InMemoryTransport { _ in .json(answer) }
            let assets = try await ClientFixtures.client(transport).preprodAssets(packageID: "p1")
            #expect(assets.map(\.id) == ["a1"])
            #expect(assets.first?.assetType == PreprodAsset.signedFilesZip)
            #expect(transport.requests.first?.path.hasSuffix("/preprod/packages/p1/assets") == true)
        }
    }

    @Test func aDownloadAnsweredWithTheContentIsWrittenWhole() async throws {
        let transport = InMemoryTransport { _ in TransportResponse(status: 200, headers: ["Content-Type": "application/zip"], body: Array("PK signed".utf8)) }
        let (directory, _) = try Self.file("")
        defer { try? FileManager.default.removeItem(at: directory) }
        let target = directory.appendingPathComponent("signed.zip").path
        let got = try await ClientFixtures.client(transport).downloadPreprodAsset(packageID: "p1", assetID: "a1", to: target)
        #expect(got.bytes == 9)
        #expect(try String(contentsOfFile: target, encoding: .utf8) == "PK signed")
        #expect(transport.requests.first?.path.hasSuffix("/preprod/packages/p1/assets/a1/download") == true)
        #expect(!FileManager.default.fileExists(atPath: target + ".partial"))
    }

    @Test func signingStatusDecidesTheWait() throws {
        let failed = try JSONValue(parsing: Array(#"{"id": 12, "signingStatus": "failed", "error": {"message": "unsigned catalog"}}"#.utf8)).decode(PreprodPackage.self)
        #expect(failed.id == "12", "a numeric ID is read as its digits")
        #expect(failed.progress == .failed(step: PreprodPackage.signingStep, messages: ["unsigned catalog"], errorReport: nil))
        let signed = try JSONValue(parsing: Array(#"{"id": "x", "signingStatus": "SUCCEEDED"}"#.utf8)).decode(PreprodPackage.self)
        #expect(signed.progress == .succeeded)
        let processing = try JSONValue(parsing: Array(#"{"id": "x", "signingStatus": "Processing", "error": {"message": ""}}"#.utf8)).decode(PreprodPackage.self)
        #expect(processing.progress == .inProgress)
        #expect(processing.errorMessage == nil, "an empty message is none")
    }

    @Test func thePartnersIDsGoInTheServicesSpellingOfThePath() async throws {
        let transport = InMemoryTransport { _ in .json(ClientFixtures.submission("commitComplete", signed: true)) }
        let submission = try await ClientFixtures.client(transport)
            .partnerSubmission(publisherID: "27691110", productID: 14_631_253_285_588_838, submissionID: 1_152_921_504_621_465_124)
        #expect(submission.id == 1_152_921_504_621_465_124)
        #expect(transport.requests.first?.path.hasSuffix(
            "/products/relationships/sourcepubliherid/27691110/sourceproductid/14631253285588838/sourcesubmissionid/1152921504621465124") == true)
    }

    @Test func aProductIsSharedWhenItNamesAPartner() throws {
        func product(_ fields: String) throws -> Product {
            try JSONValue(parsing: Array(("{\"id\": 1, " + fields + "}").utf8)).decode(Product.self)
        }
        #expect(try product(#""originType": "author", "sourcePublisherId": 0"#).isSharedWithThisAccount == false)
        #expect(try product(#""originType": "author", "sourcePublisherId": 27691110"#).isSharedWithThisAccount)
        #expect(try product(#""originType": "partner""#).isSharedWithThisAccount)
        #expect(try product(#""productName": "x""#).isSharedWithThisAccount == false)
    }
}
