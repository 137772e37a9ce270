import DevCenter
import DevCenterEmulator
import Foundation
import Testing

@Suite("Products: validation, IDs, PATCH rules, paging")
struct ProductTests {
    func with(_ product: JSONValue, _ key: String, _ value: JSONValue?) -> JSONValue {
        guard case .object(var members) = product else { return product }
        members[key] = value
        return .object(members)
    }

    @Test("a created product has a 64-bit ID above 2^53 that no Double holds, and links with the emulator's host")
    func create() async throws {
        try await EmulatorHarness.with { h in
            let answer = try await h.api(.POST, "/products", json: EmulatorHarness.validProduct)
            #expect(answer.status == 201)
            let id = try #require(answer.json["id"]?.int64Value)
            #expect(id > 1 << 53)
            #expect(Int64(exactly: Double(id)) != id)
            #expect(answer.text.contains("\"id\":\(id)"))
            #expect(answer.json["testHarness"] == "attestation")
            #expect(answer.json["isCommitted"] == false)
            #expect(answer.json["links"]?[0]?["href"]?.stringValue == "\(h.emulator.baseURL)/products/\(id)")
            let fetched = try await h.api(.GET, "/products/\(id)")
            #expect(fetched.json["productName"] == "Contoso Widget")
            #expect(fetched.json["requestedSignatures"] == ["WINDOWS_v100_X64_RS5_FULL", "WINDOWS_v100_ARM64_RS5_FULL"])
            let legacy = try await h.send(.GET, url: h.emulator.legacyBaseURL + "/products/\(id)", headers: [("Authorization", "Bearer \(h.token)")])
            #expect(legacy.status == 200)
            #expect(legacy.json["links"]?[0]?["href"]?.stringValue?.contains("/v1.0/my/hardware/") == true)
            let second = try await h.createProduct()
            #expect(second != id)
            #expect(Int64(exactly: Double(second)) != second)
        }
    }

    @Test("testHarness is accepted in any case; answers come back lower-case")
    func harnessCase() async throws {
        try await EmulatorHarness.with { h in
            let answer = try await h.api(.POST, "/products", json: with(EmulatorHarness.validProduct, "testHarness", "hlk"))
            #expect(answer.status == 201)
            #expect(answer.json["testHarness"] == "hlk")
        }
    }

    @Test("every create rule is refused with 400 invalidInput and a validation error naming the field",
          arguments: [
            ("productName", nil, "productName"), ("productName", "", "productName"), ("productName", 5, "productName"),
            ("testHarness", "Manual", "testHarness"), ("testHarness", nil, "testHarness"),
            ("deviceType", "pluggable", "deviceType"), ("deviceType", nil, "deviceType"),
            ("requestedSignatures", ["WINDOWS_v100_X64_RS5_FULL", "WINDOWS_v99_Z80_FULL"], "requestedSignatures[1]"),
            ("requestedSignatures", [], "requestedSignatures"), ("requestedSignatures", nil, "requestedSignatures"),
            ("requestedSignatures", ["WINDOWS_v100_X64_RS5_FULL", "windows_v100_x64_rs5_full"], "requestedSignatures[1]"),
            ("announcementDate", "next tuesday", "announcementDate"), ("isTestSign", "yes", "isTestSign"),
            ("additionalAttributes", ["svvp": [:], "raidController": [:]], "additionalAttributes"),
            ("additionalAttributes", ["gpu": [:]], "additionalAttributes.gpu"), ("id", 5, "id"),
            ("selectedProductTypes", ["windows_v100_RS5": 3], "selectedProductTypes.windows_v100_RS5"),
          ] as [(String, JSONValue?, String)])
    func validation(key: String, value: JSONValue?, target: String) async throws {
        try await EmulatorHarness.with { h in
            let answer = try await h.api(.POST, "/products", json: with(EmulatorHarness.validProduct, key, value))
            #expect(answer.status == 400)
            #expect(answer.errorCode == "invalidInput")
            #expect(answer.validationTargets.contains(target), "targets: \(answer.validationTargets)")
            #expect(h.emulator.requestLog().filter { $0.route == "POST /products" && $0.status == 201 }.isEmpty)
        }
    }

