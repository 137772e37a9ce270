import DevCenter
import DevCenterTestSupport
import Foundation
import Testing

@Suite("The client over an in-memory transport")
struct DevCenterClientTests {
    typealias F = ClientFixtures

    @Test("every request carries the token, Accept, User-Agent, the client's correlation ID and its own request ID")
    func headers() async throws {
        let transport = InMemoryTransport { request in
            request.method == "GET" ? .json(text: F.productText) : .empty(202)
        }
        let client = F.client(transport)
        _ = try await client.product(14_631_253_285_588_838)
        try await client.commitSubmission(productID: 1, submissionID: 2)
        let requests = transport.requests
        #expect(requests.count == 2)
        for r in requests {
            #expect(r.headers["Authorization"] == "Bearer \(F.token)")
            #expect(r.headers["Accept"] == "application/json")
            #expect(r.headers["User-Agent"] == HWSubmitVersion.userAgent)
            #expect(r.headers["MS-CorrelationId"] == F.correlationID)
            #expect(UUID(uuidString: r.headers["MS-RequestId"] ?? "") != nil)
        }
        #expect(requests[0].headers["MS-RequestId"] != requests[1].headers["MS-RequestId"])
        #expect(requests[0].url == "https://manage.devcenter.microsoft.com/v2.0/my/hardware/products/14631253285588838")
        #expect(requests[1].url.hasSuffix("/products/1/submissions/2/commit"))
        #expect(requests[1].body == [], "commit sends no body")
        #expect(requests[1].headers["Content-Type"] == nil)
    }

