import DevCenter
import DevCenterEmulator
import DevCenterTestSupport
import Foundation
import Testing

@Suite("Against the emulator (slow): creates that must not duplicate")
struct NoDuplicateIntegrationTests {
    func products(named name: String, in h: IntegrationHarness) async throws -> [Product] {
        try await h.client().products().collect().filter { $0.productName == name }
    }

    @Test("a create whose connection dropped is looked up, then sent again: one product")
    func droppedCreate() async throws {
        try await IntegrationHarness.run { h in
            h.emulator.injectFault(FaultRule(route: "POST /products", drop: true))
            let product = try await h.client().createProduct(IntegrationHarness.newProduct("Dropped create"))
            #expect(try await products(named: "Dropped create", in: h).map(\.id) == [product.id])
            #expect(h.requests("POST /products").count == 2)
            #expect(h.requests("GET /products").count >= 2, "a lookup came between the two creates")
        }
    }

    @Test("a create that was processed but whose answer was lost is found, not made again: one product, one POST")
    func processedAnswerLost() async throws {
        try await IntegrationHarness.run { h in
            h.emulator.injectFault(FaultRule(route: "POST /products", drop: true, after: true))
            let product = try await h.client().createProduct(IntegrationHarness.newProduct("Late create"))
            #expect(try await products(named: "Late create", in: h).map(\.id) == [product.id])
            #expect(h.requests("POST /products").map(\.fault) == ["dropped after handling"])
        }
    }

    @Test("a create refused with 503 is looked up, then sent again: one product")
    func unavailableCreate() async throws {
        try await IntegrationHarness.run { h in
            h.emulator.injectFault(FaultRule(route: "POST /products", status: 503))
            _ = try await h.client().createProduct(IntegrationHarness.newProduct("Unavailable"))
            #expect(try await products(named: "Unavailable", in: h).count == 1)
            #expect(h.requests("POST /products").map(\.status) == [503, 201])
        }
    }

    @Test("a create refused with 429 is sent again after Retry-After, with no lookup")
    func rateLimitedCreate() async throws {
        try await IntegrationHarness.run { h in
            h.emulator.injectFault(FaultRule(route: "POST /products", status: 429, retryAfter: 5))
            _ = try await h.client().createProduct(IntegrationHarness.newProduct("Limited create"))
            #expect(h.requests("POST /products").map(\.status) == [429, 201])
            #expect(h.requests("GET /products").count == 1, "the listing before the first attempt; no lookup after a 429")
            #expect(h.clock.sleeps.contains(.seconds(5)))
        }
    }

    @Test("a submission create whose connection dropped makes one submission")
    func droppedSubmissionCreate() async throws {
        try await IntegrationHarness.run { h in
            let client = try h.client()
            let product = try await client.createProduct(IntegrationHarness.newProduct("Submission drop"))
            h.emulator.injectFault(FaultRule(route: "POST /products/{productId}/submissions", drop: true))
            let submission = try await client.createSubmission(productID: product.id, NewSubmission(name: "sd 1.0"))
            #expect(submission.uploadURL != nil)
            #expect(try await client.submissions(productID: product.id).collect().count == 1)
        }
    }

    // MARK: An older resource of the same name is never adopted

    @Test("an older product of the same name is not taken for a create that failed with 503: the create is sent again")
    func olderProductNotAdoptedAfter503() async throws {
        try await IntegrationHarness.run { h in
            let client = try h.client()
            let old = try await client.createProduct(IntegrationHarness.newProduct("Widget"))
            h.emulator.injectFault(FaultRule(route: "POST /products", status: 503))
            let product = try await client.createProduct(IntegrationHarness.newProduct("Widget"))
            #expect(product.id != old.id, "the new product is returned, not the old one")
            #expect(h.requests("POST /products").map(\.status) == [201, 503, 201])
            let all = try await products(named: "Widget", in: h)
            #expect(Set(all.map(\.id)) == [old.id, product.id])
            #expect(try await client.product(old.id).json == old.json, "the old product is untouched")
        }
    }

    @Test("a create that landed but whose answer was lost adopts the new product, never the older one of the same name")
    func newProductAdoptedBesideOlder() async throws {
        try await IntegrationHarness.run { h in
            let client = try h.client()
            let old = try await client.createProduct(IntegrationHarness.newProduct("Widget"))
            h.emulator.injectFault(FaultRule(route: "POST /products", drop: true, after: true))
            let product = try await client.createProduct(IntegrationHarness.newProduct("Widget"))
            #expect(product.id != old.id)
            #expect(h.requests("POST /products").count == 2, "one for the old product, one for the new")
            #expect(Set(try await products(named: "Widget", in: h).map(\.id)) == [old.id, product.id])
        }
    }