    @Test("malformed JSON is refused with what is wrong and where; non-objects and other content types too")
    func malformed() async throws {
        try await EmulatorHarness.with { h in
            let trailing = try await h.api(.POST, "/products", rawBody: "{\n  \"productName\": \"x\",\n}")
            #expect(trailing.status == 400)
            #expect(trailing.errorCode == "invalidInput")
            #expect(trailing.errorMessage?.contains("line 3, column 1") == true, "\(trailing.errorMessage ?? "")")
            #expect(trailing.errorMessage?.contains("trailing ','") == true)
            let unquoted = try await h.api(.POST, "/products", rawBody: "{productName: 1}")
            #expect(unquoted.errorMessage?.contains("line 1, column 2") == true)
            #expect(unquoted.errorMessage?.contains("member name in double quotes") == true)
            let cut = try await h.api(.POST, "/products", rawBody: "{\"a\": [1, 2")
            #expect(cut.errorMessage?.contains("end of input") == true)
            let array = try await h.api(.POST, "/products", rawBody: "[1]")
            #expect(array.status == 400 && array.errorMessage?.contains("JSON object") == true)
            let xml = try await h.api(.POST, "/products", rawBody: "<product/>", contentType: "application/xml")
            #expect(xml.status == 415)
        }
    }

    @Test("PATCH changes productName, marketingNames and announcementDate, and refuses any other field")
    func patch() async throws {
        try await EmulatorHarness.with { h in
            let id = try await h.createProduct()
            let ok = try await h.api(.PATCH, "/products/\(id)", json: ["productName": "Contoso Widget 2", "marketingNames": ["Widget"]])
            #expect(ok.status == 204)
            let after = try await h.api(.GET, "/products/\(id)")
            #expect(after.json["productName"] == "Contoso Widget 2")
            #expect(after.json["marketingNames"] == ["Widget"])
            let refused = try await h.api(.PATCH, "/products/\(id)", json: ["productName": "x", "deviceType": "internal", "testHarness": "HLK"])
            #expect(refused.status == 400)
            #expect(refused.errorCode == "updateUnauthorized")
            #expect(refused.validationTargets == ["deviceType", "testHarness"])
            #expect(try await h.api(.GET, "/products/\(id)").json["productName"] == "Contoso Widget 2")
            let badType = try await h.api(.PATCH, "/products/\(id)", json: ["announcementDate": 5])
            #expect(badType.status == 400 && badType.errorCode == "invalidInput")
        }
    }

    @Test("unknown products and paths get 404 entityNotFound; a non-numeric ID gets 400; a wrong method 405")
    func notFound() async throws {
        try await EmulatorHarness.with { h in
            let missing = try await h.api(.GET, "/products/14631253285588999")
            #expect(missing.status == 404 && missing.errorCode == "entityNotFound")
            #expect(missing.errorMessage?.contains("14631253285588999") == true)
            let bad = try await h.api(.GET, "/products/abc")
            #expect(bad.status == 400 && bad.validationTargets == ["productId"])
            #expect(try await h.api(.GET, "/nothing").status == 404)
            let method = try await h.api(.DELETE, "/products")
            #expect(method.status == 405)
            #expect(method.headers["Allow"].first == "GET, POST")
        }
    }

    @Test("lists page with next_link at the configured page size, every product exactly once")
    func paging() async throws {
        try await EmulatorHarness.with(EmulatorConfiguration(stepDelay: .zero, pageSize: 3)) { h in
            var created: [Int64] = []
            for _ in 0..<8 { created.append(try await h.createProduct()) }
            var seen: [Int64] = []
            var url: String? = h.emulator.baseURL + "/products"
            var pages = 0
            while let next = url {
                let answer = try await h.send(.GET, url: next, headers: [("Authorization", "Bearer \(h.token)")])
                #expect(answer.status == 200)
                let items = answer.json["value"]?.arrayValue ?? []
                #expect(items.count <= 3)
                seen += items.compactMap { $0["id"]?.int64Value }
                url = answer.json["links"]?.arrayValue?.first { $0["rel"] == "next_link" }?["href"]?.stringValue
                pages += 1
                #expect(pages <= 3)
                if pages > 3 { break }
            }
            #expect(pages == 3)
            #expect(seen == created)
            let bad = try await h.api(.GET, "/products?continuationToken=garbage")
            #expect(bad.status == 400 && bad.validationTargets == ["continuationToken"])
        }
    }
}
