import DevCenter
import Foundation
import Hummingbird

/// `/products/{id}/submissions`: create (with the state rules), get, list, PATCH of the name,
/// commit, and `createpublishermetadata`.
extension HardwareService {
    /// Blob names inside a submission's container.
    enum BlobName {
        static let package = "package"
        static let signedPackage = "signedPackage.zip"
        static let driverMetadata = "driverMetadata.json"
        static let certificationReport = "certificationReport.txt"
        static let errorReport = "errorReport.txt"
    }

    func snapshot(_ submission: HardwareState.Submission) -> IngestionTimeline.Snapshot {
        IngestionTimeline.snapshot(
            committedAt: submission.committedAt, now: clock.now, stepDelay: stepDelay,
            outcome: submission.outcome, plannedFailure: submission.plannedFailure)
    }

    /// A submission as the service answers it; list items leave out `workflowStatus` and `downloads`, as the service may.
    func renderSubmission(_ submission: HardwareState.Submission, product: HardwareState.Product?, _ call: Call, full: Bool) -> JSONValue {
        let status = snapshot(submission)
        var fields = submission.extraFields
        fields["id"] = .integer(submission.id)
        fields["productId"] = .integer(submission.productId)
        fields["name"] = .string(submission.name)
        fields["type"] = .string(submission.type.rawValue)
        fields["commitStatus"] = .string(status.commitStatus.rawValue)
        var isExtension = product?.fields["isExtensionInf"]?.boolValue ?? false
        var isUniversal = true, isDeclarative = true
        if case .passed(let package) = submission.outcome {
            isExtension = package.isExtensionInf
            isUniversal = package.isUniversal
            isDeclarative = package.isDeclarativeInf
        }
        fields["isExtensionInf"] = .bool(isExtension)
        fields["isUniversal"] = .bool(isUniversal)
        fields["isDeclarativeInf"] = .bool(isDeclarative)
        let selfURL = "\(call.apiBase)/products/\(submission.productId)/submissions/\(submission.id)"
        fields["links"] = [link(selfURL, "self"), link(selfURL, "update_submission", "PATCH")]
        guard full else { return .object(fields) }

        var workflow: [String: JSONValue] = [
            "currentStep": .string(status.step.rawValue), "state": .string(status.state.rawValue),
            "messages": .array(status.messages.map(JSONValue.string)),
        ]
        func sas(_ name: String, _ permissions: String) -> JSONValue {
            .string(signer.url(base: call.origin, container: submission.container, blob: name, permissions: permissions, lifetime: sasLifetime))
        }
        if status.isFailed {
            let key = BlobStore.Key(container: submission.container, name: BlobName.errorReport)
            if store.blob(key) == nil {
                let report = "Submission \(submission.id) of product \(submission.productId) failed at \(status.step.rawValue).\r\n\r\n"
                    + status.messages.joined(separator: "\r\n") + "\r\n"
                store.putBlob(key, content: .bytes(Data(report.utf8)), size: report.utf8.count, md5: nil, contentType: "text/plain; charset=utf-8")
            }
            workflow["errorReport"] = sas(BlobName.errorReport, "r")
        }
        fields["workflowStatus"] = .object(workflow)
        let uploadType: DownloadType = submission.type == .derived ? .derivedPackage : .initialPackage
        var items: [JSONValue] = [["type": .string(uploadType.rawValue), "url": sas(BlobName.package, submission.committedAt == nil ? "rwl" : "r")]]
        if status.isComplete {
            items.append(["type": .string(DownloadType.signedPackage.rawValue), "url": sas(BlobName.signedPackage, "r")])
            let placement = forms.withLock { $0.driverMetadata }
            let metadata = sas(BlobName.driverMetadata, "r")
            if placement != .links {
                items.append(["type": .string(DownloadType.driverMetadata.rawValue), "url": metadata])
            }
            if placement != .downloads, case .string(let href) = metadata {
                fields["links"] = .array((fields["links"]?.arrayValue ?? []) + [link(href, DownloadType.driverMetadata.rawValue)])
            }
            // A page of the dashboard, as the service hands it out, not a blob.
            let report = DashboardPage.certificationReportURL(origin: call.origin, productID: submission.productId, submissionID: submission.id)
            items.append(["type": .string(DownloadType.certificationReport.rawValue), "url": .string(report)])
        }
        fields["downloads"] = ["items": .array(items), "messages": []]
        return .object(fields)
    }

