import DevCenter
import DevCenterEmulator
import DevCenterTestSupport
import Foundation
import Testing

@Suite("Faults, the rate limit, the request log and the admin API")
struct FaultInjectionTests {
    @Test("a status fault answers in the service's shape with Retry-After, for the next N requests, then passes")
    func statusFault() async throws {
        try await EmulatorHarness.with { h in
            h.emulator.injectFault(FaultRule(route: "POST /products", status: 503, retryAfter: 7, count: 2))
            for _ in 0..<2 {
                let answer = try await h.api(.POST, "/products", json: EmulatorHarness.validProduct)
                #expect(answer.status == 503)
                #expect(answer.headers["Retry-After"].first == "7")
                #expect(answer.errorCode == "internalServerError")
                #expect(answer.errorMessage?.contains("injected") == true)
            }
            #expect(try await h.api(.POST, "/products", json: EmulatorHarness.validProduct).status == 201)
            #expect(try await h.api(.GET, "/products").status == 200, "other routes are untouched")
            let log = h.emulator.requestLog().filter { $0.route == "POST /products" }
            #expect(log.map(\.status) == [503, 503, 201])
            #expect(log.map(\.fault) == ["status 503", "status 503", nil])
            #expect(log.filter { $0.status == 201 }.count == 1, "the request log proves one product was created")
        }
    }

    @Test("nth faults the Nth matching request: a 500 on the third block")
    func nthBlock() async throws {
        try await EmulatorHarness.with { h in
            let product = try await h.createProduct()
            let (_, url) = try await h.createSubmission(product)
            h.emulator.injectFault(FaultRule(route: "PUT blob?comp=block", status: 500, nth: 3))
            var statuses: [Int] = []
            for i in 1...5 {
                let id = Data("block-\(i)".utf8).base64EncodedString()
                let answer = try await h.send(.PUT, url: url + "&comp=block&blockid=\(id)", body: [UInt8(i)])
                statuses.append(answer.status)
                if answer.status == 500 {
                    #expect(answer.headers["x-ms-error-code"].first == "InternalError")
                    #expect(answer.text.contains("<Error><Code>InternalError</Code>"))
                }
            }
            #expect(statuses == [201, 201, 500, 201, 201])
        }
    }

    @Test("nth with route * counts every route: the third request of any kind takes effect, then answers 503")
    func nthOfAnyRoute() async throws {
        try await EmulatorHarness.with { h in
            h.emulator.injectFault(FaultRule(route: "*", status: 503, after: true, nth: 3))
            var statuses: [Int] = []
            statuses.append(try await h.api(.GET, "/products").status)
            statuses.append(try await h.api(.GET, "/audiences").status)
            statuses.append(try await h.api(.POST, "/products", json: EmulatorHarness.validProduct).status)
            statuses.append(try await h.api(.GET, "/products").status)
            #expect(statuses == [200, 200, 503, 200], "the third request only")
            // (The log starts with the harness's token request, made before the rule was added.)
            #expect(h.emulator.requestLog().suffix(4).map(\.fault) == [nil, nil, "status 503 after handling", nil])
            let listed = try await h.api(.GET, "/products")
            #expect(listed.json["value"]?.arrayValue?.count == 1, "the faulted create took effect")
        }
    }

    @Test("a probability fault with a seed hits the same requests every run")
    func seededProbability() async throws {
        func pattern() async throws -> [Int] {
            var statuses: [Int] = []
            try await EmulatorHarness.with { h in
                h.emulator.injectFault(FaultRule(route: "GET /products", status: 502, probability: 0.5, seed: 42))
                for _ in 0..<24 { statuses.append(try await h.api(.GET, "/products").status) }
            }
            return statuses
        }
        let first = try await pattern()
        let second = try await pattern()
        #expect(first == second)
        #expect(first.contains(502) && first.contains(200))
    }

    @Test("a dropped connection gets no answer at all")
    func drop() async throws {
        try await EmulatorHarness.with { h in
            h.emulator.injectFault(FaultRule(route: "GET /products/{productId}", drop: true))
            let id = try await h.createProduct()
            await #expect(throws: (any Error).self) { _ = try await h.api(.GET, "/products/\(id)") }
            #expect(try await h.api(.GET, "/products/\(id)").status == 200)
            #expect(h.emulator.requestLog().contains { $0.fault == "dropped" && $0.route == "GET /products/{productId}" })
        }
    }

