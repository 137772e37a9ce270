import DevCenter
import DevCenterTestSupport
import Foundation
import Testing

/// Every documented sample of `Tests/Fixtures/service` decodes through the models, with every
/// field kept when written back out.
@Suite("The service's documented samples decode through the models")
struct ServiceFixtureTests {
    /// How each fixture is read, and what it must give.
    enum Reading {
        case resource(any (Codable & Sendable).Type)
        case list(any (Decodable & Sendable).Type, itemType: any (Codable & Sendable).Type)
        case request(any (Codable & Sendable).Type)
        case part(any (Codable & Sendable).Type)
        case commitAnswer
        case errorBody(status: Int)
    }

    static let readings: [String: Reading] = [
        "product-list.json": .list(ListPage<Product>.self, itemType: Product.self),
        "product.json": .resource(Product.self),
        "product-create-request.json": .request(NewProduct.self),
        "product-create-response.json": .resource(Product.self),
        "product-resource.json": .resource(Product.self),
        "product-update-request.json": .request(ProductUpdate.self),
        "submission-resource.json": .resource(Submission.self),
        "workflow-status.json": .part(WorkflowStatus.self),
        "downloads.json": .part(Downloads.self),
        "link.json": .part(Link.self),
        "submission-list.json": .list(ListPage<Submission>.self, itemType: Submission.self),
        "submission.json": .resource(Submission.self),
        "submission-every-download.json": .resource(Submission.self),
        "submission-create-request.json": .request(NewSubmission.self),
        "submission-create-response.json": .resource(Submission.self),
        "submission-update-request.json": .request(SubmissionUpdate.self),
        "commit-response.json": .commitAnswer,
        "commit-response-table.json": .commitAnswer,
        "shipping-label-create-request.json": .request(NewShippingLabel.self),
        "shipping-label-create-response.json": .resource(ShippingLabel.self),
        "shipping-label.json": .resource(ShippingLabel.self),
        "shipping-label-list.json": .list(ListPage<ShippingLabel>.self, itemType: ShippingLabel.self),
        "shipping-label-resource.json": .resource(ShippingLabel.self),
        "publishing-specifications.json": .part(PublishingSpecifications.self),
        "additional-info-for-ms-approval.json": .part(AdditionalInfoForMsApproval.self),
        "recipient-specifications.json": .part(RecipientSpecifications.self),
        "targeting.json": .part(Targeting.self),
        "hardware-id.json": .part(HardwareIDTarget.self),
        "chid.json": .part(CHIDTarget.self),
        "in-service-publish-info.json": .part(InServicePublishInfo.self),
        "co-eng-driver-publish-info.json": .part(CoEngDriverPublishInfo.self),
        "shipping-label-workflow-status.json": .part(WorkflowStatus.self),
        "shipping-label-update-request.json": .request(ShippingLabelUpdate.self),
        "audience.json": .resource(Audience.self),
        "audience-list.json": .list(ListPage<Audience>.self, itemType: Audience.self),
        "driver-metadata.json": .resource(DriverMetadata.self),
        "error-validation-failed.json": .errorBody(status: 422),
        "error-commit-not-pending.json": .errorBody(status: 400),
        "error-entity-not-found-flat.json": .errorBody(status: 404),
        "error-rate-limited.json": .errorBody(status: 429),
    ]

    @Test("every fixture in the folder is read by a test")
    func everyFixtureCovered() throws {
        let names = try ServiceFixtures.names()
        #expect(names.count == Self.readings.count)
        #expect(Set(names) == Set(Self.readings.keys))
    }