    @Test("IDs already known are not listed again before the create")
    func knownExistingSkipsListing() async throws {
        try await IntegrationHarness.run { h in
            let client = try h.client()
            let old = try await client.createProduct(IntegrationHarness.newProduct("Widget"))
            h.emulator.clearRequestLog()
            h.emulator.injectFault(FaultRule(route: "POST /products", drop: true, after: true))
            let product = try await client.createProduct(IntegrationHarness.newProduct("Widget"), knownExisting: [old.id])
            #expect(product.id != old.id)
            #expect(h.requests("GET /products").count == 1, "only the lookup after the lost answer")
        }
    }

    @Test("submissions: an older one of the same name is set aside, after a 503 and after a lost answer")
    func olderSubmissionNotAdopted() async throws {
        try await IntegrationHarness.run { h in
            let client = try h.client()
            let (initial, _) = try await h.signedSubmission(client, name: "Derived")
            let productID = initial.productId
            let derived = NewSubmission(name: "Derived 1.1", type: .derived)
            let old = try await client.createSubmission(productID: productID, derived)
            let route = "POST /products/{productId}/submissions"

            h.emulator.injectFault(FaultRule(route: route, status: 503))
            let second = try await client.createSubmission(productID: productID, derived)
            h.emulator.injectFault(FaultRule(route: route, drop: true, after: true))
            let third = try await client.createSubmission(productID: productID, derived)

            #expect(Set([old.id, second.id, third.id]).count == 3, "each create returned its own submission")
            #expect(third.uploadURL != nil, "an adopted submission is fetched whole")
            #expect(h.requests(route).map(\.status) == [201, 201, 503, 201, 0])
            let named = try await client.submissions(productID: productID).collect().filter { $0.name == "Derived 1.1" }
            #expect(Set(named.map(\.id)) == [old.id, second.id, third.id])
        }
    }

    @Test("shipping labels: an ambiguous create is reconciled, and an older label of the same name is set aside")
    func shippingLabelReconciled() async throws {
        try await IntegrationHarness.run { h in
            let client = try h.client()
            let (submission, target) = try await h.signedSubmission(client, name: "Labels")
            let (productID, submissionID) = (submission.productId, submission.id)
            let label = NewShippingLabel(
                name: "to Windows Update",
                publishingSpecifications: PublishingSpecifications(
                    goLiveDate: "2026-12-01T00:00:00Z", isAutoInstallDuringOSUpgrade: false, isAutoInstallOnApplicableSystems: false),
                targeting: Targeting(hardwareIds: [target]))
            let route = "POST /products/{productId}/submissions/{submissionId}/shippingLabels"

            // The answer is lost after the label was made: it is found, not made again.
            h.emulator.injectFault(FaultRule(route: route, drop: true, after: true))
            let first = try await client.createShippingLabel(productID: productID, submissionID: submissionID, label)
            #expect(h.requests(route).map(\.status) == [0])
            // With that label there, a 503 (nothing made) leads to a second POST, not to adopting it.
            h.emulator.injectFault(FaultRule(route: route, status: 503))
            let second = try await client.createShippingLabel(productID: productID, submissionID: submissionID, label)
            #expect(second.id != first.id)
            // And a lost answer adopts the new label, not the older one.
            h.emulator.injectFault(FaultRule(route: route, drop: true, after: true))
            let third = try await client.createShippingLabel(productID: productID, submissionID: submissionID, label)
            #expect(third.id != first.id && third.id != second.id)

            #expect(h.requests(route).map(\.status) == [0, 503, 201, 0])
            let labels = try await client.shippingLabels(productID: productID, submissionID: submissionID).collect()
            #expect(Set(labels.map(\.id)) == [first.id, second.id, third.id])

            // A cancel that landed with its answer lost is refused when sent again; the label
            // shows it landed, so the call succeeds. A label that was never cancelled does not.
            let cancel = "PUT /products/{productId}/submissions/{submissionId}/shippingLabels/{shippingLabelId}/cancel"
            // The service cancels a label only in Microsoft approval (or the rollout after it):
            // five and a half steps of a minute on, the label is there.
            h.emulator.advanceClock(bySeconds: 330)
            h.emulator.injectFault(FaultRule(route: cancel, status: 503, after: true))
            try await client.cancelShippingLabel(productID: productID, submissionID: submissionID, labelID: first.id)
            #expect(h.requests(cancel).map(\.status) == [503, 400])
            let cancelled = try await client.shippingLabel(productID: productID, submissionID: submissionID, labelID: first.id, includeTargetingInfo: true)
            #expect(cancelled.targeting?.hardwareIds?.allSatisfy { $0.distributionState == .pendingRemove } == true)
            await #expect(throws: DevCenterError.self, "a second cancel of a cancelled label is refused") {
                try await client.cancelShippingLabel(productID: productID, submissionID: submissionID, labelID: first.id)
            }
        }
    }
}