    func listSubmissions(_ call: Call) throws -> Response {
        let (product, items) = try state.withLock { s throws(HTTPFailure) in
            let product = try self.product(call.ids[0], in: s)
            return (product, s.submissionOrder.compactMap { s.submissions[$0] }.filter { $0.productId == product.id })
        }
        return try page(items.map { renderSubmission($0, product: product, call, full: false) }, call,
                        path: "/products/\(product.id)/submissions")
    }

    func getSubmission(_ call: Call) throws -> Response {
        let (product, submission) = try state.withLock { s throws(HTTPFailure) in
            (try self.product(call.ids[0], in: s), try self.submission(call.ids[0], call.ids[1], in: s))
        }
        return json(renderSubmission(submission, product: product, call, full: true))
    }

    func createSubmission(_ call: Call) async throws -> Response {
        let body = try await JSONBodyReader.object(from: call.request, fields: .newSubmission)
        var check = FieldChecker(body)
        let name = check.string("name", required: true)
        var type = SubmissionType.initial
        if let text = check.string("type") {
            type = SubmissionType(rawValue: text)
            if type != .initial && type != .derived { check.fail("type", "must be initial or derived (got \"\(text)\")") }
        }
        try check.check("submission")
        let productID = call.ids[0]
        let (product, submission) = try state.withLock { s throws(HTTPFailure) in
            let product = try self.product(productID, in: s)
            let initial = s.submissionOrder.compactMap { s.submissions[$0] }.first { $0.productId == productID && $0.type == .initial }
            if type == .initial, let initial {
                throw .invalidState("Initial submission already exists for product \(productID) (submission \(initial.id)). Use that submission, or create a derived submission.")
            }
            if type == .derived {
                guard let initial else {
                    throw .invalidState("Initial submission does not exist for product \(productID); a derived submission needs a completed initial one. Create and commit the initial submission first.")
                }
                guard self.snapshot(initial).isComplete else {
                    throw .invalidState("The initial submission \(initial.id) of product \(productID) has not completed (commitStatus: \(self.snapshot(initial).commitStatus.rawValue)); wait for it before creating a derived submission.")
                }
            }
            var extra = body
            extra.removeValue(forKey: "name")
            extra.removeValue(forKey: "type")
            let planned = s.failuresForNextSubmissions.isEmpty ? nil : s.failuresForNextSubmissions.removeFirst()
            let submission = HardwareState.Submission(
                id: s.submissionIDs.take(), productId: productID, name: name ?? "", type: type == .derived ? .derived : .initial,
                extraFields: extra, plannedFailure: planned)
            s.submissions[submission.id] = submission
            s.submissionOrder.append(submission.id)
            return (product, submission)
        }
        return json(renderSubmission(submission, product: product, call, full: true), status: .created)
    }

    func patchSubmission(_ call: Call) async throws -> Response {
        let body = try await JSONBodyReader.object(from: call.request, fields: .submissionUpdate)
        _ = try state.withLock { s throws(HTTPFailure) in try self.submission(call.ids[0], call.ids[1], in: s) }
        try FieldChecker.refuseUnchangeable(body, mutable: SubmissionUpdate.mutableFields, of: "submission")
        var check = FieldChecker(body)
        let name = check.string("name", required: true)
        try check.check("submission update")
        try state.withLock { s throws(HTTPFailure) in
            var submission = try self.submission(call.ids[0], call.ids[1], in: s)
            submission.name = name ?? submission.name
            s.submissions[submission.id] = submission
        }
        return Response(status: .noContent)
    }