    @Test("an after fault lets the request take effect, then loses or replaces its answer")
    func afterHandler() async throws {
        try await EmulatorHarness.with { h in
            h.emulator.injectFault(FaultRule(route: "POST /products", drop: true, after: true))
            await #expect(throws: (any Error).self) { _ = try await h.api(.POST, "/products", json: EmulatorHarness.validProduct) }
            let listed = try await h.api(.GET, "/products")
            #expect(listed.json["value"]?.arrayValue?.count == 1, "the product was created though its answer was lost")

            let product = try await h.createProduct()
            let (_, url) = try await h.createSubmission(product)
            h.emulator.injectFault(FaultRule(route: "PUT blob", status: 500, after: true))
            #expect(try await h.putBlob(url, [7, 8, 9]).status == 500)
            #expect(try await h.send(.GET, url: url).body == [7, 8, 9], "the blob was stored before the 500")

            let log = h.emulator.requestLog()
            #expect(log.first { $0.route == "POST /products" }.map { ($0.status, $0.fault) } ?? (-1, nil) == (0, "dropped after handling"))
            #expect(log.first { $0.route == "PUT blob" }?.fault == "status 500 after handling")
        }
    }

    @Test("an after fault without a status or drop is refused by name")
    func afterNeedsAnAnswer() throws {
        do {
            _ = try EmulatorScenario.parse(Data(#"{"faults": [{"route": "POST /products", "delayMs": 10, "after": true}]}"#.utf8))
            Issue.record("an after fault with nothing to answer was accepted")
        } catch let error as ScenarioError {
            #expect(error.message.contains("faults[0].after: needs status or drop"), "\(error.message)")
        }
        let accepted = try EmulatorScenario.parse(Data(#"{"faults": [{"route": "POST /products", "status": 500, "after": true}]}"#.utf8))
        #expect(accepted.faults.first?.after == true)
    }

    @Test("a delay fault holds requests; concurrent requests overlap in the log")
    func delayAndOverlap() async throws {
        try await EmulatorHarness.with { h in
            h.emulator.injectFault(FaultRule(route: "GET /products", delayMs: 1000, count: 2))
            async let a = h.api(.GET, "/products")
            async let b = h.api(.GET, "/products")
            let (ra, rb) = try await (a, b)
            #expect(ra.status == 200 && rb.status == 200)
            let entries = h.emulator.requestLog().filter { $0.route == "GET /products" }
            #expect(entries.count == 2)
            #expect(entries.allSatisfy { $0.fault == "delayed 1000ms" && $0.end.timeIntervalSince($0.start) >= 1.0 })
            #expect(entries[0].start < entries[1].end && entries[1].start < entries[0].end, "the two requests overlap")
        }
    }

    @Test("the rate limit answers 429 with Retry-After once a minute's requests are spent; the clock opens the next window")
    func rateLimit() async throws {
        try await EmulatorHarness.with { h in
            h.emulator.setRateLimit(requestsPerMinute: 3)
            for _ in 0..<3 { #expect(try await h.api(.GET, "/products").status == 200) }
            let limited = try await h.api(.GET, "/products")
            #expect(limited.status == 429)
            let retry = try #require(limited.headers["Retry-After"].first.flatMap(Int.init))
            #expect((1...60).contains(retry))
            #expect(limited.json["message"]?.stringValue?.contains("Rate limit is exceeded") == true)
            #expect(try await h.fetchToken().isEmpty == false, "the token endpoint is not rate limited")
            h.emulator.advanceClock(bySeconds: 61)
            #expect(try await h.api(.GET, "/products").status == 200)
            h.emulator.setRateLimit(requestsPerMinute: nil)
            for _ in 0..<5 { #expect(try await h.api(.GET, "/products").status == 200) }
        }
    }

    @Test("token and blob faults answer in Azure AD's and Azure Storage's shapes")
    func otherShapes() async throws {
        try await EmulatorHarness.with { h in
            h.emulator.injectFault(FaultRule(route: "POST /{tenant}/oauth2/token", status: 503, retryAfter: 2))
            let form = "grant_type=client_credentials&client_id=\(h.emulator.clientID)&client_secret=\(h.emulator.clientSecret)&resource=https://manage.devcenter.microsoft.com"
            let token = try await h.send(.POST, url: h.emulator.tokenURL(), headers: [("Content-Type", "application/x-www-form-urlencoded")], body: Array(form.utf8))
            #expect(token.status == 503 && token.json["error"] == "temporarily_unavailable" && token.headers["Retry-After"].first == "2")
            let product = try await h.createProduct()
            let (_, url) = try await h.createSubmission(product)
            h.emulator.injectFault(FaultRule(route: "GET blob", status: 503))
            #expect(try await h.putBlob(url, [1]).status == 201)
            let get = try await h.send(.GET, url: url)
            #expect(get.status == 503 && get.headers["x-ms-error-code"].first == "ServerBusy")
        }
    }

    @Test("the admin API over HTTP: health, faults, rate limit, fail-at, SAS expiry, clock, requests, state, reset")
    func adminHTTP() async throws {
        try await EmulatorHarness.with(EmulatorConfiguration(stepDelay: .seconds(10))) { h in
            let health = try await h.admin(.GET, "/health")
            #expect(health.status == 200 && health.json["baseURL"]?.stringValue == h.emulator.baseURL)
            let added = try await h.admin(.POST, "/faults", json: ["faults": [["route": "GET /audiences", "status": 500, "count": 1]]])
            #expect(added.status == 201 && added.json["ids"]?.arrayValue?.count == 1)
            #expect(try await h.api(.GET, "/audiences").status == 500)
            #expect(try await h.api(.GET, "/audiences").status == 200)
            #expect(try await h.admin(.POST, "/faults", json: ["route": "GET /audiences", "status": 500, "count": 5]).status == 201)
            #expect(try await h.admin(.DELETE, "/faults").status == 200)
            #expect(try await h.api(.GET, "/audiences").status == 200)
            let badFault = try await h.admin(.POST, "/faults", json: ["route": "GET /audiences"])
            #expect(badFault.status == 400 && badFault.text.contains("status, delayMs or drop"))

            #expect(try await h.admin(.POST, "/rate-limit", json: ["requestsPerMinute": 1]).status == 200)
            #expect(try await h.api(.GET, "/audiences").status == 200)
            #expect(try await h.api(.GET, "/audiences").status == 429)
            #expect(try await h.admin(.DELETE, "/rate-limit").status == 200)

            let product = try await h.createProduct()
            let (id, url) = try await h.createSubmission(product)
            let failAt = try await h.admin(.POST, "/submissions/\(id)/fail-at", json: ["step": "validation", "messages": ["bad"]])
            #expect(failAt.status == 200)
            let unknownStep = try await h.admin(.POST, "/submissions/\(id)/fail-at", json: ["step": "teleport"])
            #expect(unknownStep.status == 400)
            #expect(try await h.admin(.POST, "/submissions/1/fail-at", json: ["step": "validation"]).status == 400)

            #expect(try await h.admin(.POST, "/sas/expire", json: ["inSeconds": 0]).status == 200)
            #expect(try await h.putBlob(url, try SampleDriverPackage.zip()).status == 403)
            let fresh = try #require(EmulatorHarness.downloadURL(try await h.getSubmission(product, id), "initialPackage"))
            #expect(try await h.putBlob(fresh, try SampleDriverPackage.zip()).status == 201)
            #expect(try await h.api(.POST, "/products/\(product)/submissions/\(id)/commit").status == 202)
            let advanced = try await h.admin(.POST, "/clock/advance", json: ["seconds": 100])
            #expect(advanced.json["offsetSeconds"]?.doubleValue == 100)
            let failed = try await h.waitForFinalState(product, id)
            #expect(failed["workflowStatus"]?["currentStep"] == "validation" && failed["workflowStatus"]?["messages"] == ["bad"])

            let requests = try await h.admin(.GET, "/requests")
            let entries = try #require(requests.json["requests"]?.arrayValue)
            #expect(entries.contains { $0["route"] == "POST /products/{productId}/submissions/{submissionId}/commit" && $0["status"] == 202 })
            #expect(!requests.text.contains(h.token))
            #expect(!requests.text.contains("/_emulator"), "admin requests are not logged")
            let state = try await h.admin(.GET, "/state")
            #expect(state.json["products"]?.arrayValue?.count == 1)
            #expect(state.json["blobs"]?.arrayValue?.isEmpty == false)
            #expect(try await h.admin(.DELETE, "/requests").status == 200)
            #expect(h.emulator.requestLog().isEmpty)
            #expect(try await h.admin(.POST, "/reset").status == 200)
            #expect(try await h.api(.GET, "/products").json["value"] == [], "reset forgets products; the token stays valid")
            #expect(try await h.admin(.GET, "/nothing").status == 404)
        }
    }

    @Test("a fault for a route the emulator does not have is refused, naming the closest route and the list")
    func unknownRouteRefused() async throws {
        try await EmulatorHarness.with { h in
            for (route, closest) in [("POST /product", "POST /products"), ("GET /products/{id}", "GET /products/{productId}"),
                                     ("PUT blob?comp=blocks", "PUT blob?comp=block")] {
                let answer = try await h.admin(.POST, "/faults", json: ["route": .string(route), "status": 503])
                #expect(answer.status == 400, "\(route): \(answer.text)")
                let message = answer.errorMessage ?? ""
                #expect(message.contains("\"\(route)\" is not a route of the emulator"), "\(message)")
                #expect(message.contains("did you mean \"\(closest)\"?"), "\(message)")
                #expect(message.contains("\"POST /{tenant}/oauth2/token\"") && message.contains("\"HEAD blob\""), "\(message)")
            }
            #expect(h.emulator.stateDump()["faults"]?.arrayValue?.isEmpty == true, "nothing was added")
            for route in ["*", "get /PRODUCTS/{productId}", " POST /products "] {
                #expect(try await h.admin(.POST, "/faults", json: ["route": .string(route), "status": 503]).status == 201, "\(route)")
            }
        }
    }

    @Test("a negative rate limit is refused, by the admin API and in a scenario")
    func negativeRateLimitRefused() async throws {
        try await EmulatorHarness.with { h in
            let refused = try await h.admin(.POST, "/rate-limit", json: ["requestsPerMinute": -5])
            #expect(refused.status == 400)
            #expect(refused.errorMessage?.contains("at least 1") == true && refused.errorMessage?.contains("got -5") == true, "\(refused.text)")
            #expect(try await h.admin(.POST, "/rate-limit", json: ["requestsPerMinute": 2]).status == 200)
            #expect(try await h.admin(.POST, "/rate-limit", json: ["requestsPerMinute": -1]).status == 400)
            #expect(h.emulator.stateDump()["rateLimit"]?["requestsPerMinute"] == 2, "a refused limit leaves the one in force")
            let scenario = try await h.admin(.POST, "/scenario", json: ["rateLimit": ["requestsPerMinute": -5]])
            #expect(scenario.status == 400 && scenario.errorMessage?.contains("rateLimit.requestsPerMinute") == true, "\(scenario.text)")
        }
        do {
            _ = try EmulatorScenario.parse(Data(#"{"rateLimit": {"requestsPerMinute": -5}}"#.utf8))
            Issue.record("a negative rate limit was accepted")
        } catch let error as ScenarioError {
            #expect(error.message.contains("rateLimit.requestsPerMinute: must be at least 1"), "\(error.message)")
        }
        do {
            _ = try EmulatorScenario.parse(Data(#"{"faults": [{"route": "GET /products/{id}", "status": 500}]}"#.utf8))
            Issue.record("an unknown route was accepted")
        } catch let error as ScenarioError {
            #expect(error.message.contains("faults[0].route") && error.message.contains("GET /products/{productId}"), "\(error.message)")
        }
    }

    @Test("an admin body past the limit is refused with 413, naming the limit")
    func adminBodyTooLarge() async throws {
        try await EmulatorHarness.with { h in
            let big = Array(repeating: UInt8(ascii: " "), count: 5 << 20)
            let answer = try await h.send(.POST, url: h.emulator.adminURL + "/faults", headers: [("Content-Type", "application/json")], body: big)
            #expect(answer.status == 413)
            #expect(answer.errorCode == "adminRequestTooLarge")
            #expect(answer.errorMessage?.contains("larger than 4 MiB") == true, "\(answer.text)")
            #expect(answer.errorMessage?.contains("POST /_emulator/faults") == true, "\(answer.text)")
        }
    }

    @Test("fail-at next applies to the next submission created")
    func failNext() async throws {
        try await EmulatorHarness.with { h in
            #expect(try await h.admin(.POST, "/submissions/next/fail-at", json: ["step": "signing", "messages": ["HSM offline"]]).status == 200)
            let (_, first) = try await h.submit(try SampleDriverPackage.zip())
            #expect(first["commitStatus"] == "commitFailed" && first["workflowStatus"]?["currentStep"] == "signing")
            h.emulator.reset()
            let (_, second) = try await h.submit(try SampleDriverPackage.zip())
            #expect(second["commitStatus"] == "commitComplete")
        }
    }

    @Test("a scenario sets faults, the rate limit and failures at start; bad scenarios say what is wrong and where")
    func scenarios() async throws {
        let text = """
            {"faults": [{"route": "GET /audiences", "status": 429, "retryAfter": 3}],
             "rateLimit": {"requestsPerMinute": 100},
             "failAt": [{"submission": "next", "step": "catalogCreation"}],
             "failLabelsAt": [{"label": "next", "step": "publishing", "messages": ["Publishing is paused."]}]}
            """
        let scenario = try EmulatorScenario.parse(Data(text.utf8))
        #expect(scenario.faults.count == 1 && scenario.failAt.first?.id == nil)
        #expect(scenario.failLabelsAt == [EmulatorScenario.LabelFailure(step: "publishing", messages: ["Publishing is paused."])])
        try await EmulatorHarness.with(EmulatorConfiguration(stepDelay: .zero, scenario: scenario)) { h in
            let limited = try await h.api(.GET, "/audiences")
            #expect(limited.status == 429 && limited.headers["Retry-After"].first == "3")
            let (_, submission) = try await h.submit(try SampleDriverPackage.zip())
            #expect(submission["workflowStatus"]?["currentStep"] == "catalogCreation")
            #expect(submission["workflowStatus"]?["messages"]?[0]?.stringValue?.contains("injected") == true)
        }
        #expect(throws: ScenarioError.self) { try EmulatorScenario.parse(Data("{\"faults\": [}".utf8)) }
        do {
            _ = try EmulatorScenario.parse(Data("{\"faults\": [{\"route\": \"x\", \"status\": \"five\"}]}".utf8))
            Issue.record("a string status was accepted")
        } catch let error as ScenarioError {
            #expect(error.message.contains("faults[0].status"), "\(error.message)")
        }
        do {
            _ = try EmulatorScenario.parse(Data("{\"faults\": [{\"route\": \"x\", \"status\": 500, \"retry_after\": 3}]}".utf8))
            Issue.record("a misspelt fault field was accepted")
        } catch let error as ScenarioError {
            #expect(error.message.contains("faults[0].retry_after"), "\(error.message)")
        }
        do {
            _ = try EmulatorScenario.parse(Data("{\"failLabelsAt\": [{\"label\": \"next\", \"step\": \"signing\"}]}".utf8))
            Issue.record("a submission step was accepted for a label")
        } catch let error as ScenarioError {
            #expect(error.message.contains("failLabelsAt[0].step") && error.message.contains("microsoftApproval"), "\(error.message)")
        }
        let alias = try EmulatorScenario.parse(Data("{\"faults\": [{\"route\": \"PUT blob?comp=block\", \"status\": 500, \"afterNth\": 3}]}".utf8))
        #expect(alias.faults.first?.nth == 3)
        do {
            _ = try EmulatorScenario.parse(Data("{\"fault\": []}".utf8))
            Issue.record("an unknown key was accepted")
        } catch let error as ScenarioError {
            #expect(error.message.contains("unknown key \"fault\""))
        }
    }
}
