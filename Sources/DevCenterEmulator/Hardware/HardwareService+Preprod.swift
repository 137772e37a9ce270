import Crypto
import DevCenter
import Foundation
import HTTPTypes
import Hummingbird
import NIOCore

/// Pre-production signing: `PUT /preprod/packages` with the package as the body, the package's
/// `signingStatus` walking `NotStarted`, `Processing`, then `Succeeded` or `Failed` one step
/// delay apart, and the signed files as the one asset (`SignedFilesZip`), downloaded through a
/// redirect to a SAS URL.
extension HardwareService {
    /// The largest package the emulator takes in one PUT.
    static let maximumPreprodPackage = 512 << 20

    func submitPreprodPackage(_ call: Call) async throws -> Response {
        let type = call.request.headers[.contentType]?.split(separator: ";").first.map { $0.trimmingCharacters(in: .whitespaces).lowercased() }
        guard type == "application/octet-stream" else {
            throw HTTPFailure.service(
                .unsupportedMediaType, .invalidInput,
                "A pre-production package is sent as the body itself, with Content-Type application/octet-stream (got \(type ?? "none")).")
        }
        var request = call.request
        let body = try await request.collectBody(upTo: Self.maximumPreprodPackage)
        guard body.readableBytes > 0 else {
            throw HTTPFailure.invalidInput("body", "is empty; send the driver package (a .zip or .cab) as the body")
        }
        let now = clock.now
        let record = state.withLock { s in
            s.preprodCount += 1
            let serial = s.preprodCount
            var record = PreprodPackageRecord(
                id: UUID().uuidString.lowercased(), serial: serial, receivedAt: now, bytes: body.readableBytes)
            record.plannedFailure = s.failuresForNextPreprodPackages.isEmpty ? nil : s.failuresForNextPreprodPackages.removeFirst()
            s.preprodPackages[record.id] = record
            s.preprodOrder.append(record.id)
            return record
        }
        let file = store.newFileURL("preprod")
        try Data(buffer: body).write(to: file)
        store.putBlob(
            BlobStore.Key(container: record.container, name: PreprodPackageRecord.packageBlob), content: .file(file),
            size: body.readableBytes, md5: nil, contentType: "application/octet-stream")
        Task.detached { [self] in
            let outcome = signPreprod(record, package: file)
            state.withLock { s in s.preprodPackages[record.id]?.outcome = outcome }
        }
        return json(renderPreprod(record, includeAssets: false), status: .ok)
    }

    /// Inspects the package as ingestion does and, unless a failure was planned, writes its signed files.
    private func signPreprod(_ record: PreprodPackageRecord, package: URL) -> PreprodPackageRecord.Outcome {
        let work = store.directory.appendingPathComponent("work-preprod-\(record.serial)")
        try? FileManager.default.createDirectory(at: work, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: work) }
        if let planned = record.plannedFailure {
            return .failed(planned.isEmpty ? ["Signing failed (failure injected by the emulator)."] : planned)
        }
        do {
            // Pre-production signing has no product and so no requested signatures: any OS the INF targets will do.
            let inspected = try PackageInspector.inspect(
                package, requestedSignatures: SignatureCatalog.all.map(\.code), workDirectory: work)
            let signed = store.newFileURL("preprod-signed")
            try SignedPackageBuilder.build(inspected, submissionID: record.serial, signedAt: clock.now, to: signed, workDirectory: work)
            let data = try Data(contentsOf: signed)
            store.putBlob(
                BlobStore.Key(container: record.container, name: PreprodPackageRecord.signedBlob), content: .file(signed),
                size: data.count, md5: nil, contentType: "application/zip")
            let hash = SHA256.hash(data: data).map { String(format: "%02x", $0) }.joined()
            return .signed(assetID: "\(record.id)-signedfiles", contentHash: hash)
        } catch let error as PackageReadError {
            return .failed(error.description.split(separator: "\n").map(String.init))
        } catch {
            return .failed(["The package could not be processed: \(error). Check that it is a valid ZIP or CAB."])
        }
    }

    /// `signingStatus` by the clock: `NotStarted` for one step delay, `Processing` for another
    /// (and until the package has been inspected), then the outcome.
    func preprodStatus(_ record: PreprodPackageRecord) -> PreprodSigningStatus {
        let elapsed = clock.now.timeIntervalSince(record.receivedAt)
        if stepDelay > 0 && elapsed < stepDelay { return .notStarted }
        guard let outcome = record.outcome, stepDelay <= 0 || elapsed >= 2 * stepDelay else { return .processing }
        if case .signed = outcome { return .succeeded }
        return .failed
    }

    private func renderAsset(_ record: PreprodPackageRecord) -> JSONValue? {
        guard preprodStatus(record) == .succeeded, case .signed(let assetID, let hash)? = record.outcome else { return nil }
        let created = record.receivedAt.addingTimeInterval(max(0, 2 * stepDelay))
        return [
            "id": .string(assetID), "packageId": .string(record.id), "assetType": .string(PreprodAsset.signedFilesZip),
            "createdDate": .string(ISOTime.string(created, fractional: true)), "contentHash": .string(hash),
        ]
    }

    func renderPreprod(_ record: PreprodPackageRecord, includeAssets: Bool) -> JSONValue {
        let status = preprodStatus(record)
        var message = ""
        if status == .failed, case .failed(let messages)? = record.outcome { message = messages.joined(separator: " ") }
        var fields: [String: JSONValue] = [
            "id": .string(record.id), "etag": .string("\"\(record.serial)-\(status.rawValue)\""),
            "lastModified": .string(ISOTime.string(clock.now, fractional: true)), "signingStatus": .string(status.rawValue),
            "error": ["message": .string(message)],
        ]
        if includeAssets {
            fields["assets"] = .array(renderAsset(record).map { [$0] } ?? [])
        }
        return .object(fields)
    }

    private func preprodRecord(_ call: Call) throws(HTTPFailure) -> PreprodPackageRecord {
        let id = call.names[0]
        guard let record = state.withLock({ $0.preprodPackages[id.lowercased()] }) else {
            throw .notFound("Pre-production package \(id)")
        }
        return record
    }

    func getPreprodPackage(_ call: Call) throws -> Response {
        json(renderPreprod(try preprodRecord(call), includeAssets: true))
    }

    /// The assets as a bare JSON array, as the service answers them.
    func listPreprodAssets(_ call: Call) throws -> Response {
        json(.array(renderAsset(try preprodRecord(call)).map { [$0] } ?? []))
    }

    private func asset(_ call: Call) throws(HTTPFailure) -> (PreprodPackageRecord, JSONValue) {
        let record = try preprodRecord(call)
        guard let asset = renderAsset(record), asset["id"]?.stringValue?.lowercased() == call.names[1].lowercased() else {
            throw .notFound("Asset \(call.names[1]) of pre-production package \(record.id)")
        }
        return (record, asset)
    }

    func getPreprodAsset(_ call: Call) throws -> Response { json(try asset(call).1) }

    /// Redirects to a SAS URL of the signed files.
    func downloadPreprodAsset(_ call: Call) throws -> Response {
        let (record, _) = try asset(call)
        let url = signer.url(
            base: call.origin, container: record.container, blob: PreprodPackageRecord.signedBlob, permissions: "r", lifetime: sasLifetime)
        var fields = HTTPFields()
        fields[.location] = url
        fields[.contentType] = "application/json; charset=utf-8"
        return Response(status: .found, headers: fields, body: .init(byteBuffer: ByteBuffer()))
    }
}