    func commit(_ call: Call) throws -> Response {
        let now = clock.now
        let (submission, product) = try state.withLock { s throws(HTTPFailure) in
            var submission = try self.submission(call.ids[0], call.ids[1], in: s)
            let status = self.snapshot(submission)
            guard submission.committedAt == nil else {
                throw .invalidState("Only pending submissions can be committed: submission \(submission.id) is already committed (commitStatus: \(status.commitStatus.rawValue)). GET it to follow its progress.")
            }
            submission.committedAt = now
            if store.blob(BlobStore.Key(container: submission.container, name: BlobName.package)) == nil {
                submission.outcome = .failed([
                    "No package was uploaded to the submission's \(submission.type == .derived ? "derivedPackage" : "initialPackage") URL before commit. Upload the driver package (a .zip or .cab) to that URL first; this submission cannot be committed again, so create a new one.",
                ])
            }
            s.submissions[submission.id] = submission
            s.products[submission.productId]?.isCommitted = true
            return (submission, try self.product(submission.productId, in: s))
        }
        if submission.outcome == nil {
            let signatures = product.fields["requestedSignatures"]?.arrayValue?.compactMap(\.stringValue) ?? []
            Task.detached { [self] in
                let outcome = ingest(submission, requestedSignatures: signatures, at: now)
                state.withLock { s in s.submissions[submission.id]?.outcome = outcome }
            }
        }
        // The commit answer's documented body.
        return json(["commitStatus": .string(CommitStatus.commitStarted.rawValue)], status: .accepted)
    }

    func createPublisherMetadata(_ call: Call) throws -> Response {
        try state.withLock { s throws(HTTPFailure) in
            let submission = try self.submission(call.ids[0], call.ids[1], in: s)
            let status = self.snapshot(submission)
            guard status.isComplete else {
                throw .invalidState("Driver metadata can be requested only for a completed submission; submission \(submission.id) is \(status.commitStatus.rawValue) at \(status.step.rawValue) (\(status.state.rawValue)).")
            }
        }
        return Response(status: .accepted)
    }

    /// Inspects the uploaded package and, when it passes, writes the signed package, driver metadata and report.
    func ingest(_ submission: HardwareState.Submission, requestedSignatures: [String], at time: Date) -> IngestionOutcome {
        let work = store.directory.appendingPathComponent("work-\(submission.id)")
        try? FileManager.default.createDirectory(at: work, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: work) }
        guard let blob = store.blob(BlobStore.Key(container: submission.container, name: BlobName.package)),
            case .file(let url) = blob.content
        else {
            return .failed(["The uploaded package could not be read back; upload it again to a new submission."])
        }
        do {
            let package = try PackageInspector.inspect(url, requestedSignatures: requestedSignatures, workDirectory: work)
            let metadata = DriverMetadataBuilder.build(package, submissionID: submission.id)
            let signed = store.newFileURL("signed")
            try SignedPackageBuilder.build(package, submissionID: submission.id, signedAt: time, to: signed, workDirectory: work)
            let signedSize = (try? FileManager.default.attributesOfItem(atPath: signed.path)[.size] as? Int) ?? 0
            func key(_ name: String) -> BlobStore.Key { BlobStore.Key(container: submission.container, name: name) }
            store.putBlob(key(BlobName.signedPackage), content: .file(signed), size: signedSize, md5: nil, contentType: "application/zip")
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
            let metadataJSON = (try? encoder.encode(metadata)) ?? Data("{}".utf8)
            store.putBlob(key(BlobName.driverMetadata), content: .bytes(metadataJSON), size: metadataJSON.count, md5: nil, contentType: "application/json")
            let report = CertificationReport.text(package, submissionID: submission.id, productID: submission.productId, at: time)
            store.putBlob(key(BlobName.certificationReport), content: .bytes(Data(report.utf8)), size: report.utf8.count, md5: nil, contentType: "text/plain; charset=utf-8")
            let isExtension = package.infs.contains { $0.inf.version.infClass?.lowercased() == "extension" }
            let declarative = package.infs.allSatisfy(CertificationReport.isDeclarative)
            return .passed(IngestedPackage(metadata: metadata, isExtensionInf: isExtension, isDeclarativeInf: declarative, isUniversal: declarative))
        } catch let error as PackageReadError {
            return .failed(error.description.split(separator: "\n").map(String.init))
        } catch {
            return .failed(["The package could not be processed: \(error). Check that it is a valid ZIP or CAB and upload it to a new submission."])
        }
    }
}
