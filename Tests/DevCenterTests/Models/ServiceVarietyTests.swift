import DevCenter
import DevCenterTestSupport
import Foundation
import Logging
import Testing

/// Decoding is as liberal as the service is varied: the forms its answers have been seen in,
/// beyond the documented samples.
@Suite("Decoding the service's varied forms")
struct ServiceVarietyTests {
    func decode<T: Decodable>(_ type: T.Type, _ text: String, notes: DecodingNotes? = nil) throws -> T {
        try JSONValue(parsing: text).decode(type, notes: notes)
    }

    @Test("dates: any number of fractional digits, an offset, Z, no zone (UTC), a bare date", arguments: [
        ("2018-04-04T16:11:27.2965057+00:00", 1_522_858_287.2965057),
        ("2018-04-04T16:11:27.2965057Z", 1_522_858_287.2965057),
        ("2018-04-04T18:11:27.5+02:00", 1_522_858_287.5),
        ("2018-04-04T14:11:27-0200", 1_522_858_287),
        ("2018-04-04T16:11:27", 1_522_858_287),
        ("2018-04-04T16:11", 1_522_858_260),
        ("2018-04-04", 1_522_800_000),
        ("2016-02-29T00:00:00Z", 1_456_704_000),
    ])
    func dates(_ text: String, _ seconds: Double) throws {
        let date = try #require(ServiceDate.parse(text))
        #expect(abs(date.timeIntervalSince1970 - seconds) < 0.000_01)
    }

    @Test("what is not a date is refused", arguments: [
        "", "2018-4-4", "2018-02-30", "2017-02-29", "2018-13-01", "2018-04-04T25:00:00", "2018-04-04T16:11:27.",
        "2018-04-04T16:11:27+0", "2018-04-04T16:11:27 junk", "yesterday",
    ])
    func notDates(_ text: String) {
        #expect(ServiceDate.parse(text) == nil)
    }