    @Test("the published samples decode: stale link hosts, string IDs, case styles, numeric steps, unknown fields kept")
    func publishedSamples() async throws {
        let transport = InMemoryTransport { request in
            if request.path.hasSuffix("/submissions/1152921504621465124") {
                return .json(text: #"""
                    {"id": "1152921504621465124", "productId": 14631253285588838, "name": "s", "type": "Initial",
                     "commitStatus": "CommitComplete", "workflowStatus": {"currentStep": 7, "state": "completed", "messages": []},
                     "downloads": {"items": [{"type": "ExternalNotes", "url": "u"}], "messages": []}, "futureField": [1, 2]}
                    """#)
            }
            return .json(text: F.productText)
        }
        let client = F.client(transport)
        let product = try await client.product(14_631_253_285_588_838)
        #expect(product.sharedProductId == 1_152_921_504_606_971_255)
        #expect(product.testHarness == .attestation)
        #expect(product.json["originType"] == "partner")
        #expect(product.links?.first?.href.contains("stale.example.net") == true)
        let submission = try await client.submission(productID: 14_631_253_285_588_838, submissionID: 1_152_921_504_621_465_124)
        #expect(submission.id == 1_152_921_504_621_465_124)
        #expect(submission.commitStatus == .commitComplete)
        #expect(submission.workflowStatus?.currentStep == .finalizeIngestion)
        #expect(submission.progress == .succeeded)
        #expect(submission.json["futureField"] == [1, 2])
        #expect(submission.downloads?.items.first?.type.rawValue == "ExternalNotes")
    }

    @Test("lists follow next_link lazily, under the configured base whatever host the link names")
    func paging() async throws {
        let transport = InMemoryTransport { request in
            let page = request.query.flatMap { Int($0.replacingOccurrences(of: "page=", with: "")) } ?? 1
            let items: [JSONValue] = (0..<3).map { F.product(id: Int64(page * 10 + $0), name: "p\(page)") }
            var links: [JSONValue] = []
            switch page {
            case 1: links = [["href": "https://stale.example.net/v2.0/my/hardware/products?page=2", "rel": "next_link", "method": "GET"]]
            case 2: links = [["href": "products?page=3", "rel": "next_link"], ["href": "x", "rel": "self"]]
            default: break
            }
            return .json(["value": .array(items), "links": .array(links)])
        }
        let client = F.client(transport)
        let ids = try await client.products().collect().map(\.id)
        #expect(ids == [10, 11, 12, 20, 21, 22, 30, 31, 32])
        #expect(transport.requests.map(\.url) == [
            "https://manage.devcenter.microsoft.com/v2.0/my/hardware/products",
            "https://manage.devcenter.microsoft.com/v2.0/my/hardware/products?page=2",
            "https://manage.devcenter.microsoft.com/v2.0/my/hardware/products?page=3",
        ])
        var firstOnly = client.products().makeAsyncIterator()
        _ = try await firstOnly.next()
        #expect(transport.requests.count == 4, "taking one item fetches one page")
    }

    @Test("pages come one request at a time, each with its items, and end after the last")
    func pages() async throws {
        let transport = InMemoryTransport { request in
            let page = request.query.flatMap { Int($0.replacingOccurrences(of: "page=", with: "")) } ?? 1
            let items: [JSONValue] = page == 2 ? [] : [F.product(id: Int64(page), name: "p\(page)")]
            let links: [JSONValue] = page < 3 ? [["href": .string("products?page=\(page + 1)"), "rel": "next_link"]] : []
            return .json(["value": .array(items), "links": .array(links)])
        }
        var pages = F.client(transport).products().pages.makeAsyncIterator()
        #expect(try await pages.next()?.map { $0.id } == [1])
        #expect(transport.requests.count == 1)
        #expect(try await pages.next()?.isEmpty == true, "an empty page with a link to more is a page")
        #expect(try await pages.next()?.map { $0.id } == [3])
        #expect(try await pages.next() == nil)
        #expect(transport.requests.count == 3)
    }

    @Test("a next_link that points back at a page already read is an error, not a loop")
    func pagingLoop() async throws {
        let transport = InMemoryTransport { _ in
            .json(["value": [F.product(id: 1, name: "a")], "links": [["href": "products?page=2", "rel": "next_link"]]])
        }
        await #expect(throws: DevCenterError.self) { try await F.client(transport).products().collect() }
        #expect(transport.requests.count == 2)
    }

    @Test("errors in every body shape carry kind, code, IDs and the correlation ID")
    func errorShapes() async throws {
        let bodies: [(Int, String, DevCenterError.Kind, String)] = [
            (404, #"{"error": {"code": "entityNotFound", "message": "Product not found"}}"#, .notFound, "entityNotFound"),
            (400, #"{"code": "requestInvalidForCurrentState", "message": "Initial submission already exists"}"#, .invalidState, "requestInvalidForCurrentState"),
            (403, "<html><head><title>Access denied</title></head></html>", .forbidden, "forbidden"),
            (400, "", .invalidInput, "invalidInput"),
        ]
        for (status, body, kind, code) in bodies {
            let transport = InMemoryTransport { _ in TransportResponse(status: status, headers: ["MS-RequestId": "srv-7"], body: Array(body.utf8)) }
            await #expect {
                try await F.client(transport).product(1)
            } throws: { error in
                guard let e = error as? DevCenterError else { return false }
                return e.kind == kind && e.code == code && e.status == status && e.requestID == "srv-7"
                    && e.correlationID == F.correlationID && e.operation == "GET /products/1"
            }
        }
    }

    @Test("a 401 gets one fresh token and the request is sent again")
    func unauthorizedRefresh() async throws {
        let tokens = Counter()
        let transport = InMemoryTransport { request in
            if request.path.hasSuffix("/oauth2/token") {
                return .json(["access_token": .string("token-\(tokens.next())"), "expires_in": 3600])
            }
            return request.headers["Authorization"] == "Bearer token-1" ? .json(401, text: "{}") : .json(text: F.productText)
        }
        let client = F.client(
            transport, credentials: .client(.init(tenantID: "t", clientID: "c", clientSecret: Secret("the-secret"))))
        let product = try await client.product(1)
        #expect(product.productName == "Contoso Widget")
        #expect(transport.requests.map(\.path) == ["/t/oauth2/token", "/v2.0/my/hardware/products/1", "/t/oauth2/token", "/v2.0/my/hardware/products/1"])
    }

    @Test("a 401 with a static token is reported at once, saying the token has probably expired")
    func staticTokenRefused() async throws {
        let transport = InMemoryTransport { _ in .json(401, text: "{}") }
        await #expect {
            try await F.client(transport).product(1)
        } throws: { error in
            (error as? DevCenterError)?.kind == .authentication && "\(error)".contains("HDC_ACCESS_TOKEN")
        }
        #expect(transport.requests.count == 1)
    }

    @Test("a 403 names the roles the app registration needs")
    func forbidden() async throws {
        let transport = InMemoryTransport { _ in .json(403, text: "{}") }
        await #expect {
            try await F.client(transport).createShippingLabel(
                productID: 1, submissionID: 2, NewShippingLabel(name: "l", targeting: Targeting()))
        } throws: { error in
            let text = "\(error)"
            return text.contains("Manager") && text.contains("Driver submitter") && text.contains("Shipping Label owner")
        }
    }
}

@Suite("What the client logs")
struct ClientLoggingTests {
    typealias F = ClientFixtures

    @Test("a whole flow logs its requests with IDs, and never a token, the secret or a SAS signature")
    func noSecretsLogged() async throws {
        let jwt = "eyJ0eXAiOiJKV1QifQ.eyJhdWQiOiJodHRwczovL21hbmFnZSJ9.c2lnbmF0dXJlLXBhcnQtbG9uZw"
        let polls = Counter()
        let transport = InMemoryTransport { request in
            switch (request.method, request.path) {
            case (_, let p) where p.hasSuffix("/oauth2/token"):
                return .json(["access_token": .string(jwt), "expires_in": "3599", "token_type": "Bearer"])
            case ("POST", let p) where p.hasSuffix("/submissions"):
                return .json(201, F.submission("commitPending"))
            case ("POST", _):
                return .json(502, text: "{}")
            default:
                return polls.next() < 2 ? .json(F.submission("commitReceived")) : .json(F.submission("commitComplete", signed: true))
            }
        }
        let capture = LogCapture()
        let client = F.client(
            transport, credentials: .client(.init(tenantID: "t", clientID: "c", clientSecret: Secret("Sup3r-Secret~value"))),
            logger: capture.logger)
        let submission = try await client.createSubmission(productID: 1, NewSubmission(name: "contoso-widget 1.2.0"))
        client.logger.info("upload to \(submission.uploadURL ?? "")")
        try await client.commitSubmission(productID: 1, submissionID: submission.id)
        _ = try await client.waitForSubmission(productID: 1, submissionID: submission.id, options: WaitOptions(pollInterval: .milliseconds(10)))
        let text = capture.text
        #expect(text.contains("POST /products/1/submissions answered 201"))
        #expect(text.contains("ms-request-id="))
        #expect(text.contains("ms-correlation-id=\(F.correlationID)"))
        let secrets = [jwt, "Sup3r-Secret~value", "UPLOADSIG", "SIGNEDSIG"]
        for secret in secrets { #expect(!text.contains(secret), "\(secret) appeared in the log") }
    }
}
