import DevCenter
import DevCenterEmulator
import DevCenterTestSupport
import Foundation
import Testing

@Suite("Submissions: state rules")
struct SubmissionTests {
    @Test("a created submission has an exact 64-bit ID, commitPending, and an upload URL on the blob endpoint")
    func create() async throws {
        try await EmulatorHarness.with { h in
            let product = try await h.createProduct()
            let answer = try await h.api(.POST, "/products/\(product)/submissions", json: ["name": "first", "type": "initial"])
            #expect(answer.status == 201)
            let id = try #require(answer.json["id"]?.int64Value)
            #expect(id > 1 << 53 && Int64(exactly: Double(id)) != id)
            #expect(answer.json["productId"]?.int64Value == product)
            #expect(answer.json["commitStatus"] == "commitPending")
            #expect(answer.json["workflowStatus"]?["state"] == "notStarted")
            let item = try #require(answer.json["downloads"]?["items"]?[0])
            #expect(item["type"] == "initialPackage")
            let url = try #require(item["url"]?.stringValue)
            #expect(url.hasPrefix("\(h.emulator.authority)/\(h.emulator.storageAccount)/submission-\(id)/"))
            for field in ["sv=", "sr=b", "sp=rwl", "se=", "sig="] { #expect(url.contains(field)) }
            let list = try await h.api(.GET, "/products/\(product)/submissions")
            #expect(list.json["value"]?.arrayValue?.count == 1)
            #expect(list.json["value"]?[0]?["workflowStatus"] == nil, "list items leave out workflowStatus, as the service may")
        }
    }

    @Test("a second initial submission is refused with requestInvalidForCurrentState")
    func secondInitial() async throws {
        try await EmulatorHarness.with { h in
            let product = try await h.createProduct()
            _ = try await h.createSubmission(product)
            let second = try await h.api(.POST, "/products/\(product)/submissions", json: ["name": "again", "type": "Initial"])
            #expect(second.status == 400)
            #expect(second.errorCode == "requestInvalidForCurrentState")
            #expect(second.errorMessage?.contains("Initial submission already exists") == true)
        }
    }

    @Test("a derived submission needs a completed initial one, and then gets a derivedPackage URL")
    func derived() async throws {
        try await EmulatorHarness.with { h in
            let product = try await h.createProduct()
            let none = try await h.api(.POST, "/products/\(product)/submissions", json: ["name": "d", "type": "derived"])
            #expect(none.status == 400 && none.errorCode == "requestInvalidForCurrentState")
            #expect(none.errorMessage?.contains("Initial submission does not exist") == true)
            let (initial, url) = try await h.createSubmission(product)
            let pending = try await h.api(.POST, "/products/\(product)/submissions", json: ["name": "d", "type": "derived"])
            #expect(pending.errorCode == "requestInvalidForCurrentState")
            #expect(try await h.putBlob(url, try SampleDriverPackage.zip()).status == 201)
            #expect(try await h.api(.POST, "/products/\(product)/submissions/\(initial)/commit").status == 202)
            #expect(try await h.waitForFinalState(product, initial)["commitStatus"] == "commitComplete")
            let derived = try await h.api(.POST, "/products/\(product)/submissions", json: ["name": "d", "type": "derived"])
            #expect(derived.status == 201)
            #expect(derived.json["type"] == "derived")
            #expect(derived.json["downloads"]?["items"]?[0]?["type"] == "derivedPackage")
        }
    }

    @Test("create validation: name required, type initial or derived")
    func validation() async throws {
        try await EmulatorHarness.with { h in
            let product = try await h.createProduct()
            let noName = try await h.api(.POST, "/products/\(product)/submissions", json: ["type": "initial"])
            #expect(noName.status == 400 && noName.validationTargets == ["name"])
            let badType = try await h.api(.POST, "/products/\(product)/submissions", json: ["name": "x", "type": "final"])
            #expect(badType.status == 400 && badType.validationTargets == ["type"])
            let noProduct = try await h.api(.POST, "/products/14631253285588999/submissions", json: ["name": "x"])
            #expect(noProduct.status == 404 && noProduct.errorCode == "entityNotFound")
        }
    }

    @Test("PATCH changes the name only; commit is accepted once; metadata only after completion")
    func patchAndCommit() async throws {
        try await EmulatorHarness.with(EmulatorConfiguration(stepDelay: .seconds(10))) { h in
            let product = try await h.createProduct()
            let (id, url) = try await h.createSubmission(product)
            let path = "/products/\(product)/submissions/\(id)"
            #expect(try await h.api(.PATCH, path, json: ["name": "renamed"]).status == 204)
            #expect(try await h.getSubmission(product, id)["name"] == "renamed")
            let refused = try await h.api(.PATCH, path, json: ["name": "x", "type": "derived"])
            #expect(refused.status == 400 && refused.errorCode == "updateUnauthorized" && refused.validationTargets == ["type"])
            let early = try await h.api(.POST, path + "/createpublishermetadata")
            #expect(early.status == 400 && early.errorCode == "requestInvalidForCurrentState")
            #expect(try await h.putBlob(url, try SampleDriverPackage.zip()).status == 201)
            let commit = try await h.api(.POST, path + "/commit")
            #expect(commit.status == 202)
            #expect(commit.json == ["commitStatus": "commitStarted"], "the commit answer's documented body")
            let again = try await h.api(.POST, path + "/commit")
            #expect(again.status == 400 && again.errorCode == "requestInvalidForCurrentState")
            #expect(again.errorMessage?.contains("already committed") == true)
            #expect(try await h.getSubmission(product, id)["commitStatus"] == "commitReceived")
            #expect(try await h.api(.GET, "/products/\(product)").json["isCommitted"] == true)
            h.emulator.advanceClock(bySeconds: 100)
            #expect(try await h.waitForFinalState(product, id)["commitStatus"] == "commitComplete")
            #expect(try await h.api(.POST, path + "/createpublishermetadata").status == 202)
        }
    }
}
