import DevCenter
import DevCenterTestSupport
import Testing

@Suite("No duplicate creates, idempotent commits")
struct CreateAndCommitTests {
    typealias F = ClientFixtures

    /// A product service whose first POST fails with `failure` after (when `lands`) creating the
    /// product (and, with `alsoLanded`, others of the same name appear at the same time).
    final class Products: Sendable {
        let posts = Counter()
        let existing: [JSONValue]
        let alsoLanded: [JSONValue]
        let failure: @Sendable () throws -> TransportResponse
        let lands: Bool

        init(existing: [JSONValue] = [], alsoLanded: [JSONValue] = [], lands: Bool, failure: @escaping @Sendable () throws -> TransportResponse) {
            self.existing = existing
            self.alsoLanded = alsoLanded
            self.lands = lands
            self.failure = failure
        }

        func handle(_ request: TransportRequest) throws -> TransportResponse {
            let created = F.product(id: 99, name: "Contoso Widget")
            if request.method == "POST" {
                if posts.next() == 1 { return try failure() }
                return .json(201, created)
            }
            let landed = posts.count > 1 || (posts.count == 1 && lands)
            return .json(["value": .array(existing + (landed ? alsoLanded + [created] : [])), "links": []])
        }
    }

    @Test("a create whose answer was lost is found by name, not sent again")
    func lostAnswerFound() async throws {
        let service = Products(lands: true) {
            throw DevCenterError.network(operation: "POST /products", underlying: "connection reset by peer", delivery: .uncertain)
        }
        let transport = InMemoryTransport { try service.handle($0) }
        let capture = LogCapture()
        let product = try await F.client(transport, logger: capture.logger).createProduct(F.newProduct)
        #expect(product.id == 99)
        #expect(transport.requests("POST", "/products").count == 1)
        #expect(transport.requests.map(\.method) == ["GET", "POST", "GET"], "the listing before, the lookup after")
        #expect(capture.text.contains("created a product named \"Contoso Widget\" (ID 99) despite the failed answer"))
    }

    @Test("a create that failed with 502 and did not land is sent again after the lookup", arguments: [502, 500, 503, 504])
    func notLandedResent(_ status: Int) async throws {
        let service = Products(existing: [F.product(id: 5, name: "Other")], lands: false) { .json(status, text: "{}") }
        let transport = InMemoryTransport { try service.handle($0) }
        let product = try await F.client(transport).createProduct(F.newProduct)
        #expect(product.id == 99)
        #expect(transport.requests("POST", "/products").count == 2)
        #expect(transport.requests.map(\.method) == ["GET", "POST", "GET", "POST"])
    }

    @Test("an older product of the same name is never taken for the one created")
    func olderMatchSetAside() async throws {
        // It did not land: the older one is set aside and the create sent again.
        let notLanded = Products(existing: [F.product(id: 7, name: "Contoso Widget")], lands: false) { .json(503, text: "{}") }
        let t1 = InMemoryTransport { try notLanded.handle($0) }
        #expect(try await F.client(t1).createProduct(F.newProduct).id == 99)
        #expect(t1.requests.map(\.method) == ["GET", "POST", "GET", "POST"])
        // It landed: the new one is adopted, not the older one.
        let landed = Products(existing: [F.product(id: 7, name: "Contoso Widget")], lands: true) { .json(503, text: "{}") }
        let t2 = InMemoryTransport { try landed.handle($0) }
        #expect(try await F.client(t2).createProduct(F.newProduct).id == 99)
        #expect(t2.requests.map(\.method) == ["GET", "POST", "GET"])
        // Known IDs given by the caller replace the listing before the first attempt.
        let known = Products(existing: [F.product(id: 7, name: "Contoso Widget")], lands: true) { .json(503, text: "{}") }
        let t3 = InMemoryTransport { try known.handle($0) }
        #expect(try await F.client(t3).createProduct(F.newProduct, knownExisting: [7]).id == 99)
        #expect(t3.requests.map(\.method) == ["POST", "GET"])
    }

