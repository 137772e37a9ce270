import DevCenter
import Foundation
import Testing

@Suite("Decoding the service's resources")
struct ModelDecodingTests {
    func decode<T: Decodable>(_ type: T.Type, _ text: String) throws -> T {
        try JSONDecoder().decode(type, from: Data(text.utf8))
    }

    @Test("product IDs above 2^53 decode exactly, as numbers and as strings")
    func exactIDs() throws {
        let product = try decode(Product.self, #"{"id": 14631253285588838, "sharedProductId": "1152921504606971255"}"#)
        #expect(product.id == 14_631_253_285_588_838)
        #expect(product.sharedProductId == 1_152_921_504_606_971_255)
        #expect(product.json["id"] == .integer(14_631_253_285_588_838))
    }

    @Test("a non-numeric ID is refused with a message naming it")
    func badID() {
        #expect(throws: DecodingError.self) { try decode(Product.self, #"{"id": "abc"}"#) }
    }

    @Test("unknown fields are kept and written back out")
    func unknownFieldsKept() throws {
        let text = #"{"id": 1152921504621465124, "productName": "Widget", "originType": "partner", "message": {"a": [1, 2]}}"#
        let product = try decode(Product.self, text)
        #expect(product.json["originType"] == "partner")
        let reencoded = try JSONValue(parsing: try JSONEncoder().encode(product))
        #expect(reencoded == (try JSONValue(parsing: text)))
    }

    @Test("enums compare ignoring case and keep values they do not know")
    func caseInsensitiveEnums() throws {
        let s = try decode(Submission.self, #"{"id": 2, "productId": 1, "commitStatus": "CommitComplete", "type": "Initial"}"#)
        #expect(s.commitStatus == .commitComplete)
        #expect(s.commitStatus?.rawValue == "CommitComplete")
        #expect(CommitStatus(rawValue: "commitCompleted") == .commitComplete)
        #expect(s.type == .initial)
        let odd = try decode(DownloadItem.self, #"{"type": "ExternalNotes", "url": "u"}"#)
        #expect(odd.type.rawValue == "ExternalNotes")
        #expect(odd.type != .signedPackage)
    }

    @Test("a numeric currentStep is read as its position in the documented order")
    func numericStep() throws {
        let status = try decode(WorkflowStatus.self, #"{"currentStep": 7, "state": "completed", "messages": []}"#)
        #expect(status.currentStep == .finalizeIngestion)
        let unknown = try decode(WorkflowStatus.self, #"{"currentStep": 42}"#)
        #expect(unknown.currentStep?.rawValue == "42")
    }

    @Test("completed on an intermediate step is progress, not success")
    func completionRules() throws {
        let mid = try decode(Submission.self, #"{"id": 2, "productId": 1, "workflowStatus": {"currentStep": "scanning", "state": "completed"}}"#)
        #expect(mid.progress == .inProgress)
        let done = try decode(Submission.self, #"{"id": 2, "productId": 1, "workflowStatus": {"currentStep": "finalizeIngestion", "state": "completed"}}"#)
        #expect(done.progress == .succeeded)
        let signed = try decode(Submission.self, #"{"id": 2, "productId": 1, "downloads": {"items": [{"type": "signedPackage", "url": "x"}]}}"#)
        #expect(signed.progress == .succeeded)
        let failed = try decode(Submission.self, #"{"id": 2, "productId": 1, "commitStatus": "commitFailed", "workflowStatus": {"currentStep": "scanning", "state": "failed", "messages": ["virus found"]}}"#)
        #expect(failed.progress == .failed(step: .scanning, messages: ["virus found"], errorReport: nil))
    }

    @Test("error bodies in all three shapes")
    func errorBodies() {
        let nested = ServiceErrorBody.parse(Array(#"{"error": {"code": "invalidInput", "message": "bad", "validationErrors": [{"target": "productName", "message": "required"}]}}"#.utf8))
        #expect(nested?.code == .invalidInput)
        #expect(nested?.validationErrors.first?.target == "productName")
        let flat = ServiceErrorBody.parse(Array(#"{"code": "EntityNotFound", "message": "no such product"}"#.utf8))
        #expect(flat?.code == .entityNotFound)
        let html = ServiceErrorBody.parse(Array("<html><head><TITLE>502 Bad Gateway</TITLE></head></html>".utf8))
        #expect(html?.message == "502 Bad Gateway")
        #expect(ServiceErrorBody.parse([UInt8]()) == nil)
    }

    @Test("request models pass unknown fields through")
    func requestPassThrough() throws {
        let product = try decode(NewProduct.self, #"{"productName": "W", "requestedSignatures": ["WINDOWS_v100_X64_RS5_FULL"], "futureField": 3}"#)
        #expect(product.additionalFields["futureField"] == .integer(3))
        let out = try JSONValue(parsing: try JSONEncoder().encode(product))
        #expect(out["futureField"] == .integer(3))
        #expect(out["testHarness"] == "Attestation")
    }

    @Test("a list page finds its next link")
    func listPage() throws {
        let page = try decode(ListPage<Product>.self, #"{"value": [{"id": 1}], "links": [{"href": "products?page=2", "rel": "next_link", "method": "GET"}]}"#)
        #expect(page.value.count == 1)
        #expect(page.nextLink == "products?page=2")
    }
}