    @Test("driver metadata: Locales as an array (documented) or a string")
    func locales() throws {
        let bundle = #"{"InfInfoMap": {"a.inf": {"OSPnPInfoMap": {}}}}"#
        let array = try decode(DriverMetadata.Bundle.self, bundle.replacingOccurrences(of: "{\"InfInfoMap\"", with: #"{"Locales": ["English", "German"], "InfInfoMap""#))
        #expect(array.locales == ["English", "German"])
        let string = try decode(DriverMetadata.Bundle.self, bundle.replacingOccurrences(of: "{\"InfInfoMap\"", with: #"{"Locales": "en-US", "InfInfoMap""#))
        #expect(string.locales == ["en-US"])
        #expect(try decode(DriverMetadata.Bundle.self, bundle).locales == nil)
    }

    @Test("an empty URL is none: errorReport, a download item, a next link")
    func emptyURLs() throws {
        let label = try decode(ShippingLabel.self, #"{"id": 1, "workflowStatus": {"currentStep": "finalizePublishing", "state": "completed", "errorReport": ""}}"#)
        #expect(label.workflowStatus?.errorReport == nil)
        let submission = try decode(Submission.self, #"{"id": 2, "productId": 1, "workflowStatus": {"currentStep": "signing", "state": "failed", "errorReport": " "}, "downloads": {"items": [{"type": "signedPackage", "url": ""}]}}"#)
        #expect(submission.downloadURL(.signedPackage) == nil)
        #expect(submission.downloadURL(.errorReport) == nil)
        #expect(submission.progress == .failed(step: "signing", messages: [], errorReport: nil))
        let page = try decode(ListPage<Product>.self, #"{"value": [], "links": [{"href": "", "rel": "next_link"}], "@nextLink": ""}"#)
        #expect(page.nextLink == nil)
    }

    @Test("a null url, href or rel leaves out that item, with a note for the debug log, not the resource")
    func nullItems() throws {
        let notes = DecodingNotes()
        let submission = try decode(Submission.self, #"""
            {"id": 2, "productId": 1,
             "downloads": {"items": [{"type": "signedPackage", "url": null}, {"type": "driverMetadata", "url": "https://x/m.json"}]},
             "links": [{"href": null, "rel": "self"}, {"href": "https://x/s", "rel": null}, {"href": "https://x/s", "rel": "self", "method": "GET"}]}
            """#, notes: notes)
        #expect(submission.downloads?.items.map(\.type) == [.driverMetadata])
        #expect(submission.links?.count == 1)
        #expect(submission.json["links"]?.arrayValue?.count == 3, "what arrived is still in json")
        #expect(notes.all.count == 3, "\(notes.all)")
        #expect(notes.all.first?.contains("downloads.items[0] left out") == true, "\(notes.all)")
        let page = try decode(ListPage<Product>.self, #"{"value": [{"id": 1}], "links": [{"href": null, "rel": "next_link"}]}"#)
        #expect(page.value.count == 1 && page.nextLink == nil)
    }

    @Test("the client logs what decoding left out at debug level")
    func leftOutIsLogged() async throws {
        let capture = LogCapture()
        let transport = InMemoryTransport { _ in
            .json(text: #"{"id": 2, "productId": 1, "downloads": {"items": [{"type": "signedPackage", "url": null}]}}"#)
        }
        let client = DevCenterClient(
            credentials: .accessToken(Secret("token-for-tests-0123456789")), transport: transport, logger: capture.logger)
        let submission = try await client.submission(productID: 1, submissionID: 2)
        #expect(submission.downloads?.items.isEmpty == true)
        #expect(capture.lines.contains { $0.hasPrefix("[debug] GET /products/1/submissions/2: downloads.items[0] left out") }, "\(capture.text)")
    }

    @Test("numbers as strings: build numbers, IDs, visible accounts")
    func numericStrings() throws {
        let targeting = try decode(Targeting.self, #"{"coEngDriverPublishInfo": {"flooringBuildNumber": "17135", "ceilingBuildNumber": 17139}}"#)
        #expect(targeting.coEngDriverPublishInfo == CoEngDriverPublishInfo(flooringBuildNumber: 17135, ceilingBuildNumber: 17139))
        #expect(throws: DecodingError.self) { try decode(CoEngDriverPublishInfo.self, #"{"flooringBuildNumber": "RS5"}"#) }
        let label = try decode(ShippingLabel.self, #"{"id": "1152921504606978422", "productId": "14461751976964157", "submissionId": 1152921504621467613, "publishingSpecifications": {"visibleToAccounts": ["27691110", 27691111]}}"#)
        #expect(label.id == 1_152_921_504_606_978_422 && label.productId == 14_461_751_976_964_157)
        #expect(label.publishingSpecifications?.visibleToAccounts == [27_691_110, 27_691_111])
        let product = try decode(Product.self, #"{"id": 1, "sourceProductId": "0", "sourcePublisherId": 27691110}"#)
        #expect(product.sourceProductId == 0 && product.sourcePublisherId == 27_691_110)
    }

    @Test("error codes that differ only in case are the same code and kind")
    func errorCodeCase() {
        for code in ["InvalidInput", "invalidInput", "INVALIDINPUT"] {
            let error = DevCenterError.response(status: 400, body: Array(#"{"error": {"code": "\#(code)", "message": "bad"}}"#.utf8), operation: "POST /products")
            #expect(error.kind == .invalidInput && error.code == "invalidInput", "\(code)")
        }
        for code in ["RequestInvalidForCurrentState", "requestInvalidForCurrentState"] {
            let error = DevCenterError.response(status: 400, body: Array(#"{"code": "\#(code)"}"#.utf8), operation: "POST /x")
            #expect(error.kind == .invalidState && error.code == "requestInvalidForCurrentState")
        }
        let unknown = DevCenterError.response(status: 400, body: Array(#"{"code": "SomethingNew"}"#.utf8), operation: "POST /x")
        #expect(unknown.code == "SomethingNew")
    }

    @Test("commitStarted, the commit answer's own status, is a landed commit")
    func commitStarted() throws {
        #expect(CommitStatus(rawValue: "commitStarted").commitLanded)
        #expect(CommitStatus(rawValue: "CommitStarted") == .commitStarted)
        #expect(!CommitStatus.commitPending.commitLanded)
    }

    @Test("a numeric step is a submission's step in the ingestion order, and a label's own number")
    func numericSteps() throws {
        let submission = try decode(Submission.self, #"{"id": 2, "productId": 1, "workflowStatus": {"currentStep": 7, "state": 3}}"#)
        #expect(submission.workflowStatus?.currentStep == .finalizeIngestion)
        #expect(submission.progress == .succeeded)
        let text = #"{"id": 3, "productId": 1, "submissionId": 2, "workflowStatus": {"currentStep": 5, "state": "completed", "messages": []}}"#
        let label = try decode(ShippingLabel.self, text)
        #expect(label.workflowStatus?.currentStep?.rawValue == "5", "kept as given, not read as catalogCreation")
        #expect(label.progress == .inProgress && label.progress(until: .approval) == .inProgress)
        #expect(try JSONValue(encoding: label) == (try JSONValue(parsing: text)), "written back as the number it was")
    }

    @Test("a label's progress until published (the default) or until Microsoft's approval")
    func labelMilestones() throws {
        func label(_ step: String, _ state: String, destination: String = "windowsUpdate") throws -> ShippingLabel {
            try decode(ShippingLabel.self, #"{"id": 3, "destination": "\#(destination)", "workflowStatus": {"currentStep": "\#(step)", "state": "\#(state)"}}"#)
        }
        #expect(try label("updateGeneration", "completed").progress(until: .approval) == .inProgress)
        #expect(try label("microsoftApproval", "started").progress(until: .approval) == .inProgress)
        #expect(try label("MicrosoftApproval", "completed").progress(until: .approval) == .succeeded)
        #expect(try label("microsoftApproval", "completed").progress == .inProgress)
        #expect(try label("publishing", "started").progress(until: .approval) == .succeeded)
        #expect(try label("finalizePublishing", "completed").progress == .succeeded)
        #expect(try label("microsoftApproval", "failed").progress(until: .approval) == .failed(step: "microsoftApproval", messages: [], errorReport: nil))
        #expect(try label("finalizeSharing", "completed", destination: "anotherPartner").progress == .succeeded)
        let expired = try label("SharingExpiration", "completed", destination: "anotherPartner")
        #expect(expired.progress == .failed(step: .sharingExpiration, messages: ["the label's sharing with the partner expired"], errorReport: nil))
        #expect(ShippingLabel.knownSteps.contains("sharingExpiration"))
    }

    @Test("a list's next page: next_link in links (rel without case), or a top-level @nextLink")
    func nextLinks() throws {
        let links = try decode(ListPage<Product>.self, #"{"value": [], "links": [{"href": "hardware/products?continuationToken=a", "rel": "Next_Link"}]}"#)
        #expect(links.nextLink == "hardware/products?continuationToken=a")
        let store = try decode(ListPage<Product>.self, #"{"value": [], "@nextLink": "hardware/products?continuationToken=b"}"#)
        #expect(store.nextLink == "hardware/products?continuationToken=b")
    }

    @Test("driver metadata named in links, rel compared without case, as well as in downloads")
    func metadataInLinks() throws {
        let submission = try decode(Submission.self, #"{"id": 2, "productId": 1, "downloads": {"items": []}, "links": [{"href": "https://x/m.json?sig=s", "rel": "DriverMetadata", "method": "GET"}]}"#)
        #expect(submission.downloadURL(.driverMetadata) == "https://x/m.json?sig=s")
        #expect(submission.downloadURL(.signedPackage) == nil)
    }

    @Test("recipientSpecifications as an object (the samples) or an array of objects (the table)")
    func recipientForms() throws {
        let object = try decode(ShippingLabel.self, #"{"id": 1, "recipientSpecifications": {"receiverPublisherId": "27691110"}}"#)
        let array = try decode(ShippingLabel.self, #"{"id": 1, "recipientSpecifications": [{"receiverPublisherId": "27691110"}]}"#)
        #expect(object.recipientSpecifications?.receiverPublisherId == "27691110")
        #expect(array.recipientSpecifications == object.recipientSpecifications)
    }

    @Test("a label PATCH sends businessJustification inside targeting, and reads it from either place")
    func justificationPlace() throws {
        let update = ShippingLabelUpdate(
            targeting: Targeting(chids: [CHIDTarget(chid: "346511cf-ccee-5c6d-8ee9-3c70fc7aae83", action: "add")]),
            businessJustification: "For the Pro model.")
        let sent = try JSONValue(encoding: update)
        #expect(sent["businessJustification"] == nil && sent["targeting"]?["businessJustification"] == "For the Pro model.")
        let shared = try JSONValue(encoding: ShippingLabelUpdate(recipientSpecifications: RecipientSpecifications(blockDuaCreation: true)))
        #expect(shared == ["recipientSpecifications": ["blockDuaCreation": true]])
        let old = try decode(ShippingLabelUpdate.self, #"{"targeting": {}, "businessJustification": "why"}"#)
        #expect(old.businessJustification == "why")
    }

    @Test("a product keeps the fields beyond the core, and writes back what it received")
    func productFields() throws {
        let text = #"{"id": 1, "createdBy": "a@contoso.com", "updatedBy": "b@contoso.com", "createdDateTime": "2018-04-04T16:11:27.2965057", "updatedDateTime": "2018-04-05T00:00:00Z", "productType": "driver", "originType": "author", "sourceProductId": 0, "sourcePublisherId": 0, "isRetpolineCompiled": true, "deviceMetadataCategory": "Input.Digitizer.Multitouch", "firmwareVersion": "980", "message": "", "future": {"x": null}}"#
        let product = try decode(Product.self, text)
        #expect(product.createdBy == "a@contoso.com" && product.updatedBy == "b@contoso.com")
        #expect(product.productType == "driver" && product.originType == "author" && product.isRetpolineCompiled == true)
        #expect(product.deviceMetadataCategory == "Input.Digitizer.Multitouch" && product.firmwareVersion == "980")
        #expect(product.createdDateTimeValue.map { abs($0.timeIntervalSince1970 - 1_522_858_287.2965057) < 0.000_01 } == true)
        #expect(try JSONValue(encoding: product) == (try JSONValue(parsing: text)))
    }

    @Test("field names matched without case, as the service matches them")
    func fieldNames() throws {
        let named = try FieldNameMatching.canonical(["ProductName": "W", "TESTHARNESS": "HLK", "other": 1], fields: ["productName", "testHarness"])
        #expect(named == ["productName": "W", "testHarness": "HLK", "other": 1])
        #expect(throws: FieldNameMatching.Conflict(name: "productName", first: "ProductName", second: "productName")) {
            try FieldNameMatching.canonical(["productName": "a", "ProductName": "b"], fields: ["productName"])
        }
    }
}