    @Test("a listing before the create that fails ends it unsent")
    func listingBeforeFails() async throws {
        let transport = InMemoryTransport { _ in .json(403, text: "{}") }
        await #expect {
            try await F.client(transport).createProduct(F.newProduct)
        } throws: { error in
            guard let e = error as? DevCenterError else { return false }
            return e.kind == .forbidden && e.delivery == .notSent && e.message.contains("POST /products was not sent")
        }
        #expect(transport.requests.map(\.method) == ["GET"])
    }

    @Test("a create that provably never left, or was refused with 429, is sent again without a lookup")
    func notSentRetried() async throws {
        let failures: [@Sendable () throws -> TransportResponse] = [
            { throw DevCenterError.network(operation: "POST /products", underlying: "refused", delivery: .notSent) },
            { .json(429, text: "{}", headers: ["Retry-After": "3"]) },
        ]
        for failure in failures {
            let service = Products(lands: false, failure: failure)
            let transport = InMemoryTransport { try service.handle($0) }
            let clock = VirtualClock()
            _ = try await F.client(transport, clock: clock).createProduct(F.newProduct)
            #expect(transport.requests.map(\.method) == ["GET", "POST", "POST"], "no lookup after the failure")
        }
    }

    @Test("several new products of that name make the outcome uncertain, naming what to check")
    func ambiguousMatches() async throws {
        let service = Products(
            existing: [F.product(id: 5, name: "Contoso Widget")], alsoLanded: [F.product(id: 7, name: "Contoso Widget")], lands: true
        ) { .json(504, text: "{}") }
        let transport = InMemoryTransport { try service.handle($0) }
        await #expect {
            try await F.client(transport).createProduct(F.newProduct)
        } throws: { error in
            guard let e = error as? DevCenterError else { return false }
            return e.kind == .uncertainOutcome && e.details == ["found 2 new of a product named \"Contoso Widget\": IDs 7, 99"]
                && e.description.contains("GET /products") && e.status == 504
        }
        #expect(transport.requests("POST", "/products").count == 1)
    }

    @Test("a lookup that fails makes the outcome uncertain")
    func lookupFails() async throws {
        let posts = Counter()
        let transport = InMemoryTransport { request in
            if request.method == "POST" {
                posts.next()
                return .json(502, text: "{}")
            }
            return posts.count == 0 ? .json(["value": [], "links": []]) : .json(403, text: "{}")
        }
        await #expect {
            try await F.client(transport).createProduct(F.newProduct)
        } throws: { error in
            (error as? DevCenterError)?.kind == .uncertainOutcome && "\(error)".contains("looking for a product named")
        }
    }

    @Test("the lookups of a reconciliation end within the create's deadline")
    func reconciliationWithinDeadline() async throws {
        let posts = Counter()
        let transport = InMemoryTransport { request in
            if request.method == "POST" {
                posts.next()
                return .json(503, text: "{}")
            }
            // The first lookups find nothing; after the third POST the service stops answering lists.
            return posts.count < 3 ? .json(["value": [], "links": []]) : .json(503, text: "{}")
        }
        let clock = VirtualClock()
        let client = DevCenterClient(
            configuration: DevCenterConfiguration(
                retryPolicy: RetryPolicy(maximumAttempts: 10, initialDelay: .seconds(1), deadline: .seconds(10), jitter: .none)),
            credentials: .accessToken(Secret(F.token)), transport: transport, clock: clock.devCenterClock)
        await #expect {
            try await client.createProduct(F.newProduct)
        } throws: { error in (error as? DevCenterError)?.kind == .uncertainOutcome }
        #expect(posts.count == 3)
        #expect(clock.elapsed <= .seconds(10), "the operation took \(clock.elapsed)")
    }

    @Test("a refused create is reported at once")
    func refusedCreate() async throws {
        let transport = InMemoryTransport { _ in
            .json(400, text: #"{"error": {"code": "invalidInput", "message": "bad", "validationErrors": [{"target": "productName", "message": "too long"}]}}"#)
        }
        await #expect {
            try await F.client(transport).createProduct(F.newProduct)
        } throws: { error in (error as? DevCenterError)?.validationErrors.first?.target == "productName" }
        #expect(transport.requests.count == 1)
    }

    @Test("a submission create is reconciled among the product's submissions")
    func submissionReconciled() async throws {
        let posts = Counter()
        let transport = InMemoryTransport { request in
            switch (request.method, request.path) {
            case ("POST", _):
                posts.next()
                return .json(500, text: "{}")
            case ("GET", let p) where p.hasSuffix("/submissions"):
                guard posts.count > 0 else { return .json(["value": []]) }
                return .json(["value": [["id": 3, "productId": 1, "name": "contoso-widget 1.2.0", "type": "initial"]]])
            default:
                return .json(F.submission("commitPending"))
            }
        }
        let s = try await F.client(transport).createSubmission(productID: 1, NewSubmission(name: "contoso-widget 1.2.0"))
        #expect(s.uploadURL?.contains("in.zip") == true, "the whole submission is fetched, with its upload URL")
        #expect(posts.count == 1)
    }

    @Test("a commit whose answer failed is not sent again when the submission shows it landed", arguments: ["commitReceived", "CommitComplete"])
    func commitLanded(_ status: String) async throws {
        let transport = InMemoryTransport { request in
            request.method == "POST" ? .json(500, text: "{}") : .json(F.submission(status))
        }
        try await F.client(transport).commitSubmission(productID: 1, submissionID: 2)
        #expect(transport.requests.map(\.method) == ["POST", "GET"])
    }

    @Test("a commit that did not land is sent again")
    func commitResent() async throws {
        let posts = Counter()
        let transport = InMemoryTransport { request in
            if request.method == "POST" { return posts.next() == 1 ? .json(503, text: "{}") : .empty(202) }
            return .json(F.submission("commitPending"))
        }
        try await F.client(transport).commitSubmission(productID: 1, submissionID: 2)
        #expect(transport.requests.map(\.method) == ["POST", "GET", "POST"])
    }

    @Test("a commit refused because it already landed succeeds: the submission is read once, the commit not sent again")
    func commitAlreadyCommitted() async throws {
        let transport = InMemoryTransport { request in
            request.method == "POST"
                ? .json(400, text: #"{"error": {"code": "requestInvalidForCurrentState", "message": "already committed"}}"#)
                : .json(F.submission("commitReceived"))
        }
        try await F.client(transport).commitSubmission(productID: 1, submissionID: 2)
        #expect(transport.requests.map(\.method) == ["POST", "GET"])
        #expect(transport.requests.last?.path.hasSuffix("/products/1/submissions/2") == true, "the submission itself is read")
    }

    @Test("a commit refused while the submission is still pending fails with the refusal, sent once")
    func commitRefusedWhilePending() async throws {
        let transport = InMemoryTransport { request in
            request.method == "POST"
                ? .json(400, text: #"{"error": {"code": "requestInvalidForCurrentState", "message": "no package uploaded"}}"#)
                : .json(F.submission("commitPending"))
        }
        let error = await #expect(throws: DevCenterError.self) {
            try await F.client(transport).commitSubmission(productID: 1, submissionID: 2)
        }
        #expect(error?.kind == .invalidState, "\(String(describing: error))")
        #expect(transport.requests.filter { $0.method == "POST" }.count == 1, "\(transport.requests.map(\.method))")
    }
}