    @Test("each fixture decodes, and writes back out with nothing lost", arguments: Self.readings.keys.sorted())
    func roundTrip(_ name: String) throws {
        let original = try ServiceFixtures.json(name)
        let data = try ServiceFixtures.data(name)
        let notes = DecodingNotes()
        switch try #require(Self.readings[name]) {
        case .resource(let type):
            // A resource keeps its JSON: written back, it is the sample exactly.
            let written = try Self.rewrite(original, as: type, notes: notes)
            #expect(written == original, "\(name): \(JSONShape.lost(from: original, in: written))")
        case .list(let type, let itemType):
            #expect(try Self.itemCount(original, as: type, notes: notes) == original["value"]?.arrayValue?.count)
            for (i, item) in (original["value"]?.arrayValue ?? []).enumerated() {
                let written = try Self.rewrite(item, as: itemType, notes: notes)
                #expect(written == item, "\(name) item \(i): \(JSONShape.lost(from: item, in: written))")
            }
        case .request(let type), .part(let type):
            // Request models and parts write every field they were given (and may add defaults).
            let written = try Self.rewrite(original, as: type, notes: notes)
            #expect(JSONShape.lost(from: original, in: written).isEmpty, "\(name): \(JSONShape.lost(from: original, in: written))")
        case .commitAnswer:
            let status = try #require(try original["commitStatus"]?.decode(CommitStatus.self))
            #expect([CommitStatus.commitStarted, .commitPending].contains(status))
        case .errorBody(let status):
            let body = try #require(ServiceErrorBody.parse(Array(data)))
            #expect(body.message?.isEmpty == false)
            let error = DevCenterError.response(status: status, body: Array(data), operation: "GET /products/1")
            #expect(error.message.contains(try #require(body.message)))
        }
        #expect(notes.all.isEmpty, "nothing of a documented sample is left out: \(notes.all)")
    }

    /// `json` decoded as `type` and encoded again.
    static func rewrite<T: Codable>(_ json: JSONValue, as type: T.Type, notes: DecodingNotes) throws -> JSONValue {
        try JSONValue(encoding: try json.decode(type, notes: notes))
    }

    /// How many items `json` decoded as the list page `type` has.
    static func itemCount<T: Decodable>(_ json: JSONValue, as type: T.Type, notes: DecodingNotes) throws -> Int {
        switch try json.decode(type, notes: notes) {
        case let page as ListPage<Product>: return page.value.count
        case let page as ListPage<Submission>: return page.value.count
        case let page as ListPage<ShippingLabel>: return page.value.count
        case let page as ListPage<Audience>: return page.value.count
        default: throw CocoaError(.coderInvalidValue)
        }
    }

    @Test("what the samples hold is read as the service means it")
    func meanings() throws {
        let list = try ServiceFixtures.json("product-list.json").decode(ListPage<Product>.self)
        let second = try #require(list.value.last)
        #expect(second.originType == "author" && second.sourceProductId == 0 && second.sourcePublisherId == 0)
        #expect(second.isRetpolineCompiled == false && second.deviceMetadataCategory == "Input.Digitizer.Multitouch")
        #expect(second.announcementDateValue == Date(timeIntervalSince1970: 1_477_094_400))
        let created = try ServiceFixtures.json("product-create-response.json").decode(Product.self)
        #expect(created.firmwareVersion == "980")
        #expect(created.announcementDateValue == Date(timeIntervalSince1970: 1_514_764_800), "no zone is UTC")

        let submission = try ServiceFixtures.json("submission-every-download.json").decode(Submission.self)
        let types = submission.downloads?.items.map(\.type) ?? []
        #expect(types.contains(.driverMetadata) && types.contains(.certificationReport) && types.contains("ExternalNotes"))
        let report = try #require(submission.downloadURL(.certificationReport))
        #expect(SASURL.isDashboardPage(report))
        #expect(try ServiceFixtures.json("submission-resource.json").decode(Submission.self).commitStatus == .commitPending)

        let label = try ServiceFixtures.json("shipping-label-resource.json").decode(ShippingLabel.self)
        #expect(label.workflowStatus?.errorReport == nil, "an empty errorReport is none")
        #expect(label.targeting?.coEngDriverPublishInfo?.flooringBuildNumber == 17135)
        #expect(label.progress == .succeeded)
        let labels = try ServiceFixtures.json("shipping-label-list.json").decode(ListPage<ShippingLabel>.self)
        let goLive = try #require(labels.value.first?.publishingSpecifications?.goLiveDateValue)
        #expect(abs(goLive.timeIntervalSince1970 - 1_522_858_287.2965057) < 0.000_01, "seven fractional digits")
        let approving = try ServiceFixtures.json("shipping-label.json").decode(ShippingLabel.self)
        #expect(approving.progress == .inProgress)
        #expect(approving.progress(until: .approval) == .inProgress, "microsoftApproval started is not approved yet")

        let update = try ServiceFixtures.json("shipping-label-update-request.json").decode(ShippingLabelUpdate.self)
        #expect(update.businessJustification == "Business justification for updating shipping label")
        let metadata = try ServiceFixtures.json("driver-metadata.json").decode(DriverMetadata.self)
        #expect(metadata.bundleInfoMap.values.first?.locales == ["English"])
        #expect(metadata.hardwareIDTargets.map(\.pnpString) == ["pci\\ven_test&dev_abcd"])
        #expect(metadata.bundleInfoMap.values.first?.infInfoMap.values.first?.driverDateValue != nil)

        let failed = DevCenterError.response(status: 400, body: Array(try ServiceFixtures.data("error-commit-not-pending.json")), operation: "POST /x/commit")
        #expect(failed.kind == .invalidState && failed.code == "requestInvalidForCurrentState", "PascalCase codes map like camelCase ones")
        let validation = DevCenterError.response(status: 422, body: Array(try ServiceFixtures.data("error-validation-failed.json")), operation: "POST /x")
        #expect(validation.kind == .invalidInput && validation.validationErrors.count == 1)
        let flat = DevCenterError.response(status: 404, body: Array(try ServiceFixtures.data("error-entity-not-found-flat.json")), operation: "GET /x")
        #expect(flat.kind == .notFound && flat.code == "entityNotFound")
        let limited = DevCenterError.response(status: 429, body: Array(try ServiceFixtures.data("error-rate-limited.json")), operation: "GET /x")
        #expect(limited.kind == .rateLimited && limited.message.contains("Rate limit is exceeded"))
    }
}
